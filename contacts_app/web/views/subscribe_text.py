"""The words of the subscribe pages, in Swedish and English (the steps name each client's own menus)."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "sv": {
        "title": "Prenumerera",
        "heading": "Prenumerera på {name}",
        "intro": "Lägg till adressboken i telefonen, datorn eller e-postprogrammet en gång, så håller den "
                 "sig själv uppdaterad: ändras ett nummer här ändras det hos dig vid nästa synkning. "
                 "Adressboken går bara att läsa; det du ändrar hos dig skrivs inte tillbaka.",
        "count": "{n} kontakter",
        "details": "Det här skriver du in",
        "server": "Adress (server)",
        "user": "Användarnamn",
        "password": "Lösenord",
        "any_password": "vilket som helst, till exempel {user}",
        "book_address": "Adressbokens egen adress",
        "ios": "iPhone och iPad",
        "ios_profile": "Öppna profilen i Safari på telefonen:",
        "profile_link": "Hämta profilen (.mobileconfig)",
        "ios_profile_after": "Gå sedan till Inställningar → Profil hämtad → Installera.",
        "ios_manual": "Eller för hand: Inställningar → Kontakter → Konton → Lägg till konto → Annat → "
                      "Lägg till CardDAV-konto. Skriv adressen, användarnamnet och ett lösenord.",
        "macos": "Mac",
        "macos_steps": "Öppna profilen ovan, eller: Kontakter → Inställningar → Konton → + → Annat "
                       "kontaktkonto → CardDAV, Kontotyp Manuell. Skriv användarnamnet, ett lösenord och "
                       "adressen.",
        "android": "Android (DAVx⁵)",
        "android_steps": "Installera DAVx⁵. Tryck + → Logga in med webbadress och användarnamn. Skriv "
                         "adressen, användarnamnet och ett lösenord, tryck Logga in och markera adressboken "
                         "under CardDAV.",
        "thunderbird": "Thunderbird",
        "thunderbird_steps": "Adressbok → Ny adressbok → Lägg till CardDAV-adressbok. Skriv användarnamnet "
                             "och adressbokens egen adress, tryck Fortsätt och skriv ett lösenord.",
        "vdirsyncer": "vdirsyncer och andra program",
        "vdirsyncer_steps": "Spara detta som ~/.config/vdirsyncer/config, kör vdirsyncer discover (svara y "
                            "när det frågar om mappen ska skapas) och sedan vdirsyncer sync, gärna regelbundet "
                            "(till exempel varje timme).",
        "qr_heading": "Adressen som QR-kod",
        "qr_help": "Skanna med telefonens kamera för att få adressen dit.",
        "qr_alt": "QR-kod med adressen {url}",
        "other_books": "Bara en organisation",
        "other_books_help": "Varje organisation har en egen adressbok med ett eget användarnamn:",
        "whole_directory": "Hela katalogen",
        "profile_description": "Lägger till adressboken {name} (skrivskyddad). Den hålls uppdaterad av sig själv.",
    },
    "en": {
        "title": "Subscribe",
        "heading": "Subscribe to {name}",
        "intro": "Add the address book to your phone, computer or mail program once and it keeps itself "
                 "current: when a number changes here, it changes on your side at the next sync. "
                 "The address book is read-only; what you change on your side is not written back.",
        "count": "{n} contacts",
        "details": "What to type",
        "server": "Address (server)",
        "user": "User name",
        "password": "Password",
        "any_password": "any, for example {user}",
        "book_address": "The address book's own address",
        "ios": "iPhone and iPad",
        "ios_profile": "Open the profile in Safari on the phone:",
        "profile_link": "Download the profile (.mobileconfig)",
        "ios_profile_after": "Then go to Settings → Profile Downloaded → Install.",
        "ios_manual": "Or by hand: Settings → Contacts → Accounts → Add Account → Other → Add CardDAV "
                      "Account. Type the address, the user name and a password.",
        "macos": "Mac",
        "macos_steps": "Open the profile above, or: Contacts → Settings → Accounts → + → Other Contacts "
                       "Account → CardDAV, Account Type Manual. Type the user name, a password and the "
                       "address.",
        "android": "Android (DAVx⁵)",
        "android_steps": "Install DAVx⁵. Tap + → Login with URL and user name. Type the address, the user "
                         "name and a password, tap Login and tick the address book under CardDAV.",
        "thunderbird": "Thunderbird",
        "thunderbird_steps": "Address Book → New Address Book → Add CardDAV Address Book. Type the user name "
                             "and the address book's own address, press Continue and type a password.",
        "vdirsyncer": "vdirsyncer and other programs",
        "vdirsyncer_steps": "Save this as ~/.config/vdirsyncer/config, run vdirsyncer discover (answer y when "
                            "it asks whether to create the folder), then vdirsyncer sync, regularly (every hour, "
                            "for example).",
        "qr_heading": "The address as a QR code",
        "qr_help": "Scan it with the phone's camera to get the address there.",
        "qr_alt": "QR code of the address {url}",
        "other_books": "Just one organisation",
        "other_books_help": "Every organisation has an address book of its own, with a user name of its own:",
        "whole_directory": "The whole directory",
        "profile_description": "Adds the address book {name} (read-only). It keeps itself current.",
    },
}

"""What each rule says, in English and Swedish, keyed by its code (model/rules.py) and a variant: the
catalogue validation fills in, so a finding can be shown in either language.

Values named `what` or `shape` are words of the product (a field's name, "a contact", "list") and are
put into the finding's language too; a value named `…_sv` is given for the Swedish message alone; every
other value is the file's own text and shown as written.
"""

from __future__ import annotations

import re

RULE_MESSAGES: dict[str, dict[str, str]] = {
    "id-too-long": {"en": "the id is {length} characters; shorten it to {limit} or fewer",
                    "sv": "id:t är {length} tecken långt; korta det till högst {limit}"},
    "url-invalid": {"en": "source url {url} should start with https:// (or http://)",
                    "sv": "källans url {url} ska börja med https:// (eller http://)"},
    "text-hidden-character": {
        "en": "{what} holds {character} at character {place}, which hides or reorders text on pages and in "
              "spreadsheets; delete it",
        "sv": "{what} innehåller {character} vid tecken {place}, som döljer eller kastar om text på sidor och i "
              "kalkylblad; ta bort det",
    },
    "card-too-big": {
        "en": "the contact's card is about {size} bytes, more than a QR code holds ({limit}): a site built without "
              "--base-url, whose QR codes carry the whole card, shows none for it; shorten the title or organisation",
        "sv": "kontaktens kort är cirka {size} byte, mer än en QR-kod rymmer ({limit}): en webbplats byggd utan "
              "--base-url, vars QR-koder bär hela kortet, visar ingen för det; korta titeln eller organisationen",
    },
    "yaml-tag": {"en": "the tag {tag} is not allowed in a contacts file; remove it and write plain text",
                 "sv": "taggen {tag} är inte tillåten i en kontaktfil; ta bort den och skriv vanlig text"},
    "yaml-too-deep": {"en": "values are nested more than {depth} levels deep; no contacts file needs that",
                      "sv": "värdena är nästlade mer än {depth} nivåer djupt; ingen kontaktfil behöver det"},
    "yaml-alias": {"en": "aliases (*name) are not allowed here; write the value out in full",
                   "sv": "alias (*namn) är inte tillåtna här; skriv ut värdet i sin helhet"},
    "yaml-syntax:documents": {
        "en": "a second YAML document starts here (---); a contacts file is a single document, so remove the line",
        "sv": "ett andra YAML-dokument börjar här (---); en kontaktfil är ett enda dokument, så ta bort raden",
    },
    "yaml-syntax:tab": {
        "en": "a tab: YAML indents with spaces only; replace the tab with spaces (contacts fmt does it for you)",
        "sv": "en tabb: YAML drar in med mellanslag; byt tabben mot mellanslag (contacts fmt gör det åt dig)",
    },
    "yaml-syntax:unclosed-quote": {
        "en": "the {quote} that opens this value is never closed; add {quote} at the end of the value",
        "sv": "citattecknet {quote} som inleder värdet stängs aldrig; lägg till {quote} i slutet av värdet",
    },
    "yaml-syntax:colon-in-value": {
        "en": 'a colon and a space inside a value read as a new key; put the text in quotes: {key}: "{value}"',
        "sv": 'kolon och mellanslag i ett värde läses som en ny nyckel; sätt texten inom citattecken: {key}: "{value}"',
    },
    "yaml-syntax:no-space": {
        "en": "put a space after the colon: {key}: {value}",
        "sv": "sätt ett mellanslag efter kolonet: {key}: {value}",
    },
    "yaml-syntax:indent": {
        "en": "this line is indented {found} spaces where the lines of its level above have {expected}; "
              "line it up with them",
        "sv": "raden är indragen {found} mellanslag där raderna på samma nivå ovanför har {expected}; "
              "rätta in den efter dem",
    },
    "yaml-syntax:other": {
        "en": "{problem}{context}; check the indentation and quoting around here",
        "sv": "{problem}{context}; kontrollera indrag och citattecken här omkring",
    },
    "yaml-syntax:character": {
        "en": "the character U+{code} is not allowed in YAML ({reason}); remove it",
        "sv": "tecknet U+{code} är inte tillåtet i YAML ({reason}); ta bort det",
    },
    "empty-file": {"en": "the file is empty; it should start with contacts: and a list",
                   "sv": "filen är tom; den ska börja med contacts: och en lista"},
    "wrong-type:file": {"en": "the file should be a mapping starting with contacts:, not a {shape}",
                        "sv": "filen ska vara en mappning som börjar med contacts:, inte {shape}"},
    "wrong-type:contact": {"en": "each contact should be a mapping of fields (id:, name:, ...), not a {shape}",
                           "sv": "varje kontakt ska vara en mappning av fält (id:, name:, ...), inte {shape}"},
    "wrong-type:key": {"en": "a key in {what} must be a plain word", "sv": "en nyckel i {what} ska vara ett enkelt ord"},
    "wrong-type:text": {"en": "{what} should be text, not a {shape}", "sv": "{what} ska vara text, inte {shape}"},
    "wrong-type:list": {"en": "{what} should be a list (lines starting with -), not a mapping",
                        "sv": "{what} ska vara en lista (rader som börjar med -), inte en mappning"},
    "wrong-type:texts": {"en": "{what} should be written per language (sv: …, en: …)",
                         "sv": "{what} ska skrivas per språk (sv: …, en: …)"},
    "wrong-type:source": {"en": "source should be a mapping (release:, languages:, date:)",
                          "sv": "source ska vara en mappning (release:, languages:, date:)"},
    "wrong-type:acknowledged": {"en": "acknowledged should map a rule code to a reason",
                                "sv": "acknowledged ska para ihop en regelkod med ett skäl"},
    "duplicate-key": {
        "en": "{key!r} appears twice in {what} (first on line {first}); keep one and delete the other",
        "sv": "{key!r} står två gånger i {what} (första gången på rad {first}); behåll en och ta bort den andra",
    },
    "unknown-key:close": {"en": "unknown key {key!r} in {what}: did you mean {close!r}?",
                          "sv": "okänd nyckel {key!r} i {what}: menade du {close!r}?"},
    "unknown-key:far": {"en": "unknown key {key!r} in {what}; known keys: {known}",
                        "sv": "okänd nyckel {key!r} i {what}; kända nycklar: {known}"},
    "missing-field:file": {"en": "the file has no contacts: list", "sv": "filen har ingen contacts:-lista"},
    "missing-field:id": {"en": "the contact has no id; add one", "sv": "kontakten saknar id; lägg till ett"},
    "missing-field:id-named": {"en": "the contact has no id; add one such as {slug!r}",
                               "sv": "kontakten saknar id; lägg till ett, till exempel {slug!r}"},
    "missing-field:name": {"en": "the contact has no name; add name: …", "sv": "kontakten saknar namn; lägg till name: …"},
    "missing-field:number": {"en": "the phone has no number; add number: …",
                             "sv": "telefonen saknar nummer; lägg till number: …"},
    "id-invalid": {"en": "id {id!r} may hold only a-z, 0-9 and single hyphens; try {slug!r}",
                   "sv": "id {id!r} får bara innehålla a-z, 0-9 och enstaka bindestreck; prova {slug!r}"},
    "id-duplicate": {"en": "id {id!r} is already used on line {line}; give this contact another id",
                     "sv": "id {id!r} används redan på rad {line}; ge kontakten ett annat id"},
    "kind-invalid": {"en": "kind {kind!r} should be person or desk", "sv": "kind {kind!r} ska vara person eller desk"},
    "language-invalid:key": {
        "en": "{lang!r} is not a language code: did you mean {close!r}? Use sv for Swedish and en for English",
        "sv": "{lang!r} är ingen språkkod: menade du {close!r}? Skriv sv för svenska och en för engelska",
    },
    "language-invalid:source": {"en": "{lang!r} is not a language code such as sv or en: did you mean {close!r}?",
                                "sv": "{lang!r} är ingen språkkod som sv eller en: menade du {close!r}?"},
    "language-unused": {
        "en": "{lang!r} is {language}, which the directory is not shown in ({shown}), so this text is never "
              "shown: did you mean {close!r}? If not, acknowledge it under acknowledged: with a reason",
        "sv": "{lang!r} är {language_sv}, som katalogen inte visas på ({shown}), så texten visas aldrig: menade "
              "du {close!r}? Om inte, kvittera det under acknowledged: med ett skäl",
    },
    "party-unknown": {
        "en": "party {party!r} is not a Riksdag party ({parties}); if it is a local party, acknowledge it "
              "under acknowledged: with a reason",
        "sv": "partiet {party!r} är inget riksdagsparti ({parties}); om det är ett lokalt parti, kvittera det "
              "under acknowledged: med ett skäl",
    },
    "party-unknown:close": {
        "en": "party {party!r} is not a Riksdag party: did you mean {close!r}? ({parties})",
        "sv": "partiet {party!r} är inget riksdagsparti: menade du {close!r}? ({parties})",
    },
    "phone-invalid:no-prefix": {
        "en": "{raw!r} has neither a leading 0 nor a country code, so it cannot be told from a Swedish number: "
              "write a Swedish one with its area code (08-…, 0221-…) or a foreign one with + and its country "
              "code (+47 22 12 34 56)",
        "sv": "{raw!r} har varken en inledande 0:a eller landsnummer, så det kan inte skiljas från ett svenskt "
              "nummer: skriv ett svenskt med riktnummer (08-…, 0221-…) eller ett utländskt med + och "
              "landsnummer (+47 22 12 34 56)",
    },
    "phone-duplicate": {"en": "{number} is already listed on line {line}; remove one",
                        "sv": "{number} står redan på rad {line}; ta bort det ena"},
    "phone-label-mismatch:mobile": {"en": "{number} is labelled mobile but is a {type} number; check the label",
                                    "sv": "{number} är märkt mobil men är ett {type}-nummer; kontrollera etiketten"},
    "phone-label-mismatch:fixed": {"en": "{number} is labelled {label} but is a mobile number; label it mobile",
                                   "sv": "{number} är märkt {label} men är ett mobilnummer; märk det mobile"},
    "phone-label-unknown": {"en": "label {label!r} is unknown: use one of {labels}",
                            "sv": "etiketten {label!r} är okänd: använd en av {labels}"},
    "phone-label-unknown:close": {"en": "label {label!r} is unknown: did you mean {close!r}? use one of {labels}",
                                  "sv": "etiketten {label!r} är okänd: menade du {close!r}? använd en av {labels}"},
    "email-duplicate": {
        "en": "{address!r} is also given for {owner!r} on line {line}; a personal address belongs to one contact",
        "sv": "{address!r} anges också för {owner!r} på rad {line}; en personlig adress hör till en kontakt",
    },
    "email-name-mismatch": {
        "en": "{address!r} does not match the name {name!r}: did you mean {suggestion!r}? "
              "If the address is right, acknowledge it under acknowledged: with a reason",
        "sv": "{address!r} stämmer inte med namnet {name!r}: menade du {suggestion!r}? "
              "Om adressen är rätt, kvittera den under acknowledged: med ett skäl",
    },
    "date-invalid": {"en": "{date!r} is not a date; write it as 2026-11-27",
                     "sv": "{date!r} är inget datum; skriv det som 2026-11-27"},
    "person-duplicate": {
        "en": "{name} of this organisation is already listed on line {line}; merge the two records",
        "sv": "{name} på den här organisationen står redan på rad {line}; slå ihop de två posterna",
    },
    "no-contact-method": {
        "en": "there is no phone number or email address: a journalist cannot reach this contact",
        "sv": "det finns inget telefonnummer eller e-postadress: en journalist kan inte nå kontakten",
    },
    "ack-invalid:code": {"en": "{code!r} is {what}; warnings that can be acknowledged: {codes}",
                         "sv": "{code!r} är {what}; varningar som kan kvitteras: {codes}"},
    "ack-invalid:reason": {"en": "say why {code} is fine, e.g. {code}: checked with the press office",
                           "sv": "skriv varför {code} är i sin ordning, t.ex. {code}: kontrollerat med pressavdelningen"},
    "ack-unused": {"en": "there is no {code} warning here any more; remove this acknowledgement",
                   "sv": "det finns ingen {code}-varning här längre; ta bort kvitteringen"},
    "date-invalid:future": {"en": "{date!r} is in the future; write the day the details were checked, e.g. {today}",
                            "sv": "{date!r} ligger i framtiden; skriv dagen uppgifterna kontrollerades, t.ex. {today}"},
    "contact-stale": {
        "en": "last verified {date}, {days} days ago (more than {limit}); check the details with the person, "
              "then run: contacts verify {id}",
        "sv": "senast kontrollerad {date}, för {days} dagar sedan (mer än {limit}); kontrollera uppgifterna med "
              "personen och kör sedan: contacts verify {id}",
    },
    "photo-missing": {
        "en": "there is no photo {file!r} in {folder}; put the file there or correct the name{hint}",
        "sv": "det finns inget foto {file!r} i {folder}; lägg filen där eller rätta namnet{hint}",
    },
    "photo-invalid:outside": {
        "en": "the photo {file!r} is not inside {folder}; give the file's name within that folder, e.g. name.jpg",
        "sv": "fotot {file!r} ligger inte i {folder}; ange filens namn i den mappen, t.ex. namn.jpg",
    },
    "photo-invalid:image": {
        "en": "{file!r} is not an image Pillow can read ({detail}); save it again as JPEG or PNG",
        "sv": "{file!r} är ingen bild som Pillow kan läsa ({detail}); spara den igen som JPEG eller PNG",
    },
    "photo-invalid:shape": {
        "en": "photo: should be a mapping with file: and credit:, e.g. photo: {{file: name.jpg, credit: \"Foto: Name\"}}",
        "sv": "photo: ska vara en mappning med file: och credit:, t.ex. photo: {{file: namn.jpg, credit: \"Foto: Namn\"}}",
    },
    "photo-no-credit": {
        "en": "the photo {file!r} has no credit; add the photographer, e.g. credit: \"Foto: Anna Andersson\"",
        "sv": "fotot {file!r} saknar byline; lägg till fotografen, t.ex. credit: \"Foto: Anna Andersson\"",
    },
    "desk-no-organisation": {
        "en": "this press desk names no organisation, so no person's page can offer it; add organisation:",
        "sv": "pressjouren anger ingen organisation, så ingen persons sida kan visa den; lägg till organisation:",
    },
    "file-unreadable:link": {
        "en": "a link to {target}, outside the file's folder: not followed; put the file itself in the folder "
              "(or allow links: CONTACTS_FOLLOW_LINKS=1)",
        "sv": "en länk till {target}, utanför filens mapp: följs inte; lägg själva filen i mappen "
              "(eller tillåt länkar: CONTACTS_FOLLOW_LINKS=1)",
    },
    "file-unreadable:missing": {"en": "no such file; check the path",
                                "sv": "filen finns inte; kontrollera sökvägen"},
    "file-unreadable:folder": {"en": "this is a folder; name the contacts file",
                               "sv": "det här är en mapp; ange kontaktfilen"},
    "file-unreadable:os": {"en": "cannot read the file: {reason}", "sv": "filen går inte att läsa: {reason_sv}"},
    "file-unreadable:special": {
        "en": "not a regular file (a pipe, socket or device); name the contacts file itself",
        "sv": "ingen vanlig fil (ett rör, en socket eller en enhet); ange själva kontaktfilen",
    },
    "file-unreadable:too-big": {"en": "the file is {size:,} bytes, more than the {limit:,} a contacts file may be",
                                "sv": "filen är {size:,} byte, mer än de {limit:,} en kontaktfil får vara"},
    "file-unreadable:grew": {"en": "the file is more than the {limit:,} bytes a contacts file may be",
                             "sv": "filen är större än de {limit:,} byte en kontaktfil får vara"},
    "file-unreadable:failed": {"en": "reading the file failed: {reason}",
                               "sv": "filen gick inte att läsa: {reason_sv}"},
    "not-utf8": {
        "en": "byte 0x{byte:02x} is not UTF-8; save the file as UTF-8 (in most editors: Save As, encoding UTF-8)",
        "sv": "byten 0x{byte:02x} är inte UTF-8; spara filen som UTF-8 (i de flesta redigerare: Spara som, "
              "teckenkodning UTF-8)",
    },
    "import-conflict": {
        "en": "{who}: the release gives {what} {ours!r} but the file has {theirs!r}; the file's value is kept "
              "({release})",
        "sv": "{who}: pressmeddelandet anger {what} {ours!r} men filen har {theirs!r}; filens värde behålls "
              "({release})",
    },
    "import-skipped:email": {
        "en": "the address {address} was not given to anyone: no name or desk beside it",
        "sv": "adressen {address} gavs inte till någon: inget namn eller någon funktion bredvid den",
    },
    "import-skipped:number": {
        "en": "the number {number} was not given to anyone: no name or desk beside it",
        "sv": "numret {number} gavs inte till någon: inget namn eller någon funktion bredvid det",
    },
    "import-skipped:shape": {
        "en": "{text} looks like a phone number but is not one in use (a digit missing?)",
        "sv": "{text} ser ut som ett telefonnummer men är inget nummer i bruk (fattas en siffra?)",
    },
    "phone-invalid:empty": {"en": "there is no number here; write it like 070-123 45 67",
                            "sv": "här finns inget nummer; skriv det som 070-123 45 67"},
    "phone-invalid:unreadable": {
        "en": "{raw!r} cannot be read as a phone number ({reason}); write it like 070-123 45 67, or "
              "+47 22 12 34 56 for a number abroad",
        "sv": "{raw!r} går inte att läsa som ett telefonnummer ({reason_sv}); skriv det som 070-123 45 67, eller "
              "+47 22 12 34 56 för ett nummer utomlands",
    },
    "phone-invalid:length": {
        "en": "{raw!r} has the wrong number of digits for a number in {region}; check for a missing or extra digit",
        "sv": "{raw!r} har fel antal siffror för ett nummer i {region}; se efter om en siffra fattas eller är för mycket",
    },
    "phone-invalid:unused": {
        "en": "{raw!r} is not a number in use in {region}; check the area code and digits",
        "sv": "{raw!r} är inget nummer i bruk i {region}; kontrollera riktnummer och siffror",
    },
    "email-invalid:syntax": {
        "en": "{address!r} is not a valid email address: {detail}",
        "sv": "{address!r} är ingen giltig e-postadress: {detail_sv}",
    },
    "email-invalid:undeliverable": {
        "en": "{address!r} cannot receive mail: {detail}",
        "sv": "{address!r} kan inte ta emot e-post: {detail_sv}; kontrollera stavningen efter @",
    },
}

#: The product's own words that go into messages, in Swedish (English is the key itself).
NOUNS_SV = {
    "the file": "filen", "a contact": "en kontakt", "a phone": "en telefon", "source": "source",
    "acknowledged": "acknowledged", "title": "title", "organisation": "organisation", "mapping": "en mappning",
    "list": "en lista", "single value": "ett enskilt värde", "the reason": "skälet", "number": "numret",
    "label": "etiketten", "email": "e-postadressen", "language": "språket", "date": "datumet",
    "an error: fix the value instead": "ett fel: rätta värdet i stället", "not a rule code": "ingen regelkod",
    "the number": "numret", "the address": "adressen", "party": "partiet",
}
_WITH_LANGUAGE = re.compile(r"(?P<noun>.*?) \((?P<lang>[^()]*)\)\Z")


def render(key: str, lang: str, args: tuple[tuple[str, object], ...]) -> str:
    """The message `key` in `lang` (English when there is no such entry), filled in with `args`."""
    entry = RULE_MESSAGES[key]
    values = {name: noun(value, lang) if name in ("what", "shape") else value for name, value in args}
    return (entry.get(lang) or entry["en"]).format(**values)


def noun(text: str, lang: str) -> str:
    """One of the product's words in `lang`; `title (sv)` keeps its language code."""
    if lang != "sv":
        return text
    match = _WITH_LANGUAGE.match(text)
    if match:
        return f"{NOUNS_SV.get(match['noun'], match['noun'])} ({match['lang']})"
    return NOUNS_SV.get(text, text)

"""The shape of a contacts file: its keys in the order `contacts fmt` writes them, and the parties;
docs/schema.md describes them."""

from __future__ import annotations

#: Keys in the order `contacts fmt` writes them.
TOP_KEYS = ("contacts",)
CONTACT_KEYS = (
    "id",
    "kind",
    "name",
    "title",
    "organisation",
    "party",
    "phones",
    "emails",
    "hours",
    "photo",
    "source",
    "verified",
    "acknowledged",
)
PHONE_KEYS = ("number", "label")
SOURCE_KEYS = ("release", "url", "file", "languages", "date")
PHOTO_KEYS = ("file", "credit")

#: The Riksdag parties, by the abbreviation Swedes write after a name.
PARTIES = ("S", "M", "SD", "C", "V", "KD", "L", "MP")
#: The parties' names as people write them (lower case) → the abbreviation; the Riksdag's own list
#: (riksdagen.se, "Partierna i riksdagen"), with the formal and the former names still in use.
PARTY_NAMES = {
    "socialdemokraterna": "S", "sveriges socialdemokratiska arbetareparti": "S", "moderaterna": "M",
    "moderata samlingspartiet": "M", "sverigedemokraterna": "SD", "centerpartiet": "C", "vänsterpartiet": "V",
    "kristdemokraterna": "KD", "liberalerna": "L", "folkpartiet": "L", "folkpartiet liberalerna": "L",
    "miljöpartiet": "MP", "miljöpartiet de gröna": "MP",
}
#: Each abbreviation's name as a page spells it out, per language (the Riksdag's Swedish and English names).
PARTY_TITLES = {
    "sv": {
        "S": "Socialdemokraterna", "M": "Moderaterna", "SD": "Sverigedemokraterna", "C": "Centerpartiet",
        "V": "Vänsterpartiet", "KD": "Kristdemokraterna", "L": "Liberalerna", "MP": "Miljöpartiet de gröna",
    },
    "en": {
        "S": "Social Democratic Party", "M": "Moderate Party", "SD": "Sweden Democrats", "C": "Centre Party",
        "V": "Left Party", "KD": "Christian Democrats", "L": "Liberal Party", "MP": "Green Party",
    },
}

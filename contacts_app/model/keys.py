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
    "source",
    "acknowledged",
)
PHONE_KEYS = ("number", "label")
SOURCE_KEYS = ("release", "url", "file", "languages", "date")

#: The Riksdag parties, by the abbreviation Swedes write after a name.
PARTIES = ("S", "M", "SD", "C", "V", "KD", "L", "MP")

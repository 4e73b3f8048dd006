"""Names as the file and the site need them: an id from a name, a party as its abbreviation."""

from __future__ import annotations

import re

from contacts_app.model.keys import PARTIES, PARTY_NAMES, PARTY_TITLES
from contacts_app.normalise import name_match


def canonical_party(text: str | None) -> str | None:
    """A party as its capitalised abbreviation: '(s)' → 'S', 'Socialdemokraterna' → 'S'; a name we do not
    know is kept as written."""
    if not text:
        return None
    bare = text.strip().strip("()").strip()
    if " ".join(bare.lower().split()) in PARTY_NAMES:
        return PARTY_NAMES[" ".join(bare.lower().split())]
    upper = bare.upper()
    if upper in PARTIES or (len(bare) <= 4 and bare.isalpha()):
        return upper
    return bare or None


def party_title(abbreviation: str | None, lang: str) -> str | None:
    """A party's name written out in `lang` ('S' → 'Socialdemokraterna'), or None for a party we do not know."""
    return PARTY_TITLES.get(lang, PARTY_TITLES["sv"]).get(abbreviation or "")


def slugify(text: str) -> str:
    """An id from a name: 'Åsa Öberg-Lindén' → 'asa-oberg-linden'."""
    return "-".join(re.findall(r"[a-z0-9]+", name_match.fold(text))) or "contact"

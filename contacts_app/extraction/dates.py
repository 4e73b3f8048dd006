"""A release's date, when its first lines print one."""

from __future__ import annotations

import re
from datetime import date

from contacts_app.extraction.release_text import Release

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("januari", "january", "jan"), ("februari", "february", "feb"), ("mars", "march", "mar"),
            ("april", "apr"), ("maj", "may"), ("juni", "june", "jun"), ("juli", "july", "jul"),
            ("augusti", "august", "aug"), ("september", "sep", "sept"), ("oktober", "october", "okt", "oct"),
            ("november", "nov"), ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_DATE_ISO = re.compile(r"\b(20\d\d)-(\d\d)-(\d\d)\b")
_DATE_WORDS = re.compile(r"\b(\d{1,2})\s+([a-zåäö]{3,9})\.?\s+(20\d\d)\b", re.IGNORECASE)


def release_date(release: Release) -> str | None:
    """The release's date when its first lines print one (2025-03-03, 3 March 2025, 3 mars 2025)."""
    for line in release.lines[:12]:
        iso = _DATE_ISO.search(line)
        words = _DATE_WORDS.search(line)
        try:
            if iso:
                return date(int(iso[1]), int(iso[2]), int(iso[3])).isoformat()
            if words and words[2].lower() in _MONTHS:
                return date(int(words[3]), _MONTHS[words[2].lower()], int(words[1])).isoformat()
        except ValueError:
            continue
    return None

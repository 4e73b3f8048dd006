"""Language codes checked against CLDR's register (through Babel): a code no language has is an error, and
a real language the directory is not shown in (`se`, Northern Sami, typed for `sv`) is a warning that asks
whether the directory's language was meant."""

from __future__ import annotations

import difflib
import re
from functools import lru_cache

from contacts_app.model.contact import DEFAULT_LANGUAGE, LANGUAGES

_TWO_LETTERS = re.compile(r"[a-z]{2}\Z")


@lru_cache(maxsize=2)
def _names(lang: str) -> dict[str, str]:
    """Two-letter language code → the language's name in `lang` (sv or en), from CLDR."""
    from babel import Locale  # its data loads once, and only when a file has a code to check

    return {code: name for code, name in Locale.parse(lang).languages.items() if _TWO_LETTERS.match(code)}


def is_language(code: str) -> bool:
    """Whether `code` is a two-letter code of a language in CLDR's register."""
    return code in LANGUAGES or (bool(_TWO_LETTERS.match(code)) and code in _names("en"))


def language_name(code: str, lang: str = "en") -> str:
    """The name of the language `code` in `lang` (the code itself when it has none)."""
    return _names(lang if lang in LANGUAGES else "en").get(code, code)


def nearest_language(code: str) -> str:
    """The directory's language nearest to a mistyped code: `se` → `sv`, `EN` → `en`; else the default."""
    lowered = code.strip().lower()[:2]
    if lowered in LANGUAGES:
        return lowered
    close = difflib.get_close_matches(lowered, LANGUAGES, n=1, cutoff=0.5)
    return close[0] if close else DEFAULT_LANGUAGE

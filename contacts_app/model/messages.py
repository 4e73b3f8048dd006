"""The catalogue of the product's sentences to staff, in English and Swedish: one entry per key, a
template per language, and for a count `n` a (one, many) pair of templates."""

from __future__ import annotations

import locale
import os

#: The languages messages are written in; the first is used when a locale names neither.
MESSAGE_LANGUAGES = ("en", "sv")

MESSAGES: dict[str, dict[str, str | tuple[str, str]]] = {
    "kept": {
        "en": ("{n} contact is served from its last good version: {records}",
               "{n} contacts are served from their last good version: {records}"),
        "sv": ("{n} kontakt visas i sin senaste felfria version: {records}",
               "{n} kontakter visas i sin senaste felfria version: {records}"),
    },
    "unpublished": {
        "en": ("{n} new contact is not published yet: {records}",
               "{n} new contacts are not published yet: {records}"),
        "sv": ("{n} ny kontakt är inte publicerad än: {records}",
               "{n} nya kontakter är inte publicerade än: {records}"),
    },
    "because": {
        "en": "{names}, because {reasons}",
        "sv": "{names}, eftersom {reasons}",
    },
    "reason": {
        "en": "at {line}:{col} {message} [{code}]",
        "sv": "på {line}:{col} {message} [{code}]",
    },
    "no-reason": {
        "en": "the record on line {line} has an error",
        "sv": "posten på rad {line} har ett fel",
    },
    "more-errors": {
        "en": (" (and {n} more error)", " (and {n} more errors)"),
        "sv": (" (och {n} fel till)", " (och {n} fel till)"),
    },
    "reload": {
        "en": "reloaded {path}: {added} added, {removed} removed, {changed} changed, {kept} kept at last good; "
              "{errors} error(s), {warnings} warning(s)",
        "sv": "läste in {path} igen: {added} tillagda, {removed} borttagna, {changed} ändrade, "
              "{kept} i senaste felfria version; {errors} fel, {warnings} varningar",
    },
    "reload-failed": {
        "en": "the new version of {path} is not served ({count} finding(s), first: {first}); "
              "the last good data stays in service",
        "sv": "den nya versionen av {path} visas inte ({count} fynd, det första: {first}); "
              "senaste felfria data visas",
    },
    "syntax-tab": {
        "en": "a tab: YAML indents with spaces only; replace the tab with spaces (contacts fmt does it for you)",
        "sv": "en tabb: YAML drar in med mellanslag; byt tabben mot mellanslag (contacts fmt gör det åt dig)",
    },
    "syntax-unclosed-quote": {
        "en": "the {quote} that opens this value is never closed; add {quote} at the end of the value",
        "sv": "citattecknet {quote} som inleder värdet stängs aldrig; lägg till {quote} i slutet av värdet",
    },
    "syntax-colon-in-value": {
        "en": 'a colon and a space inside a value read as a new key; put the text in quotes: {key}: "{value}"',
        "sv": 'kolon och mellanslag i ett värde läses som en ny nyckel; sätt texten inom citattecken: {key}: "{value}"',
    },
    "syntax-no-space": {
        "en": "put a space after the colon: {key}: {value}",
        "sv": "sätt ett mellanslag efter kolonet: {key}: {value}",
    },
    "syntax-indent": {
        "en": "this line is indented {found} spaces where the lines of its level above have {expected}; "
              "line it up with them",
        "sv": "raden är indragen {found} mellanslag där raderna på samma nivå ovanför har {expected}; "
              "rätta in den efter dem",
    },
    "syntax-other": {
        "en": "{problem}{context}; check the indentation and quoting around here",
        "sv": "{problem}{context}; kontrollera indrag och citattecken här omkring",
    },
}


def say(lang: str, name: str, /, **values) -> str:
    """The message `name` in `lang` (English when the catalogue lacks it), filled in with `values`."""
    entry = MESSAGES[name]
    template = entry.get(lang) or entry["en"]
    if isinstance(template, tuple):
        template = template[0] if values.get("n") == 1 else template[1]
    return template.format(**values)


def default_language() -> str:
    """The language of messages from the locale (LC_ALL, LC_MESSAGES, LANG): sv for a Swedish one, else en."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "sv" if value.lower().startswith("sv") else "en"
    code = locale.getlocale(locale.LC_MESSAGES)[0] if hasattr(locale, "LC_MESSAGES") else None
    return "sv" if code and code.lower().startswith("sv") else "en"

"""The catalogue of the product's sentences to staff, in English and Swedish: one entry per key, a
template per language, and for a count `n` a (one, many) pair of templates."""

from __future__ import annotations

import locale
import os
from datetime import datetime

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
    "status:title": {"en": "Status", "sv": "Status"},
    "status:file": {"en": "File", "sv": "Fil"},
    "status:loaded": {"en": "Loaded", "sv": "Inläst"},
    "status:modified": {"en": "File changed", "sv": "Filen ändrad"},
    "status:version": {"en": "Version", "sv": "Version"},
    "status:served": {"en": "Contacts served", "sv": "Kontakter som visas"},
    "status:findings": {"en": "Findings", "sv": "Fynd"},
    "status:counts": {"en": "{errors} error(s), {warnings} warning(s)", "sv": "{errors} fel, {warnings} varningar"},
    "status:held": {"en": "Records with errors", "sv": "Poster med fel"},
    "status:failed": {"en": "The latest version of the file is not served",
                      "sv": "Den senaste versionen av filen visas inte"},
    "status:failed-text": {
        "en": "At {at} the file could not be used, so the data loaded above is still served. "
              "Fix these and save the file again:",
        "sv": "{at} gick filen inte att använda, så de data som lästes in ovan visas fortfarande. "
              "Rätta detta och spara filen igen:",
    },
    "status:current": {"en": "Findings in the served version", "sv": "Fynd i den version som visas"},
    "status:current-text": {
        "en": "A record with errors is served in its last good version, or not at all if it never had one. "
              "Check the file with",
        "sv": "En post med fel visas i sin senaste felfria version, eller inte alls om den aldrig haft någon. "
              "Kontrollera filen med",
    },
    "status:none": {"en": "No findings.", "sv": "Inga fynd."},
    "unreadable-file": {"en": "cannot be read as a contacts file", "sv": "kan inte läsas som en kontaktfil"},
    "summary": {"en": "{errors} error(s), {warnings} warning(s); {valid} contact(s) valid",
                "sv": "{errors} fel, {warnings} varningar; {valid} giltiga kontakter"},
    "import:release": {"en": "{location}: {count} contact(s): {names}", "sv": "{location}: {count} kontakter: {names}"},
    "import:report": {"en": "{into}: {added} added, {filled} filled in, {conflicts} conflict(s) kept as in the file",
                      "sv": "{into}: {added} tillagda, {filled} ifyllda, {conflicts} konflikter där filens värde behålls"},
    "import:unchanged": {"en": "; nothing to change", "sv": "; inget att ändra"},
    "import:dry-run": {"en": " (--dry-run: nothing written)", "sv": " (--dry-run: inget skrevs)"},
    "fmt:reformatted": {"en": "{path}: reformatted", "sv": "{path}: omformaterad"},
    "fmt:already": {"en": "{path}: already canonical", "sv": "{path}: redan i normalform"},
    "fmt:not-canonical": {"en": "{path} is not in canonical form; run: contacts fmt {path}",
                          "sv": "{path} är inte i normalform; kör: contacts fmt {path}"},
    "fmt:canonical": {"en": "{path} is in canonical form", "sv": "{path} är i normalform"},
}


def local_time(moment: datetime, lang: str) -> str:
    """A moment as people read it, in this machine's time zone, to the second: `1 december 2026 14:52:03 CET`
    (the month named by CLDR, through Babel, as pages name it)."""
    from babel.dates import format_date

    local = moment.astimezone()
    return f"{format_date(local.date(), 'd MMMM y', locale=lang)} {local:%H:%M:%S} {local.tzname() or ''}".rstrip()


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

"""What a release showed but the import did not use: each becomes an `import-skipped` finding at release:line:col."""

from __future__ import annotations

import re

import phonenumbers
from phonenumbers import Leniency

from contacts_app.extraction.evidence import EMAIL, MAX_LINE, deobfuscated
from contacts_app.extraction.release_text import Release
from contacts_app.model.finding import Finding
from contacts_app.model.rules import rule_finding
from contacts_app.normalise.phones import PhoneError, parse_phone

#: Digits grouped like a phone number that phonenumbers will not take (too short, a digit missing).
_NUMBER_SHAPED = re.compile(r"(?<![\w.,/-])(?:\+\d{2,3}[\s-]?|0)\d{1,4}[\s-]\d{2,3}(?:[\s-]?\d{2,3}){1,3}(?![\w,/-])")


def skipped(release: Release, region: str, candidates) -> tuple[Finding, ...]:
    """Findings for the numbers and addresses that no imported contact holds, and number-shaped text that is none."""
    used_numbers = {p.e164 for c in candidates for p in c.phones}
    used_emails = {e.lower() for c in candidates for e in c.emails}
    out: list[Finding] = []
    for index, line in enumerate(release.lines):
        if len(line) > MAX_LINE:
            continue
        line = deobfuscated(line)

        def report(col: int, key: str, **args) -> None:
            out.append(rule_finding(release.location, release.number(index), col + 1, key, **args))

        for match in EMAIL.finditer(line):
            if match.group().lower() not in used_emails:
                report(match.start(), "import-skipped:email", address=match.group())
        taken = []
        for match in phonenumbers.PhoneNumberMatcher(line, region, leniency=Leniency.VALID):
            taken.append((match.start, match.end))
            try:
                e164 = parse_phone(match.raw_string, None, region).e164
            except PhoneError:
                continue
            if e164 not in used_numbers:
                report(match.start, "import-skipped:number", number=match.raw_string)
        for match in _NUMBER_SHAPED.finditer(line):
            if not any(start <= match.start() < end for start, end in taken):
                report(match.start(), "import-skipped:shape", text=match.group())
    return tuple(out)

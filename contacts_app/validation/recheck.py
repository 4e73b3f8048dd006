"""The staff's list of contacts to check again: stale or never verified, a number that is not valid, an
address whose domain takes no mail (with the DNS checks); what `contacts report stale` prints."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from contacts_app.model.contact import Directory
from contacts_app.model.finding import Finding

#: The findings of a record that send staff back to the person: its numbers and addresses.
_UNREACHABLE = {"phone-invalid": "number-invalid", "email-invalid": "email-undeliverable"}


@dataclass(frozen=True)
class Recheck:
    """One contact to check again: who, where in the file, and why (reason codes with their details)."""

    id: str | None
    name: str | None
    line: int
    verified: str | None
    reasons: tuple[tuple[str, str], ...]

    def as_dict(self) -> dict:
        """The JSON shape of one entry of `contacts report stale --format json`."""
        return {"id": self.id, "name": self.name, "line": self.line, "verified": self.verified,
                "reasons": [{"code": code, "detail": detail} for code, detail in self.reasons]}


def rechecks(directory: Directory, today: date, stale_after: int) -> list[Recheck]:
    """Every record to check again, in the file's order: stale or never verified, or unreachable."""
    records = sorted(
        [(c.line, c.id, c.name, c.verified) for c in directory.contacts]
        + [(h.line, h.id, h.name, h.verified) for h in directory.held]
    )
    starts = [line for line, *_ in records]
    problems: dict[int, list[Finding]] = {}
    for f in directory.findings:
        if f.code in _UNREACHABLE and (f.code != "email-invalid" or "cannot receive mail" in f.message):
            problems.setdefault(_owner(starts, f.line), []).append(f)
    out = []
    for line, contact_id, name, verified in records:
        reasons = [(_UNREACHABLE[f.code], f"{f.line}:{f.col} {f.message}") for f in problems.get(line, [])]
        age = (today - date.fromisoformat(verified)).days if verified else None
        if age is None:
            reasons.insert(0, ("never-verified", "no verified: date"))
        elif age > stale_after:
            reasons.insert(0, ("stale", f"verified {verified}, {age} days ago (more than {stale_after})"))
        if reasons:
            out.append(Recheck(contact_id, name, line, verified, tuple(reasons)))
    return out


def _owner(starts: list[int], line: int) -> int:
    """The first line of the record a line of the file belongs to."""
    from bisect import bisect_right

    index = bisect_right(starts, line) - 1
    return starts[max(index, 0)] if starts else line

"""What is published of one version of the file: its valid records, and for a record whose new version has
errors, its last good version from the previous snapshot, so a typo never takes a person off the directory.

A record is matched to its last good version by id. One that had none (new, or a copy with a duplicate id)
is not published until it is fixed; the summary names it either way.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Mapping

from contacts_app.model.contact import Contact, Directory, Held
from contacts_app.model.messages import say


def publish(directory: Directory, previous: Mapping[str, Contact]) -> Directory:
    """`directory` with each held record that has a last good version in `previous` published in it."""
    if not directory.held or not previous:
        return directory
    contacts, kept = list(directory.contacts), []
    ids = set(directory.by_id)
    for held in directory.held:
        last_good = previous.get(held.id) if held.id else None
        if last_good is not None and held.id not in ids:
            contacts.append(replace(last_good, line=held.line))
            kept.append(held)
            ids.add(held.id)
    if not kept:
        return directory
    contacts.sort(key=lambda contact: contact.line)
    return replace(directory, contacts=tuple(contacts), kept=tuple(kept))


def publication_notes(directory: Directory, lang: str = "en") -> list[str]:
    """The sentences that say which records are served from their last good version and which are not
    published, each with why."""
    notes = []
    if directory.kept:
        notes.append(say(lang, "kept", n=len(directory.kept), records=_records(directory.kept, lang)))
    if directory.unpublished:
        notes.append(say(lang, "unpublished", n=len(directory.unpublished), records=_records(directory.unpublished, lang)))
    return notes


def reload_line(before: Directory, after: Directory, lang: str = "en") -> str:
    """One line on a reload: contacts added, removed, changed, kept at last good, and the findings."""
    old, new = before.by_id, after.by_id
    changed = sum(1 for key, contact in new.items() if key in old and old[key].as_dict() != contact.as_dict())
    errors = len(after.errors)
    return say(
        lang, "reload",
        path=after.path,
        added=sum(1 for key in new if key not in old),
        removed=sum(1 for key in old if key not in new),
        changed=changed,
        kept=len(after.kept),
        errors=errors,
        warnings=len(after.findings) - errors,
    )


def _records(held: tuple[Held, ...], lang: str) -> str:
    """The records named, then why: each one's first error, at its line and column."""
    names = ", ".join(h.label for h in held)
    reasons = "; ".join(
        (f"{h.label} — " if len(held) > 1 else "") + _reason(h, lang) for h in held
    )
    return say(lang, "because", names=names, reasons=reasons)


def _reason(held: Held, lang: str) -> str:
    """A held record's first error at its line:col, and how many more there are."""
    if not held.reasons:
        return say(lang, "no-reason", line=held.line)
    first = held.reasons[0].in_language(lang)
    more = say(lang, "more-errors", n=len(held.reasons) - 1) if len(held.reasons) > 1 else ""
    return say(lang, "reason", line=first.line, col=first.col, code=first.code, message=first.message) + more

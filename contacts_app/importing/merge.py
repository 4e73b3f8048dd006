"""Candidates from a release into the contacts file, without losing anything staff have written.

A person already in the file (the same email address, or the same name and organisation) is only
filled in where a field is empty; a value that differs from the file's is reported as a conflict
and left as the file has it. New people are added at the end. The merge works on the file's records
as plain data beside their spans in the text; placing.py turns what it changed into text edits, so
comments, unknown fields and every byte around them stay as they were.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from contacts_app.contactsfile.canonical import canonicalise_contact
from contacts_app.contactsfile.spans import Lines, Map
from contacts_app.extraction.candidate import Candidate
from contacts_app.extraction.extract import Extraction
from contacts_app.model.errors import ContactsError
from contacts_app.model.finding import Finding
from contacts_app.model.rules import rule_finding
from contacts_app.normalise.name_match import fold
from contacts_app.normalise.names import slugify
from contacts_app.normalise.phones import PhoneError, parse_phone


class MergeError(ContactsError):
    """The target file is YAML but not a contacts file; the message says why."""


@dataclass
class MergeReport:
    """What a merge did: ids added, fields filled, and conflicts left as the file has them."""

    added: list[str] = field(default_factory=list)
    filled: list[str] = field(default_factory=list)
    conflicts: list[Finding] = field(default_factory=list)


@dataclass
class Entry:
    """A record as merged so far, its mapping in the file (None for one this import adds) and the keys the
    import gave a value."""

    record: dict
    node: Map | None = None
    filled: list[str] = field(default_factory=list)


@dataclass
class Target:
    """The contacts file being imported into: its text, its records, and where they are in it."""

    path: str
    text: str
    lines: Lines
    root: object = None
    contacts: object = None
    entries: list[Entry] = field(default_factory=list)


def merge(target: Target, extraction: Extraction) -> MergeReport:
    """Merge a release's candidates into the target's records (in place); return what was done."""
    report = MergeReport()
    for candidate in extraction.candidates:
        existing = _find(target.entries, candidate)
        if existing is None:
            record = _new_record(candidate, extraction, {str(e.record.get("id")) for e in target.entries})
            target.entries.append(Entry(record))
            report.added.append(record["id"])
        else:
            _fill(existing, candidate, extraction, target, report)
    return report


def _texts(value) -> dict[str, str]:
    """A title or organisation as language → text, whichever way the file writes it."""
    if isinstance(value, dict):
        return {str(k): str(v) for k, v in value.items() if v}
    if isinstance(value, str) and value.strip():
        return {"sv": value}
    return {}


def _emails(record: dict) -> set[str]:
    value = record.get("emails")
    items = value if isinstance(value, list) else [value] if isinstance(value, str) else []
    return {str(e).strip().lower() for e in items if e}


def _numbers(record: dict) -> set[str]:
    """The E.164 form of every readable number in a record."""
    value = record.get("phones")
    items = value if isinstance(value, list) else [value] if value else []
    out = set()
    for item in items:
        raw = item.get("number") if isinstance(item, dict) else item
        try:
            out.add(parse_phone(str(raw)).e164)
        except PhoneError:
            continue
    return out


def _find(entries: list[Entry], candidate: Candidate) -> Entry | None:
    """The record of the same person: same email address, or same name and organisation.

    A candidate without an organisation matches by name only when one record has that name.
    """
    emails = {e.lower() for e in candidate.emails}
    for entry in entries:
        if emails & _emails(entry.record):
            return entry
    name = fold(candidate.name or "")
    namesakes = [e for e in entries if fold(str(e.record.get("name") or "")) == name]
    orgs = {fold(o) for o in candidate.organisation.values()}
    if not orgs:
        return namesakes[0] if len(namesakes) == 1 else None
    for entry in namesakes:
        theirs = {fold(o) for o in _texts(entry.record.get("organisation")).values()}
        if not theirs or orgs & theirs:
            return entry
    return None


def _new_record(candidate: Candidate, extraction: Extraction, taken: set[str]) -> CommentedMap:
    """A new record in canonical layout, with where it came from."""
    record = CommentedMap()
    base = slugify(candidate.name or "contact")
    record["id"] = _unique(base, taken)
    for key, value in candidate.as_record().items():
        record[key] = _commented(value)
    record["source"] = _source(extraction)
    canonicalise_contact(record)
    return record


def _unique(base: str, taken: set[str]) -> str:
    """An id not yet in the file: base, base-2, base-3, ..."""
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _commented(value):
    """Plain dicts and lists as ruamel's commented types, so they dump in block style."""
    if isinstance(value, dict):
        out = CommentedMap()
        for key, item in value.items():
            out[key] = _commented(item)
        return out
    if isinstance(value, list):
        return CommentedSeq(_commented(item) for item in value)
    return value


def _source(extraction: Extraction) -> CommentedMap:
    """Where the record came from: release title, file or address, languages, date."""
    release = extraction.release
    source = CommentedMap()
    if release.title:
        source["release"] = release.title
    if release.url:
        source["url"] = release.url
    else:
        source["file"] = Path(release.location).name  # kept for staff, never published
    if extraction.languages:
        languages = CommentedSeq(extraction.languages)
        languages.fa.set_flow_style()
        source["languages"] = languages
    if extraction.date:
        source["date"] = extraction.date
    return source


def _fill(entry: Entry, candidate: Candidate, extraction: Extraction, target: Target, report: MergeReport) -> None:
    """Fill a known person's empty fields; report values that differ from the file's."""
    record = entry.record
    who = str(record.get("id") or candidate.name)

    def conflict(key: str, what: str, theirs: str, ours: str) -> None:
        line, col = _position(entry, key, target.lines)
        report.conflicts.append(
            rule_finding(
                target.path, line, col, "import-conflict",
                who=who, what=what, ours=ours, theirs=theirs, release=str(extraction.release.location),
            )
        )

    def give(key: str, value, what: str | None = None) -> None:
        record[key] = value
        if key not in entry.filled:
            entry.filled.append(key)
        if what is not None:
            report.filled.append(f"{who}: {what}")

    for key in ("title", "organisation"):
        theirs = _texts(record.get(key))
        ours = getattr(candidate, key)
        missing = {lang: words for lang, words in ours.items() if lang not in theirs}
        for lang, words in ours.items():
            if lang in theirs and fold(theirs[lang]) != fold(words):
                conflict(key, f"{key} ({lang})", theirs[lang], words)
        if missing:
            merged = dict(record[key]) if isinstance(record.get(key), dict) else dict(theirs)
            give(key, {**merged, **missing}, f"{key} ({', '.join(missing)})")
    if candidate.party:
        if not record.get("party"):
            give("party", candidate.party, "party")
        elif str(record["party"]).strip("() ").upper() != candidate.party.upper():
            conflict("party", "party", str(record["party"]), candidate.party)
    for key in ("phones", "emails"):
        new = candidate.as_record().get(key, [])
        if new and not record.get(key):
            give(key, _commented(new), key)
        elif new:
            _list_conflicts(record, key, candidate, new, conflict)
    if "source" not in record:
        give("source", _source(extraction))
    if entry.node is None:
        canonicalise_contact(record)


def _list_conflicts(record: dict, key: str, candidate: Candidate, new: list, conflict) -> None:
    """Phones or emails the release gives beside the ones the file has: conflicts, the file's kept."""
    if key == "phones":
        known = _numbers(record)
        for phone, item in zip(candidate.phones, new):
            if phone.e164 not in known:
                conflict(key, "the number", ", ".join(sorted(known)) or "-", item["number"])
    else:
        known_emails = _emails(record)
        for email in new:
            if email.lower() not in known_emails:
                conflict(key, "the address", ", ".join(sorted(known_emails)), email)


def _position(entry: Entry, key: str, lines: Lines) -> tuple[int, int]:
    """1-based line and column of a key's value in the file, else of the record itself."""
    if entry.node is None:
        return 1, 1
    for name, _, value in entry.node:
        if name == key:
            return lines.position(value.start)
    return lines.position(entry.node[0][1].start)

"""Candidates from a release into the contacts file, without losing anything staff have written.

A person already in the file (the same email address, or the same name and organisation) is only
filled in where a field is empty; a value that differs from the file's is reported as a conflict
and left as the file has it. New people are added at the end. Comments and unknown fields stay,
because the file is edited round-trip with ruamel.yaml.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from contacts_app.contactsfile.canonical import canonicalise_contact
from contacts_app.extraction.candidate import Candidate
from contacts_app.extraction.extract import Extraction
from contacts_app.model.errors import ContactsError
from contacts_app.model.finding import Finding
from contacts_app.model.rules import finding
from contacts_app.normalise.name_match import fold
from contacts_app.normalise.names import slugify
from contacts_app.normalise.phones import PhoneError, parse_phone

NEW_FILE_HEADER = (
    "Spokespeople for the press-room contact directory.\n"
    "The fields are described in docs/schema.md; check the file with `contacts validate`."
)


class MergeError(ContactsError):
    """The target file is YAML but not a contacts file; the message says why."""


@dataclass
class MergeReport:
    """What a merge did: ids added, fields filled, and conflicts left as the file has them."""

    added: list[str] = field(default_factory=list)
    filled: list[str] = field(default_factory=list)
    conflicts: list[Finding] = field(default_factory=list)


def contacts_list(data, path: str) -> CommentedSeq:
    """The file's `contacts:` list, made if the file is new or the list empty."""
    if data is None:
        data = CommentedMap()
    if not isinstance(data, CommentedMap):
        raise MergeError(f"{path}: the file is not a contacts file (it should start with contacts:)")
    contacts = data.get("contacts")
    if contacts is None:
        contacts = CommentedSeq()
        data["contacts"] = contacts
    if not isinstance(contacts, CommentedSeq):
        raise MergeError(f"{path}: contacts: should be a list; fix it before importing (contacts validate {path})")
    contacts.fa.set_block_style()
    return contacts


def merge(data, path: str, extraction: Extraction) -> tuple[CommentedMap, MergeReport]:
    """Merge a release's candidates into loaded contacts data (in place); return the data and a report."""
    if data is None:
        data = CommentedMap()
        data.yaml_set_start_comment(NEW_FILE_HEADER)
    contacts = contacts_list(data, path)
    report = MergeReport()
    for candidate in extraction.candidates:
        existing = _find(contacts, candidate)
        if existing is None:
            record = _new_record(candidate, extraction, _taken_ids(contacts))
            if len(contacts):
                record.yaml_set_start_comment("\n", indent=4)
            contacts.append(record)
            report.added.append(record["id"])
        else:
            _fill(existing, candidate, extraction, path, report)
    return data, report


def _taken_ids(contacts: CommentedSeq) -> set[str]:
    return {str(c.get("id")) for c in contacts if isinstance(c, CommentedMap)}


def _texts(value) -> dict[str, str]:
    """A title or organisation as language → text, whichever way the file writes it."""
    if isinstance(value, CommentedMap):
        return {str(k): str(v) for k, v in value.items() if v}
    if isinstance(value, str) and value.strip():
        return {"sv": value}
    return {}


def _emails(record: CommentedMap) -> set[str]:
    value = record.get("emails")
    items = value if isinstance(value, list) else [value] if isinstance(value, str) else []
    return {str(e).strip().lower() for e in items if e}


def _numbers(record: CommentedMap) -> set[str]:
    """The E.164 form of every readable number in a record."""
    value = record.get("phones")
    items = value if isinstance(value, list) else [value] if value else []
    out = set()
    for item in items:
        raw = item.get("number") if isinstance(item, CommentedMap) else item
        try:
            out.add(parse_phone(str(raw)).e164)
        except PhoneError:
            continue
    return out


def _find(contacts: CommentedSeq, candidate: Candidate) -> CommentedMap | None:
    """The record of the same person: same email address, or same name and organisation.

    A candidate without an organisation matches by name only when one record has that name.
    """
    emails = {e.lower() for e in candidate.emails}
    records = [r for r in contacts if isinstance(r, CommentedMap)]
    for record in records:
        if emails & _emails(record):
            return record
    name = fold(candidate.name or "")
    namesakes = [r for r in records if fold(str(r.get("name") or "")) == name]
    orgs = {fold(o) for o in candidate.organisation.values()}
    if not orgs:
        return namesakes[0] if len(namesakes) == 1 else None
    for record in namesakes:
        theirs = {fold(o) for o in _texts(record.get("organisation")).values()}
        if not theirs or orgs & theirs:
            return record
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
        seq = CommentedSeq(_commented(item) for item in value)
        return seq
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


def _fill(record: CommentedMap, candidate: Candidate, extraction: Extraction, path: str, report: MergeReport) -> None:
    """Fill a known person's empty fields; report values that differ from the file's."""
    who = str(record.get("id") or candidate.name)

    def conflict(key: str, what: str, theirs: str, ours: str) -> None:
        line, col = _position(record, key)
        report.conflicts.append(
            finding(
                path, line, col, "import-conflict",
                f"{who}: the release gives {what} {ours!r} but the file has {theirs!r}; the file's value is kept "
                f"({extraction.release.location})",
            )
        )

    for key in ("title", "organisation"):
        theirs = _texts(record.get(key))
        ours = getattr(candidate, key)
        missing = {lang: text for lang, text in ours.items() if lang not in theirs}
        for lang, text in ours.items():
            if lang in theirs and fold(theirs[lang]) != fold(text):
                conflict(key, f"{key} ({lang})", theirs[lang], text)
        if missing:
            merged = CommentedMap(theirs) if not isinstance(record.get(key), CommentedMap) else record[key]
            for lang, text in missing.items():
                merged[lang] = text
            record[key] = merged
            report.filled.append(f"{who}: {key} ({', '.join(missing)})")
    if candidate.party:
        if not record.get("party"):
            record["party"] = candidate.party
            report.filled.append(f"{who}: party")
        elif str(record["party"]).strip("() ").upper() != candidate.party.upper():
            conflict("party", "party", str(record["party"]), candidate.party)
    _fill_list(record, "phones", candidate, report, conflict, who)
    _fill_list(record, "emails", candidate, report, conflict, who)
    if "source" not in record:
        record["source"] = _source(extraction)
    canonicalise_contact(record)


def _fill_list(record, key, candidate, report, conflict, who) -> None:
    """Phones or emails: filled when the file has none; new ones beside existing ones are conflicts."""
    new = candidate.as_record().get(key, [])
    if not new:
        return
    if not record.get(key):
        record[key] = _commented(new)
        report.filled.append(f"{who}: {key}")
        return
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


def _position(record: CommentedMap, key: str) -> tuple[int, int]:
    """1-based line and column of a key's value in the loaded file, else of the record itself."""
    try:
        line, col = record.lc.value(key) if key in record else (record.lc.line, record.lc.col)
    except (AttributeError, KeyError, TypeError):
        return 1, 1
    return line + 1, col + 1

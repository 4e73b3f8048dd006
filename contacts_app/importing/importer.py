"""`contacts import`: releases in, records merged into the contacts file, findings out.

All releases are read and searched before the target file is touched: a bad release stops the
import with the file as it was. The merged file is validated like a hand-written one, and written
in one atomic step (or, with dry_run, only shown as a diff). The records go in as text edits
(placing.py), so every byte of the file around them stays as it was.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from contacts_app.contactsfile.diff import edits_diff
from contacts_app.contactsfile.reading import parse_document, read_text
from contacts_app.contactsfile.spans import Edit, apply_edits
from contacts_app.contactsfile.writing import write_atomic
from contacts_app.extraction.extract import Extraction, extract
from contacts_app.extraction.release_text import ReleaseError, read_release
from contacts_app.importing.merge import MergeError, MergeReport, merge
from contacts_app.importing.placing import edits, read_target
from contacts_app.model.errors import ContactsError
from contacts_app.model.finding import Finding
from contacts_app.validation.validate import validate_document


class ImportFailed(ContactsError):
    """An import that cannot go on; the message says which release and why."""


@dataclass
class ImportResult:
    """What an import did or would do."""

    path: str
    before: str
    after: str
    extractions: list[Extraction]
    report: MergeReport = field(default_factory=MergeReport)
    edits: list[Edit] = field(default_factory=list)
    findings: tuple[Finding, ...] = ()
    written: bool = False

    @property
    def changed(self) -> bool:
        return self.before != self.after

    @property
    def diff(self) -> str:
        """A unified diff from the file as it is to the file as imported, made from the edits (difflib over
        the whole of a big file takes minutes)."""
        return edits_diff(self.before, self.edits, self.path, "imported")


def extract_all(paths: list[str | os.PathLike]) -> list[Extraction]:
    """Read and search every release; ImportFailed on the first that cannot be used or gives no contact."""
    extractions = []
    for path in paths:
        try:
            release = read_release(path)
        except ReleaseError as exc:
            raise ImportFailed(str(exc)) from None
        extraction = extract(release)
        if not extraction.candidates:
            raise ImportFailed(nothing_found(path, extraction))
        extractions.append(extraction)
    return extractions


def nothing_found(path, extraction: Extraction) -> str:
    """Why a release gave no contact: no evidence at all, or evidence that could not be tied to anyone."""
    if not extraction.skipped:
        return (
            f"{path}: no contact found: the release has no phone number, email address or contact heading "
            "('För mer information kontakta:', 'Media contact:'); nothing was imported"
        )
    shown = "\n".join(f"  {f.path}:{f.line}:{f.col}: {f.message}" for f in extraction.skipped[:5])
    more = f"\n  … and {len(extraction.skipped) - 5} more" if len(extraction.skipped) > 5 else ""
    return (
        f"{path}: no contact could be read: {len(extraction.skipped)} number(s) or address(es) with no name or desk "
        f"beside them:\n{shown}{more}\nAdd the person's name on the same line (Name, title, number) and import "
        "again; nothing was imported"
    )


def import_releases(paths: list[str | os.PathLike], into: str | os.PathLike, *, dry_run: bool = False) -> ImportResult:
    """Merge the contacts of releases into a contacts file (created if absent); write unless dry_run.

    ImportFailed, saying the file was not changed, when a release cannot be used or the file cannot take
    the records."""
    target = str(into)
    try:
        return _import(extract_all(paths), into, target, dry_run)
    except (ImportFailed, MergeError) as exc:
        raise ImportFailed(f"{exc}; {target} was not changed") from None


def _import(extractions: list[Extraction], into: str | os.PathLike, target: str, dry_run: bool) -> ImportResult:
    """The merge and the write of import_releases: the merged records go into the text as edits."""
    before = read_text(into)[0] if Path(into).exists() else ""
    into_file = read_target(before, target)
    report = MergeReport()
    for extraction in extractions:
        one = merge(into_file, extraction)
        report.added += one.added
        report.filled += one.filled
        report.conflicts += one.conflicts
    changes = edits(into_file)
    result = ImportResult(target, before, apply_edits(before, changes), extractions, report, changes)
    after = result.after
    skipped = tuple(f for extraction in extractions for f in extraction.skipped)
    result.findings = skipped + validate_document(parse_document(after, target, "import")).findings
    if result.changed and not dry_run:
        write_atomic(into, after)
        result.written = True
    return result

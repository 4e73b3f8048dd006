"""The records last published from a contacts file, kept beside it, so that a record whose new version has
errors is served in its last good version even by a fresh `serve`, `build` or `export`.

The file (`.NAME.last-good.json` next to NAME) is the published records as `contacts export` writes them;
it is a cache: a missing or damaged one is as good as none, and a folder that cannot be written is not an
error.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Iterable, Mapping

from contacts_app.contactsfile.writing import write_atomic
from contacts_app.model.contact import Contact

log = logging.getLogger(__name__)
FORMAT = 1


def last_good_path(contacts_path: str | os.PathLike) -> Path:
    """Where the last good records of a contacts file are kept."""
    path = Path(contacts_path)
    return path.with_name(f".{path.name}.last-good.json")


def read_last_good(contacts_path: str | os.PathLike) -> Mapping[str, Contact]:
    """id → the record last published from the file; empty when none was kept or it cannot be read."""
    try:
        data = json.loads(last_good_path(contacts_path).read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            return {}
        return {item["id"]: Contact.from_dict(item, item.get("line", 0)) for item in data["contacts"]}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


class KeptRecords(Mapping[str, Contact]):
    """The last good records of a file, read from beside it the first time they are asked for: a load with
    no record in error never needs them, and reading a national directory's costs a second."""

    def __init__(self, contacts_path: str | os.PathLike):
        self._path = contacts_path
        self._records: Mapping[str, Contact] | None = None

    def _read(self) -> Mapping[str, Contact]:
        if self._records is None:
            self._records = read_last_good(self._path)
        return self._records

    def __getitem__(self, contact_id: str) -> Contact:
        return self._read()[contact_id]

    def __iter__(self):
        return iter(self._read())

    def __len__(self) -> int:
        return len(self._read())


def write_last_good(contacts_path: str | os.PathLike, contacts: Iterable[Contact]) -> None:
    """Keep the records just published, for the next start; a folder that cannot be written is logged only."""
    records = [{**contact.as_dict(), "line": contact.line} for contact in contacts]
    # compact: json's C encoder writes it (with an indent the pure-Python one does, seconds for a national file)
    text = json.dumps({"format": FORMAT, "contacts": records}, ensure_ascii=False, separators=(",", ":")) + "\n"
    target = last_good_path(contacts_path)
    try:
        if target.is_file() and target.read_text(encoding="utf-8") == text:
            return
        write_atomic(target, text)
    except OSError as exc:
        log.warning("cannot keep the last good records in %s: %s", target, exc.strerror or exc)

"""The manifest of a built tree (MARKER, a JSON file at its top): the build's number, each record's
fingerprint and revision, and every file's Entry: the key of what it was made from, the digest and size of
its bytes and the build that wrote them. A tree with a manifest is complete (it is written last)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

MARKER = ".contacts-build"
MANIFEST_FORMAT = 2
#: The manifest's lists, one item a file: its path and its Entry's fields, a column each (a national site's
#: manifest is read by every build: lists of strings are what a JSON parser makes fastest).
_COLUMNS = ("files", "keys", "digests", "sizes", "builds")


class Entry(NamedTuple):
    """One file of a built site: the key of its inputs, the digest and size of its bytes, the build that wrote them
    (a tuple: a national site's manifest makes a hundred thousand of them at every build)."""

    key: str
    digest: str
    size: int
    build: int


@dataclass
class Manifest:
    """What a built tree holds: its build number, each record's fingerprint and revision, every file's Entry."""

    build: int = 0
    records: dict[str, list[str]] | None = None
    files: dict[str, Entry] | None = None

    @classmethod
    def read(cls, tree: Path) -> "Manifest | None":
        """The manifest of a tree, or None when it has none this version of the program can use."""
        try:
            data = json.loads((tree / MARKER).read_text(encoding="utf-8"))
            if data.get("format") != MANIFEST_FORMAT:
                return None
            columns = [data[name] for name in _COLUMNS]
            if len({len(column) for column in columns}) != 1:
                return None
            files = dict(zip(columns[0], map(Entry, *columns[1:])))
            return cls(int(data["build"]), dict(data["records"]), files)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def write(self, tree: Path) -> None:
        """Write the manifest into a tree (the tree's last step, so a tree with one is complete)."""
        paths = sorted(self.files or {})
        entries = [self.files[path] for path in paths]
        data = {
            "format": MANIFEST_FORMAT,
            "made_by": "contacts build; the next build replaces this whole folder",
            "build": self.build,
            "records": self.records or {},
            "files": paths,
            **{name: [entry[n] for entry in entries] for n, name in enumerate(_COLUMNS[1:])},
        }
        (tree / MARKER).write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        (tree / MARKER).chmod(0o644)

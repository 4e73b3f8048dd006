"""The manifest of a built tree (MARKER, a JSON file at its top): the build's number, each record's
fingerprint and revision, and every file's Entry: the key of what it was made from, the digest and size of
its bytes and the build that wrote them. A tree with a manifest is complete (it is written last).

It also says what the tree that was the site before it held (`before`): the entries of that build's files
which this one replaced or removed, and the stamp of that tree's manifest. Every other file of the build
before is one this build kept, with its entry; so the next build, which works in that tree, knows what it
holds without reading its manifest (at a national scale, a tenth of a million entries).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from itertools import repeat
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
    #: The files of the build before that this one replaced or removed, and that build's manifest's `stamp`.
    replaced: dict[str, Entry] | None = None
    before: list[int] | None = None

    def previous(self) -> "Manifest | None":
        """The manifest of the build before this one, as far as a working tree needs it (which files it has,
        their digests and builds), when this manifest says."""
        if self.replaced is None or self.files is None:
            return None
        kept = {path: entry for path, entry in self.files.items() if entry.build < self.build}
        return Manifest(self.build - 1, None, {**kept, **self.replaced})

    @classmethod
    def read(cls, tree: Path) -> "Manifest | None":
        """The manifest of a tree, or None when it has none this version of the program can use."""
        try:
            data = json.loads((tree / MARKER).read_text(encoding="utf-8"))
            if data.get("format") != MANIFEST_FORMAT:
                return None
            files = _entries(data, "")
            if files is None:
                return None
            replaced = _entries(data, "replaced_") if "replaced_files" in data else None
            before = [int(n) for n in data["before"]] if replaced is not None else None
            return cls(int(data["build"]), dict(data["records"]), files, replaced, before)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def write(self, tree: Path) -> None:
        """Write the manifest into a tree (the tree's last step, so a tree with one is complete)."""
        data = {
            "format": MANIFEST_FORMAT,
            "made_by": "contacts build; the next build replaces this whole folder",
            "build": self.build,
            "records": self.records or {},
            **_columns(self.files or {}, ""),
        }
        if self.replaced is not None and self.before is not None:
            data.update(_columns(self.replaced, "replaced_"), before=self.before)
        (tree / MARKER).write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        (tree / MARKER).chmod(0o644)


def stamp(tree: Path) -> list[int] | None:
    """What tells one manifest file from another: its inode, size and modification time (None: it has none)."""
    try:
        st = os.stat(tree / MARKER)
    except OSError:
        return None
    return [st.st_ino, st.st_size, st.st_mtime_ns]


def _columns(files: dict[str, Entry], prefix: str) -> dict[str, list]:
    """Entries as the manifest's columns."""
    paths = sorted(files)
    entries = [files[path] for path in paths]
    return {f"{prefix}files": paths, **{f"{prefix}{name}": [e[n] for e in entries] for n, name in enumerate(_COLUMNS[1:])}}


def _entries(data: dict, prefix: str) -> dict[str, Entry] | None:
    """The entries of the manifest's columns (None when they do not line up). Made by tuple's own constructor:
    a NamedTuple's is a Python function, called a hundred thousand times."""
    columns = [data[f"{prefix}{name}"] for name in _COLUMNS]
    if len({len(column) for column in columns}) != 1:
        return None
    return dict(zip(columns[0], map(tuple.__new__, repeat(Entry), zip(*columns[1:]))))

"""The served data: the last good Directory of the contacts file, reloaded when the file changes.

A `Snapshot` is immutable and swapped whole, so a request never sees half a reload. When the file
becomes unreadable, stops being YAML, or leaves no valid contact at all, the last good snapshot stays in
service and the failed attempt is kept for the status page.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from contacts_app.model.contact import Contact, Directory
from contacts_app.model.errors import SourceError
from contacts_app.model.finding import Finding, Severity
from contacts_app.validation.validate import load_directory

#: A file at least this big is read and validated in a child process (see `load`).
ISOLATE_BYTES = 512 * 1024

_CHILD = (
    "import pickle, sys\n"
    "from contacts_app.web.store import _load_parts\n"
    "sys.stdout.buffer.write(pickle.dumps(_load_parts(sys.argv[1]), protocol=pickle.HIGHEST_PROTOCOL))\n"
)


def load(path: str | os.PathLike, *, isolate: bool | None = None) -> Directory:
    """The Directory of a contacts file, as `load_directory`, for a long-running server.

    Validating a file builds a node tree some 30 times the file's size; freed, it leaves the
    process's memory fragmented, so a server that loaded 10k contacts kept about 240 MB where its data
    needs 30 MB. With `isolate` (by default when the file is ISOLATE_BYTES or more) a child process
    reads and validates the file and hands back only the result, and the server stays small.
    """
    if isolate is None:
        try:
            isolate = os.stat(path).st_size >= ISOLATE_BYTES
        except OSError:
            isolate = False
    if not isolate:
        return load_directory(path)
    package_parent = str(Path(__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (package_parent, os.environ.get("PYTHONPATH"))))}
    child = subprocess.run(
        [sys.executable, "-c", _CHILD, os.fspath(path)], capture_output=True, env=env, stdin=subprocess.DEVNULL
    )
    if child.returncode != 0:
        last = (child.stderr.decode("utf-8", "replace").strip().splitlines() or ["no message"])[-1]
        raise SourceError(
            Finding(str(path), 1, 1, Severity.ERROR, "file-unreadable", f"reading the file failed: {last[:300]}")
        )
    kind, value = pickle.loads(child.stdout)  # our own child's output, never outside input
    if kind == "source-error":
        raise SourceError(value)
    return Directory(*value)


def _load_parts(path: str) -> tuple[str, tuple]:
    """In the child process of `load`: the Directory's fields, or the finding of a SourceError."""
    try:
        d = load_directory(path)
    except SourceError as exc:
        return "source-error", exc.finding
    return "ok", (d.path, d.contacts, d.findings, d.version, d.loaded_at)


@dataclass(frozen=True)
class Snapshot:
    """One version of the served data: the Directory, when the file changed, and each record's revision."""

    directory: Directory
    modified: datetime
    revisions: Mapping[str, datetime] = field(default_factory=dict)
    #: What the views derive from this version (search index, order, bulk downloads), built once on first use.
    derived: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def contacts(self) -> tuple[Contact, ...]:
        """The records that passed validation, in the file's order."""
        return self.directory.contacts

    def revision(self, contact: Contact) -> datetime:
        """When this record last changed (as far as this process has seen): the vCard REV and Last-Modified."""
        return self.revisions.get(contact.id, self.modified)

    @cached_property
    def latest_revision(self) -> datetime:
        """When any record last changed: Last-Modified of the downloads of the whole directory."""
        return max(self.revisions.values(), default=self.modified)


@dataclass(frozen=True)
class Attempt:
    """A reload that was not taken into service: when, and the findings that say why."""

    at: datetime
    findings: tuple[Finding, ...]
    unreadable: bool = False  # the file could not be read as YAML at all (rather than: no valid contact)


def _empty(path: str) -> Snapshot:
    """A snapshot with no contacts, served until the file can be read."""
    epoch = datetime.fromtimestamp(0, timezone.utc)
    return Snapshot(Directory(path, (), (), "none", loaded_at=epoch), epoch)


class DirectoryStore:
    """Holds the current Snapshot of one contacts file and reloads it when the file changes."""

    def __init__(self, path: str | os.PathLike, *, interval: float = 1.0, isolate: bool | None = None):
        self.path = str(path)
        self.interval = interval
        self.isolate = isolate
        self._lock = threading.Lock()
        self._checked = 0.0
        self._stamp: tuple | None = None
        self._snapshot = _empty(self.path)
        self.failed: Attempt | None = None
        self.reload()

    @property
    def snapshot(self) -> Snapshot:
        """The snapshot to serve, after reloading if the file changed (checked at most once per interval)."""
        now = time.monotonic()
        if now - self._checked >= self.interval:
            self._checked = now
            if self._file_stamp() != self._stamp and self._lock.acquire(blocking=False):
                try:
                    self._reload_locked()
                finally:
                    self._lock.release()
        return self._snapshot

    def reload(self) -> bool:
        """Load the file now; True when the new version went into service."""
        with self._lock:
            return self._reload_locked()

    def _file_stamp(self) -> tuple | None:
        """What tells one version of the file from the next without reading it."""
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size, st.st_ino)

    def _reload_locked(self) -> bool:
        """Read and validate the file; swap it in when usable, else keep the last good data."""
        stamp = self._file_stamp()
        self._stamp = stamp
        try:
            directory = load(self.path, isolate=self.isolate)
        except SourceError as exc:
            self.failed = Attempt(datetime.now(timezone.utc), (exc.finding,), unreadable=True)
            return False
        if directory.errors and not directory.contacts:
            self.failed = Attempt(directory.loaded_at, directory.findings)
            return False
        if self._snapshot.directory.version == directory.version:
            self.failed = None
            return True
        modified = datetime.fromtimestamp(stamp[0] / 1e9, timezone.utc).replace(microsecond=0) if stamp else directory.loaded_at
        self._snapshot = Snapshot(directory, modified, _revisions(self._snapshot, directory, modified))
        self.failed = None
        return True


def _revisions(old: Snapshot, new: Directory, modified: datetime) -> Mapping[str, datetime]:
    """Each record's revision: kept from the old snapshot when the record is unchanged, else `modified`."""
    revisions = {}
    for contact in new.contacts:
        before = old.directory.by_id.get(contact.id)
        unchanged = before is not None and before.as_dict() == contact.as_dict()
        revisions[contact.id] = old.revision(before) if unchanged else modified
    return MappingProxyType(revisions)

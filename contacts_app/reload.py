"""The served data: the last good Directory of the contacts file, reloaded when the file changes.

A `Snapshot` is immutable and swapped whole, so a request never sees half a reload. When the file
becomes unreadable, stops being YAML, or leaves no valid contact at all, the last good snapshot stays in
service and the failed attempt is kept for the status page.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from .findings import Finding
from .records import Contact, Directory
from .source import SourceError
from .validate import load_directory


@dataclass(frozen=True)
class Snapshot:
    """One version of the served data: the Directory, when the file changed, and each record's revision."""

    directory: Directory
    modified: datetime
    revisions: Mapping[str, datetime] = field(default_factory=dict)

    @property
    def contacts(self) -> tuple[Contact, ...]:
        """The records that passed validation, in the file's order."""
        return self.directory.contacts

    def revision(self, contact: Contact) -> datetime:
        """When this record last changed (as far as this process has seen): the vCard REV and Last-Modified."""
        return self.revisions.get(contact.id, self.modified)


@dataclass(frozen=True)
class Attempt:
    """A reload that was not taken into service: when, and the findings that say why."""

    at: datetime
    findings: tuple[Finding, ...]


def _empty(path: str) -> Snapshot:
    """A snapshot with no contacts, served until the file can be read."""
    epoch = datetime.fromtimestamp(0, timezone.utc)
    return Snapshot(Directory(path, (), (), "none", loaded_at=epoch), epoch)


class DirectoryStore:
    """Holds the current Snapshot of one contacts file and reloads it when the file changes."""

    def __init__(self, path: str | os.PathLike, *, interval: float = 1.0):
        self.path = str(path)
        self.interval = interval
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
            directory = load_directory(self.path)
        except SourceError as exc:
            self.failed = Attempt(datetime.now(timezone.utc), (exc.finding,))
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


def default_file() -> Path:
    """data/contacts.yaml in the working folder if there is one, else the data bundled with the product."""
    from .resources import resource_path

    local = Path("data") / "contacts.yaml"
    return local if local.is_file() else resource_path("data") / "contacts.yaml"

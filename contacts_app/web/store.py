"""The served data: the last good Directory of the contacts file, reloaded when the file changes.

A `Snapshot` is immutable and swapped whole, so a request never sees half a reload; its search index and
memos are made when it is swapped in. The file is watched by the store's own background thread (see
`DirectoryStore.watch`): a request only ever reads the current snapshot, never the file. When the file
becomes unreadable, stops being YAML, or leaves no valid contact at all, the last good snapshot stays in
service and the failed attempt is kept for the status page. A single record whose new version has errors
is served in its last good version (validation.publish); with `keep_last_good` the records published are
kept beside the file too (contactsfile.lastgood), so a restart serves them the same way. A reload logs a line.
"""

from __future__ import annotations

import logging
import math
import os
import threading
import weakref
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING, Callable, Mapping

from contacts_app.contactsfile.lastgood import KeptRecords, write_last_good
from contacts_app.model.contact import Contact, Directory
from contacts_app.model.errors import SourceError
from contacts_app.model.finding import Finding
from contacts_app.model.messages import say
from contacts_app.validation.publish import publication_notes, publish, reload_line
from contacts_app.validation.record_cache import RecordCache
from contacts_app.web.loading import load
from contacts_app.web.reload_guard import ReloadGuard, forward

if TYPE_CHECKING:
    from flask import Flask

    from contacts_app.web.memos import Memos
    from contacts_app.web.search import SearchIndex

#: Where an app keeps its DirectoryStore (see `store_of`).
STORE_KEY = "contacts_store"
log = logging.getLogger(__name__)

@dataclass(frozen=True)
class Snapshot:
    """One version of the served data: the Directory, when the file changed, each record's revision, and
    what every request of this version shares: the search index and the memos (made with the snapshot)."""

    directory: Directory
    modified: datetime
    revisions: Mapping[str, datetime]
    search: "SearchIndex" = field(compare=False, repr=False)
    memos: "Memos" = field(compare=False, repr=False)

    @classmethod
    def of(cls, directory: Directory, modified: datetime,
           revisions: Mapping[str, datetime] | None = None, *, search_texts: bool = True) -> "Snapshot":
        """A snapshot of `directory`, its search index built (its texts at the first search unless `search_texts`)
        and its memos made, ready to be swapped in."""
        # imported here, so the child process of `load` imports no Flask
        from contacts_app.web.memos import Memos
        from contacts_app.web.search import SearchIndex

        revisions = MappingProxyType(dict(revisions or {}))
        return cls(directory, modified, revisions, SearchIndex(directory.contacts, texts=search_texts), Memos())

    @property
    def contacts(self) -> tuple[Contact, ...]:
        """The records that passed validation, in the file's order."""
        return self.directory.contacts

    def revision(self, contact: Contact) -> datetime:
        """When this record last changed (as far as this process has seen), else the day it was verified, else
        when the file changed: the vCard REV and Last-Modified."""
        return self.revisions.get(contact.id) or contact.verified_at or self.modified

    @cached_property
    def desks(self) -> Mapping[str, tuple[Contact, ...]]:
        """The press desks (`kind: desk`) of each organisation, by its filter key, in the file's order."""
        found: dict[str, tuple[Contact, ...]] = {}
        for key, contact in zip(self.search.org_keys, self.contacts):
            if contact.kind == "desk" and key:
                found[key] = (*found.get(key, ()), contact)
        return MappingProxyType(found)

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
    return Snapshot.of(Directory(path, (), (), "none", loaded_at=epoch), epoch)


class DirectoryStore:
    """Holds the current Snapshot of one contacts file; reloads it when told to (`check`, `reload`) or, once
    `watch` has started it, from a background thread that looks at the file every `interval` seconds."""

    def __init__(self, path: str | os.PathLike, *, interval: float = 1.0, isolate: bool | None = None,
                 watch: bool = False, keep_last_good: bool = False, lang: str = "en", confine: bool = True,
                 guard: ReloadGuard | None = None, records: RecordCache | None = None, search_texts: bool = True):
        self.path, self.search_texts = str(path), search_texts  # (a build never searches: see Snapshot.of)
        self.lang, self.keep_last_good = lang, keep_last_good  # lang: of the log's lines
        # Until the first version is in service, the last good records are those kept beside the file.
        self._seed: Mapping[str, Contact] | None = KeptRecords(self.path) if keep_last_good else None
        self.interval, self.isolate = interval, isolate
        self.records = records or RecordCache()  # each record's findings: a reload validates only the changed ones
        self.confine = confine  # links out of the file's folder are not followed
        self.guard, self._lock = guard or ReloadGuard(), threading.Lock()
        self._stamp: tuple | None = None
        self._snapshot = _empty(self.path)
        self._watcher: threading.Thread | None = None
        self._stop = threading.Event()
        self.failed: Attempt | None = None
        self._listeners: list[Callable[[Snapshot], None]] = []
        self.reload()
        if watch:
            self.watch()

    @property
    def snapshot(self) -> Snapshot:
        """The snapshot in service: only read here, never reloaded (that is the watcher's job)."""
        return self._snapshot

    def reload(self) -> bool:
        """Load the file now; True when the new version went into service."""
        with self._lock:
            return self._reload_locked()

    def check(self) -> bool:
        """Reload if the file changed since it was last read (what the watcher does every interval);
        True when it had changed."""
        if self._file_stamp() == self._stamp:
            return False
        with self._lock:
            if self._file_stamp() == self._stamp:  # another check got there first
                return False
            self._reload_locked()
        return True

    def poll(self) -> bool:
        """What the watcher does every interval: reload a changed file once it has stood still, and put a
        held version (see reload_guard) into service once it is due; True when something was swapped in."""
        stamp = self._file_stamp()
        if stamp == self._stamp:
            with self._lock:
                held = self.guard.ripe(stamp)
                if held is not None:
                    self._swap(held.directory, held.stamp)
            return held is not None
        return self.guard.settled(stamp) and self.check()

    def confirm(self, version: str) -> bool:
        """Staff confirmed the held version `version`: into service now; False when no such version is held."""
        with self._lock:
            held = self.guard.confirm(version)
            if held is not None:
                self._swap(held.directory, held.stamp)
        return held is not None

    def watch(self) -> bool:
        """Start the background thread that checks the file every `interval` seconds (none for an interval
        that is not a positive finite number); True when it runs. It ends with `close`, or when the store
        is no longer used."""
        if self._watcher is not None or not (0 < self.interval < math.inf):
            return self._watcher is not None
        thread = threading.Thread(
            target=_watch, args=(weakref.ref(self), self._stop, self.interval), name=f"watch {self.path}",
            daemon=True,
        )
        weakref.finalize(self, self._stop.set)
        self._watcher = thread
        thread.start()
        return True

    # -- snapshot listeners: outputs made from every snapshot taken into service (the address books)

    def listen(self, listener: Callable[[Snapshot], None]) -> None:
        """Call `listener` with the snapshot in service now (its failure is raised), and again with every
        new one swapped in (a failure then is logged: the new data is in service all the same)."""
        with self._lock:
            listener(self._snapshot)
            self._listeners.append(listener)

    def close(self) -> None:
        """Stop the watcher (the data stays in service)."""
        self._stop.set()
        if self._watcher is not None and self._watcher is not threading.current_thread():
            self._watcher.join(timeout=5)

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
        before = self._snapshot.directory
        try:
            directory = load(self.path, isolate=self.isolate, confine=self.confine, cache=self.records)
        except SourceError as exc:
            return self._refuse(Attempt(datetime.now(timezone.utc), (exc.finding,), unreadable=True))
        directory = publish(directory, before.by_id if self._seed is None else self._seed)
        if directory.errors and not directory.contacts:
            return self._refuse(Attempt(directory.loaded_at, directory.findings))
        self.failed = None
        if self.guard.hold(directory, len(self._snapshot.contacts), stamp):
            return False
        if before.version != directory.version:
            self._swap(directory, stamp)
        return True

    def _swap(self, directory: Directory, stamp: tuple | None) -> None:
        """Put `directory` into service, its time the file's mtime but never before the last version's; log
        the reload, keep its records beside the file, and tell the listeners."""
        before = self._snapshot.directory
        mtime = datetime.fromtimestamp(stamp[0] / 1e9, timezone.utc).replace(microsecond=0) if stamp else None
        modified = forward(self._snapshot.modified, mtime or directory.loaded_at)
        first = self._seed is not None or before.version == "none"
        revisions = _revisions(self._snapshot, directory, modified)
        self._snapshot = Snapshot.of(directory, modified, revisions, search_texts=self.search_texts)
        self._seed = None
        if not first:
            log.info(". ".join([reload_line(before, directory, self.lang), *publication_notes(directory, self.lang)]))
        if self.keep_last_good:
            write_last_good(self.path, directory.contacts)
        for listener in self._listeners:
            _tell(listener, self._snapshot)

    def _refuse(self, attempt: Attempt) -> bool:
        """Keep the data in service and the failed attempt for the status page; say so in the log."""
        self.failed = attempt
        first = attempt.findings[0].in_language(self.lang)
        log.warning(say(
            self.lang, "reload-failed", path=self.path, count=len(attempt.findings),
            first=f"{first.line}:{first.col} [{first.code}] {first.message}",
        ))
        return False


def _tell(listener: Callable[[Snapshot], None], snapshot: Snapshot) -> None:
    """Give a listener a snapshot; its failure is logged and never stops the reload that made it."""
    try:
        listener(snapshot)
    except Exception:
        log.exception("a snapshot listener failed (the new data is in service all the same)")


def _watch(ref: "weakref.ref[DirectoryStore]", stop: threading.Event, interval: float) -> None:
    """The watcher thread: check the store's file every `interval` seconds until stopped or the store is gone."""
    while not stop.wait(interval):
        store = ref()
        if store is None:
            return
        try:
            store.poll()
        except Exception:  # a bug must not end the watch: the last good data stays, the next check retries
            log.exception("checking %s failed", store.path)
        del store


def store_of(app: "Flask") -> DirectoryStore:
    """The DirectoryStore an app serves."""
    return app.extensions[STORE_KEY]


def attach(app: "Flask", store: DirectoryStore) -> DirectoryStore:
    """Make `store` the one `app` serves (see `store_of`)."""
    app.extensions[STORE_KEY] = store
    return store


def _revisions(old: Snapshot, new: Directory, modified: datetime) -> Mapping[str, datetime]:
    """Each record's revision: kept from the old snapshot when the record is unchanged, else `modified` (the
    `verified:` day of a record new to this process)."""
    revisions = {}
    for contact in new.contacts:
        before = old.directory.by_id.get(contact.id)
        unchanged = before is not None and before.as_dict() == contact.as_dict()
        fresh = modified if before is not None else contact.verified_at or modified  # new: its verified day
        revisions[contact.id] = old.revision(before) if unchanged else fresh
    return MappingProxyType(revisions)

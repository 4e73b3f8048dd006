"""`contacts build`: the directory as static files, rebuilt incrementally, put in place in one step.

A build loads and validates the file once, then lists every file of the site (static_site.EXPORTS) with a
key: a digest of what the file is made of (site_keys.py). A file whose key the current site already has
cannot have changed and is kept as it is, without being rendered; every other file is rendered by the
server's own views (site_render.py), and kept too when its bytes come out the same. So a rebuild after a
one-contact edit renders that person's files, the pages and bulk files that list them, and nothing else.

A record's revision (the vCard's REV) comes from site_revisions.py.
"""

from __future__ import annotations

import gc
import hashlib
import os
import re
import time
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Callable

from contacts_app.contactsfile.locations import resource_path
from contacts_app.model.contact import LANGUAGES
from contacts_app.model.errors import SourceError
from contacts_app.outputs.vcard import DEFAULT_VERSION, contact_uid
from contacts_app.validation.publish import publication_notes
from contacts_app.validation.record_cache import RecordCache
from contacts_app.web.site_folder import BuildError, SiteFolder
from contacts_app.web.site_manifest import Entry, Manifest
from contacts_app.web.site_keys import PERSONAL, build_key, site_jobs
from contacts_app.web.site_render import Job, Renderer, cpu_count, render_jobs
from contacts_app.web.site_revisions import revisions_of
from contacts_app.web.search_documents import documents_keys
from contacts_app.web.site_search import PagefindRun
from contacts_app.web.static_links import StaticLinks
from contacts_app.web.static_site import EXPORTS

_UID = re.compile(r"\r\nUID:([^\r]+)\r\n")

#: How a build tells of its progress: (files done, files in all), now and then.
Progress = Callable[[int, int], None]


@dataclass
class BuildReport:
    """What a build did: the site's contacts and files, the records left out for errors, and the files it
    wrote, kept unchanged and removed, the bytes it wrote and those of the whole site, and how long it took."""

    out_dir: Path
    contacts: int
    files: int
    errors: int
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    bytes_written: int = 0
    site_bytes: int = 0
    seconds: float = 0.0
    notes: tuple[str, ...] = ()  # which records are at their last good version, which not published


def build_site(
    out_dir: str | os.PathLike,
    contacts_file: str | os.PathLike,
    *,
    base_url: str | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
    lang: str = "en",
) -> BuildReport:
    """Write the directory of `contacts_file` as a static site into `out_dir`, replacing an earlier build;
    a record with errors is published in its last good version, as `serve` does (`lang`: of the notes)."""
    started = time.perf_counter()
    folder = SiteFolder(Path(out_dir).absolute())
    folder.check()
    folder.lock()
    collecting = gc.isenabled()
    # A build makes millions of objects that live as long as it does, and few cycles: each full pass of
    # the collector over them costs tenths of a second, several seconds of a national rebuild. The forked
    # renderers, which do make garbage, collect again (site_render.py).
    gc.disable()
    try:
        cache = RecordCache.read(folder.records)
        app, served = _load(contacts_file, cache)
        _keep_records(cache, folder.records)
        directory, modified = served.directory, served.modified
        current = folder.current()
        records, revisions = revisions_of(directory, modified, current)
        snap = _snapshot(served, revisions)
        # Nor need the renderers' collector walk the loaded data, or touch the memory they share with this process.
        gc.freeze()
        site = StaticLinks(base_url)
        static = sorted(item.name for item in resource_path("static").iterdir() if item.is_file())
        program = build_key(base_url)
        folder.prepare(current)
        try:
            with Renderer(app, snap, site) as renderer:
                build = Build(folder, current, snap, site, renderer, workers or cpu_count(), progress)
                with ExitStack() as runs:
                    keys = documents_keys(snap, program, LANGUAGES)
                    searches = [runs.enter_context(PagefindRun(build, keys[lang], lang)) for lang in LANGUAGES]
                    files = build.run(site_jobs(snap, static, program, records))  # (while Pagefind indexes)
                    for search in searches:
                        search.finish()
            report = build.report
            report.removed = len(build.before.keys() - files.keys())
            folder.remove_others(set(files))
            replaced = build.replaced() if current is not None else None  # (else the spare is made from the site)
            folder.swap(Manifest(build.number, records, files, replaced), spare_ready=current is not None)
        except BaseException:
            folder.abandon()
            raise
    finally:
        gc.unfreeze()
        if collecting:
            gc.enable()
        folder.unlock()
    report.out_dir, report.contacts, report.errors = folder.out, len(snap.contacts), len(directory.errors)
    report.files, report.site_bytes = len(files) + 1, sum(e.size for e in files.values())
    report.seconds = time.perf_counter() - started
    report.notes = tuple(publication_notes(directory, lang))
    return report


def _load(contacts_file: str | os.PathLike, records: RecordCache | None = None):
    """The app (no watcher, no public address of its own) and the file's Directory and modification time
    (the records unchanged since the last build not validated again: `records`)."""
    from contacts_app.web.app import create_app
    from contacts_app.web.store import store_of

    app = create_app({"CONTACTS_FILE": str(contacts_file), "RELOAD_INTERVAL": None, "PUBLIC_URL": None,
                      "LOAD_IN_CHILD": False, "RECORD_CACHE": records, "SEARCH_TEXTS": False})
    store = store_of(app)
    if store.failed:
        raise SourceError(store.failed.findings[0]) if store.failed.unreadable else BuildError(
            f"{contacts_file} has no valid contact to publish (see: contacts validate {contacts_file})"
        )
    return app, store.snapshot


def _keep_records(records: RecordCache, file: Path) -> None:
    """Keep the validated records for the next build; a cache that cannot be written only makes it slower."""
    try:
        records.write(file)
    except OSError:
        pass


def _snapshot(served, revisions: dict[str, datetime]):
    """The build's snapshot: the loaded one's data and search index, the revisions above, and memos that keep
    every card (the bulk files are made of them)."""
    from types import MappingProxyType

    from contacts_app.web.memos import Memos
    from contacts_app.web.serving.lru import LRU
    from contacts_app.web.store import Snapshot

    memos = Memos()
    memos.cards = LRU()  # a build holds every card once, uncounted; a server keeps a budget
    return Snapshot(served.directory, served.modified, MappingProxyType(revisions), served.search, memos)


class Build:
    """One build's work: which files to keep and which to render, their placing, and the tally."""

    def __init__(self, folder: SiteFolder, current: Manifest | None, snap, site: StaticLinks, renderer: Renderer,
                 workers: int, progress: Progress | None):
        self.folder, self.snap, self.site, self.renderer = folder, snap, site, renderer
        self.before = (current.files if current else None) or {}
        self.number = (current.build if current else 0) + 1
        self.workers, self.progress = workers, progress
        self.report = BuildReport(folder.out, 0, 0, 0)
        self.files: dict[str, Entry] = {}
        self._total, self._told = 0, 0.0

    def run(self, jobs: list[Job]) -> dict[str, Entry]:
        """Place every file of `jobs`; the new manifest's entries."""
        self._total = len(jobs)
        personal = [j for j in jobs if j.endpoint in PERSONAL]
        rest = [j for j in jobs if j.endpoint not in PERSONAL]
        self._place(personal)
        if any(j.endpoint == "downloads.all_vcards" and not self._same_key(j) for j in rest):
            self._remember_cards(personal)
        self._place(rest)
        self._tell(force=True)
        return self.files

    def replaced(self) -> dict[str, Entry]:
        """The current site's files this build wrote again or left out, as the current site has them."""
        files, number = self.files, self.number
        return {path: old for path, old in self.before.items() if path not in files or files[path].build == number}

    def _same_key(self, job: Job) -> bool:
        """Whether the current site has this file made of the very same inputs."""
        old = self.before.get(job.target)
        return old is not None and old.key == job.key

    def _place(self, jobs: list[Job]) -> None:
        """Keep the files whose key is unchanged; render the others (in worker processes) and place them."""
        todo = []
        before, files, has = self.before, self.files, self.folder.has
        for job in jobs:  # (a loop of its own: nearly every file of a rebuild passes here)
            old = before.get(job.target)
            if old is None or old.key != job.key:
                todo.append(job)
                continue
            if not has(job.target, old):
                try:
                    self.folder.keep(job.target)
                except FileNotFoundError:  # gone from the current site since: made again
                    todo.append(job)
                    continue
            files[job.target] = old
        self.report.unchanged += len(jobs) - len(todo)
        self._tell()
        for job, (entry, written) in render_jobs(todo, self.renderer.render, self._write, self.workers):
            if entry is not None:  # None: a QR code the card is too big for, left out
                self.put(job.target, entry, written)
            self._tell()

    def _write(self, job: Job, body: bytes | None) -> tuple[Entry | None, bool]:
        """A rendered file into place (see `settle`); (None, False) for a file left out."""
        return (None, False) if body is None else self.settle(job.target, job.key, body)

    def settle(self, target: str, key: str, body: bytes) -> tuple[Entry, bool]:
        """A file's new bytes: the current site's file when they are the same (kept, mtime and all), else
        written; its entry, and whether it was written."""
        digest = hashlib.blake2b(body, digest_size=16).hexdigest()
        old = self.before.get(target)
        if old is not None and old.digest == digest and (self.folder.out / target).is_file():
            return Entry(key, digest, old.size, old.build), False
        self.folder.write(target, body)
        return Entry(key, digest, len(body), self.number), True

    def put(self, target: str, entry: Entry, written: bool = False) -> None:
        """Count a file; bring the working tree's copy up to date unless it was just written there."""
        if written:
            self.report.written += 1
            self.report.bytes_written += entry.size
        else:
            if not self.folder.has(target, entry):
                self.folder.keep(target)
            self.report.unchanged += 1
        self.files[target] = entry

    def _remember_cards(self, personal: list[Job]) -> None:
        """Every person's card into the memos, so the bulk files (the cards one after another) are made
        without making a card again: the cards this build made are there already; the unchanged ones are
        read back from the current site's bulk file of their language (their own files where it lacks them)."""
        memos, site, by_id = self.snap.memos, self.site, self.snap.directory.by_id
        cards = [j for j in personal if j.endpoint == "downloads.person_vcard" and self._same_key(j)]
        from_bulk = {lang: self._bulk_cards(lang) for lang in {dict(j.values)["lang"] for j in cards}}
        uids: dict[str, str] = {}  # a UID is a digest: made once a person, not once a card
        for job in cards:
            values = dict(job.values)
            contact, lang = by_id[values["contact_id"]], values["lang"]
            uid = uids.get(contact.id)
            if uid is None:
                uid = uids[contact.id] = contact_uid(contact.id)
            text = from_bulk[lang].get(uid)
            if text is None:
                text = (self.folder.work / job.target).read_bytes().decode("utf-8")
            memos.remember_card(contact, lang, DEFAULT_VERSION, site.person_url(contact, lang), text)

    def _bulk_cards(self, lang: str) -> dict[str, str]:
        """The cards of the current site's bulk file in `lang`, by UID."""
        path = self.folder.out / EXPORTS["downloads.all_vcards"].file({"lang": lang})
        try:
            text = path.read_bytes().decode("utf-8")
        except OSError:
            return {}
        cards = {}
        for card in text.split("END:VCARD\r\n")[:-1]:
            uid = _UID.search(card)
            if uid:
                cards[uid.group(1)] = card + "END:VCARD\r\n"
        return cards

    def _tell(self, force: bool = False) -> None:
        """Report progress, at most ten times a second."""
        now = time.monotonic()
        if self.progress and (force or now - self._told >= 0.1):
            self._told = now
            self.progress(len(self.files), self._total)

"""The address books at /carddav/: Radicale beside the Flask app, fed from every snapshot of the store.

Radicale (GPLv3, the optional extra `carddav`) is imported here only, when a site is asked to serve the
books; everything else in the package runs without it. Its WSGI app is mounted with werkzeug's
DispatcherMiddleware, so `contacts serve` answers the pages and CardDAV on one port; `/.well-known/carddav`
(RFC 6764) redirects to the mount (views/subscribe.py). Each snapshot the store takes into service is
written into the storage folder (outputs/book_storage.py) by a thread of its own; Radicale serves the last
version written, whole (the writer holds Radicale's lock while it changes the folder).
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path
from typing import Callable

from flask import Flask, url_for
from werkzeug.middleware.dispatcher import DispatcherMiddleware

from contacts_app.model.contact import DEFAULT_LANGUAGE, Contact
from contacts_app.model.errors import ContactsError
from contacts_app.outputs.addressbooks import Book, books
from contacts_app.outputs.book_storage import BookWriter
from contacts_app.outputs.vcard import vcard
from contacts_app.web.store import DirectoryStore, Snapshot, store_of

#: Where the books are served, below the site's root.
MOUNT = "/carddav"
#: Where an app keeps its CardDAV (see `carddav_of`).
CARDDAV_KEY = "contacts_carddav"
log = logging.getLogger(__name__)


class CardDAV:
    """The books of one site, written into `folder` for every snapshot by a thread of their own.

    The store's listener (`offer`) only hands the snapshot over, so a reload never waits for the cards
    (10k of them take seconds to build and write the first time); when versions come faster than they are
    written, only the newest is written. Until a version is written, Radicale serves the one before."""

    def __init__(self, app: Flask, folder: Path, site_url: str | None):
        self.app = app
        self.folder = folder
        self.site_url = site_url.rstrip("/") if site_url else None
        self.writer = BookWriter(folder)
        self.written: Snapshot | None = None  # the version Radicale serves
        self._pending: Snapshot | None = None
        self._busy = False
        self._wake = threading.Condition()
        self._index: tuple[Snapshot, tuple[Book, ...]] | None = None
        threading.Thread(target=self._run, name=f"address books {folder}", daemon=True).start()

    def offer(self, snap: Snapshot) -> None:
        """Have the books of this snapshot written (the store's listener: returns at once)."""
        if snap.directory.version == "none":  # the store's stand-in until the file is first read: keep the books
            return
        with self._wake:
            self._pending = snap
            self._wake.notify_all()

    def settled(self, timeout: float | None = None) -> bool:
        """Wait until the last snapshot offered is written; False if that took longer than `timeout`."""
        with self._wake:
            return self._wake.wait_for(lambda: self._pending is None and not self._busy, timeout)

    def books(self, snap: Snapshot) -> tuple[Book, ...]:
        """The books of a snapshot without their cards (which there are, their names and sizes), for pages."""
        index = self._index
        if index is None or index[0] is not snap:
            index = self._index = (snap, books(snap.contacts, lambda c: ""))
        return index[1]

    def update(self, snap: Snapshot) -> int:
        """Write the books of a snapshot now; the number of cards that changed."""
        site = self.site_url
        with self.app.test_request_context("/", base_url=site or "http://localhost"):
            made = snapshot_books(snap, lambda c: site + url_for("pages.person", contact_id=c.id) if site else None)
        changed = self.writer.write(made)
        self.written = snap
        log.info("address books: %d book(s), %d card(s) changed", len(made), changed)
        return changed

    def _run(self) -> None:
        """The writer thread: write the newest snapshot offered, for as long as the process runs."""
        while True:
            with self._wake:
                self._wake.wait_for(lambda: self._pending is not None)
                snap, self._pending, self._busy = self._pending, None, True
            try:
                self.update(snap)
            except Exception:  # the books keep the version before; the next snapshot tries again
                log.exception("writing the address books into %s failed", self.folder)
            finally:
                with self._wake:
                    self._busy = False
                    self._wake.notify_all()


def snapshot_books(snap: Snapshot, person_url: Callable[[Contact], str | None]) -> tuple[Book, ...]:
    """The books of a snapshot, each card as the site's download gives it (in the directory's language,
    with the address of the person's page and the record's revision)."""
    return books(snap.contacts, lambda c: vcard(c, lang=DEFAULT_LANGUAGE, url=person_url(c), rev=snap.revision(c)))


def write_books(folder: str | os.PathLike, contacts_file: str | os.PathLike, *, base_url: str | None = None) -> int:
    """`contacts build --carddav`: the books of a contacts file written into `folder` for a Radicale of its
    own, the cards linking to the pages of a static build at `base_url`; the number of cards changed."""
    from contacts_app.web.static_links import StaticLinks

    store = DirectoryStore(contacts_file, interval=0)
    if store.failed:
        raise ContactsError(f"{contacts_file} has no valid contact to publish (see: contacts validate {contacts_file})")
    site = StaticLinks(base_url)
    return BookWriter(folder).write(snapshot_books(store.snapshot, lambda c: site.person_url(c, DEFAULT_LANGUAGE)))


def carddav_of(app: Flask) -> CardDAV | None:
    """The CardDAV of an app, or None when it serves no address books."""
    return app.extensions.get(CARDDAV_KEY)


def init_app(app: Flask, folder: str | os.PathLike, site_url: str | None = None) -> CardDAV:
    """Serve the store's books read-only at MOUNT, written into `folder` (made if missing).

    `site_url` is the site's address for the links in the cards; PUBLIC_URL comes first."""
    from contacts_app.web.views import subscribe

    radicale_app = _radicale(Path(folder))
    carddav = CardDAV(app, Path(folder), app.config.get("PUBLIC_URL") or site_url)
    app.extensions[CARDDAV_KEY] = carddav
    store_of(app).listen(carddav.offer)
    app.register_blueprint(subscribe.bp)
    app.wsgi_app = DispatcherMiddleware(app.wsgi_app, {MOUNT: radicale_app})
    return carddav


def _radicale(folder: Path):
    """Radicale's WSGI app serving `folder` read-only (its own configuration; no file of the system's)."""
    try:
        from radicale import Application, config
    except ImportError:
        raise ContactsError(
            "the address books need Radicale, which is not installed: pip install 'contacts-app[carddav]' "
            "(bash scripts/serve.sh installs it), or serve without them: contacts serve --no-carddav"
        ) from None
    rights = BookWriter(folder).prepare()
    # Radicale warns at start that any login is accepted: here that is the point (the books are public)
    radicale_log = logging.getLogger("radicale")
    level = radicale_log.level
    radicale_log.setLevel(logging.ERROR)
    try:
        return Application(_configuration(config, folder, rights))
    finally:
        radicale_log.setLevel(level)


def _configuration(config, folder: Path, rights: Path):
    """Radicale's settings: any login, read-only rights, the folder as storage, no web interface."""
    configuration = config.load()
    configuration.update(
        {
            "auth": {"type": "none"},
            "rights": {"type": "from_file", "file": str(rights)},
            "storage": {"filesystem_folder": str(folder)},
            "web": {"type": "none"},
        },
        "contacts serve",
        privileged=True,
    )
    return configuration

"""Address books written where Radicale serves them: its `multifilesystem` layout, changed in place.

The folder holds `collection-root/<user>/contacts/` per book: `.Radicale.props` says it is an address
book and names it, and every card is a `.vcf` file of its own. A new version of the books is written
under Radicale's own storage lock (an exclusive `flock` of `<folder>/.Radicale.lock`, the lock Radicale
takes for every request), so no request ever sees half a version; only the cards that changed are
written and only the cards that went are removed, and Radicale's caches (`.Radicale.cache`: items,
history, sync tokens) stay, so a client's next `sync-collection` brings exactly what changed.

A card whose only change is its REV is left as it was: every restart of the server would otherwise
touch every card, and every client would fetch the whole book again.

Nothing here imports Radicale (GPLv3): the layout and the lock are its documented file formats.
The folder also gets `config` and `rights` for a Radicale of its own (`radicale --config FOLDER/config`).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

from contacts_app.contactsfile.writing import write_atomic
from contacts_app.model.errors import ContactsError
from contacts_app.outputs.addressbooks import BOOK, Book

#: The books this program wrote, by user: what a later version may remove (nothing else is touched).
MANIFEST = ".contacts-books.json"

#: Everyone may read every book; nobody may write (PUT, DELETE, MKCOL, MOVE, PROPPATCH get 403).
RIGHTS = """\
# Written by `contacts`: the address books are read-only for everyone.
[read-only]
user: .*
collection: .*
permissions: Rr
"""


def radicale_config(folder: str | os.PathLike) -> str:
    """A Radicale configuration serving `folder` read-only, with any user name and password."""
    folder = Path(folder).resolve()
    return f"""\
# Written by `contacts`: run a Radicale of your own on these books with
#   radicale --config {folder / 'config'}
[server]
hosts = 127.0.0.1:5232

[auth]
# the books are public: any user name and password log in (the user name picks the book)
type = none

[rights]
type = from_file
file = {folder / 'rights'}

[storage]
filesystem_folder = {folder}

[web]
type = none
"""


class BookWriter:
    """Writes versions of the books into one folder, remembering what it wrote so that the next version
    compares in memory; a new writer reads the folder once instead."""

    def __init__(self, folder: str | os.PathLike):
        self.folder = Path(folder)
        self._written: dict[str, dict[str, bytes]] = {}  # user → href → fingerprint of the card
        self._read = False

    def prepare(self) -> Path:
        """Make the folder with Radicale's `config` and `rights` in it; the rights file's path."""
        with self._errors():
            self.folder.mkdir(parents=True, exist_ok=True)
            _write_if_changed(self.folder / "rights", RIGHTS)
            _write_if_changed(self.folder / "config", radicale_config(self.folder))
        return self.folder / "rights"

    def write(self, books: Iterable[Book]) -> int:
        """Write one version of the books; the number of cards written or removed."""
        books = list(books)
        self.prepare()
        with self._errors():
            with storage_lock(self.folder):
                if not self._read:
                    users = {*self._manifest(), *(book.user for book in books)}
                    self._written = {user: _read_book(self._book_folder(user)) for user in users}
                    self._read = True
                changed = sum(self._write_book(book) for book in books)
                changed += self._remove_gone({book.user for book in books})
        return changed

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """A file-system error as a ContactsError that names the folder and what to do."""
        try:
            yield
        except OSError as exc:
            raise ContactsError(
                f"cannot write the address books in {self.folder}: {exc.strerror or exc}; "
                "choose a folder this user may write (serve: --carddav-folder, build: --carddav)"
            ) from None

    def _book_folder(self, user: str) -> Path:
        """Where a principal's book lives."""
        return self.folder / "collection-root" / user / BOOK

    def _manifest(self) -> list[str]:
        """The users of the books written before."""
        try:
            return list(json.loads((self.folder / MANIFEST).read_text("utf-8")))
        except (FileNotFoundError, ValueError):
            return []

    def _write_book(self, book: Book) -> int:
        """Bring one book's folder to this version: props, changed cards, removed cards."""
        folder = self._book_folder(book.user)
        folder.mkdir(parents=True, exist_ok=True)
        _write_if_changed(folder / ".Radicale.props", json.dumps(_props(book), sort_keys=True, ensure_ascii=False))
        before = self._written.setdefault(book.user, {})
        keys = {href: _fingerprint(card) for href, card in book.cards.items()}
        new = [(href, book.cards[href]) for href, key in keys.items() if before.get(href) != key]
        gone = [href for href in before if href not in book.cards]
        _write_cards(folder, new)
        for href in gone:
            (folder / href).unlink(missing_ok=True)
            del before[href]
        before.update((href, keys[href]) for href, _ in new)
        if gone:
            _fsync_folder(folder)
        return len(new) + len(gone)

    def _remove_gone(self, users: set[str]) -> int:
        """Remove the books of organisations no longer in the directory; keep the manifest current."""
        removed = 0
        for user in [user for user in self._written if user not in users]:
            removed += len(self._written.pop(user))
            shutil.rmtree(self.folder / "collection-root" / user, ignore_errors=True)
        _write_if_changed(self.folder / MANIFEST, json.dumps(sorted(self._written)))
        return removed


#: Up to this many cards are synced to disk one by one; more with one sync of the file systems.
FSYNC_EACH = 16


def _write_cards(folder: Path, cards: list[tuple[str, str]]) -> None:
    """Write cards, each whole under its own name: a temporary file renamed over it once its data is on disk.

    A few cards are synced with an fsync each; many (a first write of 10k cards) with one os.sync()
    before the renames, which is twenty times faster than 10k fsyncs here."""
    if not cards:
        return
    each = len(cards) <= FSYNC_EACH
    temps: list[tuple[Path, Path]] = []
    try:
        for href, card in cards:
            temp = folder / f".contacts-tmp-{href}"
            with open(temp, "wb") as handle:
                handle.write(card.encode("utf-8"))
                if each:
                    handle.flush()
                    os.fsync(handle.fileno())
            temps.append((temp, folder / href))
        if not each:
            os.sync()
        while temps:
            temp, target = temps.pop()
            os.replace(temp, target)
    finally:
        for temp, _ in temps:
            temp.unlink(missing_ok=True)
    _fsync_folder(folder)


def _fsync_folder(folder: Path) -> None:
    """Make the renames and removals in a folder durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def storage_lock(folder: Path) -> Iterator[None]:
    """Radicale's storage lock, exclusively: no request is answered while the books change."""
    with open(folder / ".Radicale.lock", "w+") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _props(book: Book) -> dict[str, str]:
    """The book's `.Radicale.props`: an address book, named in Swedish."""
    return {"tag": "VADDRESSBOOK", "D:displayname": book.name("sv"), "CR:addressbook-description": book.name("en")}


def _read_book(folder: Path) -> dict[str, bytes]:
    """The fingerprints of the cards a folder holds, by href (what `_write_book` compares)."""
    try:
        names = [name for name in os.listdir(folder) if name.endswith(".vcf")]
    except FileNotFoundError:
        return {}
    return {name: _fingerprint((folder / name).read_bytes().decode("utf-8", "replace")) for name in names}


def _fingerprint(card: str) -> bytes:
    """A digest of the card without its REV line: what tells a changed card from a restarted server's."""
    kept = "".join(line for line in card.splitlines(keepends=True) if not line.startswith("REV:"))
    return hashlib.blake2b(kept.encode("utf-8"), digest_size=16).digest()


def _write_if_changed(path: Path, text: str) -> None:
    """Write the file atomically unless it holds exactly this text already."""
    try:
        if path.read_text("utf-8") == text:
            return
    except FileNotFoundError:
        pass
    write_atomic(path, text)

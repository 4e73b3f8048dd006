"""Where `contacts build` writes: OUTDIR, swapped whole, and the build before it kept beside it to build in.

A build never writes into the folder a web server is reading. It works in a second tree, `.OUTDIR.previous`
next to OUTDIR (the build before the current one), brings it up to date, and then exchanges the two folders
in one atomic step (Linux `renameat2(RENAME_EXCHANGE)`), so a reader sees the old site or the new one,
never half of either. The old site becomes the next build's working tree.

Every file is listed in a manifest (site_manifest.py, a JSON file at the top of the tree) with the key of
what it was made from, the digest of its bytes and the build that wrote those bytes. A file whose bytes
the new build keeps is the very file of the site being replaced: a hard link to it (the same bytes and the
same mtime, so `rsync` or an object store's sync sends only what changed, and the two trees cost little
more disk than one). A file is only ever replaced, never written in place, because its inode may be
shared by both trees.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from contacts_app.model.errors import ContactsError
from contacts_app.web.site_manifest import MARKER, Entry, Manifest, stamp

_RENAME_EXCHANGE = 2  # linux/fs.h
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)


class BuildError(ContactsError):
    """The site cannot be built (or put in place); the message says why."""


class SiteFolder:
    """OUTDIR and its working tree: check, lock, prepare, place files, swap."""

    def __init__(self, out: Path):
        self.out = out
        self.spare = out.parent / f".{out.name}.previous"
        self.records = out.parent / f".{out.name}.records"  # what validation found per record (record_cache.py)
        self.work: Path | None = None
        self.work_manifest = Manifest()
        self._lock_fd: int | None = None
        self._folders: set[Path] = set()  # the working tree's folders known to exist (fewer system calls)
        self._masked = _umask() & 0o644 != 0  # whether a new file needs its mode set (a call a file less)

    # -- before ----------------------------------------------------------------------------------------

    def check(self) -> None:
        """Refuse an OUTDIR that is a file, or a folder with things in it that an earlier build did not make."""
        out = self.out
        if out.is_symlink() or (out.exists() and not out.is_dir()):
            raise BuildError(f"{out} exists and is not a folder; name a folder for the site")
        if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
            raise BuildError(
                f"{out} is not empty and was not made by contacts build; name a new or empty folder "
                "(nothing was changed)"
            )

    def lock(self) -> None:
        """Only one build at a time in OUTDIR's parent folder (they would share the working tree)."""
        self.out.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.out.parent, os.O_RDONLY)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise BuildError(f"another contacts build is writing in {self.out.parent}; wait for it to finish") from None
        self._lock_fd = fd

    def unlock(self) -> None:
        """Let the next build in."""
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None

    def current(self) -> Manifest | None:
        """The manifest of the site in OUTDIR now, if it has one."""
        return Manifest.read(self.out) if self.out.is_dir() else None

    def prepare(self, current: Manifest | None = None) -> None:
        """The working tree: the build before, when it is complete (its manifest is removed first, so a build
        that stops half-way leaves it marked incomplete); else a new empty folder. (`current`: the site's
        manifest, which says what the build before held.)"""
        manifest = self._spare_manifest(current) if self.spare.is_dir() and not self.spare.is_symlink() else None
        if manifest is not None:
            (self.spare / MARKER).unlink()
            self.work, self.work_manifest = self.spare, manifest
            return
        _remove(self.spare)
        self.work = Path(tempfile.mkdtemp(prefix=f".{self.out.name}.build-", dir=self.out.parent))
        self.work_manifest = Manifest(files={})

    def _spare_manifest(self, current: Manifest | None) -> Manifest | None:
        """What the spare holds: the site's own manifest when the spare is a linked copy of the site, the build
        before's as the site's manifest tells it when the spare's is that very file; else its own, read."""
        held = stamp(self.spare)
        if held is None:
            return None
        if current is not None:
            if held == stamp(self.out):
                return current
            if held == current.before:
                return current.previous()
        return Manifest.read(self.spare)

    # -- placing files ---------------------------------------------------------------------------------

    def has(self, path: str, entry: Entry) -> bool:
        """Whether the working tree already holds exactly these bytes of this build (nothing to do)."""
        held = (self.work_manifest.files or {}).get(path)
        return held is not None and held.digest == entry.digest and held.build == entry.build

    def write(self, path: str, body: bytes) -> None:
        """New bytes for a file of the working tree (never into a file that may be shared with OUTDIR), written
        without a file object (a build writes tens of thousands: open's buffering and checks cost more than
        the writing)."""
        target = self._make_way(path)
        try:
            fd = os.open(target, _NEW_FILE, 0o644)
        except FileExistsError:  # a stray file the manifest did not list
            target.unlink()
            fd = os.open(target, _NEW_FILE, 0o644)
        try:
            if self._masked:
                os.fchmod(fd, 0o644)  # whatever the umask
            view = memoryview(body)
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)

    def keep(self, path: str) -> None:
        """The file as OUTDIR has it, into the working tree: a hard link (a copy with its mtime where the
        file system has none)."""
        target = self._make_way(path)
        try:
            os.link(self.out / path, target)
        except FileExistsError:
            target.unlink()
            os.link(self.out / path, target)
        except OSError:
            shutil.copy2(self.out / path, target)

    def _make_way(self, path: str) -> Path:
        """The working tree's path of a file, its folder made and an older copy removed (only where the
        working tree's manifest says there is one)."""
        target = self.work / path
        if path in (self.work_manifest.files or {}):
            _unlink(target)
        folder = target.parent
        if folder not in self._folders:
            folder.mkdir(parents=True, exist_ok=True)
            self._folders.add(folder)
            while self._masked and folder != self.work:  # readable by the web server, whatever the umask
                folder.chmod(0o755)
                folder = folder.parent
        return target

    def remove_others(self, wanted: set[str]) -> int:
        """Remove the working tree's files that the new build does not have; how many there were."""
        gone = [path for path in (self.work_manifest.files or {}) if path not in wanted]
        for path in gone:
            _unlink(self.work / path)
        for folder in sorted({(self.work / p).parent for p in gone}, key=lambda p: -len(p.parts)):
            while folder != self.work and _rmdir_if_empty(folder):
                folder = folder.parent
        return len(gone)

    # -- after -----------------------------------------------------------------------------------------

    def swap(self, manifest: Manifest, *, spare_ready: bool) -> None:
        """Finish the working tree and put it where OUTDIR is in one step; the old site becomes the spare
        (`spare_ready`: it has a manifest, so the next build can work in it)."""
        assert self.work is not None
        manifest.before = stamp(self.out) if manifest.replaced is not None else None  # the next spare's
        manifest.write(self.work)
        self.work.chmod(0o755)
        self.check()
        if not self.out.exists():
            os.replace(self.work, self.out)
        else:
            _exchange(self.work, self.out)
            if self.work != self.spare:
                _remove(self.spare)
                os.replace(self.work, self.spare)
        if not spare_ready:  # an old build's tree, or none: the next build needs a spare
            _remove(self.spare)
            _link_tree(self.out, self.spare)

    def abandon(self) -> None:
        """After a failed build: a new working folder is removed; the spare keeps no manifest, so the next
        build starts it afresh."""
        if self.work is not None and self.work != self.spare:
            shutil.rmtree(self.work, ignore_errors=True)


def _exchange(a: Path, b: Path) -> None:
    """Swap two folders in one step where the system can (Linux); else two renames in quick succession."""
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is not None:
        at_fdcwd = -100
        if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE) == 0:
            return
        if ctypes.get_errno() not in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
            raise OSError(ctypes.get_errno(), f"cannot swap {a} and {b}: {os.strerror(ctypes.get_errno())}")
    aside = Path(tempfile.mkdtemp(prefix=f".{b.name}.old-", dir=b.parent)) / "site"
    os.replace(b, aside)
    try:
        os.replace(a, b)
    except BaseException:
        os.replace(aside, b)
        raise
    os.replace(aside, a)
    aside.parent.rmdir()


def _link_tree(source: Path, target: Path) -> None:
    """A copy of a tree made of hard links (copies where the file system has none): by GNU `cp -al` where
    there is one (a tenth of a millisecond a file less than Python's walk: seconds for a national site)."""
    cp = shutil.which("cp")
    if cp and sys.platform.startswith("linux"):
        done = subprocess.run([cp, "-al", "--", str(source), str(target)], stdin=subprocess.DEVNULL,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if done.returncode == 0:
            return
        _remove(target)  # whatever it made of it: the walk below does it all

    def link(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    shutil.copytree(source, target, copy_function=link, symlinks=True)


def _umask() -> int:
    """The process's umask (read by setting it, so once, before the build starts any thread or process)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _remove(path: Path) -> None:
    """Remove a tree or a file, if there is one."""
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.exists():
        shutil.rmtree(path)


def _unlink(path: Path) -> None:
    """Remove a file if it is there."""
    path.unlink(missing_ok=True)


def _rmdir_if_empty(folder: Path) -> bool:
    """Remove an empty folder; whether it was removed."""
    try:
        folder.rmdir()
        return True
    except OSError:
        return False

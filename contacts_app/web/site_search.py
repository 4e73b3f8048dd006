"""The static export's search: a Pagefind index of the people and the releases, made at build time.

Pagefind (its binary, from the `pagefind_bin` wheel) reads one small document per person and release page
(search_documents.py: the words a search finds, at the page's path) and writes its bundle: the script the
pages load (static/static-search.js imports it, from the site itself) and the index in fragments. Each
language has a bundle of its own (`pagefind/<lang>/`, static_site.search_bundle): a page searches the
pages of its own language only, and an edit of one language's words (a Swedish title) indexes that
language's documents again, not the other's. The documents are written to a memory file system where
there is one. A bundle's files go into the build's manifest like every other file, each keyed by a digest
of what its documents are made of: a build whose documents would be the same keeps the bundle as it is
without making them or running Pagefind, and a changed one keeps, mtime and all, every file whose bytes
come out the same, so a host's sync sends only the fragments that changed.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path

from contacts_app.web.search_documents import documents
from contacts_app.web.site_folder import BuildError
from contacts_app.web.static_site import search_bundle

#: The bundle's table of contents (its languages, their indexes' names).
ENTRY = "pagefind-entry.json"
#: How long Pagefind may take (it indexes 30,000 documents in well under a minute).
TIMEOUT = 1800
#: Where the documents go when the system has a memory file system (they are written and read once).
MEMORY = Path("/dev/shm")


def pagefind() -> str:
    """The Pagefind binary of the pagefind_bin wheel."""
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise BuildError("the search index needs Pagefind: pip install pagefind_bin") from None
    return str(get_executable())


class PagefindRun:
    """A build's Pagefind run of one language, as a context manager: started before the pages are rendered
    (it needs only the records, and its threads take what the rendering leaves of the processors), its
    bundle placed by `finish` once the pages are; leaving the block stops a run that was not finished and
    removes its files."""

    def __init__(self, build, documents_key: str, lang: str):
        self.build, self.bundle = build, search_bundle(lang)
        self.key = f"{self.bundle}:{documents_key}:{_version()}"  # (search_documents.documents_keys)
        self._process: subprocess.Popen | None = None
        self._work: tempfile.TemporaryDirectory | None = None
        if self._unchanged():
            return
        docs = list(documents(build.snap, lang))
        scratch = MEMORY if MEMORY.is_dir() and os.access(MEMORY, os.W_OK) else build.folder.out.parent
        self._work = tempfile.TemporaryDirectory(prefix=".pagefind-", dir=scratch)
        work = Path(self._work.name)
        _write_documents(work / "site", docs)
        command = [pagefind(), "--site", str(work / "site"), "--output-path", str(work / "bundle"), "--silent"]
        with open(work / "log", "wb") as log:  # a file, not a pipe: nothing waits on Pagefind's output
            try:
                self._process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=log)
            except OSError as exc:
                self.close()
                raise BuildError(f"Pagefind could not index the site ({exc})") from None

    def __enter__(self) -> "PagefindRun":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def finish(self) -> None:
        """Wait for Pagefind and place its bundle; or keep the current site's, made of the same documents."""
        build = self.build
        if self._process is None:
            for target, entry in build.before.items():
                if target.startswith(f"{self.bundle}/"):
                    build.put(target, entry)
            return
        work = Path(self._work.name)
        try:
            code = self._process.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            raise BuildError(f"Pagefind could not index the site in {TIMEOUT} s") from None
        if code != 0:
            said = (work / "log").read_text(encoding="utf-8", errors="replace").strip()[-500:]
            raise BuildError(f"Pagefind could not index the site: {said or f'exit status {code}'}")
        out = work / "bundle"
        for path in sorted(p for p in out.rglob("*") if p.is_file()):
            body = path.read_bytes()
            if path.name == ENTRY:
                body = _canonical(body)
            target = f"{self.bundle}/{path.relative_to(out).as_posix()}"
            build.put(target, *build.settle(target, self.key, body))

    def close(self) -> None:
        """Stop Pagefind if it still runs; remove the documents and its bundle."""
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        if self._work is not None:
            self._work.cleanup()
            self._work = None

    def _unchanged(self) -> bool:
        """Whether the current site's bundle was made of the same documents by the same Pagefind, and each of its
        files is in the working tree already or in the site to be linked from (looked for only then: a
        national bundle is 30,000 files)."""
        build, out = self.build, str(self.build.folder.out)
        bundle = [(t, entry) for t, entry in build.before.items() if t.startswith(f"{self.bundle}/")]
        return bool(bundle) and all(
            entry.key == self.key and (build.folder.has(target, entry) or os.path.isfile(os.path.join(out, target)))
            for target, entry in bundle
        )


def _write_documents(site: Path, docs: list[tuple[str, str]]) -> None:
    """Each document at its page's path under `site` (without a file object each: there are tens of thousands)."""
    folders: set[Path] = set()
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0)
    for path, doc in docs:
        target = site / path
        if target.parent not in folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(target.parent)
        fd = os.open(target, flags, 0o644)
        try:
            view = memoryview(doc.encode("utf-8"))
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)


def _version() -> str:
    """The Pagefind that makes the bundle (another version may make other bytes of the same documents)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pagefind_bin")
    except PackageNotFoundError:
        return "?"


def _canonical(body: bytes) -> bytes:
    """The bundle's table of contents with its keys sorted: Pagefind lists the languages in whichever order
    its threads finished, and an unchanged site must give the same bytes (the search reads it as JSON)."""
    return json.dumps(json.loads(body), sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()

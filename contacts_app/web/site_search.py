"""The static export's search: a Pagefind index of the people's and releases' pages, made at build time.

Pagefind (its binary, from the `pagefind_bin` wheel) reads the built pages of the working tree and writes
its bundle: the script the pages load (static/static-search.js imports it, from the site itself) and the
index in fragments, one index per language of the pages (`<html lang>`), so a Swedish page searches the
Swedish pages. Its files go into the build's manifest like every other file, kept as they are (mtime and
all) when their bytes come out the same, so a host's sync sends only the fragments that changed.
"""

from __future__ import annotations

import hashlib
import subprocess
import tempfile
from pathlib import Path

from contacts_app.web.site_folder import BuildError, Entry, SiteFolder
from contacts_app.web.static_site import SEARCH_BUNDLE as BUNDLE
#: The pages a search finds: people and releases, in both languages (the lists would only repeat them).
PAGES = "{people,en/people,releases,en/releases}/*.html"
#: What of a page is no part of what it is about: the site's bar and footer, the QR code, the way back.
IGNORED = "header.site,footer.site,.qr-section,.back,.skip,.actions .save"
#: How long Pagefind may take (it indexes 20,000 pages in well under a minute).
TIMEOUT = 1800


def pagefind() -> str:
    """The Pagefind binary of the pagefind_bin wheel."""
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise BuildError("the search index needs Pagefind: pip install pagefind_bin") from None
    return str(get_executable())


def index_site(folder: SiteFolder, files: dict[str, Entry], before: dict[str, Entry], number: int) -> dict[str, Entry]:
    """Index the working tree's pages with Pagefind; `files` with the bundle's files added (build `number`)."""
    assert folder.work is not None
    with tempfile.TemporaryDirectory(prefix=".pagefind-", dir=folder.work.parent) as out:
        command = [pagefind(), "--site", str(folder.work), "--output-path", out, "--glob", PAGES,
                   "--exclude-selectors", IGNORED, "--silent"]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise BuildError(f"Pagefind could not index the site ({exc})") from None
        if done.returncode != 0:
            raise BuildError(f"Pagefind could not index the site: {(done.stderr or done.stdout).strip()[-500:]}")
        added = dict(files)
        for path in sorted(p for p in Path(out).rglob("*") if p.is_file()):
            target = f"{BUNDLE}/{path.relative_to(out).as_posix()}"
            added[target] = _place(folder, target, path.read_bytes(), before.get(target), number)
    return added


def _place(folder: SiteFolder, target: str, body: bytes, old: Entry | None, number: int) -> Entry:
    """One file of the bundle into the working tree: the current site's when its bytes are the same."""
    digest = hashlib.blake2b(body, digest_size=16).hexdigest()
    if old is not None and old.digest == digest and (folder.out / target).is_file():
        if not folder.has(target, old):
            folder.keep(target)
        return old
    folder.write(target, body)
    return Entry(f"{BUNDLE}:{digest}", digest, len(body), number)

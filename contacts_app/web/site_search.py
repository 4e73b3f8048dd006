"""The static export's search: a Pagefind index of the people's and releases' pages, made at build time.

Pagefind (its binary, from the `pagefind_bin` wheel) reads the built pages of the working tree and writes
its bundle: the script the pages load (static/static-search.js imports it, from the site itself) and the
index in fragments, one index per language of the pages (`<html lang>`), so a Swedish page searches the
Swedish pages. Its files go into the build's manifest like every other file, kept as they are (mtime and
all) when their bytes come out the same, so a host's sync sends only the fragments that changed.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import tempfile
from pathlib import Path

from contacts_app.web.site_folder import BuildError, Entry
from contacts_app.web.static_site import SEARCH_BUNDLE as BUNDLE
#: The pages a search finds: people and releases, in both languages (the lists would only repeat them).
PAGES = "{people,en/people,releases,en/releases}/*.html"
#: What of a page is no part of what it is about: the site's bar and footer, the QR code, the way back.
IGNORED = "header.site,footer.site,.qr-section,.back,.skip,.actions .save"
#: The bundle's table of contents (its languages, their indexes' names).
ENTRY = "pagefind-entry.json"
#: How long Pagefind may take (it indexes 20,000 pages in well under a minute).
TIMEOUT = 1800


def pagefind() -> str:
    """The Pagefind binary of the pagefind_bin wheel."""
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise BuildError("the search index needs Pagefind: pip install pagefind_bin") from None
    return str(get_executable())


def index_site(build, files: dict[str, Entry]) -> dict[str, Entry]:
    """Index the working tree's pages of a Build with Pagefind; `files` (its pages' entries) with the bundle's."""
    folder = build.folder
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
        for path in sorted(p for p in Path(out).rglob("*") if p.is_file()):
            body = path.read_bytes()
            if path.name == ENTRY:
                body = _canonical(body)
            _place(build, f"{BUNDLE}/{path.relative_to(out).as_posix()}", body)
    return files


def _canonical(body: bytes) -> bytes:
    """The bundle's table of contents with its keys sorted: Pagefind lists the languages in whichever order
    its threads finished, and an unchanged site must give the same bytes (the search reads it as JSON)."""
    return json.dumps(json.loads(body), sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def _place(build, target: str, body: bytes) -> None:
    """One file of the bundle into the build: the current site's when its bytes are the same, else new."""
    digest = hashlib.blake2b(body, digest_size=16).hexdigest()
    old = build.before.get(target)
    if old is not None and old.digest == digest and (build.folder.out / target).is_file():
        build._put(target, old)
        return
    build.folder.write(target, body)
    build._put(target, Entry(f"{BUNDLE}:{digest}", digest, len(body), build.number), written=True)

"""`contacts build`: the whole directory as static files that any web host or CDN serves as they are.

Every file is the server's own answer to one of its public GET routes: EXPORTS maps each route to its
files, and the build asks the app for each of them, rendered by the same views and templates as the
server with its links (StaticLinks) made relative to the page itself, so the site works at any address,
a sub-path included. The layout (see docs/cli.md):

    index.html, page/<n>.html            the directory in Swedish, PAGE_SIZE contacts to a page
    org/<org>/index.html, <n>.html       one organisation (in place of the server's search)
    people/<id>.html, .vcf, .svg         a person's page, vCard 3.0 and QR code of that vCard
    contacts.vcf, org/<org>/contacts.vcf every card in one file, and an organisation's cards
    en/...                               the same in English
    api/contacts.json, api/contacts/<id>.json, api/org/<org>.json   the JSON twins
    static/                              the stylesheet and icon

The site is built in a new folder next to OUTDIR and renamed into place when complete, so a host
never serves half a build. OUTDIR may be absent, empty, or an earlier build (it carries a marker
file); anything else is refused rather than replaced.
"""

from __future__ import annotations

import os
import posixpath
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import quote

from flask import g, request

from contacts_app.contactsfile.locations import resource_path
from contacts_app.model.contact import DEFAULT_LANGUAGE, LANGUAGES
from contacts_app.model.errors import ContactsError, SourceError
from contacts_app.validation.publish import publication_notes
from contacts_app.web.app import create_app
from contacts_app.web.links import Links
from contacts_app.web.security import CONTENT_SECURITY_POLICY
from contacts_app.web.store import Snapshot, store_of
from contacts_app.web.views.common import PAGE_SIZE

MARKER = ".contacts-build"
MARKER_TEXT = "Made by `contacts build`; the next build replaces this whole folder.\n"


class BuildError(ContactsError):
    """The site cannot be built (or put in place); the message says why."""


@dataclass
class BuildReport:
    """What a build wrote: how many contacts and files, and the records left out for errors."""

    out_dir: Path
    contacts: int
    files: int
    errors: int
    notes: tuple[str, ...] = ()  # which records are at their last good version, which not published


# -- the route table: each public GET endpoint of the server and its files in the export ------------


@dataclass(frozen=True)
class Export:
    """How one of the server's public GET endpoints is exported: the file of its answer to some arguments,
    and the arguments of every file a build writes."""

    file: Callable[[dict], str]
    every: Callable[[Snapshot, list[str]], Iterable[dict]]


def _prefix(values: dict) -> str:
    """The folder of a language's files: none for Swedish, `en/` for English."""
    lang = values.get("lang") or DEFAULT_LANGUAGE
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"


def _index_file(values: dict) -> str:
    """The file of a page of the directory, or of one organisation's directory."""
    prefix, org, page = _prefix(values), values.get("org"), int(values.get("page") or 1)
    if org:
        return f"{prefix}org/{org}/" + ("index.html" if page == 1 else f"{page}.html")
    return f"{prefix}index.html" if page == 1 else f"{prefix}page/{page}.html"


def _page_count(count: int) -> range:
    """The page numbers of a directory of `count` contacts."""
    return range(1, max(1, -(-count // PAGE_SIZE)) + 1)


def _organisations(snap: Snapshot) -> list[str]:
    """The filter keys of the snapshot's organisations, sorted."""
    return sorted({key for key in snap.search.org_keys if key})


def _every_index(snap: Snapshot, static: list[str]) -> Iterable[dict]:
    """Every page of the directory and of each organisation's, in both languages."""
    for lang in LANGUAGES:
        for n in _page_count(len(snap.contacts)):
            yield {"lang": lang, "page": n}
        for org in _organisations(snap):
            for n in _page_count(len(snap.search.select("", org))):
                yield {"lang": lang, "org": org, "page": n}


def _every_person(snap: Snapshot, static: list[str]) -> Iterable[dict]:
    """Every contact in both languages."""
    return ({"contact_id": c.id, "lang": lang} for lang in LANGUAGES for c in snap.contacts)


def _every_view(snap: Snapshot, static: list[str]) -> Iterable[dict]:
    """The whole directory and each organisation, in both languages."""
    for lang in LANGUAGES:
        yield {"lang": lang}
        yield from ({"lang": lang, "org": org} for org in _organisations(snap))


#: Every public GET endpoint of the server, and where its answers go in the export. tests/test_build.py
#: fails when the server has one that is neither here nor in NOT_EXPORTED.
EXPORTS: dict[str, Export] = {
    "pages.index": Export(_index_file, _every_index),
    "pages.person": Export(lambda v: f"{_prefix(v)}people/{v['contact_id']}.html", _every_person),
    "downloads.person_vcard": Export(lambda v: f"{_prefix(v)}people/{v['contact_id']}.vcf", _every_person),
    "downloads.person_qr": Export(lambda v: f"{_prefix(v)}people/{v['contact_id']}.svg", _every_person),
    "downloads.all_vcards": Export(
        lambda v: f"{_prefix(v)}org/{v['org']}/contacts.vcf" if v.get("org") else f"{_prefix(v)}contacts.vcf",
        _every_view,
    ),
    "api.contacts": Export(
        lambda v: f"api/org/{v['org']}.json" if v.get("org") else "api/contacts.json",
        lambda snap, static: [{}, *({"org": org} for org in _organisations(snap))],
    ),
    "api.contact": Export(
        lambda v: f"api/contacts/{v['contact_id']}.json", lambda snap, static: ({"contact_id": c.id} for c in snap.contacts)
    ),
    "static": Export(lambda v: f"static/{v['filename']}", lambda snap, static: ({"filename": f} for f in static)),
}
#: The public GET endpoints a static export leaves out, and why.
NOT_EXPORTED = {
    "staff.status": "staff only: findings are never published",
    "staff.api_status": "staff only: findings are never published",
    "staff.confirm": "staff only: takes a held version of the file into service",
}


def unmapped_endpoints(app) -> set[str]:
    """The app's GET endpoints that EXPORTS neither maps nor NOT_EXPORTED leaves out (there should be none)."""
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules() if "GET" in (rule.methods or ())}
    return endpoints - EXPORTS.keys() - NOT_EXPORTED.keys()


class StaticLinks(Links):
    """Where each page and download of the server lives in the export, and links relative to a page."""

    searchable = False

    def __init__(self, base_url: str | None = None):
        self.base_url = base_url.rstrip("/") + "/" if base_url else None
        self.current = "index.html"  # the file being rendered; links are relative to it
        #: The server's policy as a <meta> (a static host may send no headers); frame-ancestors has no
        #: effect there, so it is left out.
        self.meta_csp = "; ".join(
            part.strip() for part in CONTENT_SECURITY_POLICY.split(";") if not part.strip().startswith("frame-ancestors")
        )

    def path(self, endpoint: str, values: dict) -> str:
        """The site-relative file of a server address (endpoint and its arguments)."""
        export = EXPORTS.get(endpoint)
        if export is None:
            raise BuildError(f"a page links to {endpoint}, which a static export does not have")
        return export.file(values)

    def href(self, endpoint: str, values: dict) -> str:
        """A link from the page being rendered to that file: relative, so the site works under any path."""
        target = self.path(endpoint, values)
        here = posixpath.dirname(self.current) or "."
        return quote(posixpath.relpath(target, here))

    def absolute(self, endpoint: str, values: dict) -> str | None:
        """The public address of that file (for vCards and JSON-LD), when the build was given --base-url."""
        return self.base_url + quote(self.path(endpoint, values)) if self.base_url else None

    def other_language(self, endpoint: str, query: dict, path: dict | None = None) -> str:
        """The same page's file in the other language."""
        return self.href(endpoint, {**(path or {}), **query})

    def qr_file(self, contact_id: str, lang: str) -> str | None:
        """The QR code's own file, next to the page."""
        return self.href("downloads.person_qr", {"contact_id": contact_id, "lang": lang})

    def page_key(self) -> tuple:
        """Pages of an export are kept apart from the server's."""
        return (True, request.script_root)


def build_site(out_dir: str | os.PathLike, contacts_file: str | os.PathLike, *, base_url: str | None = None,
               lang: str = "en") -> BuildReport:
    """Write the directory of `contacts_file` as a static site into `out_dir`, replacing an earlier build;
    a record with errors is published in its last good version, as `serve` does (`lang`: of the notes)."""
    out = Path(out_dir).absolute()
    _check_target(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.build-", dir=out.parent))
    try:
        snap, files = _render_all(work, contacts_file, base_url)
        (work / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        work.chmod(0o755)
        _swap_in(work, out)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    directory = snap.directory
    return BuildReport(out, len(directory.contacts), files + 1, len(directory.errors),
                       tuple(publication_notes(directory, lang)))


def _check_target(out: Path) -> None:
    """Refuse an OUTDIR that is a file, or a folder with things in it that an earlier build did not make."""
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise BuildError(f"{out} exists and is not a folder; name a folder for the site")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise BuildError(
            f"{out} is not empty and was not made by contacts build; name a new or empty folder "
            "(nothing was changed)"
        )


def _swap_in(work: Path, out: Path) -> None:
    """Put the finished build where OUTDIR is, in one rename (the old build is renamed away first)."""
    _check_target(out)
    if not out.exists():
        os.replace(work, out)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
    os.replace(out, old / "site")
    try:
        os.replace(work, out)
    except BaseException:
        os.replace(old / "site", out)
        raise
    finally:
        shutil.rmtree(old, ignore_errors=True)


def _render_all(work: Path, contacts_file: str | os.PathLike, base_url: str | None) -> tuple[Snapshot, int]:
    """Write the server's answer for every file of EXPORTS into `work`; (the snapshot built, files written)."""
    app = create_app({"CONTACTS_FILE": str(contacts_file), "RELOAD_INTERVAL": None, "PUBLIC_URL": None})
    store = store_of(app)
    if store.failed:
        raise SourceError(store.failed.findings[0]) if store.failed.unreadable else BuildError(
            f"{contacts_file} has no valid contact to publish (see: contacts validate {contacts_file})"
        )
    snap = store.snapshot
    site = StaticLinks(base_url)
    static = sorted(item.name for item in resource_path("static").iterdir() if item.is_file())
    addresses = app.url_map.bind("localhost")  # the server's address of each file, as url_for makes it
    written = 0
    for endpoint, export in EXPORTS.items():
        for values in export.every(snap, static):
            target = export.file(values)
            url = addresses.build(endpoint, values)
            site.current = target
            with app.test_request_context(url, headers={"Accept-Language": ""}):
                g.links = site
                g.snapshot = snap
                response = app.full_dispatch_request()
                response.direct_passthrough = False  # a file-wrapped download is read like any other answer
                body = response.get_data()
                response.close()
            if response.status_code == 404 and endpoint == "downloads.person_qr":
                continue  # a card too big for a QR code (a card-too-big finding): its page shows none
            if response.status_code != 200:
                raise BuildError(f"{url} answered {response.status_code} while building {target}")
            _write_file(work / target, body)
            written += 1
    return snap, written


def _write_file(path: Path, body: bytes) -> None:
    """One file of the site (its folders made as needed), readable by the web server."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(body)
    path.chmod(0o644)

"""`contacts build`: the whole directory as static files that any web host or CDN serves as they are.

The pages are rendered by the same views and templates as the server, each with its links made relative
to the page itself, so the site works at any address, a sub-path included. The layout (see docs/cli.md):

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
from urllib.parse import quote

from contacts_app.model.contact import LANGUAGES
from contacts_app.model.errors import ContactsError
from contacts_app.web.security import CONTENT_SECURITY_POLICY

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


class StaticSite:
    """Where each page and download of the server lives in the export, and links relative to a page."""

    def __init__(self, base_url: str | None = None):
        self.base_url = base_url.rstrip("/") + "/" if base_url else None
        self.current = "index.html"  # the file being rendered; links are relative to it
        #: The server's policy as a <meta> (a static host may send no headers); frame-ancestors has no
        #: effect there, so it is left out.
        self.csp = "; ".join(
            part.strip() for part in CONTENT_SECURITY_POLICY.split(";") if not part.strip().startswith("frame-ancestors")
        )

    def path(self, endpoint: str, values: dict) -> str:
        """The site-relative file of a server address (endpoint and its arguments)."""
        lang = values.get("lang") or LANGUAGES[0]
        prefix = "" if lang == LANGUAGES[0] else f"{lang}/"
        org = values.get("org")
        page = int(values.get("page") or 1)
        cid = values.get("contact_id")
        if endpoint == "directory.index":
            if org:
                return f"{prefix}org/{org}/" + ("index.html" if page == 1 else f"{page}.html")
            return f"{prefix}index.html" if page == 1 else f"{prefix}page/{page}.html"
        if endpoint == "directory.person":
            return f"{prefix}people/{cid}.html"
        if endpoint == "directory.person_vcard":
            return f"{prefix}people/{cid}.vcf"
        if endpoint == "qr":
            return f"{prefix}people/{cid}.svg"
        if endpoint == "directory.all_vcards":
            return f"{prefix}org/{org}/contacts.vcf" if org else f"{prefix}contacts.vcf"
        if endpoint == "directory.api_contacts":
            return f"api/org/{org}.json" if org else "api/contacts.json"
        if endpoint == "directory.api_contact":
            return f"api/contacts/{cid}.json"
        if endpoint == "static":
            return f"static/{values['filename']}"
        raise BuildError(f"a page links to {endpoint}, which a static export does not have")

    def href(self, endpoint: str, values: dict) -> str:
        """A link from the page being rendered to that file: relative, so the site works under any path."""
        target = self.path(endpoint, values)
        here = posixpath.dirname(self.current) or "."
        return quote(posixpath.relpath(target, here))

    def absolute(self, endpoint: str, values: dict) -> str | None:
        """The public address of that file (for vCards and JSON-LD), when the build was given --base-url."""
        return self.base_url + quote(self.path(endpoint, values)) if self.base_url else None


def build_site(out_dir: str | os.PathLike, contacts_file: str | os.PathLike, *, base_url: str | None = None) -> BuildReport:
    """Write the directory of `contacts_file` as a static site into `out_dir`, replacing an earlier build."""
    out = Path(out_dir).absolute()
    _check_target(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.build-", dir=out.parent))
    try:
        contacts, files, errors = _render_all(work, contacts_file, base_url)
        (work / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        work.chmod(0o755)
        _swap_in(work, out)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return BuildReport(out, contacts, files + 1, errors)


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


def _render_all(work: Path, contacts_file: str | os.PathLike, base_url: str | None) -> tuple[int, int, int]:
    """Render every page, card, QR code and JSON file into `work`; (contacts, files, records with errors)."""
    from flask import g

    from contacts_app.contactsfile.locations import resource_path
    from contacts_app.outputs.qr import qr_svg
    from contacts_app.outputs.vcard import DEFAULT_VERSION
    from contacts_app.web.app import create_app
    from contacts_app.web.views import PAGE_SIZE, index_of

    app = create_app({"CONTACTS_FILE": str(contacts_file), "RELOAD_INTERVAL": float("inf"), "PUBLIC_URL": None})
    store = app.extensions["contacts_store"]
    if store.failed:
        from contacts_app.model.errors import SourceError

        raise SourceError(store.failed.findings[0]) if store.failed.unreadable else BuildError(
            f"{contacts_file} has no valid contact to publish (see: contacts validate {contacts_file})"
        )
    snap = store.snapshot
    site = StaticSite(base_url)
    idx = index_of(snap)
    written = 0

    def write(target: str, url: str) -> bytes:
        """Render the server's answer to `url` as the file `target` of the site."""
        nonlocal written
        site.current = target
        with app.test_request_context(url, headers={"Accept-Language": ""}):
            g.static_site = site
            g.snapshot = snap
            response = app.full_dispatch_request()
            response.direct_passthrough = False  # a file-wrapped download is read like any other answer
            body = response.get_data()
        if response.status_code != 200:
            raise BuildError(f"{url} answered {response.status_code} while building {target}")
        _write_file(work / target, body)
        written += 1
        return body

    def pages(count: int) -> range:
        return range(1, max(1, -(-count // PAGE_SIZE)) + 1)

    organisations = {key for key in idx.org_keys if key}
    for lang in LANGUAGES:
        q = f"lang={lang}"
        for n in pages(len(snap.contacts)):
            write(site.path("directory.index", {"lang": lang, "page": n}), f"/?{q}&page={n}")
        write(site.path("directory.all_vcards", {"lang": lang}), f"/contacts.vcf?{q}")
        for org in sorted(organisations):
            values = {"lang": lang, "org": org}
            for n in pages(len(idx.select("", org))):
                write(site.path("directory.index", {**values, "page": n}), f"/?{q}&org={quote(org)}&page={n}")
            write(site.path("directory.all_vcards", values), f"/contacts.vcf?{q}&org={quote(org)}")
        for contact in snap.contacts:
            values = {"lang": lang, "contact_id": contact.id}
            write(site.path("directory.person", values), f"/people/{quote(contact.id)}?{q}")
            write(site.path("directory.person_vcard", values), f"/people/{quote(contact.id)}.vcf?{q}")
            with app.test_request_context("/"):
                g.static_site = site
                site.current = site.path("directory.person", values)
                card = idx.card(contact, lang, DEFAULT_VERSION, site.absolute("directory.person", values))
            _write_file(work / site.path("qr", values), qr_svg(card).encode("ascii"))
            written += 1
    write("api/contacts.json", "/api/contacts")
    for org in sorted(organisations):
        write(site.path("directory.api_contacts", {"org": org}), f"/api/contacts?org={quote(org)}")
    for contact in snap.contacts:
        write(site.path("directory.api_contact", {"contact_id": contact.id}), f"/api/contacts/{quote(contact.id)}")
    static = resource_path("static")
    for item in sorted(static.iterdir()):
        if item.is_file():
            _write_file(work / "static" / item.name, item.read_bytes())
            written += 1
    return len(snap.contacts), written, len(snap.directory.errors)


def _write_file(path: Path, body: bytes) -> None:
    """One file of the site (its folders made as needed), readable by the web server."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(body)
    path.chmod(0o644)

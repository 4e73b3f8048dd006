"""`contacts build`: the whole directory as static files that any web host or CDN serves as they are.

Every file is the server's own answer to one of its public GET routes: EXPORTS maps each route to its
files, and the build asks the app for each of them, rendered by the same views and templates as the
server with its links (static_links.StaticLinks) made relative to the page itself, so the site works at any address,
a sub-path included. The layout (see docs/cli.md):

    index.html, page/<n>.html            the directory in Swedish, PAGE_SIZE contacts to a page
    org/<org>/index.html, <n>.html       one organisation (in place of the server's search)
    people/<id>.html, .vcf, .svg         a person's page, vCard 3.0 and QR code of that vCard
    contacts.vcf, org/<org>/contacts.vcf every card in one file, and an organisation's cards
    en/...                               the same in English
    releases/index.html, page/<n>.html, <id>.html   the releases, latest first, and each with its spokespeople
    api/contacts.json, api/contacts/<id>.json, api/org/<org>.json   the JSON twins
    api/releases.json, api/releases/<id>.json                       the releases' JSON twins
    static/                              the stylesheet and icon
    pagefind/sv/, pagefind/en/           the search index of each language

Each Export also names what its files are made of (`inputs`: the records a file shows, and whether it
shows directory-wide facts too), which is how a rebuild knows, without rendering, which files cannot have
changed (see site_build.py). How the files are put in place is site_folder.py's: a host never serves half
a build.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from contacts_app.model.contact import DEFAULT_LANGUAGE, LANGUAGES, Contact
from contacts_app.web.security import CONTENT_SECURITY_POLICY
from contacts_app.web.store import Snapshot
from contacts_app.web.views.common import PAGE_SIZE, page_count
from contacts_app.web.views.releases import RELEASES_PER_PAGE

#: The export's policy: the server's, and the site's own search script, its WebAssembly and index fragments
#: (Pagefind's: compiled from bytes the script fetches, which CSP allows only with 'wasm-unsafe-eval').
STATIC_SITE_POLICY = CONTENT_SECURITY_POLICY.replace(
    "default-src 'none';", "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self';"
)
#: Where the search index's bundles live in the export, one a language (site_search.py).
SEARCH_BUNDLE = "pagefind"


def search_bundle(lang: str) -> str:
    """The folder of the search index of one language: a page searches the pages of its own language only,
    so each is a bundle of its own, made again only when its own documents change."""
    return f"{SEARCH_BUNDLE}/{lang}"

# -- the route table: each public GET endpoint of the server and its files in the export ------------


@dataclass(frozen=True)
class Export:
    """How one of the server's public GET endpoints is exported: the file of its answer to some arguments,
    the arguments of every file a build writes, and what a file is made of: the records it shows (in
    order) and whether it also shows facts of the whole directory (how many contacts, the organisations)."""

    file: Callable[[dict], str]
    every: Callable[[Snapshot, list[str]], Iterable[dict]]
    inputs: Callable[[Snapshot, dict], Sequence[Contact]]
    shared: bool = False
    #: A person's own files (their page, card, QR code, JSON): the arguments of one person's, which `every`
    #: gives for each person in turn (and whose `inputs` depend on the person alone).
    of_person: Callable[[Contact], Iterable[dict]] | None = None


def _personal(file: Callable[[dict], str], of_person: Callable[[Contact], Iterable[dict]],
              inputs: Callable[[Snapshot, dict], Sequence[Contact]]) -> Export:
    """The Export of one kind of a person's own files."""
    return Export(file, lambda snap, static: (v for c in snap.contacts for v in of_person(c)), inputs,
                  of_person=of_person)


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
    return range(1, page_count(count, PAGE_SIZE) + 1)


def _organisations(snap: Snapshot) -> list[str]:
    """The filter keys of the snapshot's organisations, sorted."""
    return sorted({key for key in snap.search.org_keys if key})


def _listed(snap: Snapshot, values: dict) -> list[Contact]:
    """The contacts of the whole directory or one organisation, in the file's order (the bulk downloads)."""
    return snap.search.select("", values.get("org") or "")


def _on_page(snap: Snapshot, values: dict) -> Sequence[Contact]:
    """The contacts one page of the directory or an organisation shows, in the page's order, then the press
    desks it shows atop their organisations."""
    first = (int(values.get("page") or 1) - 1) * PAGE_SIZE
    shown = snap.search.select("", values.get("org") or "", values.get("lang") or DEFAULT_LANGUAGE)
    return (*shown[first : first + PAGE_SIZE], *_desks_of(snap, shown[first : first + PAGE_SIZE]))


def _person(snap: Snapshot, values: dict) -> Sequence[Contact]:
    """The one contact of a person's files."""
    return (snap.directory.by_id[values["contact_id"]],)


def _person_page(snap: Snapshot, values: dict) -> Sequence[Contact]:
    """What a person's page shows: the person, and the press desks of their organisation."""
    person = _person(snap, values)
    return (*person, *_desks_of(snap, person))


def _desks_of(snap: Snapshot, contacts: Sequence[Contact]) -> tuple[Contact, ...]:
    """The press desks of the organisations of `contacts`, each once."""
    keys = dict.fromkeys(map(snap.search.org_key, contacts))
    return tuple(desk for key in keys for desk in snap.desks.get(key, ()))


def _nothing(snap: Snapshot, values: dict) -> Sequence[Contact]:
    """No record at all (the stylesheet and the icon)."""
    return ()


def _every_index(snap: Snapshot, static: list[str]) -> Iterable[dict]:
    """Every page of the directory and of each organisation's, in both languages."""
    for lang in LANGUAGES:
        for n in _page_count(len(snap.contacts)):
            yield {"lang": lang, "page": n}
        for org in _organisations(snap):
            for n in _page_count(len(snap.search.select("", org))):
                yield {"lang": lang, "org": org, "page": n}


def _in_each_language(contact: Contact) -> Iterable[dict]:
    """A person's file in both languages."""
    return ({"contact_id": contact.id, "lang": lang} for lang in LANGUAGES)


def _once(contact: Contact) -> Iterable[dict]:
    """A person's one file (the same in every language)."""
    return ({"contact_id": contact.id},)


def _every_view(snap: Snapshot, static: list[str]) -> Iterable[dict]:
    """The whole directory and each organisation, in both languages."""
    for lang in LANGUAGES:
        yield {"lang": lang}
        yield from ({"lang": lang, "org": org} for org in _organisations(snap))


def _every_photo(snap: Snapshot) -> Iterable[dict]:
    """Every size of every photo a contact shows, once each."""
    from contacts_app.outputs.photos import PAGE_WIDTHS, photo_name

    photos = {c.photo.digest: c.photo for c in snap.contacts if c.photo is not None and c.photo.path}
    return ({"name": photo_name(photo, width)} for photo in photos.values() for width in PAGE_WIDTHS)


def _with_release(snap: Snapshot, values: dict) -> Sequence[Contact]:
    """The contacts of every release (what the JSON twin of the list of releases shows)."""
    return [c for r in snap.search.releases.all for c in r.contacts]


def _releases_file(values: dict) -> str:
    """The file of a page of the list of releases."""
    page = int(values.get("page") or 1)
    return f"{_prefix(values)}releases/" + ("index.html" if page == 1 else f"page/{page}.html")


def _every_releases_page(snap: Snapshot, static: list[str]) -> Iterable[dict]:
    """Every page of the list of releases, in both languages."""
    pages = page_count(len(snap.search.releases.all), RELEASES_PER_PAGE)
    return ({"lang": lang, "page": n} for lang in LANGUAGES for n in range(1, pages + 1))


def _on_releases_page(snap: Snapshot, values: dict) -> Sequence[Contact]:
    """The contacts of the releases one page of their list shows."""
    first = (int(values.get("page") or 1) - 1) * RELEASES_PER_PAGE
    return [c for r in snap.search.releases.all[first : first + RELEASES_PER_PAGE] for c in r.contacts]


def _release(snap: Snapshot, values: dict) -> Sequence[Contact]:
    """The spokespeople of one release."""
    return snap.search.releases.by_id[values["release_id"]].contacts


def _every_release(snap: Snapshot, static: list[str]) -> Iterable[dict]:
    """Every release in both languages."""
    return ({"release_id": r.id, "lang": lang} for lang in LANGUAGES for r in snap.search.releases.all)


#: Every public GET endpoint of the server, and where its answers go in the export. tests/test_build.py
#: fails when the server has one that is neither here nor in NOT_EXPORTED.
EXPORTS: dict[str, Export] = {
    "pages.index": Export(_index_file, _every_index, _on_page, shared=True),
    "pages.person": _personal(lambda v: f"{_prefix(v)}people/{v['contact_id']}.html", _in_each_language, _person_page),
    "downloads.person_vcard": _personal(
        lambda v: f"{_prefix(v)}people/{v['contact_id']}.vcf", _in_each_language, _person
    ),
    "downloads.person_qr": _personal(
        lambda v: f"{_prefix(v)}people/{v['contact_id']}.svg", _in_each_language, _person
    ),
    "downloads.all_vcards": Export(
        lambda v: f"{_prefix(v)}org/{v['org']}/contacts.vcf" if v.get("org") else f"{_prefix(v)}contacts.vcf",
        _every_view,
        _listed,
    ),
    "api.contacts": Export(
        lambda v: f"api/org/{v['org']}.json" if v.get("org") else "api/contacts.json",
        lambda snap, static: [{}, *({"org": org} for org in _organisations(snap))],
        _listed,
    ),
    "api.contact": _personal(lambda v: f"api/contacts/{v['contact_id']}.json", _once, _person),
    "releases.index": Export(_releases_file, _every_releases_page, _on_releases_page),
    "releases.release": Export(lambda v: f"{_prefix(v)}releases/{v['release_id']}.html", _every_release, _release),
    "api.releases": Export(lambda v: "api/releases.json", lambda snap, static: [{}], _with_release),
    "api.release": Export(
        lambda v: f"api/releases/{v['release_id']}.json",
        lambda snap, static: ({"release_id": r.id} for r in snap.search.releases.all),
        _release,
    ),
    "static": Export(
        lambda v: f"static/{v['filename']}", lambda snap, static: ({"filename": f} for f in static), _nothing
    ),
    # A photo's copies are named by its digest: the same name is the same bytes, so no record is an input.
    "photos.photo": Export(lambda v: f"photos/{v['name']}", lambda snap, static: _every_photo(snap), _nothing),
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

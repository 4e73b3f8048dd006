"""Finding a contact by what a journalist already has: a number in any written form, an address or a
domain, words of the release, a misspelt name; one letter never matches everyone; and the releases."""

from __future__ import annotations

import html
import re

import pytest

from contacts_app.normalise.phones import query_number
from contacts_app.web.releases import Releases, release_id
from contacts_app.web.store import store_of

SOURCE = """    source:
      release: Nu byggs batterifabriken i Skellefteå
      url: https://www.example.se/press/batterifabriken
      date: 2026-03-14
      languages: [sv, en]
"""
OLDER = """    source:
      release: Ny pressjour i Umeå
      date: 2025-11-02
      languages: [sv]
"""


@pytest.fixture
def contacts_file(contacts_file):
    """The web test contacts, Lorents Burman from one release and the press desk from an older one."""
    text = contacts_file.read_text(encoding="utf-8")
    text = text.replace("      - lorents.burman@skelleftea.se\n", "      - lorents.burman@skelleftea.se\n" + SOURCE)
    text = text.replace("      - press@umea.se\n", "      - press@umea.se\n" + OLDER)
    contacts_file.write_text(text, encoding="utf-8")
    return contacts_file


def ids(client, query: str) -> list[str]:
    """The ids of the contacts the directory shows for a search."""
    page = client.get("/", query_string={"q": query}).get_data(as_text=True)
    return re.findall(r'id="name-([^"]+)"', page)


@pytest.mark.parametrize("written", ["0910-73 50 00", "0910735000", "+46910735000", "+46 (0)910-73 50 00", "073 50 00"])
def test_a_number_in_any_written_form(client, written):
    assert ids(client, written) == ["lorents-burman"]


@pytest.mark.parametrize("text, number", [
    ("0910-73 50 00", "+46910735000"), ("+46 910 73 50 00", "+46910735000"), ("73 50 00", "735000"),
    ("073 50 00", "0735000"), ("2026", None), ("Burman", None), ("070-1", None),
])
def test_what_a_search_reads_as_a_number(text, number):
    assert query_number(text) == number


@pytest.mark.parametrize("query, expected", [
    ("lorents.burman@skelleftea.se", ["lorents-burman"]),
    ("skelleftea.se", ["lorents-burman"]),
    ("@umea.se", ["pressjouren-umea"]),
    ("batterifabriken", ["lorents-burman"]),  # a word of the release's title
    ("S", []),  # a party's letter: no one's name has a word starting with S
    ("lo", ["lorents-burman"]),  # two letters: the start of a name's word
    ("ur", []),  # ... never the inside of one
])
def test_by_address_domain_release_and_short_words(client, query, expected):
    assert ids(client, query) == expected


@pytest.mark.parametrize("query, suggestion, expected", [
    ("Burmann", "Burman", ["lorents-burman"]),
    ("Öbreg", "Öberg", ["asa-oberg-linden"]),
    ("lorents Burmann", "lorents Burman", ["lorents-burman"]),
])
def test_did_you_mean(client, query, suggestion, expected):
    page = client.get("/", query_string={"q": query}).get_data(as_text=True)
    assert re.findall(r'id="name-([^"]+)"', page) == expected
    hint = re.search(r'<p class="did-you-mean">(.*?)</p>', page, re.S).group(1)
    assert f">{suggestion}</a>?" in hint and "Menade du" in hint
    assert client.get("/api/contacts", query_string={"q": query}).json[0]["id"] == expected[0]


def test_an_exact_match_offers_no_suggestion_and_nothing_near_offers_the_press_desk(client):
    assert 'class="did-you-mean"' not in client.get("/?q=Burman").get_data(as_text=True)
    page = client.get("/?q=qwxzv").get_data(as_text=True)
    assert 'class="did-you-mean"' not in page
    desks = re.search(r'<section class="press-desks".*?</section>', page, re.S).group(0)
    assert "Ring pressjouren i stället" in desks and 'href="tel:+4690161000"' in desks


def test_without_a_desk_the_switchboards(client, contacts_file):
    page = client.get("/?q=qwxzv&org=skelleftea-kommun&lang=en").get_data(as_text=True)
    desks = re.search(r'<section class="press-desks".*?</section>', page, re.S).group(0)
    assert "switchboard" in desks and "Skellefteå Municipality" in desks and 'href="tel:+46910735000"' in desks


def test_releases_latest_first_each_with_its_spokespeople_and_json_twins(client):
    page = client.get("/releases").get_data(as_text=True)
    titles = re.findall(r'<li><a href="/releases/([^"]+)">([^<]+)</a>', page)
    assert [t for _, t in titles] == ["Nu byggs batterifabriken i Skellefteå", "Ny pressjour i Umeå"]
    first = titles[0][0]
    assert first.startswith("nu-byggs-batterifabriken-i-skelleftea-")
    release = client.get(f"/releases/{first}?lang=en").get_data(as_text=True)
    assert "2026-03-14" in release and "Swedish, English" in release and 'id="name-lorents-burman"' in release
    assert 'href="https://www.example.se/press/batterifabriken"' in release
    listing = client.get("/api/releases").json
    assert [r["contacts"] for r in listing] == [["lorents-burman"], ["pressjouren-umea"]]
    one = client.get(f"/api/releases/{first}").json
    assert one["date"] == "2026-03-14" and one["contacts"][0]["name"] == "Lorents Burman"
    assert client.get("/releases?q=pressjour").get_data(as_text=True).count('<li><a href="/releases/') == 1
    assert client.get("/releases/no-such-release").status_code == 404
    assert client.get("/api/releases/no-such-release").status_code == 404


def test_the_releases_are_listed_a_hundred_to_a_page_latest_first(tmp_path, cli):
    from contacts_app.web.app import create_app

    from .conftest import generated

    source = generated(tmp_path / "contacts.yaml", 700, seed=3)
    client = create_app({"CONTACTS_FILE": str(source)}).test_client()
    every = [r["id"] for r in client.get("/api/releases").json]
    assert len(every) > 200  # three pages at least
    pages, listed = -(-len(every) // 100), []
    for n in range(1, pages + 1):
        page = client.get(f"/releases?page={n}&lang=en").get_data(as_text=True)
        shown = re.findall(r'<li><a href="/releases/([^"?]+)\?lang=en">', page)
        assert len(shown) == (100 if n < pages else len(every) - 100 * (pages - 1))
        assert f'start="{100 * (n - 1) + 1}"' in page and f"{len(every)} press releases" in page
        assert ('rel="next"' in page) == (n < pages) and ('rel="prev"' in page) == (n > 1)
        listed += shown
    assert listed == every  # latest first, each once, across the pages
    assert 'href="/releases?lang=en&amp;page=2" rel="next"' in client.get("/releases?lang=en").get_data(as_text=True)
    assert 'class="lang" href="?page=2&amp;lang=en"' in client.get("/releases?page=2").get_data(as_text=True)
    assert client.get(f"/releases?page={pages + 1}").status_code == 404
    assert client.get("/releases?page=0").status_code == 400
    assert client.get("/releases?q=zzzqqq").status_code == 200  # no release found: one empty page

    out = tmp_path / "site"  # the export: a file a page, the pages linked to one another
    assert cli("build", out, source)[0] == 0
    assert (out / "releases" / "index.html").is_file() and (out / "en" / "releases" / "page" / f"{pages}.html").is_file()
    assert not (out / "releases" / "page" / f"{pages + 1}.html").exists()
    second = (out / "releases" / "page" / "2.html").read_text(encoding="utf-8")
    assert 'href="../index.html" rel="prev"' in second and 'href="3.html"' in second


def test_a_person_links_to_the_release_they_are_a_contact_for(client):
    page = client.get("/people/lorents-burman").get_data(as_text=True)
    link = re.search(r'<p class="contact-for">Kontakt för: <a href="(/releases/[^"]+)">([^<]+)</a>', page)
    assert link.group(2) == "Nu byggs batterifabriken i Skellefteå"
    assert client.get(link.group(1)).status_code == 200
    english = client.get("/people/lorents-burman?lang=en").get_data(as_text=True)
    assert "Contact for: <a href=" in english
    # the directory's search finds the release too
    assert "Nu byggs batterifabriken" in client.get("/?q=batterifabriken").get_data(as_text=True).split("releases-found")[-1]


def test_a_release_id_stays_while_its_title_and_address_do(client):
    contacts = store_of(client.application).snapshot.contacts
    ids_now = [r.id for r in Releases(contacts).all]
    assert ids_now == [r.id for r in Releases(tuple(reversed(contacts))).all]
    assert release_id("Ett", "https://a.se/1") != release_id("Ett", "https://a.se/2")
    assert len(release_id("ord " * 100, None)) <= 67


def test_the_static_export_has_the_releases_and_a_search_index(cli, tmp_path, contacts_file):
    site = tmp_path / "site"
    assert cli("build", site, contacts_file)[0] == 0
    pages = sorted(p.name for p in (site / "releases").iterdir())
    assert len(pages) == 3 and "index.html" in pages and (site / "en" / "releases" / "index.html").is_file()
    assert (site / "api" / "releases.json").is_file()
    person = (site / "people" / "lorents-burman.html").read_text(encoding="utf-8")
    assert re.search(r'Kontakt för: <a href="\.\./releases/nu-byggs-[^"]+\.html">', person)
    index = (site / "index.html").read_text(encoding="utf-8")
    assert 'data-bundle="pagefind/sv/"' in index and 'src="static/static-search.js"' in index
    assert 'data-bundle="../../pagefind/en/"' in (site / "en" / "people" / "lorents-burman.html").read_text("utf-8") or \
        'data-bundle="../pagefind/en/"' in (site / "en" / "index.html").read_text(encoding="utf-8")
    assert "script-src 'self' 'wasm-unsafe-eval'" in html.unescape(index) and "<script>" not in index
    for lang, other in (("sv", "en"), ("en", "sv")):  # a bundle a language, each with that language's index
        bundle = site / "pagefind" / lang
        assert (bundle / "pagefind.js").is_file()
        assert any(p.name.startswith(f"pagefind.{lang}") for p in bundle.iterdir())
        assert not any(p.name.startswith(f"pagefind.{other}") for p in bundle.iterdir())
    again = cli("build", site, contacts_file)
    assert again[0] == 0 and (site / "pagefind" / "sv" / "pagefind.js").is_file()  # a rebuild keeps the bundle


def test_the_search_index_holds_each_number_as_it_is_dialled_and_each_release(cli, tmp_path, contacts_file):
    from contacts_app.web.search_documents import documents
    from contacts_app.web.site_build import _load

    _, snap = _load(contacts_file)
    docs = dict(documents(snap, "sv")) | dict(documents(snap, "en"))
    person = docs["people/lorents-burman.html"]
    assert "<h1>Lorents Burman</h1>" in person and "Skellefteå kommun" in person
    assert "0910735000" in person and "46910735000" in person  # however the journalist types it
    assert "Kontakt för: " in person and '<html lang="sv">' in person
    english = docs["en/people/lorents-burman.html"]
    assert '<html lang="en">' in english and "+46 910 73 50 00" in english
    release = next(doc for path, doc in docs.items() if path.startswith("releases/"))
    assert "Lorents Burman" in release


def test_a_rebuild_whose_search_words_are_the_same_keeps_the_index_without_running_pagefind(
    cli, tmp_path, contacts_file, monkeypatch
):
    import contacts_app.web.site_search as site_search
    from contacts_app.web.site_build import build_site

    site = tmp_path / "site"
    build_site(site, contacts_file)
    bundle = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (site / "pagefind").rglob("*") if p.is_file()}
    assert len(bundle) > 20
    assert cli("verify", "lorents-burman", "--file", contacts_file)[0] == 0  # the page changes, no search word

    def no_pagefind():
        raise AssertionError("Pagefind ran for documents it had indexed")

    monkeypatch.setattr(site_search, "pagefind", no_pagefind)
    report = build_site(site, contacts_file)
    assert report.written > 0  # the person's page shows the new date
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (site / "pagefind").rglob("*") if p.is_file()} == bundle

    contacts_file.write_text(contacts_file.read_text(encoding="utf-8").replace("Burman", "Burmann"), encoding="utf-8")
    with pytest.raises(AssertionError, match="Pagefind ran"):
        build_site(site, contacts_file)


@pytest.mark.parametrize("old, new, searched", [
    ("sv: Kommunalråd", "sv: Tillförordnat kommunalråd", {"sv"}),  # a Swedish title: the Swedish index only
    ("en: Municipal councillor in Skellefteå", "en: Acting municipal councillor", {"en"}),
    ("0910-73 50 00", "0910-73 50 01", {"sv", "en"}),
    ("lorents.burman@skelleftea.se", "lorents.burman@skelleftea.com", {"sv", "en"}),
    ("party: S\n    phones:\n      - number: 0910", "party: M\n    phones:\n      - number: 0910", {"sv", "en"}),
    ("  - id: lorents-burman\n", "  - id: lorents-burman\n    verified: 2026-11-30\n", set()),
    ("# Contacts for the web", "# The contacts for the web", set()),
])
def test_the_search_indexs_key_moves_exactly_when_a_document_does(contacts_file, old, new, searched):
    from contacts_app import create_app
    from contacts_app.web.search_documents import documents, documents_keys
    from contacts_app.web.store import store_of

    def indexed():
        snap = store_of(create_app({"CONTACTS_FILE": str(contacts_file), "RELOAD_INTERVAL": None})).snapshot
        keys = documents_keys(snap, "program", ("sv", "en"))
        return {lang: (keys[lang], dict(documents(snap, lang))) for lang in ("sv", "en")}

    before = indexed()
    text = contacts_file.read_text(encoding="utf-8")
    assert old in text
    contacts_file.write_text(text.replace(old, new, 1), encoding="utf-8")
    after = indexed()
    assert {lang for lang in before if after[lang][1] != before[lang][1]} == searched  # the documents
    assert {lang for lang in before if after[lang][0] != before[lang][0]} == searched  # their keys

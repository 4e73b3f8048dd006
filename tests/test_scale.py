"""A national directory: 10,000 generated contacts, paginated pages, downloads of the whole view, and loading
big files in a child process so the server stays small."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import vobject

from contacts_app import create_app
from contacts_app.validation.validate import load_directory
from contacts_app.web.store import load, store_of
from contacts_app.web.views.common import PAGE_SIZE, page_links

from .conftest import generated

pytestmark = pytest.mark.slow
N = 10_000


@pytest.fixture(scope="module")
def big_file(tmp_path_factory) -> Path:
    return generated(tmp_path_factory.mktemp("scale") / "contacts-10k.yaml", N, seed=1)


@pytest.fixture(scope="module")
def client(big_file):
    return create_app({"CONTACTS_FILE": str(big_file), "PUBLIC_URL": "https://kontakter.example.se"}).test_client()


def ids_on(page: str) -> list[str]:
    return re.findall(r'id="name-([a-z0-9-]+)"', page)


def test_the_10k_directory_is_paginated_and_small(client):
    response = client.get("/")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert len(response.get_data()) < 500_000
    assert len(ids_on(page)) == PAGE_SIZE
    pages = -(-N // PAGE_SIZE)
    assert f"{N} kontakter · visar 1–{PAGE_SIZE}" in page
    nav = re.search(r'<nav class="pagination" aria-label="Sidor">(.*?)</nav>', page, re.S).group(1)
    assert '<a href="/" aria-current="page"><span class="visually-hidden">Sida </span>1</a>' in nav
    assert 'href="/?page=2" rel="next"' in nav and f'href="/?page={pages}"' in nav
    assert 'rel="prev"' not in nav
    assert nav.count("<li") <= 8  # 1 2 3 … last, next: not two hundred links
    # "Download all" is the whole view, not the page
    assert f'href="/contacts.vcf?lang=sv" download>Ladda ner alla ({N}) som vCard' in page
    last = client.get(f"/?page={pages}").get_data(as_text=True)
    assert 'rel="next"' not in last and f'aria-current="page"><span class="visually-hidden">Sida </span>{pages}<' in last


def test_every_contact_is_on_exactly_one_page_in_directory_order(client):
    pages = -(-N // PAGE_SIZE)
    seen: list[str] = []
    for number in range(1, pages + 1):
        seen += ids_on(client.get(f"/?page={number}&lang=en").get_data(as_text=True))
    assert len(seen) == N and len(set(seen)) == N
    assert client.get(f"/?page={pages + 1}").status_code == 404
    for bad in ("0", "-1", "x", "1.5", "99999999999", "٣"):
        response = client.get(f"/?page={bad}")
        assert response.status_code == 400 and "Traceback" not in response.get_data(as_text=True)


def test_search_and_filter_span_pages_and_download_all_is_the_whole_view(client):
    organisation = re.search(r'<option value="([a-z0-9-]+)">', client.get("/").get_data(as_text=True)).group(1)
    page = client.get(f"/?org={organisation}").get_data(as_text=True)
    count = int(re.search(r"(\d+) kontakter|1 kontakt", page).group(1) or 1)
    assert count > 1
    cards = list(vobject.readComponents(client.get(f"/contacts.vcf?org={organisation}").get_data(as_text=True)))
    assert len(cards) == count
    # a name on page 2 of the directory is found by search, without JavaScript
    name = re.search(r'class="p-name u-url" href="[^"]+">([^<]+)<', client.get("/?page=2").get_data(as_text=True)).group(1)
    found = client.get("/", query_string={"q": name.lower()}).get_data(as_text=True)
    assert name in found


@pytest.mark.parametrize("query", ["kommun", "ö", "anna berg", "a", "zzz", "region väst", "Åsa", "-"])
def test_the_fast_search_finds_what_a_plain_scan_finds(client, query):
    from contacts_app.normalise import name_match

    idx = store_of(client.application).snapshot.search
    words = name_match.fold(query).split()

    def holds(contact, hay: str, word: str) -> bool:  # a word of one or two letters: the start of a name's word
        if len(word) > 2:
            return word in hay
        return any(part.startswith(word) for part in name_match.fold(contact.name).replace("-", " ").split())

    plain = [c.id for c, hay in zip(idx.contacts, idx.haystacks) if all(holds(c, hay, w) for w in words)]
    assert [c.id for c in idx.select(query, "")] == plain
    assert [c.id for c in idx.select(query, "")] == plain  # and again, from the remembered words


def test_an_index_whose_texts_wait_for_the_first_search_finds_the_same(client):
    from contacts_app.web.search import SearchIndex

    made = store_of(client.application).snapshot.search
    waiting = SearchIndex(made.contacts, texts=False)
    assert "_texts" in made.__dict__ and "_texts" not in waiting.__dict__  # a build's index makes none
    for query in ("kommun", "ö", "a", "region väst", "070"):
        assert [c.id for c in waiting.select(query, "")] == [c.id for c in made.select(query, "")]
    assert waiting.org_keys == made.org_keys and waiting.order("sv") == made.order("sv")


def test_the_whole_directory_file_is_made_once_per_version(client):
    first = client.get("/contacts.vcf")
    body = first.get_data()
    assert body.count(b"BEGIN:VCARD") == N
    again = client.get("/contacts.vcf")
    assert again.get_data() == body and again.headers["ETag"] == first.headers["ETag"]
    assert client.get("/contacts.vcf", headers={"If-None-Match": first.headers["ETag"]}).status_code == 304
    snap = store_of(client.application).snapshot
    assert snap.search is store_of(client.application).snapshot.search  # built once, at swap time
    assert any(key[0] == "vcf" for key in snap.memos.bulks.keys())


def test_a_big_file_is_loaded_in_a_child_process_with_the_same_result(tmp_path):
    path = generated(tmp_path / "contacts.yaml", 1000, seed=2, warnings=True)
    isolated, direct = load(path, isolate=True), load_directory(path)
    assert isolated.contacts == direct.contacts and isolated.findings == direct.findings
    assert isolated.findings  # warnings travel back too
    assert isolated.by_id.keys() == direct.by_id.keys()
    broken = tmp_path / "broken.yaml"
    broken.write_text("contacts:\n  - id: [unclosed\n", encoding="utf-8")
    from contacts_app.model.errors import SourceError

    with pytest.raises(SourceError) as caught:
        load(broken, isolate=True)
    assert caught.value.finding.code == "yaml-syntax" and caught.value.finding.line == 3


@pytest.mark.parametrize(
    "current, pages, expected",
    [
        (1, 1, [1]),
        (1, 200, [1, 2, 3, None, 200]),
        (5, 200, [1, None, 3, 4, 5, 6, 7, None, 200]),
        (4, 200, [1, 2, 3, 4, 5, 6, None, 200]),
        (200, 200, [1, None, 198, 199, 200]),
        (2, 3, [1, 2, 3]),
    ],
)
def test_page_links(current, pages, expected):
    assert page_links(current, pages) == expected

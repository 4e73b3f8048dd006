"""`contacts build`: the static export, served by a plain static file server under a sub-path and crawled."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import vobject

from .conftest import generated

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


class Links(HTMLParser):
    """Every href and src of a page, but a link marked rel=external (a release on its publisher's site)."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        if "external" in (dict(attrs).get("rel") or "").split():
            return
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def links_of(html: str) -> list[str]:
    parser = Links()
    parser.feed(html)
    return parser.links


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def static_server(tmp_path):
    """`python3 -m http.server` serving tmp_path (the parent of the site) on loopback; yields its base URL."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(tmp_path)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 10
    while True:
        try:
            urllib.request.urlopen(base + "/", timeout=2).read()
            break
        except (urllib.error.URLError, ConnectionError):
            assert proc.poll() is None and time.monotonic() < deadline, "http.server did not start"
            time.sleep(0.05)
    yield base
    proc.terminate()
    proc.wait(timeout=10)


def crawl(start: str) -> dict[str, tuple[int, str, bytes]]:
    """Follow every href and src on the site's pages from `start`: url → (status, content type, body)."""
    site = start.rsplit("/", 1)[0] + "/"
    seen: dict[str, tuple[int, str, bytes]] = {}
    todo = [start]
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                seen[url] = (response.status, response.headers.get("Content-Type", ""), response.read())
        except urllib.error.HTTPError as error:
            seen[url] = (error.code, "", b"")
            continue
        if url.endswith(".html"):
            for link in links_of(seen[url][2].decode("utf-8")):
                if link.startswith(("tel:", "mailto:", "#")):
                    continue
                assert not link.startswith(("/", "http:", "https:", "//")), f"{url} links to {link}: not relative"
                target = urljoin(url, link).split("#")[0]
                assert target.startswith(site), f"{url} links outside the site: {link}"
                todo.append(target)
    return seen


def test_static_site_under_a_sub_path_every_link_works(cli, tmp_path, static_server):
    source = generated(tmp_path / "contacts.yaml", 60, seed=3)
    code, _, err = cli("build", tmp_path / "site", source)
    assert code == 0, err
    assert "60 contact(s)" in err

    pages = crawl(static_server + "/site/index.html")
    broken = {url: status for url, (status, _, _) in pages.items() if status != 200}
    assert broken == {}
    paths = {urlsplit(url).path.removeprefix("/site/") for url in pages}
    # both languages, both pages of 60 contacts, every person's page, card and QR code, the JSON twins
    assert {"index.html", "page/2.html", "en/index.html", "en/page/2.html", "contacts.vcf", "en/contacts.vcf"} <= paths
    assert "api/contacts.json" in paths and "static/style.css" in paths
    ids = [c["id"] for c in json.loads(pages[static_server + "/site/api/contacts.json"][2])]
    assert len(ids) == 60
    for lang_prefix in ("", "en/"):
        for cid in ids:
            assert {f"{lang_prefix}people/{cid}.html", f"{lang_prefix}people/{cid}.vcf", f"{lang_prefix}people/{cid}.svg"} <= paths
    assert {f"api/contacts/{cid}.json" for cid in ids} <= paths

    for url, (_, ctype, body) in pages.items():
        if url.endswith(".vcf"):
            cards = list(vobject.readComponents(body.decode("utf-8")))
            assert cards and all(card.fn.value and card.n.value for card in cards), url
            assert body.count(b"BEGIN:VCARD") == len(cards)
        elif url.endswith(".json"):
            json.loads(body)
        elif url.endswith(".svg") and "/people/" in url:
            assert body.startswith(b"<svg") and b'class="qr"' in body
        elif url.endswith(".html"):
            assert ctype.startswith("text/html")
            html = body.decode("utf-8")
            assert '<form class="search"' not in html  # nothing that needs a server
            assert re.search(r'<html lang="(sv|en)">', html)
            assert 'http-equiv="Content-Security-Policy"' in html


def test_static_pages_and_cards_carry_the_right_person_in_each_language(cli, tmp_path, contacts_file):
    code, _, err = cli("build", tmp_path / "out", contacts_file, "--base-url", "https://press.example.se/kontakter")
    assert code == 0, err
    assert "1 error(s)" in err  # the broken record is left out, as on the server
    out = tmp_path / "out"
    assert not (out / "people" / "goran-angstrom.html").exists()
    card = vobject.readOne((out / "en" / "people" / "lorents-burman.vcf").read_text(encoding="utf-8"))
    assert card.fn.value == "Lorents Burman"
    assert card.title.value == "Municipal councillor in Skellefteå"
    assert card.url.value == "https://press.example.se/kontakter/en/people/lorents-burman.html"
    swedish = vobject.readOne((out / "people" / "lorents-burman.vcf").read_text(encoding="utf-8"))
    assert swedish.title.value != card.title.value
    bulk = (out / "contacts.vcf").read_bytes()
    assert bulk.count(b"BEGIN:VCARD") == 4 and bulk.count(b"\r\n") == bulk.count(b"\n")  # CRLF, as served
    page = (out / "en" / "people" / "lorents-burman.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in page
    assert 'href="lorents-burman.vcf"' in page and 'href="lorents-burman.svg"' in page
    assert 'href="../../people/lorents-burman.html" lang="sv"' in page  # the same person in Swedish
    assert 'href="../../static/style.css"' in page
    org_page = (out / "org" / "skelleftea-kommun" / "index.html").read_text(encoding="utf-8")
    assert "Lorents Burman" in org_page and "Åsa Öberg-Lindén" not in org_page
    assert 'href="contacts.vcf"' in org_page  # "Download all" of this organisation only
    assert (out / "org" / "skelleftea-kommun" / "contacts.vcf").read_text(encoding="utf-8").count("BEGIN:VCARD") == 1
    assert json.loads((out / "api" / "contacts" / "lorents-burman.json").read_text(encoding="utf-8"))["name"] == "Lorents Burman"
    # a shared link of an exported page previews the person, at the page's public address
    assert '<meta property="og:url" content="https://press.example.se/kontakter/en/people/lorents-burman.html">' in page
    assert '<meta property="og:type" content="profile">' in page and "+46 910 73 50 00" in page
    assert '<meta name="description" content="Lorents Burman: Municipal councillor in Skellefteå' in page
    assert '<meta property="og:url" content="https://press.example.se/kontakter/org/skelleftea-kommun/index.html">' in org_page


def test_without_a_base_url_exported_pages_name_no_public_address(cli, tmp_path, contacts_file):
    assert cli("build", tmp_path / "out", contacts_file)[0] == 0
    page = (tmp_path / "out" / "people" / "lorents-burman.html").read_text(encoding="utf-8")
    assert 'property="og:url"' not in page and '<meta property="og:title" content="Lorents Burman – Presskontakter">' in page


def test_every_public_get_route_of_the_server_is_exported_or_left_out_on_purpose(app):
    from contacts_app.web.static_site import EXPORTS, NOT_EXPORTED, unmapped_endpoints

    assert unmapped_endpoints(app) == set()
    served = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert EXPORTS.keys() <= served and NOT_EXPORTED.keys() <= served  # the table names only real routes
    assert not EXPORTS.keys() & NOT_EXPORTED.keys()
    assert set(NOT_EXPORTED) == {e for e in served if e.startswith("staff.")}  # the staff pages, and only they

    @app.get("/press-kit")
    def press_kit():
        return "a page the export does not know"

    assert unmapped_endpoints(app) == {"press_kit"}  # a new page fails the test until the table has it


def test_the_qr_code_file_is_the_code_the_page_shows(cli, tmp_path, contacts_file):
    assert cli("build", tmp_path / "out", contacts_file, "--base-url", "https://press.example.se/")[0] == 0
    for prefix in ("", "en/"):
        svg = (tmp_path / "out" / f"{prefix}people" / "lorents-burman.svg").read_text(encoding="ascii")
        page = (tmp_path / "out" / f"{prefix}people" / "lorents-burman.html").read_text(encoding="utf-8")
        assert svg.startswith("<svg") and svg in page


def test_build_replaces_an_earlier_build_but_never_an_unrelated_folder(cli, tmp_path, contacts_file):
    out = tmp_path / "out"
    assert cli("build", out, contacts_file)[0] == 0
    (out / "stale.html").write_text("from an old build", encoding="utf-8")
    assert cli("build", out, contacts_file)[0] == 0
    assert not (out / "stale.html").exists() and (out / "index.html").is_file()  # replaced whole

    unrelated = tmp_path / "documents"
    unrelated.mkdir()
    (unrelated / "notes.txt").write_text("keep me", encoding="utf-8")
    code, _, err = cli("build", unrelated, contacts_file)
    assert code == 2 and "not made by contacts build" in err
    assert [p.name for p in unrelated.iterdir()] == ["notes.txt"]
    # no leftovers: only the site, the build before it (kept to build the next one in), the last good records,
    # what validation found per record (for the next build)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".contacts.yaml.last-good.json", ".out.previous", ".out.records", "contacts.yaml", "documents", "out"]


def test_build_of_a_file_it_cannot_read_writes_nothing(cli, tmp_path):
    code, _, err = cli("build", tmp_path / "out", tmp_path / "missing.yaml")
    assert code == 2 and "no such file" in err
    assert not (tmp_path / "out").exists()
    assert list(tmp_path.iterdir()) == []
    code, _, err = cli("build", tmp_path / "out", tmp_path / "missing.yaml", "--base-url", "javascript:alert(1)")
    assert code == 2 and "--base-url" in err


def test_the_contacts_program_ends_a_build_at_once_and_says_all_it_had_to(tmp_path, contacts_file):
    # `python -m contacts_app.cli` runs as the installed `contacts` does (cli.run): a build's process ends
    # without freeing its objects, its summary said and its exit status kept
    command = [sys.executable, "-m", "contacts_app.cli", "build"]
    done = subprocess.run([*command, tmp_path / "site", contacts_file], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert re.search(r"site: \d+ contact\(s\), \d+ file\(s\): \d+ written", done.stderr.splitlines()[-1])
    assert (tmp_path / "site" / "index.html").is_file() and not list(tmp_path.glob(".pagefind-*"))
    refused = subprocess.run([*command, tmp_path / "site", contacts_file, "--base-url", "ftp://x"],
                             capture_output=True, text=True, timeout=300)
    assert refused.returncode != 0 and "--base-url must be an http(s) address" in refused.stderr
    other = subprocess.run([sys.executable, "-m", "contacts_app.cli", "validate", contacts_file],
                           capture_output=True, text=True, timeout=300)
    assert other.returncode == 1 and "error" in other.stdout + other.stderr

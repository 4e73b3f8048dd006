"""The address books at /carddav/ (Radicale beside the app under waitress) and the subscribe pages."""

from __future__ import annotations

import base64
import http.client
import plistlib
import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest

from contacts_app import create_app
from contacts_app.web.carddav import carddav_of
from contacts_app.web.store import store_of

from .conftest import check_file

DAV = "{DAV:}"
LOGIN = "Basic " + base64.b64encode(b"press:anything").decode()
SYNC = """<?xml version="1.0" encoding="utf-8"?>
<sync-collection xmlns="DAV:"><sync-token>{token}</sync-token><sync-level>1</sync-level>
<prop><getetag/></prop></sync-collection>"""


@pytest.fixture
def app_config(tmp_path) -> dict:
    """Serve the books from a folder of the test's own."""
    return {"CARDDAV_FOLDER": str(tmp_path / "books"), "RELOAD_INTERVAL": None}


@pytest.fixture(autouse=True)
def books_written(app):
    """Wait until the books of the app's data are written (a thread of their own writes them)."""
    assert carddav_of(app).settled(60)


def reloaded(app) -> None:
    """Have the app read its changed file now, and wait until the books are written."""
    assert check_file(app)
    assert carddav_of(app).settled(60)


def dav(base: str, method: str, path: str, body: str | bytes | None = None, **headers):
    """(status, headers, body) of one request to the server at `base`."""
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.request(method, path, body=body, headers={"Authorization": LOGIN, **headers})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def sync(base: str, token: str = "") -> tuple[str, dict[str, str]]:
    """sync-collection of the whole directory's book: (new token, href → status of each change)."""
    status, _, body = dav(base, "REPORT", "/carddav/press/contacts/", SYNC.format(token=token),
                          **{"Content-Type": "application/xml", "Depth": "1"})
    assert status == 207, body
    tree = ET.fromstring(body)
    changes = {}
    for response in tree.iter(DAV + "response"):
        href = response.findtext(DAV + "href").rsplit("/", 1)[-1]
        status_text = response.findtext(DAV + "status") or response.findtext(f"{DAV}propstat/{DAV}status")
        changes[href] = status_text.split()[1]
    return tree.findtext(DAV + "sync-token"), changes


def test_well_known_carddav_redirects_to_the_books(live_server):
    status, headers, _ = dav(live_server, "PROPFIND", "/.well-known/carddav")
    assert status == 301 and headers["Location"].endswith("/carddav/")


def test_a_login_finds_its_one_book(live_server):
    status, _, body = dav(live_server, "PROPFIND", "/carddav/", "", Depth="0")
    assert status == 207
    assert b"<href>/carddav/press/</href></current-user-principal>" in body.replace(b"<current-user-principal>", b"")
    status, _, body = dav(live_server, "PROPFIND", "/carddav/press/", "", Depth="1")
    hrefs = [h.text for h in ET.fromstring(body).iter(DAV + "href") if h.text.count("/") == 4]
    assert status == 207 and "/carddav/press/contacts/" in hrefs
    assert b"VADDRESSBOOK" not in body or b"addressbook" in body  # the book is an address book


def test_the_book_holds_exactly_the_records_served(live_server, app):
    status, _, body = dav(live_server, "PROPFIND", "/carddav/press/contacts/", "", Depth="1")
    served = {f"{c.id}.vcf" for c in store_of(app).snapshot.contacts}
    hrefs = {h.text.rsplit("/", 1)[-1] for h in ET.fromstring(body).iter(DAV + "href")} - {""}
    assert status == 207 and hrefs == served
    assert "goran-angstrom.vcf" not in hrefs  # the record with an error is not served, nor in the book
    status, headers, card = dav(live_server, "GET", "/carddav/press/contacts/asa-oberg-linden.vcf")
    assert status == 200 and headers["Content-Type"].startswith("text/vcard")
    assert b"UID:urn:uuid:65513db7-39ff-5336-88fb-d9316df8d5a7\r\n" in card
    assert b"item2.X-ABLABEL:V\xc3\xa4xel\r\n" in card


def test_sync_collection_brings_exactly_what_changed(live_server, app, contacts_file):
    token, changes = sync(live_server)
    assert len(changes) == len(store_of(app).snapshot.contacts)
    text = contacts_file.read_text(encoding="utf-8")
    text = text.replace("Kommunalråd", "Kommunstyrelsens ordförande", 1)
    cut = text.index("  - id: pressjouren-umea")
    text = text[:cut] + text[text.index("  - id: goran-angstrom"):]
    contacts_file.write_text(text, encoding="utf-8")
    reloaded(app)
    token, changes = sync(live_server, token)
    assert changes == {"lorents-burman.vcf": "200", "pressjouren-umea.vcf": "404"}
    assert sync(live_server, token)[1] == {}  # and nothing more the time after
    _, _, card = dav(live_server, "GET", "/carddav/press/contacts/lorents-burman.vcf")
    assert "TITLE:Kommunstyrelsens ordförande" in card.decode()


def test_a_record_with_errors_is_in_the_book_exactly_as_the_site_serves_it(live_server, app, contacts_file):
    text = contacts_file.read_text(encoding="utf-8")
    contacts_file.write_text(text.replace("0910-73 50 00", "0910-73 50", 1), encoding="utf-8")  # a digit too few
    reloaded(app)
    status, _, body = dav(live_server, "PROPFIND", "/carddav/press/contacts/", "", Depth="1")
    hrefs = {h.text.rsplit("/", 1)[-1] for h in ET.fromstring(body).iter(DAV + "href")} - {""}
    assert hrefs == {f"{c.id}.vcf" for c in store_of(app).snapshot.contacts}
    served = store_of(app).snapshot.directory.by_id.get("lorents-burman")
    if served is not None:  # the store serves the record's last good data: so does the book
        _, _, card = dav(live_server, "GET", "/carddav/press/contacts/lorents-burman.vcf")
        assert b"+46910735000" in card


@pytest.mark.parametrize("method", ["PUT", "DELETE", "MKCOL", "MOVE", "PROPPATCH"])
def test_every_write_is_refused(live_server, method, tmp_path):
    card = tmp_path / "books" / "collection-root" / "press" / "contacts" / "asa-oberg-linden.vcf"
    before = card.read_bytes()
    body = {"PUT": "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:X\r\nN:X;;;;\r\nUID:x\r\nEND:VCARD\r\n",
            "PROPPATCH": '<?xml version="1.0"?><propertyupdate xmlns="DAV:"><set><prop>'
                         "<displayname>x</displayname></prop></set></propertyupdate>"}.get(method)
    path = "/carddav/press/new/" if method == "MKCOL" else "/carddav/press/contacts/asa-oberg-linden.vcf"
    if method == "PROPPATCH":
        path = "/carddav/press/contacts/"
    status, _, _ = dav(live_server, method, path, body,
                       Destination=live_server + "/carddav/press/contacts/moved.vcf")
    assert status == 403
    assert card.read_bytes() == before and not (tmp_path / "books" / "collection-root" / "press" / "new").exists()


def test_subscribe_pages_in_both_languages(client):
    page = client.get("/subscribe/").get_data(as_text=True)
    assert "Prenumerera på Presskontakter" in page
    assert '<code class="carddav-url">http://localhost/carddav/</code>' in page
    assert '<code class="carddav-user">press</code>' in page
    assert 'url = "http://localhost/carddav/"' in page and 'username = "press"' in page
    assert 'href="/subscribe/umea-kommun"' in page and '<svg' in page
    english = client.get("/subscribe/umea-kommun?lang=en").get_data(as_text=True)
    assert "Subscribe to Umeå Municipality" in english and '<html lang="en">' in english
    assert '<code class="carddav-book">http://localhost/carddav/umea-kommun/contacts/</code>' in english
    assert client.get("/subscribe/nobody").status_code == 404
    assert client.get("/subscribe/press").headers["Location"].endswith("/subscribe/")


def test_the_directory_links_to_the_book_of_what_it_shows(client):
    assert '<a class="subscribe" href="/subscribe/">' in client.get("/").get_data(as_text=True)
    filtered = client.get("/?org=umea-kommun&lang=en").get_data(as_text=True)
    assert '<a class="subscribe" href="/subscribe/umea-kommun?lang=en">' in filtered


def test_the_configuration_profile_adds_one_carddav_account(client):
    response = client.get("/subscribe/umea-kommun.mobileconfig", base_url="https://kontakter.example.se")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/x-apple-aspen-config"
    assert 'filename="umea-kommun.mobileconfig"' in response.headers["Content-Disposition"]
    profile = plistlib.loads(response.data)
    assert profile["PayloadType"] == "Configuration" and profile["PayloadVersion"] == 1
    (account,) = profile["PayloadContent"]
    assert {key: account[key] for key in account if key.startswith("CardDAV")} == {
        "CardDAVAccountDescription": "Umeå kommun",
        "CardDAVHostName": "kontakter.example.se",
        "CardDAVPort": 443,
        "CardDAVUseSSL": True,
        "CardDAVPrincipalURL": "/carddav/umea-kommun/",
        "CardDAVUsername": "umea-kommun",
        "CardDAVPassword": "umea-kommun",
    }
    assert account["PayloadType"] == "com.apple.carddav.account"
    assert re.fullmatch(r"[0-9A-F-]{36}", account["PayloadUUID"])
    again = plistlib.loads(client.get("/subscribe/umea-kommun.mobileconfig", base_url="https://kontakter.example.se").data)
    assert again["PayloadUUID"] == profile["PayloadUUID"]  # installing it again replaces the account


def test_without_a_folder_there_are_no_books(contacts_file):
    assert carddav_of(create_app({"CONTACTS_FILE": str(contacts_file), "RELOAD_INTERVAL": None})) is None
    client = create_app({"CONTACTS_FILE": str(contacts_file), "RELOAD_INTERVAL": None}).test_client()
    assert client.get("/subscribe/").status_code == 404
    assert client.open("/carddav/", method="PROPFIND").status_code in (404, 405)


def test_any_login_reads_and_an_unknown_user_name_leaves_nothing_on_disk(live_server, tmp_path):
    other = "Basic " + base64.b64encode(b"mallory:x").decode()
    status, _, _ = dav(live_server, "PROPFIND", "/carddav/press/contacts/", "", Depth="0", Authorization=other)
    assert status == 207  # the books are public: any login reads them
    status, _, _ = dav(live_server, "PROPFIND", "/carddav/mallory/", "", Depth="1", Authorization=other)
    assert status in (403, 404)
    assert sorted(p.name for p in (tmp_path / "books" / "collection-root").iterdir()) == [
        "lansstyrelsen-vasterbotten", "press", "region-vasterbotten", "skelleftea-kommun", "umea-kommun"]


def test_without_radicale_serving_the_books_says_what_to_install(contacts_file, tmp_path, monkeypatch):
    import sys

    from contacts_app.model.errors import ContactsError

    monkeypatch.setitem(sys.modules, "radicale", None)  # as if the carddav extra were not installed
    with pytest.raises(ContactsError, match=r"pip install 'contacts-app\[carddav\]'.*--no-carddav"):
        create_app({"CONTACTS_FILE": str(contacts_file), "CARDDAV_FOLDER": str(tmp_path / "b"), "RELOAD_INTERVAL": None})


def test_serve_with_a_folder_it_cannot_write_says_so(cli, contacts_file, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    code, _, err = cli("serve", contacts_file, "--port", "1", "--carddav-folder", blocker / "books")
    assert code != 0 and "cannot write the address books in" in err and "--carddav-folder" in err
    assert "Traceback" not in err


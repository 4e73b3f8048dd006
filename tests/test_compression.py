"""Pages and JSON go gzipped to clients that accept it, decoded by the standard decoder to the very bytes of the
plain answer; revisits are 304s in either form; the whole directory's files go as they are."""

from __future__ import annotations

import gzip
import json
import urllib.error
import urllib.request

import pytest

from contacts_app import create_app
from contacts_app.web.serving.compression import accepts_gzip

from .conftest import generated, serving

BROWSER = "gzip, deflate, br, zstd"  # what Chromium and Firefox send


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """waitress serving 300 generated contacts (pages and searches big enough to compress)."""
    path = generated(tmp_path_factory.mktemp("gzip") / "contacts.yaml", 300, seed=5, warnings=True)  # findings for /_status
    with serving(create_app({"CONTACTS_FILE": str(path), "STATUS_LOCAL": True})) as url:
        yield url


@pytest.fixture(scope="module")
def someone(server) -> str:
    return json.loads(fetch(server + "/api/contacts")[2])[0]["id"]


def fetch(url: str, **headers: str) -> tuple[int, dict, bytes]:
    """(status, headers, the body as sent: not decoded)."""
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.mark.parametrize(
    "header, accepted",
    [
        (BROWSER, True), ("gzip", True), ("GZIP", True), ("x-gzip", True), ("*", True), ("br;q=0.5, gzip;q=0.1", True),
        ("deflate, *;q=0.1", True), ("", False), ("identity", False), ("gzip;q=0", False), ("gzip;q=0, *", False),
        ("*;q=0", False), ("br, zstd", False),
    ],
)
def test_accept_encoding_is_read_as_rfc_9110_says(header, accepted):
    assert accepts_gzip(header) is accepted


@pytest.mark.parametrize("path", ["/", "/?q=kommun", "/?lang=en&page=2", "/api/contacts?q=kommun", "/contacts.vcf?q=kommun",
                                  "PERSON", "PERSON?lang=en"])
def test_a_compressed_answer_decodes_to_the_plain_one(server, someone, path):
    path = path.replace("PERSON", f"/people/{someone}")
    status, plain_headers, plain = fetch(server + path)
    assert status == 200 and "Content-Encoding" not in plain_headers
    status, headers, sent = fetch(server + path, **{"Accept-Encoding": BROWSER})
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    # at most half (a person's page, 4.6 KB with its QR code of the card's address, goes as 1.6 KB)
    assert int(headers["Content-Length"]) == len(sent) < len(plain) / 2
    assert gzip.decompress(sent) == plain
    assert "Accept-Encoding" in headers["Vary"] and "Accept-Encoding" in plain_headers["Vary"]
    assert headers["ETag"] != plain_headers["ETag"]  # another representation, another validator
    assert headers["Content-Type"] == plain_headers["Content-Type"]


def test_a_client_that_refuses_gzip_gets_the_plain_answer(server):
    for refusal in ("identity", "gzip;q=0", "br"):
        status, headers, body = fetch(server + "/", **{"Accept-Encoding": refusal})
        assert status == 200 and "Content-Encoding" not in headers and body.startswith(b"<!doctype html>")


def test_the_response_cache_keeps_the_encodings_apart(server):
    """A phone's compressed page must never reach a client that did not ask for one, nor the reverse."""
    for _ in range(2):
        assert fetch(server + "/?q=region", **{"Accept-Encoding": "gzip"})[1]["Content-Encoding"] == "gzip"
        status, headers, body = fetch(server + "/?q=region")
        assert "Content-Encoding" not in headers and b"<!doctype html>" in body


@pytest.mark.parametrize("path", ["/", "PERSON", "/api/contacts?q=kommun", "/contacts.vcf?q=kommun"])
def test_a_revisit_with_either_validator_is_a_304(server, someone, path):
    path = path.replace("PERSON", f"/people/{someone}")
    _, plain, _ = fetch(server + path)
    _, packed, _ = fetch(server + path, **{"Accept-Encoding": "gzip"})
    status, headers, body = fetch(server + path, **{"Accept-Encoding": "gzip", "If-None-Match": packed["ETag"]})
    assert (status, body) == (304, b"") and headers["ETag"] == packed["ETag"]
    assert fetch(server + path, **{"Accept-Encoding": "gzip", "If-None-Match": plain["ETag"]})[0] == 304
    status, _, body = fetch(server + path, **{"Accept-Encoding": "gzip", "If-None-Match": '"0123abcd:gzip"'})
    assert status == 200 and gzip.decompress(body)


@pytest.mark.parametrize("path", ["/contacts.vcf", "/contacts.vcf?lang=en", "/api/contacts", "/static/style.css"])
def test_bodies_sent_as_files_go_as_they_are(server, path):
    _, _, plain = fetch(server + path)
    status, headers, sent = fetch(server + path, **{"Accept-Encoding": BROWSER})
    assert status == 200 and "Content-Encoding" not in headers and sent == plain
    assert int(headers["Content-Length"]) == len(plain) > 1024


def test_small_answers_are_not_worth_compressing(server, someone):
    status, headers, body = fetch(server + f"/people/{someone}.vcf", **{"Accept-Encoding": BROWSER})
    assert status == 200 and "Content-Encoding" not in headers and body.startswith(b"BEGIN:VCARD")


def test_a_revisit_of_a_compressed_page_compresses_nothing(contacts_file, monkeypatch):
    from contacts_app.web.serving import compression

    client = create_app({"CONTACTS_FILE": str(contacts_file)}).test_client()
    etag = client.get("/", headers={"Accept-Encoding": "gzip"}).headers["ETag"]
    calls = []
    real = compression.gzip.compress
    monkeypatch.setattr(compression.gzip, "compress", lambda *a, **k: calls.append(1) or real(*a, **k))
    response = client.get("/", headers={"Accept-Encoding": "gzip", "If-None-Match": etag})
    assert etag.endswith(':gzip"')
    assert response.status_code == 304 and response.headers["ETag"] == etag and calls == []


def test_the_staff_page_is_never_compressed(server):
    status, headers, body = fetch(server + "/_status", **{"Accept-Encoding": BROWSER})  # from this machine: allowed
    assert status == 200 and headers["Cache-Control"] == "no-store"
    assert "Content-Encoding" not in headers and len(body) > 1024 and b"phone-label-mismatch" in body

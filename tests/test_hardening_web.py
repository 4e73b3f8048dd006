"""Hostile requests: random paths, methods, query strings and headers on every route never give a 500 or a
traceback; ids cannot traverse; names cannot inject headers; HEAD, OPTIONS and 405 answer correctly; the
production server (waitress) refuses malformed and oversized requests cleanly (see SECURITY.md)."""

from __future__ import annotations

import re
import socket
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contacts_app import create_app

from .conftest import WEB_CONTACTS

TOKEN = "stängt-för-allmänheten"
ROUTES = [
    "/", "/people/asa-oberg-linden", "/people/asa-oberg-linden.vcf", "/contacts.vcf", "/api/contacts",
    "/api/contacts/asa-oberg-linden", "/_status", "/api/status", "/static/style.css",
]
METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "CONNECT"]
HOSTILE = [
    "", "%00", "\x00", "..", "../../etc/passwd", "%2e%2e%2f%2e%2e", "å", "%C3%A5", "%ff", "%", "%%", "😀",
    "'\"<script>alert(1)</script>", "\r\nSet-Cookie: x=1", "%0d%0aSet-Cookie:%20x=1", "a" * 5000, "4.0", "3.0",
    "en", "sv", "xx", "-1", "99999999999999999999", "1e308", "NaN", "[]", "{}", "\\", "/", ";", ",",
]


@pytest.fixture
def app_config() -> dict:
    """A staff token, and no watcher: nothing changes the file here."""
    return {"STATUS_TOKEN": TOKEN, "RELOAD_INTERVAL": 0}


def assert_clean(response) -> None:
    """Not a server error, no traceback, the security headers present."""
    assert response.status_code < 500, (response.status_code, response.request.path)
    body = response.get_data()
    assert b"Traceback" not in body and b"werkzeug" not in body.lower()
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]
    for name, value in response.headers.items():
        assert "\r" not in value and "\n" not in value, name


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    route=st.sampled_from(ROUTES),
    suffix=st.one_of(st.just(""), st.sampled_from(HOSTILE), st.text(max_size=30)),
    method=st.sampled_from(METHODS),
    query=st.lists(
        st.tuples(
            st.sampled_from(["q", "org", "lang", "version", "page", "", "q[]", "x" * 300]),
            st.one_of(st.sampled_from(HOSTILE), st.text(max_size=60)),
        ),
        max_size=5,
    ),
    headers=st.dictionaries(
        st.sampled_from(
            ["Accept-Language", "Accept", "If-None-Match", "If-Modified-Since", "Authorization", "X-Forwarded-For",
             "Range", "Content-Type", "Cookie", "Forwarded"]
        ),
        # header values cannot hold line breaks on the wire (the client library refuses them, and so does waitress)
        st.one_of(st.sampled_from([h for h in HOSTILE if "\n" not in h]), st.text(st.characters(min_codepoint=32, max_codepoint=255), max_size=80)),
        max_size=4,
    ),
    body=st.one_of(st.just(b""), st.binary(max_size=200)),
)
def test_nothing_a_client_sends_gives_a_500(client, route, suffix, method, query, headers, body):
    path = route + suffix if route != "/" else "/" + suffix
    if "?" in path:  # the suffix brought its own query string: the generated one joins it
        path += "&" + urlencode(query) if query else ""
        query = None
    response = client.open(path, method=method, query_string=query, headers=headers, data=body)
    assert_clean(response)
    if method not in ("GET", "HEAD", "OPTIONS") and response.status_code not in (400, 404, 413):
        assert response.status_code == 405, (method, path, response.status_code)


@pytest.mark.parametrize("route", ROUTES)
def test_head_and_get_agree_and_options_and_405_name_the_methods(client, route):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    get, head = client.get(route, headers=auth), client.head(route, headers=auth)
    assert get.status_code == head.status_code == 200
    assert head.get_data() == b"" and head.headers["Content-Type"] == get.headers["Content-Type"]
    assert int(head.headers["Content-Length"]) == len(get.get_data())
    options = client.options(route)
    assert options.status_code == 200 and set(options.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
    for method in ("POST", "PUT", "DELETE", "PATCH", "TRACE"):
        refused = client.open(route, method=method, headers=auth)
        assert refused.status_code == 405, method
        assert set(refused.headers["Allow"].split(", ")) >= {"GET", "HEAD"}
        assert_clean(refused)


@pytest.mark.parametrize(
    "path",
    [
        "/people/../api/status", "/people/%2e%2e%2fapi%2fstatus", "/people/..%2f..%2fetc%2fpasswd",
        "/people/%2e%2e/%2e%2e/etc/passwd.vcf", "/people/..%5c..%5cetc%5cpasswd", "/people/%00", "/people/a%00b.vcf",
        "/api/contacts/..%2f..%2fcontacts.yaml", "/static/../data/contacts.yaml", "/static/%2e%2e/%2e%2e/etc/passwd",
        "/static/..%2f..%2fpyproject.toml", "/people/asa-oberg-linden%2f..%2f..", "/people/ASA-OBERG-LINDEN",
        "/people/asa-oberg-linden/", "/people/asa-oberg-linden.vcf/../../x", "//etc/passwd", "/people/%c0%ae%c0%ae",
    ],
)
def test_ids_and_static_paths_cannot_traverse(client, path):
    response = client.get(path)
    assert_clean(response)
    assert response.status_code in (301, 308, 404), response.status_code
    body = response.get_data()
    assert b"root:" not in body and b"contacts:" not in body and b"[build-system]" not in body


def test_status_is_staff_only_even_with_forged_headers(client):
    for headers in (
        {}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic Og=="}, {"Authorization": "Bearer "},
        {"X-Forwarded-For": "127.0.0.1"}, {"Authorization": "Basic " + "A" * 10000}, {"Authorization": "Digest x"},
    ):
        for route in ("/_status", "/api/status"):
            response = client.get(route, headers=headers)
            assert_clean(response)
            assert response.status_code == 401 and b"findings" not in response.get_data()


def test_a_name_cannot_inject_a_header_or_markup(tmp_path):
    path = tmp_path / "contacts.yaml"
    hostile = 'Åsa\\r\\nSet-Cookie: stulen=1\\r\\n\\r\\n<script>alert(1)</script>\\"; filename=\\"x.exe'
    path.write_text(
        WEB_CONTACTS.read_text(encoding="utf-8").replace("name: Åsa Öberg-Lindén", f'name: "{hostile}"'),
        encoding="utf-8",
    )
    client = create_app({"CONTACTS_FILE": str(path)}).test_client()
    for route in ("/people/asa-oberg-linden.vcf", "/people/asa-oberg-linden.vcf?version=4.0&lang=en"):
        response = client.get(route)
        assert response.status_code == 200
        assert "Set-Cookie" not in response.headers
        assert_clean(response)
        disposition = response.headers["Content-Disposition"]
        assert disposition.startswith('attachment; filename="asa-oberg-linden.vcf"; filename*=UTF-8\'\'')
        # the name can only reach the header percent-encoded, in filename*; the rest is fixed
        assert re.fullmatch(r'attachment; filename="asa-oberg-linden\.vcf"; filename\*=UTF-8\'\'[A-Za-z0-9%!#$&+.^_`|~-]+', disposition)
        card = response.get_data(as_text=True)
        assert "\r\nSet-Cookie" not in card and "\nSet-Cookie" not in card
    page = client.get("/people/asa-oberg-linden").get_data(as_text=True)
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page


@pytest.mark.parametrize("size", [16 * 1024, 256 * 1024])  # waitress refuses more than 256 KB of headers
@pytest.mark.parametrize("route", ["/", "/contacts.vcf", "/api/contacts", "/people/asa-oberg-linden"])
def test_very_long_query_strings(client, route, size):
    response = client.get(route, query_string={"q": "å" * (size // 2), "org": "x" * size, "lang": "e" * size})
    assert_clean(response)
    assert response.status_code in (200, 400, 414)


def test_huge_and_odd_headers(client):
    for headers in (
        {"Accept-Language": "sv;q=" + "9" * 10000},
        {"Accept-Language": ",".join(["en;q=0.5"] * 2000)},
        {"Accept-Language": "*;q=abc, ;;;, å-ä"},
        {"If-None-Match": '"' + "x" * 20000 + '", W/"", *, ,,,'},
        {"If-Modified-Since": "Tue, 99 Foo 99999 99:99:99 GMT"},
        {"Accept": "application/json;q=2, text/html;q=NaN"},
        {"Range": "bytes=999999999-0"},
        {"Cookie": "a=" + "b" * 30000},
    ):
        for route in ("/", "/people/asa-oberg-linden.vcf", "/api/contacts", "/nope"):
            assert_clean(client.get(route, headers=headers))


def test_a_large_request_body_is_refused_not_read(client):
    response = client.post("/", data=b"x" * (2 * 1024 * 1024))
    assert_clean(response)
    assert response.status_code in (405, 413)


# -- the production server itself ------------------------------------------------------------------


@pytest.fixture
def live(live_server) -> int:
    """The port of waitress serving the app."""
    return int(live_server.rsplit(":", 1)[1])


def raw(port: int, data: bytes) -> bytes:
    """Send raw bytes to the server; the response (everything until it closes, or 3 s)."""
    with socket.create_connection(("127.0.0.1", port), timeout=3) as s:
        chunks: list[bytes] = []
        try:
            s.sendall(data)
            s.shutdown(socket.SHUT_WR)
            while chunk := s.recv(65536):
                chunks.append(chunk)
        except TimeoutError:
            pass
        except (ConnectionResetError, BrokenPipeError, OSError):  # the server stopped reading and closed: a refusal too
            chunks.append(b"" if chunks else b"(reset)")
    return b"".join(chunks)


@pytest.mark.slow
@pytest.mark.parametrize(
    "request_bytes, statuses",
    [
        (b"GARBAGE\r\n\r\n", (b"400",)),
        (b"GET /people/\x00 HTTP/1.1\r\nHost: x\r\n\r\n", (b"400", b"404")),
        (b"GET / HTTP/9.9\r\nHost: x\r\n\r\n", (b"400", b"505", b"200")),
        (b"GET /" + b"a" * 100_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", (b"400", b"404", b"414", b"431", b"(reset)")),
        (b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 300_000 + b"\r\n\r\n", (b"400", b"431", b"(reset)")),
        (b"GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n", (b"400",)),
        (b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n", (b"400",)),
        (b"POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", (b"400", b"405")),
        (b"GET /?q=" + "å".encode() * 20_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", (b"200", b"400", b"414", b"431")),
        (b"TRACE / HTTP/1.1\r\nHost: x\r\n\r\n", (b"405",)),
        (b"GET /people/..%2f..%2fetc%2fpasswd HTTP/1.1\r\nHost: x\r\n\r\n", (b"404",)),
    ],
    ids=["garbage", "nul-in-path", "http-9", "long-path", "huge-header", "bad-header", "negative-length",
         "bad-chunk", "long-query", "trace", "traversal"],
)
def test_waitress_answers_malformed_requests_cleanly(live, request_bytes, statuses):
    response = raw(live, request_bytes)
    status = response.split(b" ", 2)[1] if response.startswith(b"HTTP/") else response[:7] or b"(none)"
    assert status in statuses, response[:300]
    assert b"Traceback" not in response and b"root:" not in response
    # and the server is still up
    assert raw(live, b"GET /api/contacts HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").startswith(b"HTTP/1.1 200")

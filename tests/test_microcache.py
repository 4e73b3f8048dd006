"""The response cache in front of the app: repeated public answers skip the app; nothing stale, nothing private."""

from __future__ import annotations

import pytest

from contacts_app import create_app
from contacts_app.web.serving.microcache import ResponseCache
from contacts_app.web.views.common import answer_key

from .conftest import check_file


def counting_app(body: bytes = b"<p>Lorents Burman</p>", status: str = "200 OK"):
    calls = []

    def app(environ, start_response):
        calls.append(environ["PATH_INFO"])
        start_response(status, [("Content-Type", "text/html"), ("Content-Length", str(len(body)))])
        return [body]

    return app, calls


def call(app, path="/", method="GET", query="", **headers):
    environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": query, "wsgi.url_scheme": "http",
               "HTTP_HOST": "kontakter.example.se", **headers}
    seen = {}
    body = b"".join(app(environ, lambda status, hdrs, exc=None: seen.update(status=status, headers=hdrs)))
    return seen["status"], body


def test_a_repeated_answer_does_not_reach_the_app():
    inner, calls = counting_app()
    cache = ResponseCache(inner, lambda: "v1", answer_key)
    assert call(cache, "/people/lorents-burman") == call(cache, "/people/lorents-burman") == ("200 OK", b"<p>Lorents Burman</p>")
    assert calls == ["/people/lorents-burman"]


def test_a_new_version_of_the_data_is_asked_for_again():
    inner, calls = counting_app()
    version = ["v1"]
    cache = ResponseCache(inner, lambda: version[0], answer_key)
    call(cache, "/")
    version[0] = "v2"
    call(cache, "/")
    assert calls == ["/", "/"]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"path": "/_status"},
        {"path": "/api/status"},
        {"method": "POST"},
        {"HTTP_IF_NONE_MATCH": '"abc"'},
        {"HTTP_AUTHORIZATION": "Bearer secret"},
    ],
)
def test_private_conditional_and_unsafe_requests_always_reach_the_app(kwargs):
    inner, calls = counting_app()
    cache = ResponseCache(inner, lambda: "v1", answer_key)
    call(cache, **kwargs)
    call(cache, **kwargs)
    assert len(calls) == 2


def test_query_and_language_are_part_of_the_key_and_the_host_and_unread_arguments_are_not():
    inner, calls = counting_app()
    cache = ResponseCache(inner, lambda: "v1", answer_key)
    call(cache, "/", query="q=burman")
    call(cache, "/", query="q=carstedt")
    call(cache, "/", HTTP_ACCEPT_LANGUAGE="en")
    call(cache, "/")
    assert len(calls) == 4
    call(cache, "/", HTTP_HOST="other.example.se")  # answers never depend on the Host
    call(cache, "/", query="z=" + "x" * 200_000)  # nor on an argument no view reads
    call(cache, "/", query="q=++burman++&z=1")  # the query as the views read it: the same search
    call(cache, "/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9," + "x;q=0.1," * 1000)  # the language negotiated: en
    assert len(calls) == 4


def test_errors_and_large_bodies_are_not_kept():
    inner, calls = counting_app(status="404 NOT FOUND")
    cache = ResponseCache(inner, lambda: "v1", answer_key)
    call(cache, "/people/nobody")
    call(cache, "/people/nobody")
    big, big_calls = counting_app(body=b"x" * 300_000)
    cache = ResponseCache(big, lambda: "v1", answer_key)
    call(cache, "/contacts.vcf")
    call(cache, "/contacts.vcf")
    assert len(calls) == 2 and len(big_calls) == 2


def test_memory_stays_within_the_budget():
    inner, calls = counting_app(body=b"y" * 10_000)
    cache = ResponseCache(inner, lambda: "v1", answer_key, max_bytes=50_000)
    for n in range(20):
        call(cache, f"/people/p{n}")
    assert cache._entries.bytes <= 50_000 and len(cache._entries) < 20
    call(cache, "/people/p19")  # the newest is still kept
    assert calls.count("/people/p19") == 1


def test_the_real_app_serves_a_changed_file_at_once(contacts_file):
    app = create_app({"CONTACTS_FILE": str(contacts_file), "RELOAD_INTERVAL": 0})
    client = app.test_client()
    assert "Lorents Burman" in client.get("/?lang=sv").get_data(as_text=True)
    text = contacts_file.read_text(encoding="utf-8").replace("Lorents Burman", "Lorentz Burman")
    contacts_file.write_text(text, encoding="utf-8")
    assert check_file(app)  # what the store's watcher does within RELOAD_INTERVAL
    page = client.get("/?lang=sv").get_data(as_text=True)
    assert "Lorentz Burman" in page and "Lorents Burman" not in page


def test_cached_answers_keep_their_headers(contacts_file):
    client = create_app({"CONTACTS_FILE": str(contacts_file)}).test_client()
    first, second = client.get("/people/lorents-burman.vcf"), client.get("/people/lorents-burman.vcf")
    assert first.headers == second.headers and first.data == second.data
    assert second.headers["Content-Security-Policy"] and second.headers["ETag"]
    assert client.get("/people/lorents-burman.vcf", headers={"If-None-Match": first.headers["ETag"]}).status_code == 304

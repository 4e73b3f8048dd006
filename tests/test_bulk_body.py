"""The whole directory's downloads are sent from the cached bytes themselves: no copy per request, the same
bytes to every journalist, also many at once through waitress."""

from __future__ import annotations

import io
import json
import os
import sys
import threading
import urllib.request
from pathlib import Path

import pytest
import vobject
from hypothesis import given
from hypothesis import strategies as st

from contacts_app import create_app
from contacts_app.web.serving.bulk_body import SharedBytes
from contacts_app.web.store import store_of

from .conftest import generated, serving

operations = st.lists(
    st.one_of(
        st.tuples(st.just("read"), st.one_of(st.none(), st.integers(-1, 40))),
        st.tuples(st.just("seek"), st.tuples(st.integers(0, 40), st.sampled_from([os.SEEK_SET, os.SEEK_CUR]))),
        st.tuples(st.just("seek_end"), st.integers(-30, 0)),
        st.tuples(st.just("readinto"), st.integers(0, 40)),
    ),
    max_size=30,
)


@given(data=st.binary(max_size=64), ops=operations)
def test_shared_bytes_reads_and_seeks_as_a_bytesio_does(data, ops):
    ours, theirs = SharedBytes(data), io.BytesIO(data)
    for op, arg in ops:
        if op == "read":
            assert ours.read(arg) == theirs.read(arg)
        elif op == "seek":
            assert ours.seek(*arg) == theirs.seek(*arg)
        elif op == "seek_end":
            if len(data) + arg >= 0:
                assert ours.seek(arg, os.SEEK_END) == theirs.seek(arg, os.SEEK_END)
        else:
            a, b = bytearray(arg), bytearray(arg)
            assert ours.readinto(a) == theirs.readinto(b) and a == b
        assert ours.tell() == theirs.tell()


def test_shared_bytes_refuses_a_position_before_the_start():
    with pytest.raises(ValueError):
        SharedBytes(b"BEGIN:VCARD").seek(-1)


@pytest.fixture(scope="module")
def national(tmp_path_factory) -> Path:
    """A directory of 4,000 generated contacts: its vCard file is over a megabyte (waitress's buffer limit)."""
    return generated(tmp_path_factory.mktemp("bulk") / "contacts.yaml", 4000, seed=7)


class Wrapper:
    """A stand-in wsgi.file_wrapper that lets the test see what the app handed to the server."""

    def __init__(self, file, block_size=8192):
        self.file, self.block_size = file, block_size

    def __iter__(self):
        return iter(lambda: self.file.read(self.block_size), b"")


@pytest.mark.parametrize("path, key", [("/contacts.vcf", "vcf"), ("/api/contacts", "json")])
def test_the_whole_directory_goes_to_the_file_wrapper_as_the_cached_bytes_themselves(national, path, key):
    app = create_app({"CONTACTS_FILE": str(national), "PUBLIC_URL": "https://kontakter.example.se"})
    seen = {}

    def start_response(status, headers, exc_info=None):
        seen["status"], seen["headers"] = status, dict(headers)

    environ = {
        "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "", "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000", "SERVER_PROTOCOL": "HTTP/1.1", "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(), "wsgi.errors": sys.stderr, "wsgi.file_wrapper": Wrapper,
    }
    result = app(environ, start_response)
    assert seen["status"] == "200 OK" and isinstance(result, Wrapper)
    bulks = store_of(app).snapshot.memos.bulks
    cached = next(bulks.get(k)[0] for k in bulks.keys() if k[0] == key)
    assert result.file._view.obj is cached  # the cache's bytes object, not a copy of it
    body = b"".join(result)
    assert body == cached and int(seen["headers"]["Content-Length"]) == len(body) > 1024 * 1024


@pytest.fixture(scope="module")
def national_server(national):
    with serving(create_app({"CONTACTS_FILE": str(national)}), threads=8) as url:
        yield url


def test_sixteen_journalists_download_everything_at_once_and_each_gets_all_of_it(national_server):
    def get(path: str) -> tuple[int, bytes]:
        with urllib.request.urlopen(national_server + path, timeout=60) as response:
            body = response.read()
            assert int(response.headers["Content-Length"]) == len(body)
            return response.status, body

    _, vcf = get("/contacts.vcf")
    _, api = get("/api/contacts")
    results: dict[int, tuple[int, bytes]] = {}
    threads = [
        threading.Thread(target=lambda i=i: results.__setitem__(i, get("/contacts.vcf" if i % 2 else "/api/contacts")))
        for i in range(16)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(results[i] == (200, vcf if i % 2 else api) for i in range(16))
    cards = list(vobject.readComponents(vcf.decode("utf-8")))
    records = json.loads(api)
    assert len(cards) == len(records) == 4000
    assert [c.fn.value for c in cards] == [r["name"] for r in records]

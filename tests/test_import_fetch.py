"""`contacts import URL` against hostile web servers on loopback: a total deadline, a size cap, and no
redirect to another scheme or to a loopback or private address."""

from __future__ import annotations

import http.server
import threading
import time

import pytest

from contacts_app.extraction import fetch

from .conftest import SEED_RELEASE

RELEASE = (SEED_RELEASE.parent / "releases" / "05-goteborgs-stad-newsroom.html").read_bytes()


class Hostile(http.server.BaseHTTPRequestHandler):
    """Pages that misbehave, one per path."""

    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path == "/release":
            self._send(200, RELEASE)
        elif self.path == "/drip":  # a byte every half second, for ever: no single read ever times out
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                while True:
                    self.wfile.write(b"<")
                    self.wfile.flush()
                    time.sleep(0.5)
            except OSError:
                return
        elif self.path == "/endless":  # a body without end, as fast as it goes
            self.send_response(200)
            self.end_headers()
            try:
                while True:
                    self.wfile.write(b"<p>" + b"x" * 65536)
            except OSError:
                return
        elif self.path.startswith("/redirect?"):
            self.send_response(302)
            self.send_header("Location", self.path.split("?", 1)[1])
            self.send_header("Content-Length", "0")
            self.end_headers()

    def _send(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def hostile():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hostile)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_server_that_drips_is_cut_off_at_the_total_deadline(tmp_path, cli, hostile, monkeypatch):
    monkeypatch.setattr(fetch, "DEADLINE", 2.0)
    started = time.monotonic()
    code, _, err = cli("import", f"{hostile}/drip", "--into", tmp_path / "contacts.yaml")
    assert time.monotonic() - started < 6
    assert code == 2 and "within 2 s" in err and not (tmp_path / "contacts.yaml").exists()


def test_an_endless_page_stops_at_the_size_cap(tmp_path, cli, hostile):
    code, _, err = cli("import", f"{hostile}/endless", "--into", tmp_path / "contacts.yaml")
    assert code == 2 and "larger than 5 MB" in err


@pytest.mark.parametrize("target", ["http://127.0.0.1:9/release", "ftp://example.org/release.html",
                                    "file:///etc/passwd", "http://10.1.2.3/release", "http://[::1]:9/x",
                                    "http://169.254.169.254/latest/meta-data/"])
def test_redirects_to_other_schemes_or_inward_addresses_are_refused(tmp_path, cli, hostile, target):
    code, _, err = cli("import", f"{hostile}/redirect?{target}", "--into", tmp_path / "contacts.yaml")
    assert code == 2 and "not followed" in err and not (tmp_path / "contacts.yaml").exists()


def test_a_plain_page_still_imports(tmp_path, cli, hostile):
    assert cli("import", f"{hostile}/release", "--into", tmp_path / "contacts.yaml")[0] == 0

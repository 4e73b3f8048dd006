"""The directory under its production WSGI server (waitress) on loopback, and `contacts serve` itself."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest

from .conftest import WEB_CONTACTS

pytestmark = pytest.mark.slow


def fetch(url: str, headers: dict | None = None):
    """(status, headers, body) of a GET, errors included."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_pages_downloads_and_errors_over_http(live_server):
    status, headers, body = fetch(live_server + "/?q=burman")
    assert status == 200 and headers["Server"] == "contacts"
    assert "Lorents Burman" in body.decode() and "nosniff" == headers["X-Content-Type-Options"]
    status, headers, body = fetch(live_server + "/people/asa-oberg-linden.vcf")
    assert status == 200
    assert headers["Content-Type"] == "text/vcard; charset=utf-8"
    assert "filename*=UTF-8''%C3%85sa%20%C3%96berg-Lind%C3%A9n.vcf" in headers["Content-Disposition"]
    assert body.startswith(b"BEGIN:VCARD\r\nVERSION:3.0\r\n")
    assert f"URL:{live_server}/people/asa-oberg-linden\r\n".encode() in body  # the address it listens on
    assert fetch(live_server + "/people/asa-oberg-linden.vcf", {"If-None-Match": headers["ETag"]})[0] == 304
    status, _, body = fetch(live_server + "/people/%ff")
    assert status == 404 and b"Traceback" not in body


def test_many_requests_at_once(live_server):
    results: list[int] = []

    def get():
        results.append(fetch(live_server + "/contacts.vcf")[0])

    threads = [threading.Thread(target=get) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [200] * 16


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_contacts_serve_runs_waitress(tmp_path):
    path = tmp_path / "contacts.yaml"
    shutil.copyfile(WEB_CONTACTS, path)
    port = free_port()
    env = {**os.environ, "CONTACTS_FILE": str(tmp_path / "not-this-one.yaml")}  # FILE wins over the variable
    proc = subprocess.Popen(
        [sys.executable, "-m", "contacts_app.cli", "serve", str(path), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=tmp_path,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                status, headers, body = fetch(f"http://127.0.0.1:{port}/api/contacts")
                break
            except (urllib.error.URLError, ConnectionError):
                assert proc.poll() is None, proc.communicate()
                assert time.monotonic() < deadline, "contacts serve did not start"
                time.sleep(0.1)
        assert status == 200 and headers["Server"] == "contacts"
        assert b"Lorents Burman" in body
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=10)
    assert f"serving 4 contact(s) from {path}" in err
    assert "Debug mode" not in err and "development server" not in err


def test_contacts_serve_refuses_a_file_it_cannot_read(cli, tmp_path):
    code, _, err = cli("serve", tmp_path / "missing.yaml", "--port", "1")
    assert code == 2 and "no such file" in err


def test_contacts_serve_on_a_busy_port_says_so_in_one_line(tmp_path):
    path = tmp_path / "contacts.yaml"
    shutil.copyfile(WEB_CONTACTS, path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "contacts_app.cli", "serve", str(path), "--port", str(port)],
            capture_output=True, text=True, timeout=60, cwd=tmp_path,
        )
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"contacts: port {port} on 127.0.0.1 is already in use (another `contacts serve`?); "
        f"stop that program or choose another port, for example: --port {port + 1}"
    ]
    assert done.stdout == ""

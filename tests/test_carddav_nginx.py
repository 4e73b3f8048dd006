"""The nginx configuration of docs/carddav.md, run by Debian's nginx in front of `contacts serve` with a
certificate of its own: CardDAV passes through it, and vdirsyncer subscribes over TLS as the page says."""

from __future__ import annotations

import http.client
import re
import shutil
import ssl
import subprocess
import time
from pathlib import Path

import pytest

from .test_carddav_clients import VDIRSYNCER, contacts_serve, free_port, need, page_config, synced, vdirsyncer

ROOT = Path(__file__).resolve().parent.parent
NGINX = Path("/usr/sbin/nginx")
LOGIN = {"Authorization": "Basic cHJlc3M6cHJlc3M="}  # press:press

pytestmark = pytest.mark.slow


def documented_server_blocks() -> str:
    """The first nginx block of docs/carddav.md: the production configuration."""
    text = (ROOT / "docs" / "carddav.md").read_text(encoding="utf-8")
    return re.search(r"```nginx\n(.*?)```", text, re.S).group(1)


def certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and its key."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=60,
    )
    return cert, key


def request(port: int, method: str, path: str, context: ssl.SSLContext, body: str | None = None, **headers):
    """(status, headers, body) of one request through nginx over TLS."""
    connection = http.client.HTTPSConnection("127.0.0.1", port, context=context, timeout=30)
    try:
        connection.request(method, path, body=body, headers={**LOGIN, **headers})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def test_carddav_through_the_documented_nginx(tmp_path):
    need("nginx", None if NGINX.exists() and shutil.which("openssl") else "nginx or openssl is not installed")
    need("vdirsyncer", None if VDIRSYNCER.exists() else f"{VDIRSYNCER} is missing")
    cert, key = certificate(tmp_path)
    http_port, https_port = free_port(), free_port()
    public = f"https://127.0.0.1:{https_port}"
    with contacts_serve(tmp_path, CONTACTS_PUBLIC_URL=public) as (base, path, _):
        blocks = documented_server_blocks()
        blocks = blocks.replace("listen 80;", f"listen 127.0.0.1:{http_port};")
        blocks = blocks.replace("listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;")
        blocks = re.sub(r"ssl_certificate\s+\S+;", f"ssl_certificate {cert};", blocks)
        blocks = re.sub(r"ssl_certificate_key\s+\S+;", f"ssl_certificate_key {key};", blocks)
        blocks = blocks.replace("http://127.0.0.1:8000", base)
        temp = tmp_path / "nginx-temp"
        temp.mkdir()
        conf = tmp_path / "nginx.conf"
        conf.write_text(
            f"daemon off;\nmaster_process off;\nerror_log {tmp_path / 'error.log'};\npid {tmp_path / 'nginx.pid'};\n"
            "events {}\nhttp {\n  access_log off;\n"
            + "".join(f"  {kind}_temp_path {temp / kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
            + blocks + "}\n",
            encoding="utf-8",
        )
        nginx = subprocess.Popen([str(NGINX), "-p", str(tmp_path), "-c", str(conf)], stderr=subprocess.PIPE)
        try:
            context = ssl.create_default_context(cafile=str(cert))
            deadline = time.monotonic() + 30
            while True:
                try:
                    request(https_port, "GET", "/", context)
                    break
                except OSError:
                    assert nginx.poll() is None, nginx.stderr.read().decode() + (tmp_path / "error.log").read_text()
                    assert time.monotonic() < deadline, "nginx did not start"
                    time.sleep(0.2)

            status, _, body = request(https_port, "PROPFIND", "/carddav/", context, "", Depth="0")
            assert status == 207 and b"/carddav/press/" in body
            status, _, body = request(https_port, "PROPFIND", "/carddav/press/contacts/", context, "", Depth="1")
            assert status == 207 and body.count(b"<response>") == 5  # the book and its 4 cards
            status, _, _ = request(https_port, "PUT", "/carddav/press/contacts/x.vcf", context,
                                   "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:X\r\nN:X;;;;\r\nUID:x\r\nEND:VCARD\r\n")
            assert status == 403
            status, headers, _ = request(https_port, "PROPFIND", "/.well-known/carddav", context, "")
            assert status == 301 and headers["Location"].endswith("/carddav/")
            plain = http.client.HTTPConnection("127.0.0.1", http_port, timeout=30)
            plain.request("GET", "/subscribe/")
            assert plain.getresponse().status == 301
            plain.close()

            # a subscriber who follows the page, over TLS (trusting the test's own certificate)
            home = tmp_path / "home"
            config = home / ".config" / "vdirsyncer" / "config"
            config.parent.mkdir(parents=True)
            text = page_config(public, context)
            assert f'url = "{public}/carddav/"' in text
            config.write_text(text + f'\nverify = "{cert}"\n', encoding="utf-8")
            vdirsyncer(home, "discover", answer="y\n")
            vdirsyncer(home, "sync")
            cards = synced(home / ".local" / "share" / "contacts" / "press" / "contacts")
            assert len(cards) == 4
            assert all(f"URL:{public}/people/" in card for card in cards.values())  # links to the public pages
        finally:
            nginx.terminate()
            nginx.wait(timeout=10)

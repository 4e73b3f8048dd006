"""The deploy recipe of docs/deploy.md: the static export served by Debian's nginx with docs/nginx/contacts-site.conf.

Needs /usr/sbin/nginx (scripts/install-test-deps); without it the test is skipped, except in CI (CI=true or
VCARD_READERS_REQUIRED=1), where it fails.
"""

from __future__ import annotations

import gzip
import http.client
import os
import re
import socket
import subprocess
import time
from pathlib import Path

import pytest
import vobject

from benchmarks.live import free_port

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "docs" / "nginx" / "contacts-site.conf"
NGINX = Path("/usr/sbin/nginx")
BASE = "https://kontakter.example.se/"

pytestmark = pytest.mark.slow


@pytest.fixture
def nginx(tmp_path):
    """Debian's nginx serving tmp_path/site with the shipped config (only its listen and root lines changed)."""
    if not NGINX.exists():
        if os.environ.get("CI") == "true" or os.environ.get("VCARD_READERS_REQUIRED") == "1":
            pytest.fail(f"{NGINX} is missing (scripts/install-test-deps)")
        pytest.skip(f"{NGINX} is missing (scripts/install-test-deps)")
    port = free_port()
    site = CONFIG.read_text(encoding="utf-8")
    assert site.count("    listen 80;\n") == 1 and site.count("    root /srv/contacts/site;\n") == 1
    site = site.replace("    listen 80;\n", f"    listen 127.0.0.1:{port};\n")
    site = site.replace("    root /srv/contacts/site;\n", f"    root {tmp_path / 'site'};\n")
    (tmp_path / "site.conf").write_text(site, encoding="utf-8")
    temp = tmp_path / "nginx-temp"
    temp.mkdir()
    paths = "".join(f"    {kind}_temp_path {temp / kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (tmp_path / "nginx.conf").write_text(
        ("user root;\n" if os.geteuid() == 0 else "")  # the workers read a folder only its owner may enter
        + f"daemon off;\npid {tmp_path / 'nginx.pid'};\nerror_log {tmp_path / 'error.log'};\nevents {{}}\n"
        f"http {{\n    access_log off;\n{paths}    include {tmp_path / 'site.conf'};\n}}\n",
        encoding="utf-8",
    )
    proc = subprocess.Popen(
        [str(NGINX), "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"), "-e", str(tmp_path / "error.log")],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"nginx did not start: {proc.stderr.read().decode()}")
            time.sleep(0.05)
    yield port
    proc.terminate()
    proc.wait(timeout=10)


def get(port: int, path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


def test_nginx_serves_the_export_with_the_headers_of_the_recipe(cli, tmp_path, contacts_file, nginx):
    site = tmp_path / "site"
    assert cli("build", site, contacts_file, "--base-url", BASE)[0] == 0

    status, headers, body = get(nginx, "/", **{"Accept-Encoding": "gzip"})
    assert status == 200 and headers["content-type"] == "text/html; charset=utf-8"
    assert headers["content-encoding"] == "gzip" and "Accept-Encoding" in headers["vary"]
    assert gzip.decompress(body) == (site / "index.html").read_bytes()
    assert headers["cache-control"] == "public, max-age=300" and "content-disposition" not in headers
    assert headers["content-security-policy"].startswith("default-src 'none'")
    # the export's search: its own script only, the WebAssembly it compiles, the index fragments it fetches
    policy = headers["content-security-policy"]
    assert "script-src 'self' 'wasm-unsafe-eval'; connect-src 'self';" in policy and "unsafe-inline" not in policy
    assert headers["x-content-type-options"] == "nosniff" and headers["x-frame-options"] == "DENY"

    status, headers, body = get(nginx, "/en/people/lorents-burman.vcf")
    assert status == 200 and headers["content-type"] == "text/vcard; charset=utf-8"
    assert headers["content-disposition"] == 'attachment; filename="lorents-burman.vcf"'
    assert headers["cache-control"] == "public, max-age=300" and re.fullmatch(r'"[0-9a-f]+-[0-9a-f]+"', headers["etag"])
    assert vobject.readOne(body.decode("utf-8")).fn.value == "Lorents Burman"

    status, headers, body = get(nginx, "/contacts.vcf", **{"Accept-Encoding": "gzip"})
    assert status == 200 and headers["content-type"] == "text/vcard; charset=utf-8"
    assert headers["content-disposition"] == 'attachment; filename="contacts.vcf"'
    assert headers["content-encoding"] == "gzip" and gzip.decompress(body).count(b"BEGIN:VCARD") == 4

    status, headers, _ = get(nginx, "/people/lorents-burman.svg")
    assert status == 200 and headers["content-type"] == "image/svg+xml; charset=utf-8"
    assert get(nginx, "/static/style.css")[1]["cache-control"] == "public, max-age=86400"
    status, headers, _ = get(nginx, "/pagefind/sv/pagefind.js")
    assert status == 200 and headers["content-type"] == "text/javascript; charset=utf-8"  # a module script needs it
    assert get(nginx, "/.contacts-build")[0] == 404  # the build's manifest is not published


def test_a_rebuild_keeps_the_etag_of_every_file_it_did_not_change(cli, tmp_path, contacts_file, nginx):
    site = tmp_path / "site"
    assert cli("build", site, contacts_file, "--base-url", BASE)[0] == 0
    card = get(nginx, "/people/asa-oberg-linden.vcf")[1]["etag"]
    page = get(nginx, "/people/lorents-burman.html")[1]["etag"]
    text = contacts_file.read_text(encoding="utf-8")
    contacts_file.write_text(text.replace("sv: Kommunalråd", "sv: Kommunstyrelsens ordförande", 1), encoding="utf-8")
    assert cli("build", site, contacts_file, "--base-url", BASE)[0] == 0
    assert get(nginx, "/people/asa-oberg-linden.vcf", **{"If-None-Match": card})[0] == 304  # a CDN fetches nothing
    status, headers, body = get(nginx, "/people/lorents-burman.html", **{"If-None-Match": page})
    assert status == 200 and headers["etag"] != page and "Kommunstyrelsens ordförande".encode() in body

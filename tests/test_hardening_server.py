"""`contacts serve` on loopback, attacked as a real one is: Host headers, floods of hosts and queries,
slowloris sockets, big bodies, and Debian's nginx in front where a proxy matters."""

from __future__ import annotations

import json
import shutil
import subprocess
import time

import pytest

from benchmarks.live import contacts_serve, drip, fetch, nginx_in_front, raw, rss_mb, slowloris, timed_get

from .conftest import WEB_CONTACTS, generated

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def two_thousand(tmp_path_factory):
    """`contacts serve` with 2,000 contacts and no status token; yields (URL, process)."""
    path = generated(tmp_path_factory.mktemp("flood") / "contacts.yaml", 2000, seed=16)
    env = {"CONTACTS_STATUS_TOKEN": "", "CONTACTS_PUBLIC_URL": "", "CONTACTS_STATUS_LOCAL": ""}
    with contacts_serve(path, env) as served:
        yield served


@pytest.fixture(scope="module")
def proxied(two_thousand, tmp_path_factory):
    """nginx in front of the 2,000-contact server; yields its URL."""
    with nginx_in_front(two_thousand[0], tmp_path_factory.mktemp("nginx")) as url:
        yield url


def first_person(url: str) -> str:
    """The id of a contact the server serves."""
    return json.loads(fetch(url + "/api/contacts")[2])[0]["id"]


def test_the_status_page_is_closed_without_a_token_directly_and_through_nginx(two_thousand, proxied):
    direct, _ = two_thousand
    for base in (direct, proxied):
        for headers in ({}, {"X-Forwarded-For": "127.0.0.1"}):
            for route in ("/_status", "/api/status"):
                status, _, body = fetch(base + route, headers)
                assert status == 404 and b"findings" not in body and b"contacts.yaml" not in body


def test_serve_says_at_start_who_may_see_the_status_page(tmp_path):
    path = shutil.copyfile(WEB_CONTACTS, tmp_path / "contacts.yaml")
    for env, said in (({"CONTACTS_STATUS_TOKEN": ""}, "/_status is closed"),
                      ({"CONTACTS_STATUS_TOKEN": "t0ken"}, "needs the token"),
                      ({"CONTACTS_STATUS_TOKEN": "", "CONTACTS_STATUS_LOCAL": "1"}, "do not put a proxy in front")):
        with contacts_serve(path, env) as (url, proc):
            pass
        assert said in proc.stderr.read()


def test_a_host_header_cannot_change_a_page_a_card_or_a_qr_code(two_thousand, proxied):
    direct, _ = two_thousand
    person = first_person(direct)
    for base in (direct, proxied):
        for path in (f"/people/{person}", f"/people/{person}.vcf", f"/people/{person}.svg", "/"):
            for encoding in ("identity", "gzip"):
                poisoned = {"Host": "evil.example", "Accept-Encoding": encoding}
                assert fetch(base + path, poisoned)[0] == 200
                status, _, body = fetch(base + path, {"Accept-Encoding": encoding})
                assert status == 200 and b"evil.example" not in body
    card = fetch(direct + f"/people/{person}.vcf", {"Host": "evil.example"})[2].decode()
    assert f"URL:{direct}/people/{person}\r\n" in card  # the address serve listens on, for every visitor
    page = fetch(proxied + f"/people/{person}", {"Host": "evil.example"})[2].decode()
    assert f'"url": "{direct}/people/{person}"' in page or f'"url":"{direct}/people/{person}"' in page


def test_many_hosts_cost_neither_memory_nor_a_rebuild_of_the_bulk_file(two_thousand):
    direct, proc = two_thousand
    person = first_person(direct)
    first = timed_get(direct + "/contacts.vcf")  # the whole directory's file, made once
    for n in range(300):  # warm every path the flood takes
        fetch(direct + f"/people/{person}.vcf", {"Host": f"warm{n}.example"})
    before = rss_mb(proc.pid)
    for n in range(3000):
        fetch(direct + f"/people/{person}.vcf", {"Host": f"h{n}.example"})
        fetch(direct + f"/people/{person}", {"Host": f"h{n}.example"})
    after = rss_mb(proc.pid)
    later = [timed_get(direct + "/contacts.vcf?version=3.0") for _ in range(3)]
    assert after - before < 8, (before, after)
    assert max(later) < max(first / 3, 0.3), (first, later)  # not made again for another Host


def test_huge_unread_query_arguments_are_not_kept(two_thousand):
    direct, proc = two_thousand
    person = first_person(direct)
    filler = "x" * 60_000  # under the header limit: answered, but no part of a cache key
    for n in range(300):  # the server's own buffers for such requests, once (404s are never kept)
        fetch(direct + f"/api/contacts/nobody?w{n}={filler}", {"Accept-Language": "sv," + "x" * 2000})
    before = rss_mb(proc.pid)
    for n in range(500):
        answer = fetch(direct + f"/api/contacts/{person}?z={n}{filler}", {"Accept-Language": f"sv;q=0.{n % 9 + 1}," + "x" * 2000})
        assert answer[0] == 200
    after = rss_mb(proc.pid)
    assert after - before < 12, (before, after)  # 500 distinct 60 KB keys would hold 30 MB


def latency_under_slowloris(base: str, sockets: int) -> float:
    """Seconds of a normal request while `sockets` slowloris connections hang on `base`."""
    with slowloris(base, sockets) as held:
        time.sleep(0.5)
        drip(held)
        return timed_get(base + "/api/contacts/" + first_person(base), timeout=60)


@pytest.mark.parametrize("sockets", [101, 200])
def test_slowloris_sockets_do_not_stall_a_normal_request(two_thousand, sockets):
    assert latency_under_slowloris(two_thousand[0], sockets) < 3


def test_slowloris_through_nginx_does_not_stall_a_normal_request(proxied):
    assert latency_under_slowloris(proxied, 200) < 3


def test_a_big_post_is_refused_before_its_body_is_sent(two_thousand):
    direct, _ = two_thousand
    started = time.monotonic()
    answer = raw(direct, b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 900000000\r\n\r\n", timeout=10)
    assert answer.startswith(b"HTTP/1.1 413") and time.monotonic() - started < 5


def test_a_header_flood_is_refused(two_thousand):
    assert fetch(two_thousand[0] + "/?z=" + "x" * 200_000)[0] == 431  # a 200 KB query: refused, not read
    answer = raw(two_thousand[0], b"GET / HTTP/1.1\r\nHost: x\r\n" + b"X-Pad: " + b"a" * 100_000 + b"\r\n\r\n")
    assert answer.split(b"\r\n")[0].split(b" ")[1] in (b"431", b"400")


def test_a_card_too_big_for_a_qr_code_is_a_page_without_one(tmp_path):
    path = tmp_path / "contacts.yaml"
    long_title = "Kommunikationsansvarig " * 130  # some 3,000 characters
    path.write_text(
        "contacts:\n"
        f"  - {{id: lorents-burman, name: Lorents Burman, title: {long_title.strip()}, emails: [lorents.burman@skelleftea.se]}}\n"
        "  - {id: asa-oberg-linden, name: Åsa Öberg-Lindén, emails: [asa.oberg-linden@umea.se]}\n",
        encoding="utf-8",
    )
    check = subprocess.run([shutil.sys.executable, "-m", "contacts_app.cli", "validate", str(path)],
                           capture_output=True, text=True)
    assert "[card-too-big]" in check.stdout
    with contacts_serve(path, {"CONTACTS_STATUS_TOKEN": ""}) as (url, _):
        # the server knows its address, so its QR codes carry the card's address, which always fits
        status, _, body = fetch(url + "/people/lorents-burman")
        assert status == 200 and b"Kommunikationsansvarig" in body and b'class="qr"' in body
        assert fetch(url + "/people/lorents-burman.svg")[0] == 200
    # a build without --base-url has no address to give, so its QR codes carry the whole card: this one fits none
    built = subprocess.run([shutil.sys.executable, "-m", "contacts_app.cli", "build", str(tmp_path / "site"), str(path)],
                           capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "site" / "people" / "lorents-burman.html").exists()
    assert not (tmp_path / "site" / "people" / "lorents-burman.svg").exists()

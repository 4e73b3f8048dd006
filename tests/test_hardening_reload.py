"""A running `contacts serve` whose file lies: a FIFO, links to devices or out of the folder, a file written
in place while it is read, a version that drops most contacts, an mtime from the past."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest

from benchmarks import generate
from benchmarks.live import contacts_serve, fetch

pytestmark = pytest.mark.slow
TOKEN = "staff-only-token"
BEARER = {"Authorization": f"Bearer {TOKEN}"}


def text_of(contacts: int, seed: int) -> str:
    """A generated contacts file's text."""
    return generate.generate(contacts, seed=seed)


@pytest.fixture
def served(tmp_path):
    """`contacts serve` of 200 contacts in tmp_path/data, with a token and a 4 s wait for a confirmed drop."""
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "contacts.yaml"
    path.write_text(text_of(200, seed=1), encoding="utf-8")
    env = {"CONTACTS_STATUS_TOKEN": TOKEN, "CONTACTS_CONFIRM_DROP_AFTER": "4", "CONTACTS_FOLLOW_LINKS": ""}
    with contacts_serve(path, env) as (url, _):
        yield url, path


def status(url: str) -> dict:
    """The staff status, as JSON."""
    code, _, body = fetch(url + "/api/status", BEARER)
    assert code == 200
    return json.loads(body)


def served_count(url: str) -> int:
    """How many contacts the server answers with."""
    return len(json.loads(fetch(url + "/api/contacts", timeout=5)[2]))


def wait_for(what, seconds: float = 15):
    """What `what()` gives once it is truthy, polled; AssertionError when it never is within `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = what()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"not within {seconds} s")


def replace_with(path: Path, make) -> None:
    """Put what `make(aside)` creates at `aside` in the file's place, in one rename."""
    aside = path.with_name(".incoming")
    make(aside)
    os.replace(aside, path)


def failed_message(url: str) -> str:
    """The findings of the failed reload the status page shows, as one text ('' when none)."""
    failed = status(url)["failed_reload"]
    return " ".join(f["message"] for f in failed["findings"]) if failed else ""


def test_a_fifo_at_the_path_is_refused_and_reloading_goes_on(served):
    url, path = served
    replace_with(path, os.mkfifo)
    assert "not a regular file" in wait_for(lambda: failed_message(url))
    assert served_count(url) == 200
    replace_with(path, lambda aside: aside.write_text(text_of(150, seed=2), encoding="utf-8"))
    wait_for(lambda: served_count(url) == 150)  # the watcher was not stuck on the FIFO


def test_links_to_a_device_or_out_of_the_folder_are_not_followed(served, tmp_path):
    url, path = served
    replace_with(path, lambda aside: aside.symlink_to("/dev/zero"))
    assert "a link to /dev/zero, outside the file's folder: not followed" in wait_for(lambda: failed_message(url))
    secret = tmp_path / "shadow"
    secret.write_text("root:$6$secrethash:19000:0:99999:7:::\n", encoding="utf-8")
    replace_with(path, lambda aside: aside.symlink_to(secret))
    assert "outside the file's folder" in wait_for(lambda: "outside" in failed_message(url) and failed_message(url))
    assert "secrethash" not in json.dumps(status(url)) and served_count(url) == 200
    inside = path.with_name("current.yaml")
    inside.write_text(text_of(120, seed=3), encoding="utf-8")
    replace_with(path, lambda aside: aside.symlink_to(inside.name))  # a link within the folder is fine
    wait_for(lambda: served_count(url) == 120)


def test_a_file_written_in_place_is_taken_only_once_complete(served):
    url, path = served
    new = text_of(190, seed=4).encode("utf-8")
    seen: set[int] = set()
    stop = threading.Event()

    def watch() -> None:
        while not stop.is_set():
            seen.add(served_count(url))
            time.sleep(0.05)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        with open(path, "r+b") as file:  # as an editor that writes in place does
            file.truncate(0)
            step = len(new) // 12 + 1
            for at in range(0, len(new), step):
                file.write(new[at:at + step])
                file.flush()
                time.sleep(0.3)
        wait_for(lambda: served_count(url) == 190)
    finally:
        stop.set()
        watcher.join()
    assert seen <= {200, 190}, seen


def test_a_large_drop_waits_for_staff_to_confirm_it(served):
    url, path = served
    replace_with(path, lambda aside: aside.write_text(text_of(50, seed=5), encoding="utf-8"))
    held = wait_for(lambda: status(url)["held"])
    assert held["contacts"] == 50 and held["served"] == 200 and "confirmed" in held["message"]
    assert served_count(url) == 200
    assert "A new version is held back" in fetch(url + "/_status", BEARER)[2].decode()
    assert fetch(url + "/_status/confirm", method="POST", data=f"version={held['version']}".encode())[0] == 401
    assert fetch(url + "/_status/confirm", BEARER, method="POST", data=b"version=0000")[0] == 409
    code, _, _ = fetch(url + "/_status/confirm", BEARER, method="POST", data=f"version={held['version']}".encode())
    assert code == 200  # urllib follows the 303 to the status page
    assert served_count(url) == 50 and status(url)["held"] is None


def test_a_large_drop_goes_into_service_after_a_longer_still_period(served):
    url, path = served
    replace_with(path, lambda aside: aside.write_text(text_of(50, seed=5), encoding="utf-8"))
    wait_for(lambda: status(url)["held"])
    assert served_count(url) == 200
    wait_for(lambda: served_count(url) == 50, seconds=20)  # CONTACTS_CONFIRM_DROP_AFTER=4


def last_modified(url: str) -> tuple:
    """Last-Modified of the whole directory's vCards, and the REV of its first card."""
    _, headers, body = fetch(url + "/contacts.vcf")
    rev = next(line for line in body.decode().split("\r\n") if line.startswith("REV:"))
    return parsedate_to_datetime(headers["Last-Modified"]), rev


def test_an_older_mtime_never_sends_last_modified_or_rev_backwards(served):
    url, path = served
    before, rev_before = last_modified(url)

    def older(aside: Path) -> None:
        aside.write_text(text_of(180, seed=6), encoding="utf-8")
        os.utime(aside, (978307200, 978307200))  # 2001-01-01

    replace_with(path, older)
    wait_for(lambda: served_count(url) == 180)
    after, rev_after = last_modified(url)
    assert after > before and rev_after > rev_before
    stale = {"If-Modified-Since": before.strftime("%a, %d %b %Y %H:%M:%S GMT")}
    assert fetch(url + "/contacts.vcf", stale)[0] == 200  # changed data, never a 304


@pytest.mark.parametrize("command", ["validate", "build"])
def test_validate_and_build_refuse_a_device_and_a_fifo_at_once(tmp_path, command):
    fifo = tmp_path / "contacts.yaml"
    os.mkfifo(fifo)
    for target in (fifo, Path("/dev/zero")):
        args = [str(tmp_path / "site"), str(target)] if command == "build" else [str(target)]
        run = subprocess.run([sys.executable, "-m", "contacts_app.cli", command, *args],
                             capture_output=True, text=True, timeout=30)
        assert run.returncode == 2 and "not a regular file" in run.stdout + run.stderr
        assert "Traceback" not in run.stderr

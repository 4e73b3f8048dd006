"""Real CardDAV clients against `contacts serve`: vdirsyncer (PyPI) and SyncEvolution (Debian) subscribe to
the address books as the subscribe page tells them, and the cards they fetch read right in ical.js
(Thunderbird), ez-vcard (DAVx5) and libebook (Evolution).

Setup: scripts/install-test-deps (syncevolution, libebook); vdirsyncer is a test extra. Without a client
the test is skipped, except in CI (VCARD_READERS_REQUIRED=1), where it fails.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

from benchmarks.live import free_port

try:  # tests/ is not a package: pytest puts tests/ itself on sys.path
    import vcard_readers
except ImportError:  # pragma: no cover
    from tests import vcard_readers  # type: ignore[no-redef]

from contacts_app.outputs.vcard import contact_uid

WEB_CONTACTS = Path(__file__).resolve().parent / "data" / "web-contacts.yaml"
VDIRSYNCER = Path(sys.executable).parent / "vdirsyncer"
NEW_PERSON = """
  - id: nils-nyman
    kind: person
    name: Nils Nyman
    title:
      sv: Presssekreterare
    organisation:
      sv: Umeå kommun
    phones:
      - number: 070-765 43 21
        label: mobile
    emails:
      - nils.nyman@umea.se
"""

pytestmark = pytest.mark.slow


def need(tool: str, reason: str | None) -> None:
    """Skip without the tool (fail in CI)."""
    if reason is None:
        return
    message = f"{tool} unavailable: {reason} (run scripts/install-test-deps)"
    if os.environ.get("VCARD_READERS_REQUIRED") == "1":
        pytest.fail(message)
    pytest.skip(message)


@contextmanager
def contacts_serve(tmp_path: Path, **env: str) -> Iterator[tuple[str, Path, Path]]:
    """`contacts serve` of a copy of the web test contacts, with `env` set: (base URL, file, books' folder),
    once its books are written."""
    path = tmp_path / "contacts.yaml"
    shutil.copyfile(WEB_CONTACTS, path)
    port = free_port()
    folder = tmp_path / "books"
    server = subprocess.Popen(
        [sys.executable, "-m", "contacts_app.cli", "serve", str(path), "--port", str(port), "--carddav-folder", str(folder)],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, **env},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/subscribe/", timeout=5).read()
                break
            except OSError:
                assert server.poll() is None, server.stderr.read().decode()
                assert time.monotonic() < deadline, "contacts serve did not start"
                time.sleep(0.2)
        wait_for(lambda: (folder / "collection-root" / "press" / "contacts" / "asa-oberg-linden.vcf").exists(), "the books")
        yield base, path, folder
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def served(tmp_path):
    """`contacts serve` of a copy of the web test contacts: (base URL, the contacts file, the books' folder)."""
    with contacts_serve(tmp_path) as answer:
        yield answer


def page_config(base: str, context=None) -> str:
    """The vdirsyncer configuration exactly as the subscribe page shows it."""
    page = urllib.request.urlopen(base + "/subscribe/", timeout=10, context=context).read().decode()
    return html.unescape(re.search(r'<pre class="vdirsyncer-config"[^>]*><code>(.*?)</code></pre>', page, re.S).group(1))


def vdirsyncer(home: Path, *args: str, answer: str = "") -> str:
    """Run vdirsyncer as a user whose home is `home`; its output."""
    env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config")}
    done = subprocess.run([str(VDIRSYNCER), *args], input=answer, capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


def synced(folder: Path) -> dict[str, str]:
    """The cards in vdirsyncer's folder, by UID."""
    cards = {}
    for path in folder.glob("*.vcf"):
        text = path.read_bytes().decode("utf-8")
        cards[re.search(r"^UID:(.*?)\r?$", text, re.M).group(1)] = text
    return cards


def wait_for(condition, what: str, seconds: float = 30) -> None:
    """Wait until condition() is true (the server checks its file every second)."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.2)


def test_vdirsyncer_subscribes_with_the_page_and_gets_each_edit_at_the_next_sync(served, tmp_path):
    need("vdirsyncer", None if VDIRSYNCER.exists() else f"{VDIRSYNCER} is missing (pip install -e '.[test]')")
    base, path, books = served
    home = tmp_path / "home"
    config = home / ".config" / "vdirsyncer" / "config"
    config.parent.mkdir(parents=True)
    config.write_text(page_config(base), encoding="utf-8")  # "Save this as ~/.config/vdirsyncer/config"
    assert f'url = "{base}/carddav/"' in config.read_text()
    vdirsyncer(home, "discover", answer="y\n")
    vdirsyncer(home, "sync")
    folder = home / ".local" / "share" / "contacts" / "press" / "contacts"
    before = synced(folder)
    served_ids = ["asa-oberg-linden", "lorents-burman", "pressjouren-umea", "inert-text"]
    assert sorted(before) == sorted(contact_uid(i) for i in served_ids)
    untouched = {p.name: p.stat().st_mtime_ns for p in folder.glob("*.vcf")}

    # staff edit the YAML: one title changed, one person added, one desk removed
    text = path.read_text(encoding="utf-8").replace("Kommunalråd", "Kommunstyrelsens ordförande", 1)
    cut = text.index("  - id: pressjouren-umea")
    text = text[:cut] + NEW_PERSON.lstrip("\n") + "\n" + text[text.index("  - id: goran-angstrom"):]
    path.write_text(text, encoding="utf-8")
    wait_for(lambda: (books / "collection-root" / "press" / "contacts" / "nils-nyman.vcf").exists(), "the new books")

    output = vdirsyncer(home, "sync")
    assert sorted(re.findall(r"^(Copying \(\w+\) item|Deleting item) (\S+)", output, re.M)) == sorted([
        ("Copying (updating) item", contact_uid("lorents-burman")),
        ("Copying (uploading) item", contact_uid("nils-nyman")),
        ("Deleting item", contact_uid("pressjouren-umea")),
    ]), output
    after = synced(folder)
    assert sorted(after) == sorted(contact_uid(i) for i in ["asa-oberg-linden", "lorents-burman", "inert-text", "nils-nyman"])
    assert "TITLE:Kommunstyrelsens ordförande" in after[contact_uid("lorents-burman")]
    assert after[contact_uid("asa-oberg-linden")] == before[contact_uid("asa-oberg-linden")]
    asa_file = next(p for p in folder.glob("*.vcf") if contact_uid("asa-oberg-linden") in p.read_text())
    assert asa_file.stat().st_mtime_ns == untouched[asa_file.name]  # what did not change is not fetched again
    assert "Copying" not in vdirsyncer(home, "sync")  # and the sync after that brings nothing

    # the cards vdirsyncer fetched, as Thunderbird, DAVx5 and Evolution read them
    all_cards = tmp_path / "synced.vcf"
    all_cards.write_bytes("".join(after[uid] for uid in sorted(after)).encode("utf-8"))
    for name, read, why in (
        ("ical.js", vcard_readers.read_with_icaljs, vcard_readers.icaljs_unavailable_reason),
        ("ez-vcard", vcard_readers.read_with_ezvcard, vcard_readers.ezvcard_unavailable_reason),
        ("libebook", vcard_readers.read_with_libebook, vcard_readers.libebook_unavailable_reason),
    ):
        need(name, why())
        cards = {card["uid"]: card for card in read(all_cards)}
        assert sorted(cards) == sorted(after), name
        asa = cards[contact_uid("asa-oberg-linden")]
        assert (asa["fn"], asa["org"], asa["title"]) == (
            "Åsa Öberg-Lindén", ["Region Västerbotten"], "Pressansvarig, regional utveckling"), name
        assert [(t["value"], t.get("label")) for t in asa["tel"]] == [
            ("+46701234567", "Mobil"), ("+4690161000", "Växel")], name
        assert asa["url"] == f"{base}/people/asa-oberg-linden", name
        assert cards[contact_uid("nils-nyman")]["n"][:2] == ["Nyman", "Nils"], name


def test_syncevolution_lists_the_book_read_only_and_cannot_write(served, tmp_path):
    need("SyncEvolution", None if shutil.which("syncevolution") else "syncevolution is not installed")
    base, _, folder = served
    env = {**os.environ, "HOME": str(tmp_path / "se-home")}

    def syncevolution(*args: str) -> subprocess.CompletedProcess:
        login = ["backend=carddav", "username=press", "password=press"]
        return subprocess.run(["syncevolution", *args, *login], capture_output=True, text=True, env=env, timeout=120)

    listed = syncevolution("--print-databases", f"syncURL={base}/carddav/")
    assert listed.returncode == 0, listed.stderr
    assert f"Presskontakter ({base}/carddav/press/contacts/) <default> <read-only>" in listed.stdout
    book = f"database={base}/carddav/press/contacts/"
    items = syncevolution("--print-items", book)
    assert sorted(items.stdout.split()) == sorted(
        f"{i}%2evcf" for i in ["asa-oberg-linden", "inert-text", "lorents-burman", "pressjouren-umea"])
    exported = tmp_path / "exported.vcf"
    assert syncevolution("--export", str(exported), book).returncode == 0
    assert exported.read_text(encoding="utf-8").count("BEGIN:VCARD") == 4
    new = tmp_path / "new.vcf"
    new.write_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ny Person\r\nN:Person;Ny;;;\r\nUID:ny-1\r\nEND:VCARD\r\n")
    imported = syncevolution("--import", str(new), book)
    assert imported.returncode != 0 and "403" in imported.stdout + imported.stderr
    syncevolution("--delete-items", book, "asa-oberg-linden%2evcf")
    assert sorted(p.name for p in (folder / "collection-root" / "press" / "contacts").glob("*.vcf")) == sorted(
        f"{i}.vcf" for i in ["asa-oberg-linden", "inert-text", "lorents-burman", "pressjouren-umea"])

"""Reloading: a changed file is served, a broken or missing one is not, and a request never sees half a reload.

The store's watcher looks at the file every RELOAD_INTERVAL seconds; here there is no watcher (interval 0)
and each test has the store look at the file when the watcher would (`check_file`), so nothing waits."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from contacts_app import create_app
from contacts_app.outputs.vcard import contact_uid

from .conftest import WEB_CONTACTS, check_file, save


@pytest.fixture
def app_config() -> dict:
    """No watcher: the tests say when the file is looked at; the status page open to this machine."""
    return {"RELOAD_INTERVAL": 0, "STATUS_LOCAL": True}




def rewrite(app, path: Path, text: str, bump: int = 1) -> None:
    """Save the file, and have the store notice, as its watcher would within RELOAD_INTERVAL."""
    save(path, text, bump)
    assert check_file(app)


def test_a_changed_file_is_served(app, client, contacts_file):
    rewrite(app, contacts_file, contacts_file.read_text(encoding="utf-8").replace("Kommunalråd", "Kommunstyrelsens ordförande"))
    assert "Kommunstyrelsens ordförande" in client.get("/people/lorents-burman").get_data(as_text=True)


def test_an_unchanged_record_keeps_its_revision_and_etag(app, client, contacts_file):
    burman = client.get("/people/lorents-burman.vcf")
    asa = client.get("/people/asa-oberg-linden.vcf")
    rewrite(app, contacts_file, contacts_file.read_text(encoding="utf-8").replace("Kommunalråd", "Kommunstyrelsens ordförande"))
    burman2 = client.get("/people/lorents-burman.vcf")
    asa2 = client.get("/people/asa-oberg-linden.vcf")
    assert asa2.headers["ETag"] == asa.headers["ETag"] and asa2.headers["Last-Modified"] == asa.headers["Last-Modified"]
    assert burman2.headers["ETag"] != burman.headers["ETag"]
    assert burman2.last_modified > burman.last_modified
    uid = f"UID:{contact_uid('lorents-burman')}\r\n"
    assert uid in burman.get_data(as_text=True) and uid in burman2.get_data(as_text=True)


@pytest.mark.parametrize(
    "breakage", ["contacts:\n  - id: [unclosed\n", "", "just text\n", None], ids=["yaml", "empty", "shape", "missing"]
)
def test_a_broken_or_missing_file_keeps_the_last_good_data(app, client, contacts_file, breakage):
    good = contacts_file.read_text(encoding="utf-8")
    if breakage is None:
        contacts_file.unlink()
        assert check_file(app)
    else:
        rewrite(app, contacts_file, breakage)
    assert client.get("/people/lorents-burman").status_code == 200
    assert len(client.get("/api/contacts").get_json()) == 4
    status = client.get("/api/status").get_json()
    assert status["failed_reload"] is not None and status["failed_reload"]["findings"]
    code = status["failed_reload"]["findings"][0]["code"]
    assert code == {"yaml": "yaml-syntax", "empty": "empty-file", "shape": "wrong-type", "missing": "file-unreadable"}[
        "missing" if breakage is None else {"contacts:\n  - id: [unclosed\n": "yaml", "": "empty", "just text\n": "shape"}[breakage]
    ]
    page = client.get("/_status?lang=en").get_data(as_text=True)
    assert "The latest version of the file is not served" in page and f"[{code}]" in page
    rewrite(app, contacts_file, good.replace("Lorents Burman", "Lorents Burmån"), bump=3)
    assert "Lorents Burmån" in client.get("/people/lorents-burman").get_data(as_text=True)
    assert client.get("/api/status").get_json()["failed_reload"] is None


def test_a_record_that_gains_an_error_keeps_its_last_good_version(app, client, contacts_file):
    before = client.get("/people/lorents-burman").get_data()
    rewrite(app, contacts_file, contacts_file.read_text(encoding="utf-8").replace("0910-73 50 00", "0910-73"))
    assert client.get("/people/lorents-burman").get_data() == before
    status = client.get("/api/status").get_json()
    assert status["errors"] == 2 and [k["id"] for k in status["kept"]] == ["lorents-burman"]


def test_unreadable_at_start_serves_an_empty_directory_and_says_why(tmp_path):
    app = create_app({"CONTACTS_FILE": str(tmp_path / "missing.yaml"), "RELOAD_INTERVAL": 0, "STATUS_LOCAL": True})
    client = app.test_client()
    assert client.get("/api/contacts").get_json() == []
    assert client.get("/api/status").get_json()["failed_reload"]["findings"][0]["code"] == "file-unreadable"
    shutil.copyfile(WEB_CONTACTS, tmp_path / "missing.yaml")
    assert check_file(app)
    assert len(client.get("/api/contacts").get_json()) == 4


def test_requests_during_reloads_see_one_whole_version(contacts_file):
    app = create_app({"CONTACTS_FILE": str(contacts_file), "RELOAD_INTERVAL": 0, "STATUS_LOCAL": True})
    one = contacts_file.read_text(encoding="utf-8")
    two = one.replace("Kommunalråd", "Kommunstyrelsens ordförande").replace("Pressjouren", "Pressjour")
    stop = threading.Event()
    seen: set[tuple[str, str]] = set()
    errors: list[str] = []

    def edit():
        i = 0
        while not stop.is_set():
            i += 1
            rewrite(app, contacts_file, two if i % 2 else one, bump=i)

    def read():
        client = app.test_client()
        for _ in range(60):
            data = client.get("/api/contacts").get_json()
            if len(data) != 4:
                errors.append(f"{len(data)} contacts")
                continue
            by_id = {c["id"]: c for c in data}
            seen.add((by_id["lorents-burman"]["title"]["sv"], by_id["pressjouren-umea"]["name"]))

    editor = threading.Thread(target=edit)
    readers = [threading.Thread(target=read) for _ in range(4)]
    editor.start()
    for r in readers:
        r.start()
    for r in readers:
        r.join()
    stop.set()
    editor.join()
    assert errors == []
    # each response is one version of the file or the other, never a mix
    assert seen <= {("Kommunalråd", "Pressjouren"), ("Kommunstyrelsens ordförande", "Pressjour")}
    assert seen

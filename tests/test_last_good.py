"""Last good data per record: a typo in one record never changes what a journalist sees for that person.

A record whose new version has errors is served in its last good version (page, card, JSON and URL as they
were); one that never had a good version is not published; /_status, `validate`, `export`, `build` and the
`serve` log all say which, and why."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import urllib.request

import pytest

from contacts_app import create_app
from contacts_app.contactsfile.lastgood import last_good_path, read_last_good
from contacts_app.validation.publish import publication_notes, publish
from contacts_app.validation.validate import load_directory

from .conftest import check_file, save, serving

TYPO = ("0910-73 50 00", "0910-73 50")  # Lorents Burman's number saved two digits short
NEW_BROKEN = """
  - id: karin-nord
    name: Karin Nord
    phones:
      - number: 090-12
        label: direct
"""


@pytest.fixture
def app_config() -> dict:
    """No watcher: each test has the store look at the file when the watcher would."""
    return {"RELOAD_INTERVAL": 0, "STATUS_LOCAL": True}




def get(url: str) -> tuple[int, bytes, dict]:
    """A GET over the network: (status, body, headers)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(), dict(exc.headers)


PATHS = ("/people/lorents-burman", "/people/lorents-burman.vcf", "/api/contacts/lorents-burman",
         "/people/lorents-burman?lang=en", "/people/lorents-burman.svg")


@pytest.mark.parametrize("typo", [
    TYPO,
    ("lorents.burman@skelleftea.se", "lorents.burman@skelleftea"),
    ("label: switchboard\n    emails:\n      - lorents", "label: swichboard\n    emails:\n      - lorents"),
    ("party: S\n    phones:\n      - number: 0910", "party: S\n    acknowledged:\n      no-contact-method:\n    phones:\n      - number: 0910"),
], ids=["number", "email", "label", "ack-without-reason"])
def test_a_typo_in_one_field_never_changes_what_a_journalist_sees(app, contacts_file, typo):
    with serving(app) as url:
        before = {path: get(url + path) for path in PATHS}
        assert all(status == 200 for status, _, _ in before.values())
        save(contacts_file, contacts_file.read_text(encoding="utf-8").replace(*typo, 1))
        assert check_file(app)
        for path in PATHS:
            status, body, headers = get(url + path)
            assert (status, body) == before[path][:2], path
            # an HTML page's Last-Modified is the whole file's; the downloads' are the record's own
            for header in ("ETag", "Last-Modified") if "." in path or "/api/" in path else ("ETag",):
                assert headers.get(header) == before[path][2].get(header), (path, header)
        assert any(c["id"] == "lorents-burman" for c in json.loads(get(url + "/api/contacts")[1]))
        status = json.loads(get(url + "/api/status")[1])
        assert [k["id"] for k in status["kept"]] == ["lorents-burman"]
        assert "1 contact is served from its last good version: lorents-burman, because at " in status["publication"][0]
        page = get(url + "/_status?lang=en")[1].decode()
        assert "1 contact is served from its last good version: lorents-burman" in page


def test_the_fixed_record_is_served_in_its_new_version(app, client, contacts_file):
    good = contacts_file.read_text(encoding="utf-8")
    save(contacts_file, good.replace(*TYPO))
    check_file(app)
    save(contacts_file, good.replace("0910-73 50 00", "0910-73 50 01"), bump=2)
    check_file(app)
    assert "0910-73 50 01" in client.get("/people/lorents-burman").get_data(as_text=True)
    assert client.get("/api/status").get_json()["kept"] == []


def test_a_record_never_valid_is_not_published_and_is_named(app, client, contacts_file):
    save(contacts_file, contacts_file.read_text(encoding="utf-8") + NEW_BROKEN)
    check_file(app)
    assert client.get("/people/karin-nord").status_code == 404
    status = client.get("/api/status").get_json()
    assert {h["id"] for h in status["unpublished"]} == {"karin-nord", "goran-angstrom"}
    assert any(n.startswith("2 new contacts are not published yet: goran-angstrom, karin-nord, because ")
               for n in status["publication"])


def test_a_copied_block_with_a_duplicate_id_is_named_as_not_published(app, client, contacts_file):
    text = contacts_file.read_text(encoding="utf-8")
    block = text[text.index("  - id: lorents-burman"):text.index("  - id: pressjouren-umea")]
    save(contacts_file, text + "\n" + block.replace("Lorents Burman", "Lorents Burman Kopia"))
    check_file(app)
    assert "Kopia" not in client.get("/people/lorents-burman").get_data(as_text=True)
    unpublished = client.get("/api/status").get_json()["unpublished"]
    assert [h["name"] for h in unpublished if h["id"] == "lorents-burman"] == ["Lorents Burman Kopia"]


def test_a_restarted_server_serves_the_last_good_version_too(app, contacts_file):
    assert last_good_path(contacts_file).is_file()
    save(contacts_file, contacts_file.read_text(encoding="utf-8").replace(*TYPO))
    fresh = create_app({"CONTACTS_FILE": str(contacts_file), "RELOAD_INTERVAL": 0, "STATUS_LOCAL": True})
    page = fresh.test_client().get("/people/lorents-burman")
    assert page.status_code == 200 and "0910-73 50 00" in page.get_data(as_text=True)


def test_the_serve_log_says_which_record_is_kept_and_why(app, contacts_file, caplog):
    caplog.set_level(logging.INFO, logger="contacts_app")
    save(contacts_file, contacts_file.read_text(encoding="utf-8").replace(*TYPO))
    check_file(app)
    lines = [r.getMessage() for r in caplog.records if r.name == "contacts_app.web.store"]
    assert len(lines) == 1
    assert lines[0].startswith(f"reloaded {contacts_file}: 0 added, 0 removed, 0 changed, 1 kept at last good; 2 error(s)")
    assert "1 contact is served from its last good version: lorents-burman, because at 33:17 " in lines[0]


def test_validate_export_and_build_apply_the_same_rule_and_say_so(app, cli, contacts_file, tmp_path):
    save(contacts_file, contacts_file.read_text(encoding="utf-8").replace(*TYPO) + NEW_BROKEN)
    code, _, err = cli("validate", contacts_file, "--lang", "en")
    assert code == 1
    assert f"{contacts_file}: 1 contact is served from its last good version: lorents-burman, because at 33:17 " in err
    assert f"{contacts_file}: 2 new contacts are not published yet: goran-angstrom, karin-nord, because " in err

    code, out, err = cli("export", contacts_file)
    assert code == 0 and "lorents-burman" in [c["id"] for c in json.loads(out)]
    assert "1 contact is served from its last good version: lorents-burman" in err
    assert "2 new contacts are not published yet" in err

    code, _, err = cli("build", tmp_path / "site", contacts_file, "--lang", "en")
    assert code == 0 and (tmp_path / "site" / "people" / "lorents-burman.html").is_file()
    assert "1 contact is served from its last good version: lorents-burman" in err
    assert not (tmp_path / "site" / "people" / "karin-nord.html").exists()


def test_publish_matches_by_id_and_keeps_the_file_order(contacts_file):
    good = load_directory(contacts_file)
    save(contacts_file, contacts_file.read_text(encoding="utf-8").replace(*TYPO))
    broken = load_directory(contacts_file)
    assert "lorents-burman" not in broken.by_id
    served = publish(broken, good.by_id)
    assert [c.id for c in served.contacts] == [c.id for c in good.contacts]
    assert served.by_id["lorents-burman"] == good.by_id["lorents-burman"]
    assert publish(broken, {}) is broken
    assert publication_notes(broken)[0].startswith("2 new contacts are not published yet: lorents-burman, goran-angstrom")


def test_the_kept_records_read_back_as_they_were_written(app, contacts_file):
    kept = read_last_good(contacts_file)
    served = load_directory(contacts_file).by_id
    assert kept == served


def test_a_damaged_last_good_file_is_as_good_as_none(contacts_file):
    last_good_path(contacts_file).write_text("{not json", encoding="utf-8")
    assert read_last_good(contacts_file) == {}


@pytest.mark.slow
def test_contacts_serve_logs_each_reload_in_one_line(tmp_path):
    from .conftest import WEB_CONTACTS
    from .test_web_server import free_port

    path = tmp_path / "contacts.yaml"
    path.write_bytes(WEB_CONTACTS.read_bytes())
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "contacts_app.cli", "serve", str(path), "--port", str(port), "--lang", "en"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path,
    )
    try:
        # the start-up lines on the staff page, the links and the address books are not about the data
        others = ("address books", "/_status is", "links in pages and vCards")
        lines = (line for line in iter(proc.stderr.readline, "") if not any(o in line for o in others))
        assert "serving 4 contact(s)" in next(line for line in lines if "serving" in line)
        assert next(lines).startswith("contacts: 1 new contact is not published yet: goran-angstrom, because at ")
        before = get(f"http://127.0.0.1:{port}/people/lorents-burman")[1]
        save(path, path.read_text(encoding="utf-8").replace(*TYPO).replace("Pressjouren", "Pressjour"))
        line = next(lines)
        assert line.startswith(f"contacts: reloaded {path}: 0 added, 0 removed, 1 changed, 1 kept at last good; "
                               "2 error(s), 0 warning(s). 1 contact is served from its last good version: "
                               "lorents-burman, because at 33:17 "), line
        assert get(f"http://127.0.0.1:{port}/people/lorents-burman")[1] == before
        save(path, "contacts: [", bump=2)
        assert next(lines).startswith(f"contacts: the new version of {path} is not served (1 finding(s), first: ")
    finally:
        proc.terminate()
        proc.communicate(timeout=10)

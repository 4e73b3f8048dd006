"""`contacts import`: records merged into the file without losing staff work; bad input leaves it untouched."""

from __future__ import annotations

import json
import shutil

import pytest
import yaml

from contacts_app.validation.validate import load_directory

from .conftest import SEED_RELEASE, SHIPPED

RELEASE_01 = SEED_RELEASE.parent / "releases" / "01-umea-kommun-inline.txt"


def records(path):
    """The file's contacts without id and source, for comparing content."""
    return [
        {k: v for k, v in c.as_dict().items() if k not in ("id", "source")}
        for c in load_directory(path).contacts
    ]


def test_seed_into_a_new_file_gives_the_shipped_records(tmp_path, cli):
    target = tmp_path / "contacts.yaml"
    code, out, err = cli("import", SEED_RELEASE, "--into", target)
    assert code == 0
    assert records(target) == records(SHIPPED)
    assert [c.id for c in load_directory(target).contacts] == [c.id for c in load_directory(SHIPPED).contacts]
    assert "[email-name-mismatch]" in out and "richard.carstedt@" in out
    assert "3 added" in err


def test_imported_records_say_where_they_came_from(tmp_path, cli):
    target = tmp_path / "contacts.yaml"
    cli("import", SEED_RELEASE, "--into", target)
    source = load_directory(target).contacts[0].source
    assert source.release.startswith("Utnyttja möjligheten")
    assert source.languages == ("sv", "en")
    assert yaml.safe_load(target.read_text(encoding="utf-8"))["contacts"][0]["source"]["file"] == SEED_RELEASE.name


def test_a_local_path_is_never_published(tmp_path, cli):
    target = tmp_path / "contacts.yaml"
    cli("import", SEED_RELEASE, "--into", target)
    code, out, _ = cli("export", "--format", "json", target)
    assert code == 0 and str(SEED_RELEASE.parent) not in out and SEED_RELEASE.name not in out
    assert all("url" not in c["source"] for c in json.loads(out))


def test_a_saved_release_names_its_web_address(tmp_path, cli):
    release = tmp_path / "saved.txt"
    release.write_text("# source: https://example.org/press/1\n" + SEED_RELEASE.read_text(encoding="utf-8"), encoding="utf-8")
    target = tmp_path / "contacts.yaml"
    cli("import", release, "--into", target)
    source = yaml.safe_load(target.read_text(encoding="utf-8"))["contacts"][0]["source"]
    assert source["url"] == "https://example.org/press/1" and "file" not in source
    assert load_directory(target).contacts[0].source.location == "https://example.org/press/1"


def test_a_non_web_url_is_not_published(tmp_path, cli):
    target = tmp_path / "contacts.yaml"
    cli("import", SEED_RELEASE, "--into", target)
    text = target.read_text(encoding="utf-8").replace(f"file: {SEED_RELEASE.name}", "url: file:///home/staff/release.txt")
    target.write_text(text, encoding="utf-8")
    directory = load_directory(target)
    assert {f.code for f in directory.errors} == {"url-invalid"}
    code, out, _ = cli("export", "--format", "json", target)
    assert "file:///" not in out


def test_reimport_changes_nothing(tmp_path, cli):
    target = tmp_path / "contacts.yaml"
    cli("import", SEED_RELEASE, "--into", target)
    before = target.read_bytes()
    code, _, err = cli("import", SEED_RELEASE, "--into", target)
    assert code == 0 and target.read_bytes() == before
    assert "nothing to change" in err


def test_reimport_into_the_shipped_file_changes_nothing(shipped_copy, cli):
    before = shipped_copy.read_bytes()
    assert cli("import", SEED_RELEASE, "--into", shipped_copy)[0] == 0
    assert shipped_copy.read_bytes() == before


def test_merge_fills_only_empty_fields_and_reports_conflicts(shipped_copy, cli):
    text = shipped_copy.read_text(encoding="utf-8")
    # Staff have edited Burman: a corrected English title, a direct number; his Swedish title is gone.
    text = text.replace("      sv: Kommunalråd\n      en: Municipal councillor in Skellefteå\n",
                        "      en: Municipal commissioner\n")
    text = text.replace("      - number: 0910-73 50 00\n        label: switchboard\n",
                        "      - number: 070-174 06 99\n        label: mobile\n")
    shipped_copy.write_text(text, encoding="utf-8")
    code, out, _ = cli("import", SEED_RELEASE, "--into", shipped_copy)
    assert code == 0
    burman = yaml.safe_load(shipped_copy.read_text(encoding="utf-8"))["contacts"][1]
    assert burman["title"] == {"en": "Municipal commissioner", "sv": "Kommunalråd"}
    assert burman["phones"] == [{"number": "070-174 06 99", "label": "mobile"}]
    conflicts = [line for line in out.splitlines() if "[import-conflict]" in line]
    assert len(conflicts) == 2
    assert any("'Municipal councillor in Skellefteå'" in c for c in conflicts)
    assert any("'0910-73 50 00'" in c for c in conflicts)


def test_comments_and_unknown_fields_survive(shipped_copy, cli):
    text = shipped_copy.read_text(encoding="utf-8").replace(
        "  - id: lorents-burman\n", "  # Ring helst före lunch.\n  - id: lorents-burman\n"
    )
    shipped_copy.write_text(text, encoding="utf-8")
    cli("import", RELEASE_01, "--into", shipped_copy)
    after = shipped_copy.read_text(encoding="utf-8")
    assert "  # Ring helst före lunch.\n  - id: lorents-burman\n" in after
    assert "# The County Administrative Board's switchboard, a nationwide 010 number." in after
    assert after.startswith(text.rstrip("\n"))  # new records are appended; nothing above them moves
    assert [c.id for c in load_directory(shipped_copy).contacts][-2:] == ["mikael-oberg", "karin-lofgren"]


def test_dry_run_prints_diff_and_writes_nothing(shipped_copy, cli):
    before = shipped_copy.read_bytes()
    code, out, err = cli("import", RELEASE_01, "--into", shipped_copy, "--dry-run")
    assert code == 0 and shipped_copy.read_bytes() == before
    assert "+  - id: mikael-oberg\n" in out
    assert "--dry-run" in err


def test_ids_stay_unique(tmp_path, cli):
    target = tmp_path / "contacts.yaml"
    shutil.copyfile(SHIPPED, target)
    text = target.read_text(encoding="utf-8").replace("id: lorents-burman", "id: mikael-oberg")
    target.write_text(text, encoding="utf-8")
    cli("import", RELEASE_01, "--into", target)
    ids = [c.id for c in load_directory(target).contacts]
    assert "mikael-oberg-2" in ids and len(ids) == len(set(ids))


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        ("För mer information kontakta:\nÅsa Öberg\n070-174 06 00\n".encode("latin-1"), "not UTF-8"),
        ("Ny simhall\nKommunen bygger en simhall som öppnar i augusti nästa år, säger Åsa Öberg.\n".encode(),
         "no contact found: the release has no phone number, email address or contact heading"),
    ],
)
def test_bad_release_leaves_the_file_untouched(shipped_copy, tmp_path, cli, content, message):
    release = tmp_path / "release.txt"
    release.write_bytes(content)
    before = shipped_copy.read_bytes()
    code, out, err = cli("import", release, "--into", shipped_copy)
    assert code == 2
    assert message in err and "was not changed" in err and "Traceback" not in err
    assert shipped_copy.read_bytes() == before


def test_missing_release_file(shipped_copy, tmp_path, cli):
    code, _, err = cli("import", tmp_path / "nope.txt", "--into", shipped_copy)
    assert code == 2 and "no such file" in err


def test_interrupted_write_leaves_old_file(shipped_copy, monkeypatch):
    import os

    from contacts_app.importing.importer import import_releases

    before = shipped_copy.read_bytes()

    def crash(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        import_releases([RELEASE_01], shipped_copy)
    assert shipped_copy.read_bytes() == before
    assert sorted(p.name for p in shipped_copy.parent.iterdir()) == ["contacts.yaml"]


def test_html_release(tmp_path, cli):
    target = tmp_path / "contacts.yaml"
    html = SEED_RELEASE.parent / "releases" / "05-goteborgs-stad-newsroom.html"
    assert cli("import", html, "--into", target)[0] == 0
    names = [c.name for c in load_directory(target).contacts]
    assert names == ["Maja Lindgren-Berg", "Gustav Åkerlund", "Presstjänsten"]
    assert load_directory(target).contacts[2].kind == "desk"


@pytest.fixture
def release_server():
    """A plain HTTP server on loopback serving the release fixtures, like a newsroom's pages."""
    import functools
    import http.server
    import threading

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(SEED_RELEASE.parent / "releases"))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_import_from_a_web_address(tmp_path, cli, release_server):
    target = tmp_path / "contacts.yaml"
    url = f"{release_server}/05-goteborgs-stad-newsroom.html"
    assert cli("import", url, "--into", target)[0] == 0
    contacts = load_directory(target).contacts
    assert [c.name for c in contacts] == ["Maja Lindgren-Berg", "Gustav Åkerlund", "Presstjänsten"]
    assert contacts[0].source.location == url
    assert "url: " + url in target.read_text(encoding="utf-8")


def test_unreachable_address_leaves_the_file_untouched(shipped_copy, cli, release_server):
    before = shipped_copy.read_bytes()
    code, _, err = cli("import", f"{release_server}/no-such-release.html", "--into", shipped_copy)
    assert code == 2 and "answered 404" in err and shipped_copy.read_bytes() == before


def test_namesakes_are_not_merged_on_name_alone(tmp_path, cli):
    target = tmp_path / "contacts.yaml"
    target.write_text(
        "contacts:\n"
        "  - id: anna-andersson\n    name: Anna Andersson\n    organisation:\n      sv: Umeå kommun\n"
        "    emails:\n      - anna.andersson@umea.se\n"
        "  - id: anna-andersson-2\n    name: Anna Andersson\n    organisation:\n      sv: Luleå kommun\n"
        "    emails:\n      - anna.andersson@lulea.se\n",
        encoding="utf-8",
    )
    release = tmp_path / "release.txt"
    release.write_text(
        "Ny simhall i Piteå\nPresskontakt:\nAnna Andersson, presschef\n070-174 06 10\n", encoding="utf-8"
    )
    assert cli("import", release, "--into", target)[0] == 0
    contacts = load_directory(target).contacts
    assert [c.id for c in contacts] == ["anna-andersson", "anna-andersson-2", "anna-andersson-3"]
    assert contacts[0].phones == () and contacts[2].phones[0].national == "070-174 06 10"

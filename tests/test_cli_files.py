"""Which file each command works on (FILE, else $CONTACTS_FILE, else data/contacts.yaml, else the bundled
data), and `validate` / `fmt --check` over several files, as pre-commit calls them."""

from __future__ import annotations

import json
import shutil

import pytest

from contacts_app.contactsfile.locations import resource_path

from .conftest import SHIPPED

BUNDLED = resource_path("data") / "contacts.yaml"
#: One contact whose number is two digits short: an error, so a command that read this file says so.
BROKEN = "contacts:\n  - id: anna-berg\n    name: Anna Berg\n    phones: [070-12]\n    emails: [anna.berg@umea.se]\n"
#: Valid, but not in canonical form (keys out of order).
UNTIDY = "contacts:\n  - emails: [bo.ek@umea.se]\n    name: Bo Ek\n    id: bo-ek\n"


@pytest.fixture
def elsewhere(tmp_path, monkeypatch):
    """An empty working folder with no contacts file and no $CONTACTS_FILE."""
    folder = tmp_path / "work"
    folder.mkdir()
    monkeypatch.chdir(folder)
    monkeypatch.delenv("CONTACTS_FILE", raising=False)
    return folder


@pytest.fixture
def env_file(tmp_path, monkeypatch, elsewhere):
    """$CONTACTS_FILE naming a file with one error in it."""
    path = tmp_path / "from-env.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    monkeypatch.setenv("CONTACTS_FILE", str(path))
    return path


def test_validate_reads_contacts_file_from_the_environment(cli, env_file):
    code, out, err = cli("validate")
    assert code == 1
    assert out.startswith(f"{env_file}:4:14: error [phone-invalid]")
    assert err.splitlines()[-1].startswith(f"{env_file}: 1 error(s)")


def test_fmt_export_and_build_read_it_too(cli, env_file, tmp_path):
    env_file.write_text(UNTIDY, encoding="utf-8")
    code, _, err = cli("fmt", "--check")
    assert code == 1 and f"{env_file} is not in canonical form" in err
    code, out, _ = cli("export")
    assert code == 0 and [r["id"] for r in json.loads(out)] == ["bo-ek"]
    code, _, err = cli("build", tmp_path / "site")
    assert code == 0 and "1 contact(s)" in err
    assert (tmp_path / "site" / "people" / "bo-ek.vcf").is_file()


def test_a_named_file_wins_over_the_environment(cli, env_file):
    code, _, err = cli("validate", SHIPPED)
    assert code == 0 and err.splitlines() == [f"{SHIPPED}: 0 error(s), 1 warning(s); 3 contact(s) valid"]


def test_the_working_folders_data_file_comes_before_the_bundled_data(cli, elsewhere):
    (elsewhere / "data").mkdir()
    (elsewhere / "data" / "contacts.yaml").write_text(BROKEN, encoding="utf-8")
    code, out, _ = cli("validate")
    assert code == 1 and out.startswith("data/contacts.yaml:4:14:")


def test_outside_a_checkout_the_bundled_data_is_used_and_named(cli, elsewhere, tmp_path):
    code, _, err = cli("validate")
    assert code == 0 and err.splitlines() == [f"{BUNDLED} (the bundled data): 0 error(s), 1 warning(s); 3 contact(s) valid"]
    code, _, err = cli("build", tmp_path / "site")
    assert code == 0 and (tmp_path / "site" / "people" / "lorents-burman.vcf").is_file()


def test_import_writes_into_the_environments_file_never_into_the_bundled_data(cli, elsewhere, tmp_path, monkeypatch):
    release = tmp_path / "release.txt"
    shutil.copyfile(SHIPPED.parent.parent / "tests" / "data" / "seed-release.txt", release)
    before = BUNDLED.read_bytes()
    code, _, err = cli("import", release)
    assert code == 0 and (elsewhere / "data" / "contacts.yaml").is_file(), err
    assert BUNDLED.read_bytes() == before
    target = tmp_path / "target.yaml"
    monkeypatch.setenv("CONTACTS_FILE", str(target))
    code, _, err = cli("import", release)
    assert code == 0 and "lorents-burman" in target.read_text(encoding="utf-8"), err


def test_validate_several_files_reports_each_and_exits_with_the_worst(cli, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text(BROKEN, encoding="utf-8")
    missing = tmp_path / "missing.yaml"
    code, out, err = cli("validate", SHIPPED, broken)
    assert code == 1
    assert [line.split(":")[0] for line in out.splitlines()] == [str(SHIPPED), str(broken)]
    assert list(dict.fromkeys(line.split(":")[0] for line in err.splitlines())) == [str(SHIPPED), str(broken)]
    code, out, _ = cli("validate", SHIPPED, missing, broken, "--format", "json")
    assert code == 2
    findings = json.loads(out)  # one JSON document for all the files
    assert [(f["file"], f["code"]) for f in findings] == [
        (str(SHIPPED), "email-name-mismatch"), (str(missing), "file-unreadable"), (str(broken), "phone-invalid"),
    ]
    assert cli("validate", SHIPPED, SHIPPED)[0] == 0
    assert cli("validate", SHIPPED, SHIPPED, "--strict")[0] == 1


def test_fmt_check_several_files(cli, tmp_path):
    untidy = tmp_path / "untidy.yaml"
    untidy.write_text(UNTIDY, encoding="utf-8")
    tidy = tmp_path / "tidy.yaml"
    shutil.copyfile(SHIPPED, tidy)
    code, out, err = cli("fmt", "--check", tidy, untidy)
    assert code == 1
    assert f"{tidy} is in canonical form" in err and f"{untidy} is not in canonical form" in err
    assert out.startswith(f"--- {untidy}") and untidy.read_text(encoding="utf-8") == UNTIDY
    code, _, _ = cli("fmt", tidy, untidy)
    assert code == 0 and cli("fmt", "--check", tidy, untidy)[0] == 0
    assert cli("fmt", "--check", tidy, tmp_path / "missing.yaml")[0] == 2

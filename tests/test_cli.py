"""The `contacts` command: exit codes, the three finding formats, export shapes; and the shipped file."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from .conftest import ROOT, SHIPPED


def test_shipped_file_validates_with_the_carstedt_warning_at_its_line(cli):
    code, out, _ = cli("validate", SHIPPED)
    assert code == 0
    line = next(i for i, text in enumerate(SHIPPED.read_text(encoding="utf-8").splitlines(), 1)
                if "richard.carstedt@" in text)
    assert out.splitlines() == [
        f"{SHIPPED}:{line}:9: warning [email-name-mismatch] 'richard.carstedt@regionvasterbotten.se' does not "
        "match the name 'Rickard Carstedt': did you mean 'rickard.carstedt@regionvasterbotten.se'? If the "
        "address is right, acknowledge it under acknowledged: with a reason"
    ]


def test_strict_fails_on_the_warning(cli):
    assert cli("validate", SHIPPED, "--strict")[0] == 1


def test_json_format(cli):
    code, out, _ = cli("validate", SHIPPED, "--format", "json")
    (finding,) = json.loads(out)
    assert code == 0
    assert set(finding) == {"file", "line", "column", "severity", "code", "message"}
    assert (finding["severity"], finding["code"], finding["column"]) == ("warning", "email-name-mismatch", 9)


def test_github_format(cli):
    _, out, _ = cli("validate", SHIPPED, "--format", "github")
    assert out.startswith(f"::warning file={SHIPPED},line=")
    assert ",col=9,title=email-name-mismatch::" in out


def test_github_format_escapes_newlines_and_commas(write_yaml, cli):
    path = write_yaml("contacts:\n  - id: a,b\n    name: A\n    emails: [a@x.se]\n", name="a,b.yaml")
    _, out, _ = cli("validate", path, "--format", "github")
    assert "a%2Cb.yaml" in out and out.count("\n") == 1


@pytest.mark.parametrize(
    "content, expected_code, expected_rule",
    [
        (b"contacts:\n  - id: a\n    name: [unclosed\n", 2, "yaml-syntax"),
        (b"contacts:\n  - id: a\n    name: \xe5sa\n", 2, "not-utf8"),
        (b"", 1, "empty-file"),
        (b"contacts:\n  - id: a\n    id: b\n    name: A\n    emails: [a@x.se]\n", 1, "duplicate-key"),
        (b"contacts:\n  - id: a\n    name: {x: 1}\n", 1, "wrong-type"),
    ],
)
def test_exit_codes_for_bad_files(tmp_path, cli, content, expected_code, expected_rule):
    path = tmp_path / "contacts.yaml"
    path.write_bytes(content)
    code, out, err = cli("validate", path, "--format", "json")
    assert code == expected_code
    assert expected_rule in [f["code"] for f in json.loads(out)]
    assert "Traceback" not in out + err


def test_not_utf8_points_at_the_byte(tmp_path, cli):
    path = tmp_path / "contacts.yaml"
    path.write_bytes("contacts:\n  - id: a\n    name: Ö".encode() + b"\xf6rjan\n")
    _, out, _ = cli("validate", path)
    assert out.startswith(f"{path}:3:13: error [not-utf8]")


def test_missing_file_exits_2(tmp_path, cli):
    code, out, _ = cli("validate", tmp_path / "nope.yaml")
    assert code == 2 and "[file-unreadable]" in out


def test_real_process_exit_code_and_no_traceback(tmp_path):
    path = tmp_path / "contacts.yaml"
    path.write_text("contacts:\n  - id: a\n    name: 'unclosed\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "contacts_app.cli", "validate", str(path)], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 2
    assert "[yaml-syntax]" in result.stdout and "Traceback" not in result.stderr


def test_default_file_is_data_contacts_yaml(cli, monkeypatch):
    monkeypatch.chdir(ROOT)
    code, out, _ = cli("validate")
    assert code == 0 and out.startswith("data/contacts.yaml:")


def test_export_json_shape(cli):
    code, out, _ = cli("export", SHIPPED, "--format", "json")
    records = json.loads(out)
    assert code == 0
    assert [r["id"] for r in records] == ["helene-hellmark-knutsson", "lorents-burman", "rickard-carstedt"]
    helene = records[0]
    assert helene["title"] == {"sv": "Landshövding Västerbottens län", "en": "County Governor of Västerbotten"}
    assert helene["organisation"]["sv"] == "Länsstyrelsen Västerbotten"
    assert helene["party"] is None and helene["kind"] == "person"
    assert helene["phones"] == [
        {"e164": "+46102254300", "national": "010-225 43 00", "international": "+46 10 225 43 00",
         "type": "uan", "label": "switchboard"}
    ]
    assert records[1]["party"] == "S" and records[1]["phones"][0]["type"] == "fixed_line"
    assert records[2]["phones"] == [] and records[2]["emails"] == ["richard.carstedt@regionvasterbotten.se"]


def test_export_csv_reads_back(cli):
    _, out, _ = cli("export", SHIPPED, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["name"] for r in rows] == ["Helene Hellmark Knutsson", "Lorents Burman", "Rickard Carstedt"]
    assert rows[1]["organisation_sv"] == "Skellefteå kommun" and rows[1]["phones"] == "+46910735000"


def test_export_leaves_out_records_with_errors(write_yaml, cli):
    path = write_yaml(
        "contacts:\n  - id: a\n    name: Anna Berg\n    phones: [070-12]\n"
        "  - id: b\n    name: Bo Ek\n    emails: [bo.ek@umea.se]\n"
    )
    code, out, err = cli("export", path)
    assert code == 0 and [r["id"] for r in json.loads(out)] == ["b"]
    assert "1 error(s)" in err


def test_validate_does_not_import_flask_or_vobject():
    probe = (
        "import sys; from contacts_app.cli import main; main(['validate', 'data/contacts.yaml']);"
        "print(sorted(m for m in ('flask', 'vobject', 'ruamel.yaml') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT)
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_check_dns_asks_for_deliverability(write_yaml, cli, monkeypatch):
    import email_validator

    from contacts_app.normalise.emails import check_email

    calls = []
    real = email_validator.validate_email

    def fake(address, **kwargs):
        calls.append(kwargs["check_deliverability"])
        if kwargs["check_deliverability"]:
            raise email_validator.EmailUndeliverableError("The domain name umea-ingen-dom.se does not exist.")
        return real(address, **kwargs)

    monkeypatch.setattr(email_validator, "validate_email", fake)
    check_email.cache_clear()
    path = write_yaml("contacts:\n  - id: a\n    name: Åsa Öberg\n    emails: [asa.oberg@umea-ingen-dom.se]\n")
    assert cli("validate", path)[0] == 0 and calls == [False]
    code, out, _ = cli("validate", path, "--check-dns")
    check_email.cache_clear()
    assert code == 1 and calls[-1] is True
    assert "[email-invalid]" in out and "cannot receive mail" in out

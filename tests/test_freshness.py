"""`verified:`: the contact-stale warning and its age, malformed dates at their position, `contacts verify`
as a text edit, `contacts report stale` (with an injected DNS resolver), and REV from the verified day."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

import dns.resolver
import pytest
import vobject

from contacts_app.normalise import emails
from contacts_app.validation.validate import load_directory
from tests.fresh_data import OLD, RECENT, fresh_folder

TODAY = date.today().isoformat()


@pytest.fixture
def folder(tmp_path):
    return fresh_folder(tmp_path)


def test_an_old_verification_is_a_stale_warning_at_its_date(cli, folder):
    code, out, err = cli("validate", folder)
    assert code == 0
    lines = [line for line in out.splitlines() if "[contact-stale]" in line]
    assert len(lines) == 1
    line_no = folder.read_text().splitlines().index(f"    verified: {OLD}") + 1
    assert lines[0].startswith(f"{folder}:{line_no}:15: warning [contact-stale] last verified {OLD}, 400 days ago")
    assert "contacts verify bo-berg" in lines[0]


def test_the_allowed_age_is_a_flag_and_a_setting(cli, folder, monkeypatch):
    assert "[contact-stale]" not in cli("validate", folder, "--stale-after", "500")[1]
    assert cli("validate", folder, "--stale-after", "10")[1].count("[contact-stale]") == 3
    monkeypatch.setenv("CONTACTS_STALE_AFTER", "10")
    assert cli("validate", folder)[1].count("[contact-stale]") == 3


def test_the_warning_is_said_in_swedish_too(cli, folder):
    out = cli("validate", folder, "--lang", "sv")[1]
    assert "senast kontrollerad" in out and "contacts verify bo-berg" in out


@pytest.mark.parametrize("written, message", [
    ("2026-13-01", "'2026-13-01' is not a date; write it as 2026-11-27"),
    ("20260105", "'20260105' is not a date"),
    ("last week", "'last week' is not a date"),
    ((date.today() + timedelta(days=3)).isoformat(), "is in the future"),
])
def test_a_malformed_date_is_an_error_at_file_line_col(cli, folder, written, message):
    text = folder.read_text().replace(f"verified: {OLD}", f"verified: {written}")
    folder.write_text(text)
    code, out, _ = cli("validate", folder)
    line_no = text.splitlines().index(f"    verified: {written}") + 1
    assert code == 1
    assert f"{folder}:{line_no}:15: error [date-invalid] " in out and message in out


def test_verify_stamps_today_and_changes_nothing_else(cli, folder):
    before = folder.read_text()
    code, _, err = cli("verify", "bo-berg", "cilla-ek", "--file", folder)
    assert code == 0 and f"verified {TODAY}" in err
    after = folder.read_text()
    expected = before.replace(f"    verified: {OLD}\n", f"    verified: {TODAY}\n")
    expected = expected.replace("      - cilla.ek@regionvasterbotten.se\n",
                                f"      - cilla.ek@regionvasterbotten.se\n    verified: {TODAY}\n")
    assert after == expected  # the comment, the blank lines, the flow mapping: byte for byte
    assert "[contact-stale]" not in cli("validate", folder)[1]


def test_verify_puts_a_new_line_before_acknowledged_with_the_contacts_indentation(cli, write_yaml):
    path = write_yaml("""\
        contacts:
        - id: a-b
          name: A B
          emails: [a.b@example.se]
          # checked twice
          acknowledged:
            no-contact-method: fine
        """)
    assert cli("verify", "a-b", "--file", path)[0] == 0
    assert path.read_text().splitlines()[4] == f"  verified: {TODAY}"
    assert path.read_text().splitlines()[5] == "  # checked twice"


def test_verify_of_an_unknown_id_says_so_and_writes_nothing(cli, folder):
    before = folder.read_bytes()
    code, _, err = cli("verify", "bo-berg", "bo-bergh", "--file", folder)
    assert code == 2
    assert "no contact has the id 'bo-bergh' (did you mean 'bo-berg'?)" in err and "nothing was changed" in err
    assert "Traceback" not in err
    assert folder.read_bytes() == before


def test_verify_writes_through_the_one_atomic_write(cli, folder, monkeypatch):
    from contacts_app.contactsfile import writing

    calls = []
    real = writing.write_atomic
    monkeypatch.setattr(writing, "write_atomic", lambda path, text: (calls.append(path), real(path, text)))
    cli("verify", "bo-berg", "--file", folder)
    assert calls == [folder]


def test_report_lists_stale_never_verified_and_invalid_numbers(cli, folder):
    text = folder.read_text().replace("    organisation: Region Västerbotten\n",
                        "    organisation: Region Västerbotten\n    phones:\n      - number: 090-16 00 00 00 00\n")
    folder.write_text(text)
    code, out, err = cli("report", "stale", folder)
    assert code == 0
    assert "bo-berg (Bo Berg)\n    stale: verified " in out
    assert "never-verified" in out and "number-invalid" in out
    assert "anna-andersson" not in out
    data = json.loads(cli("report", "stale", folder, "--format", "json")[1])
    reasons = {entry["id"] or entry["name"]: [r["code"] for r in entry["reasons"]] for entry in data["contacts"]}
    assert reasons["bo-berg"] == ["stale"]
    assert reasons["cilla-ek"] == ["never-verified", "number-invalid"]
    assert data["stale_after_days"] == 180 and data["checked_dns"] is False


class NoMail:
    """A DNS resolver that knows one domain and says every other does not exist (no network needed)."""

    def __init__(self):
        self.asked = []

    def resolve(self, domain, kind):
        self.asked.append((str(domain), kind))
        if str(domain).rstrip(".") == "skelleftea.se" and kind == "MX":
            answer = type("MX", (), {"preference": 10, "exchange": "mx.skelleftea.se."})()
            return [answer]
        raise dns.resolver.NXDOMAIN


def test_report_with_check_dns_lists_undeliverable_domains(cli, folder):
    resolver = NoMail()
    emails.use_resolver(resolver)
    try:
        out = cli("report", "stale", folder, "--check-dns", "--format", "json")[1]
    finally:
        emails.use_resolver(None)
    data = json.loads(out)
    assert data["checked_dns"] is True
    codes = {e["name"]: [r["code"] for r in e["reasons"]] for e in data["contacts"]}
    assert codes["Cilla Ek"] == ["never-verified", "email-undeliverable"]  # held: the domain takes no mail
    assert "Anna Andersson" not in codes
    assert ("regionvasterbotten.se", "MX") in resolver.asked
    assert "email-undeliverable" not in cli("report", "stale", folder)[1]  # off by default


def test_the_vcard_rev_is_the_verified_day(app_from, folder):
    from contacts_app.web.store import store_of

    app = app_from(folder)
    snap = store_of(app).snapshot
    anna = snap.directory.by_id["anna-andersson"]
    assert snap.revision(anna) == datetime.fromisoformat(RECENT).replace(tzinfo=timezone.utc)
    card = vobject.readOne(app.test_client().get("/people/anna-andersson.vcf").get_data(as_text=True))
    assert card.rev.value == f"{RECENT}T00:00:00Z"
    never = snap.directory.by_id["cilla-ek"]
    assert snap.revision(never) == snap.modified  # no verified: the file's time, as before


def test_a_build_starts_a_record_at_its_verified_day_and_keeps_it(cli, folder, tmp_path):
    out = tmp_path / "site"
    assert cli("build", out, folder)[0] == 0
    card = vobject.readOne((out / "people" / "anna-andersson.vcf").read_text())
    assert card.rev.value == f"{RECENT}T00:00:00Z"
    assert cli("verify", "anna-andersson", "--file", folder)[0] == 0
    assert cli("build", out, folder)[0] == 0
    restamped = vobject.readOne((out / "people" / "anna-andersson.vcf").read_text()).rev.value
    assert restamped > f"{RECENT}T00:00:00Z"  # changed since the last build: the time of the change


@pytest.fixture
def app_from():
    from contacts_app import create_app

    return lambda path: create_app({"CONTACTS_FILE": str(path), "RELOAD_INTERVAL": 0, "KEEP_LAST_GOOD": False})


def test_a_page_shows_verified_month_and_year_in_its_language(app_from, folder):
    client = app_from(folder).test_client()
    month = date.fromisoformat(RECENT)
    from babel.dates import format_date

    sv = client.get("/people/anna-andersson?lang=sv").get_data(as_text=True)
    en = client.get("/people/anna-andersson?lang=en").get_data(as_text=True)
    assert f'<time datetime="{RECENT}">Kontrollerad {format_date(month, "LLLL y", locale="sv")}</time>' in sv
    assert f'<time datetime="{RECENT}">Verified {format_date(month, "LLLL y", locale="en")}</time>' in en
    assert "Kontrollerad" in client.get("/?lang=sv").get_data(as_text=True)


def test_swedish_month_names_come_from_cldr():
    from contacts_app.web.presenters import month_year

    assert month_year("2026-03-05", "sv") == "mars 2026"
    assert month_year("2026-03-05", "en") == "March 2026"


def test_the_export_carries_verified(folder):
    directory = load_directory(folder)
    assert directory.by_id["anna-andersson"].as_dict()["verified"] == RECENT


def test_fmt_puts_the_new_keys_in_their_place_and_keeps_them(cli, write_yaml):
    path = write_yaml("""\
        contacts:
          - id: pressjouren
            verified: 2026-01-05  # by phone
            kind: desk
            name: Pressjouren
            organisation: Skellefteå kommun
            hours: Vardagar 08–17
            phones:
              - number: 0910-73 55 00
        """)
    assert cli("fmt", path)[0] == 0
    lines = path.read_text().splitlines()
    keys = [line.split(":")[0].strip() for line in lines if line.startswith("    ") and not line.startswith("     ")]
    assert keys == ["kind", "name", "organisation", "phones", "hours", "verified"]
    assert "    verified: 2026-01-05  # by phone" in lines
    assert lines[lines.index("    hours:") + 1] == "      sv: Vardagar 08–17"

"""Values that are valid YAML but must not be published as they are: hidden characters in any text field,
CSV cells a spreadsheet would run, script addresses, ids too long for a file name."""

from __future__ import annotations

import csv
import io
import json

import pytest

from benchmarks.live import contacts_serve, fetch
from contacts_app.validation.validate import load_directory

pytestmark = pytest.mark.slow

CONTACT = """\
contacts:
  - id: asa-oberg-linden
    name: {name}
    title:
      sv: {title}
    organisation: {organisation}
    party: {party}
    phones:
      - number: 070-123 45 67
        label: {label}
    emails:
      - {email}
    source:
      release: {release}
      url: {url}
  - id: lorents-burman
    name: Lorents Burman
    emails: [lorents.burman@skelleftea.se]
"""
PLAIN = dict(name="Åsa Öberg-Lindén", title="Pressansvarig", organisation="Region Västerbotten", party="S",
             label="mobile", email="asa.oberg-linden@regionvasterbotten.se", release="Ny vårdplan",
             url="https://www.regionvasterbotten.se/press")


def write(tmp_path, **values):
    path = tmp_path / "contacts.yaml"
    path.write_text(CONTACT.format(**{**PLAIN, **values}), encoding="utf-8")
    return path


@pytest.mark.parametrize("field, value, line, col, char", [
    ("name", '"Åsa\\e[2J Öberg"', 3, 11, "U+001B"),  # an escape sequence for terminals, as a YAML escape
    ("name", '"Åsa\\0"', 3, 11, "U+0000"),
    ("title", "Press\u202eavisnarp", 5, 16, "U+202E RIGHT-TO-LEFT OVERRIDE"),  # plain: the exact column
    ("organisation", "Region\u200bVästerbotten", 6, 25, "U+200B ZERO WIDTH SPACE"),
    ("party", '"S\\u2066"', 7, 12, "U+2066 LEFT-TO-RIGHT ISOLATE"),
    ("label", '"mobile\\u200d"', 10, 16, "U+200D ZERO WIDTH JOINER"),
    ("release", "Ny\u00advårdplan", 14, 18, "U+00AD SOFT HYPHEN"),
    ("url", '"https://e.se/\\ufeff"', 15, 12, "U+FEFF"),
])
def test_hidden_characters_in_any_text_field_are_findings_at_their_position(tmp_path, cli, field, value, line, col, char):
    path = write(tmp_path, **{field: value})
    code, out, _ = cli("validate", path)
    hits = [f for f in out.splitlines() if "[text-hidden-character]" in f]
    assert code == 1 and len(hits) == 1, out
    assert hits[0].startswith(f"{path}:{line}:{col}: error [text-hidden-character]") and char in hits[0]
    assert [c.id for c in load_directory(path).contacts] == ["lorents-burman"]  # never served


def test_a_served_directory_never_carries_them(tmp_path):
    path = write(tmp_path, title="Press\u202eavisnarp")
    with contacts_serve(path, {"CONTACTS_STATUS_TOKEN": ""}) as (url, _):
        body = fetch(url + "/api/contacts")[2].decode()
        assert "\u202e" not in body and [c["id"] for c in json.loads(body)] == ["lorents-burman"]
        assert "\u202e" not in fetch(url + "/contacts.vcf")[2].decode()


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>",
                                 "JaVaScRiPt:alert(1)", "ftp://example.org/release", "//evil.example/x"])
def test_a_source_url_must_be_http_or_https(tmp_path, cli, url):
    path = write(tmp_path, url=f'"{url}"')
    code, out, _ = cli("validate", path)
    assert code == 1 and f"{path}:15:12: error [url-invalid]" in out
    assert [c.id for c in load_directory(path).contacts] == ["lorents-burman"]


def test_csv_cells_cannot_start_a_formula(tmp_path, cli):
    path = write(tmp_path, name="'=HYPERLINK(\"http://evil.example\",\"Åsa\")'", title="+SUM(A1:A9)",
                 organisation="'@cmd'", party='"-2+3"')
    out_file = tmp_path / "contacts.csv"
    assert cli("export", path, "--format", "csv", "--output", out_file)[0] == 0
    rows = list(csv.DictReader(io.StringIO(out_file.read_text(encoding="utf-8"))))
    first = rows[0]
    assert first["name"] == '\'=HYPERLINK("http://evil.example","Åsa")'
    assert first["title_sv"] == "'+SUM(A1:A9)" and first["organisation_sv"] == "'@cmd" and first["party"] == "'-2+3"
    assert first["phones"] == "+46701234567"  # numbers in E.164 stay as they are
    for row in rows:
        assert not any(value.startswith(("=", "+", "-", "@")) for key, value in row.items() if key != "phones")


def test_an_id_over_64_characters_is_a_finding_and_build_goes_on(tmp_path, cli):
    path = tmp_path / "contacts.yaml"
    long_id = "-".join(["presskontakt"] * 25)  # 324 characters, valid in every other way
    path.write_text(CONTACT.format(**PLAIN).replace("id: asa-oberg-linden", f"id: {long_id}"), encoding="utf-8")
    code, out, _ = cli("validate", path)
    assert code == 1 and f"{path}:2:9: error [id-too-long]" in out
    code, _, err = cli("build", tmp_path / "site", path)
    assert code == 0 and "1 contact(s)" in err, err


def test_the_hidden_ranges_are_every_control_and_format_character():
    import sys
    import unicodedata

    from contacts_app.validation.characters import HIDDEN_RANGES, hidden_characters

    listed = {c for a, b in HIDDEN_RANGES for c in range(a, b + 1)}
    wanted = {c for c in range(sys.maxunicode + 1)
              if unicodedata.category(chr(c)) in ("Cc", "Cf") and chr(c) not in "\t\n\r"}
    assert wanted <= listed  # a newer Unicode may add format characters: add them to HIDDEN_RANGES
    assert [i for i, _ in hidden_characters("".join(map(chr, sorted(wanted))))] == list(range(len(wanted)))
    assert hidden_characters("Åsa Öberg-Lindén\t\n") == []

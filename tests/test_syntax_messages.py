"""YAML syntax errors point at the character a person must edit, say what to do, and show the line.

One-line cases of (what was typed, the line:col to edit, words of the message), in the yamllint style.
The parser alone reported: the unclosed " at the end of the file, the unclosed ' at the next apostrophe
(in a comment), `name:X` a line late, a 3-space indent as "did not find expected '-' indicator"."""

from __future__ import annotations

import pytest

from contacts_app.contactsfile.canonical import canonical_text, untab
from contacts_app.contactsfile.reading import parse_document
from contacts_app.model.errors import SourceError
from contacts_app.validation.validate import validate_document

BASE = """contacts:
  - id: lorents-burman
    name: Lorents Burman
    title:
      sv: Kommunalråd
    emails:
      - lorents.burman@skelleftea.se
  # Kommunens växel, it's open weekdays
  - id: asa
    name: Åsa
"""

CASES = [
    ("double-quote", ("name: Lorents Burman", 'name: "Lorents Burman'), (3, 11), 'the " that opens this value is never closed'),
    ("single-quote", ("name: Lorents Burman", "name: 'Lorents Burman"), (3, 11), "the ' that opens this value is never closed"),
    ("item-quote", ("- lorents.burman", "- 'lorents.burman"), (7, 9), "never closed"),
    ("no-space", ("name: Lorents Burman", "name:Lorents Burman"), (3, 10), "put a space after the colon: name: Lorents Burman"),
    ("indent-3", ("    title:", "   title:"), (4, 4), "indented 3 spaces where the lines of its level above have 4"),
    ("indent-5", ("    title:", "     title:"), (4, 6), "indented 5 spaces where the lines of its level above have 4"),
    ("dash-indent", ("  - id: asa", "   - id: asa"), (9, 4), "indented 3 spaces where the lines of its level above have 2"),
    ("colon-in-value", ("sv: Kommunalråd", "sv: Kommunalråd: näringsliv"), (5, 11),
     'put the text in quotes: sv: "Kommunalråd: näringsliv"'),
    ("tab", ("    title:", "\ttitle:"), (4, 1), "a tab: YAML indents with spaces only"),
    ("tab-deeper", ("      sv: Kommunalråd", "    \tsv: Kommunalråd"), (5, 5), "contacts fmt does it for you"),
]


def syntax_error(text: str):
    """The finding of validating `text`, which must be a syntax error."""
    with pytest.raises(SourceError) as caught:
        validate_document(parse_document(text, "contacts.yaml", "v"))
    return caught.value.finding


@pytest.mark.parametrize("case, edit, where, words", CASES, ids=[c[0] for c in CASES])
def test_a_syntax_error_points_at_the_character_to_edit(case, edit, where, words):
    text = BASE.replace(*edit, 1)
    found = syntax_error(text)
    assert (found.code, (found.line, found.col)) == ("yaml-syntax", where)
    assert words in found.message
    assert found.excerpt == text.splitlines()[where[0] - 1]


def test_the_text_output_shows_the_line_and_a_caret_under_the_column(cli, tmp_path):
    path = tmp_path / "contacts.yaml"
    path.write_text(BASE.replace("name: Lorents Burman", 'name: "Lorents Burman'), encoding="utf-8")
    code, out, _ = cli("validate", path)
    assert code == 2
    lines = out.splitlines()
    assert lines[0].startswith(f"{path}:3:11: error [yaml-syntax] the \" that opens")
    assert lines[1:3] == ['        name: "Lorents Burman', "              ^"]


def test_json_output_carries_the_excerpt(cli, tmp_path):
    import json

    path = tmp_path / "contacts.yaml"
    path.write_text(BASE.replace("name: Lorents Burman", "name:Lorents Burman"), encoding="utf-8")
    _, out, _ = cli("validate", path, "--format", "json")
    assert json.loads(out)[0]["excerpt"] == "    name:Lorents Burman"


def test_fmt_replaces_a_tab_in_the_indentation(cli, tmp_path):
    path = tmp_path / "contacts.yaml"
    path.write_text(BASE.replace("    title:", "\ttitle:").replace("      sv: K", "\t  sv: K"), encoding="utf-8")
    code, _, err = cli("fmt", path)
    assert code == 0, err
    assert path.read_text(encoding="utf-8") == canonical_text(BASE)
    assert cli("validate", path)[0] == 0


def test_untab_picks_the_width_that_reads():
    assert untab("contacts:\n\t- id: a\n\t  name: A\n") == "contacts:\n  - id: a\n    name: A\n"
    assert untab(BASE) is BASE


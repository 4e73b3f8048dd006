"""Values that would be read wrongly are errors that ask for what is missing."""

from __future__ import annotations

import pytest

from contacts_app.contactsfile.reading import parse_document
from contacts_app.validation.validate import validate_document

from .test_syntax_messages import BASE


@pytest.mark.parametrize("number", ["22 12 34 56", "8-123 456 78", "46 70 123 45 67"])
def test_a_number_without_a_leading_0_or_country_code_is_an_error_that_asks_for_one(number):
    text = BASE.replace("    emails:", f"    phones:\n      - number: {number}\n        label: direct\n    emails:")
    directory = validate_document(parse_document(text, "contacts.yaml", "v"))
    found = [f for f in directory.findings if f.code == "phone-invalid"]
    assert [(f.line, f.col) for f in found] == [(7, 17)]
    assert "neither a leading 0 nor a country code" in found[0].message and "+47" in found[0].message
    assert "lorents-burman" not in directory.by_id


def findings_of(text: str):
    """The findings (but BASE's own: Åsa has no number or address) and the directory of a text."""
    directory = validate_document(parse_document(text, "contacts.yaml", "v"))
    found = [(f.line, f.col, f.code, f.message) for f in directory.findings if f.code != "no-contact-method"]
    return found, directory


@pytest.mark.parametrize("key, code, words", [
    ("se", "language-unused", "'se' is Northern Sami, which the directory is not shown in (sv, en), so this text "
                               "is never shown: did you mean 'sv'?"),
    ("xx", "language-invalid", "'xx' is not a language code: did you mean 'sv'?"),
    ("EN", "language-invalid", "did you mean 'en'?"),
    ("eng", "language-invalid", "did you mean 'en'?"),
])
def test_language_keys_come_from_a_register_of_languages(key, code, words):
    found, _ = findings_of(BASE.replace("      sv: Kommunalråd", f"      {key}: Kommunalråd"))
    assert [(5, 7, code)] == [f[:3] for f in found] and words in found[0][3]


def test_a_language_the_directory_is_not_shown_in_can_be_acknowledged():
    text = BASE.replace("      sv: Kommunalråd", "      sv: Kommunalråd\n      se: Gielddaráđđi")
    text = text.replace("    name: Lorents Burman\n", "    name: Lorents Burman\n    acknowledged:\n"
                        "      language-unused: the Sami title is for the Sami edition\n", 1)
    found, directory = findings_of(text)
    assert found == [] and directory.by_id["lorents-burman"].title.get("sv") == "Kommunalråd"


@pytest.mark.parametrize("written, party, code", [
    ("Socialdemokraterna", "S", None), ("miljöpartiet de gröna", "MP", None), ("(s)", "S", None),
    ("Vänsterpartitet", "Vänsterpartitet", "party-unknown"), ("FI", "FI", "party-unknown"),
])
def test_parties_come_from_the_list_of_swedish_parties(written, party, code):
    found, directory = findings_of(BASE.replace("    title:", f"    party: {written}\n    title:"))
    assert directory.by_id["lorents-burman"].party == party
    assert [f[2] for f in found] == ([code] if code else [])
    if written == "Vänsterpartitet":
        assert "did you mean 'V'?" in found[0][3]


def test_fmt_writes_a_full_party_name_as_its_abbreviation(cli, tmp_path):
    path = tmp_path / "contacts.yaml"
    path.write_text(BASE.replace("    title:", "    party: Socialdemokraterna\n    title:"), encoding="utf-8")
    assert cli("fmt", path)[0] == 0
    assert "    party: S\n" in path.read_text(encoding="utf-8")

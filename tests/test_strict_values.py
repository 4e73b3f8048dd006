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

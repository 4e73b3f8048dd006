"""Phone numbers as people write them: parsed, typed by phonenumbers, labelled, shown the Swedish way."""

from __future__ import annotations

import pytest

from contacts_app.normalise.phones import PhoneError, parse_phone

WRITTEN = [
    # as written, E.164, national display, line type, implied label
    ("010-225 43 00", "+46102254300", "010-225 43 00", "uan", None),
    ("0910-73 50 00", "+46910735000", "0910-73 50 00", "fixed_line", None),
    ("070-123 45 67", "+46701234567", "070-123 45 67", "mobile", None),
    ("0701234567", "+46701234567", "070-123 45 67", "mobile", None),
    ("073- 0789690", "+46730789690", "073-078 96 90", "mobile", None),
    ("+46 (0)70 123 45 67", "+46701234567", "070-123 45 67", "mobile", None),
    ("010 - 22 43 248", "+46102243248", "010-224 32 48", "uan", None),
    ("08-123 456 78", "+46812345678", "08-123 456 78", "fixed_line", None),
    ("0771-56 77 77", "+46771567777", "0771-56 77 77", "shared_cost", None),
    ("010-225 43 00 (växel)", "+46102254300", "010-225 43 00", "uan", "switchboard"),
    ("vx 0910-73 50 00", "+46910735000", "0910-73 50 00", "fixed_line", "switchboard"),
    ("Mobil: 070-123 45 67", "+46701234567", "070-123 45 67", "mobile", "mobile"),
    ("direkt 090-16 10 00", "+4690161000", "090-16 10 00", "fixed_line", "direct"),
    ("Tel. 08-123 456 78", "+46812345678", "08-123 456 78", "fixed_line", None),
    ("+47 22 12 34 56", "+4722123456", "22 12 34 56", "fixed_line", None),
]


@pytest.mark.parametrize("raw, e164, national, line_type, label", WRITTEN)
def test_parse_as_written(raw, e164, national, line_type, label):
    phone = parse_phone(raw)
    assert (phone.e164, phone.national, phone.type, phone.label) == (e164, national, line_type, label)


def test_international_form_and_display():
    assert parse_phone("010-225 43 00").international == "+46 10 225 43 00"
    assert parse_phone("+47 22 12 34 56").display == "+47 22 12 34 56"
    assert parse_phone("0771-56 77 77").international == "+46 771 56 77 77"


def test_given_label_wins_over_words_in_the_number():
    assert parse_phone("070-123 45 67 (mobil)", "direct").label == "direct"


@pytest.mark.parametrize("raw", ["070-12", "0123", "ring växeln", "", "(växel)", "+999 123 456", "070-123 45 67 89 12"])
def test_not_a_number(raw):
    with pytest.raises(PhoneError):
        parse_phone(raw)

"""Each rule on small files: the exact code, line and column of the value a person must edit."""

from __future__ import annotations

import pytest

from contacts_app.model.finding import Severity
from contacts_app.validation.validate import load_directory

# A valid contact; the cases below replace one of its lines (PLACEHOLDER marks the spot).
VALID = """\
contacts:
  - id: asa-oberg
    name: Åsa Öberg
    title:
      sv: Presschef
      en: Head of press
    organisation:
      sv: Umeå kommun
    phones:
      - number: 090-16 10 00
        label: switchboard
    emails:
      - asa.oberg@umea.se
"""


def findings_of(write_yaml, text):
    """(code, line, col) of every finding in a file with this text."""
    directory = load_directory(write_yaml(text))
    return [(f.code, f.line, f.col) for f in directory.findings]


def test_valid_contact_has_no_findings(write_yaml):
    directory = load_directory(write_yaml(VALID))
    assert directory.findings == ()
    assert [c.id for c in directory.contacts] == ["asa-oberg"]


CASES = [
    # (what is wrong, replace this, with this, expected (code, line, col))
    ("unknown key, typo", "    emails:\n", "    emial:\n", ("unknown-key", 12, 5)),
    ("id with capitals", "id: asa-oberg", "id: Åsa Öberg", ("id-invalid", 2, 9)),
    ("no id", "  - id: asa-oberg\n    name", "  - name", ("missing-field", 2, 5)),
    ("empty name", "name: Åsa Öberg", "name: ''", ("missing-field", 3, 11)),
    ("kind unknown", "    name: Åsa Öberg\n", "    name: Åsa Öberg\n    kind: robot\n", ("kind-invalid", 4, 11)),
    ("bad number", "number: 090-16 10 00", "number: 090-16 10", ("phone-invalid", 10, 17)),
    ("letters in number", "number: 090-16 10 00", "number: ring växeln", ("phone-invalid", 10, 17)),
    ("unknown label", "label: switchboard", "label: swichboard", ("phone-label-unknown", 11, 16)),
    ("mobile label on a fixed line", "label: switchboard", "label: mobile", ("phone-label-mismatch", 11, 16)),
    ("invalid email", "- asa.oberg@umea.se", "- asa.oberg@@umea.se", ("email-invalid", 13, 9)),
    ("email near miss", "- asa.oberg@umea.se", "- asa.oberq@umea.se", ("email-name-mismatch", 13, 9)),
    ("bad language code", "      en: Head of press", "      english: Head of press", ("language-invalid", 6, 7)),
    ("title as a list", "    title:\n      sv: Presschef\n      en: Head of press\n", "    title: [a, b]\n",
     ("wrong-type", 4, 12)),
    ("duplicate key", "    name: Åsa Öberg\n", "    name: Åsa Öberg\n    name: Åsa Öberg\n", ("duplicate-key", 4, 5)),
    ("no way to reach", "    phones:\n      - number: 090-16 10 00\n        label: switchboard\n    emails:\n"
     "      - asa.oberg@umea.se\n", "", ("no-contact-method", 3, 11)),
    ("same number twice", "        label: switchboard\n",
     "        label: switchboard\n      - 090 16 10 00\n", ("phone-duplicate", 12, 9)),
    ("acknowledging an error", "    emails:\n", "    acknowledged:\n      phone-invalid: yes\n    emails:\n",
     ("ack-invalid", 13, 7)),
    ("acknowledgement with nothing to acknowledge", "    emails:\n",
     "    acknowledged:\n      email-name-mismatch: checked\n    emails:\n", ("ack-unused", 13, 7)),
]


@pytest.mark.parametrize("old, new, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_rule_reports_code_and_position(write_yaml, old, new, expected):
    assert old in VALID, "the case must change the valid file"
    assert findings_of(write_yaml, VALID.replace(old, new, 1)) == [expected]


def test_unknown_key_suggests_the_known_one(write_yaml):
    directory = load_directory(write_yaml(VALID.replace("    emails:\n", "    emial:\n")))
    assert "did you mean 'emails'?" in directory.findings[0].message


def test_email_near_miss_names_the_intended_address(write_yaml):
    path = write_yaml(VALID.replace("asa.oberg@umea.se", "asa.oberq@umea.se"))
    (finding,) = load_directory(path).findings
    assert finding.severity is Severity.WARNING
    assert "did you mean 'asa.oberg@umea.se'?" in finding.message


def test_acknowledged_warning_stops_warning(write_yaml):
    text = VALID.replace("asa.oberg@umea.se", "asa.oberq@umea.se").replace(
        "    emails:\n", "    acknowledged:\n      email-name-mismatch: the address really is spelt so\n    emails:\n"
    )
    directory = load_directory(write_yaml(text))
    assert directory.findings == ()
    assert directory.contacts[0].emails == ("asa.oberq@umea.se",)


def test_phone_with_label_words_around_it(write_yaml):
    text = VALID.replace("      - number: 090-16 10 00\n        label: switchboard\n", "      - 090-16 10 00 (växel)\n")
    directory = load_directory(write_yaml(text))
    assert directory.findings == ()
    (phone,) = directory.contacts[0].phones
    assert (phone.e164, phone.national, phone.label, phone.type) == ("+4690161000", "090-16 10 00", "switchboard", "fixed_line")


def test_unquoted_number_is_read_as_written_not_as_an_integer(write_yaml):
    # 0701234567 is an octal integer to a YAML 1.1 parser; the digits must survive as written.
    text = VALID.replace("number: 090-16 10 00", "number: 0701234567").replace("switchboard", "mobile")
    directory = load_directory(write_yaml(text))
    assert directory.findings == ()
    assert directory.contacts[0].phones[0].e164 == "+46701234567"


def test_error_keeps_the_contact_out_but_others_in(write_yaml):
    second = VALID.split("\n", 1)[1].replace("asa-oberg", "bo-ek").replace("Åsa Öberg", "Bo Ek").replace(
        "asa.oberg@", "bo.ek@"
    )
    text = VALID.replace("090-16 10 00", "090-16") + second
    directory = load_directory(write_yaml(text))
    assert [f.code for f in directory.findings] == ["phone-invalid"]
    assert [c.id for c in directory.contacts] == ["bo-ek"]


def two_contacts(first: dict[str, str], second: dict[str, str]) -> str:
    """A file of two contacts, each given as field → plain text value."""
    blocks = []
    for fields in (first, second):
        lines = [f"  - id: {fields['id']}"] + [f"    {k}: {v}" for k, v in fields.items() if k != "id"]
        blocks.append("\n".join(lines))
    return "contacts:\n" + "\n".join(blocks) + "\n"


def test_duplicate_id_is_an_error_at_the_second(write_yaml):
    text = two_contacts(
        {"id": "anna", "name": "Anna Berg", "emails": "[anna.berg@umea.se]"},
        {"id": "anna", "name": "Anna Lund", "emails": "[anna.lund@umea.se]"},
    )
    assert findings_of(write_yaml, text) == [("id-duplicate", 5, 9)]


def test_one_email_on_two_people_is_an_error(write_yaml):
    text = two_contacts(
        {"id": "anna", "name": "Anna Berg", "emails": "[press@umea.se]"},
        {"id": "bo", "name": "Bo Lund", "emails": "[press@umea.se]"},
    )
    assert findings_of(write_yaml, text) == [("email-duplicate", 7, 14)]


def test_same_person_twice_is_a_warning(write_yaml):
    text = two_contacts(
        {"id": "anna", "name": "Anna Berg", "organisation": "Umeå kommun", "emails": "[anna.berg@umea.se]"},
        {"id": "anna-2", "name": "Anna  Berg", "organisation": "umeå kommun", "phones": "[070-123 45 67]"},
    )
    assert findings_of(write_yaml, text) == [("person-duplicate", 7, 11)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", ("empty-file", 1, 1)),
        ("# only a comment\n", ("empty-file", 1, 1)),
        ("- a\n- b\n", ("wrong-type", 1, 1)),
        ("contact:\n  - id: a\n", ("unknown-key", 1, 1)),
        ("contacts: 5\n", ("wrong-type", 1, 11)),
        ("contacts:\n  - just a line\n", ("wrong-type", 2, 5)),
        ("base: &b {id: a, name: B}\ncontacts:\n  - *b\n", ("yaml-alias", 3, 5)),
    ],
)
def test_outer_shape(write_yaml, text, expected):
    assert expected in findings_of(write_yaml, text)


def test_every_problem_is_reported_not_only_the_first(write_yaml):
    text = VALID.replace("090-16 10 00", "090-16").replace("asa.oberg@umea.se", "asa@@umea.se").replace(
        "id: asa-oberg", "id: Asa"
    )
    codes = sorted(f.code for f in load_directory(write_yaml(text)).findings)
    assert codes == ["email-invalid", "id-invalid", "phone-invalid"]


def test_source_date_and_languages(write_yaml):
    text = VALID + "    source:\n      release: Nytt badhus\n      languages: [sv, en]\n      date: 2026-11-02\n"
    (contact,) = load_directory(write_yaml(text)).contacts
    assert (contact.source.release, contact.source.languages, contact.source.date) == (
        "Nytt badhus", ("sv", "en"), "2026-11-02",
    )
    bad = VALID + "    source:\n      date: 2 november\n"
    assert findings_of(write_yaml, bad) == [("date-invalid", 15, 13)]


def test_deep_nesting_is_refused_without_building_nodes(write_yaml):
    # 100,000 levels would make the C composer recurse until the process crashes.
    path = write_yaml("contacts:\n  - id: a\n    name: " + "[" * 100_000 + "]" * 100_000 + "\n")
    directory = load_directory(path)
    assert [(f.code, f.line) for f in directory.findings] == [("yaml-too-deep", 3)]
    assert directory.contacts == ()


def test_deep_nesting_after_valid_contacts_points_at_the_thirteenth_level(write_yaml):
    # libyaml (PyYAML 6.0.4 and later) gives up at 1,000 levels while scanning ahead; the reading goes
    # on from the same event with the pure-Python parser, so each earlier contact is read once.
    deep = "[" * 5_000 + "]" * 5_000
    path = write_yaml(VALID + "  - id: deep\n    name: Anna Berg\n    notes: " + deep + "\n")
    findings = load_directory(path).findings
    column = len("    notes: ") + 10  # the 13th level: root, contacts, the contact, then the 10th [
    assert [(f.code, f.line, f.col) for f in findings] == [("yaml-too-deep", VALID.count("\n") + 3, column)]


def test_billion_laughs_is_refused_at_the_first_alias(write_yaml):
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]" for i in range(8)]
    directory = load_directory(write_yaml("\n".join(lines) + "\ncontacts: []\n"))
    assert [(f.code, f.line, f.col) for f in directory.findings] == [("yaml-alias", 2, 8)]


def test_python_tags_never_run(write_yaml, tmp_path):
    marker = tmp_path / "ran"
    text = f"contacts:\n  - id: a\n    name: !!python/object/apply:os.system ['touch {marker}']\n"
    directory = load_directory(write_yaml(text))
    assert not marker.exists()
    assert [(f.code, f.line, f.col) for f in directory.findings] == [("yaml-tag", 3, 11)]

"""`contacts import` as text edits: new records and filled fields go in as edits of exact spans, and every
other byte of the file stays as it was (comments, odd spacing, unknown fields, quoting)."""

from __future__ import annotations

import difflib

import pytest
import yaml

from contacts_app.validation.validate import load_directory

from .conftest import SEED_RELEASE, SHIPPED

RELEASE_01 = SEED_RELEASE.parent / "releases" / "01-umea-kommun-inline.txt"

#: Staff's own file: Burman's Swedish title, his party and phones are gone; comments, odd spacing, quoting
#: and unknown fields everywhere, which a rewrite of the file would not keep as they are.
EDITED = [
    ("      sv: Kommunalråd\n      en: Municipal councillor in Skellefteå\n",
     "      en:     Municipal councillor in Skellefteå    # their wording\n"),
    ("    party: S\n    phones:\n      # Skellefteå kommun's switchboard.\n      - number: 0910-73 50 00\n"
     "        label: switchboard\n",
     "    intern:   'ring  före lunch'   # unknown field, odd spacing\n"),
    ("  - id: lorents-burman\n", "  # Burman: checked 2026-11-02\n  - id: lorents-burman\n"),
    ("    name: Lorents Burman\n", "    name:    \"Lorents Burman\"\n"),
]


def staff_file(path):
    """The shipped file as staff have edited it."""
    text = SHIPPED.read_text(encoding="utf-8")
    for old, new in EDITED:
        assert old in text
        text = text.replace(old, new)
    path.write_text(text + "# the end of the file\n", encoding="utf-8")
    return path.read_text(encoding="utf-8")


def only_insertions(before: str, after: str) -> list[str]:
    """The lines the import added, checking that it deleted and changed none (an independent diff)."""
    added = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before.splitlines(True), after.splitlines(True),
                                                       autojunk=False).get_opcodes():
        assert tag in ("equal", "insert"), (tag, before.splitlines(True)[i1:i2], after.splitlines(True)[j1:j2])
        added += after.splitlines(True)[j1:j2]
    return added


def test_filling_and_adding_leave_every_other_byte_as_it_was(tmp_path, cli):
    target = tmp_path / "contacts.yaml"
    before = staff_file(target)
    code, out, err = cli("import", SEED_RELEASE, RELEASE_01, "--into", target)
    assert code == 1 and "error [unknown-key] unknown key 'intern'" in out and out.count(" error ") == 1, out + err
    after = target.read_text(encoding="utf-8")
    added = only_insertions(before, after)
    burman = yaml.safe_load(after)["contacts"][1]
    assert burman["title"]["sv"] == "Kommunalråd" and burman["party"] == "S"
    assert burman["phones"] == [{"number": "0910-73 50 00", "label": "switchboard"}]
    assert burman["intern"] == "ring  före lunch"
    assert "      sv: Kommunalråd\n" in added and "    party: S\n" in added
    assert "  - id: mikael-oberg\n" in added
    # filled fields sit where fmt would put them, within Burman's record
    record = after[after.index("  - id: lorents-burman") : after.index("  - id: rickard-carstedt")]
    assert record.index("title:") < record.index("sv: Kommunalråd") < record.index("organisation:")
    assert record.index("organisation:") < record.index("party: S") < record.index("phones:") < record.index("emails:")
    assert after.endswith("# the end of the file\n") or "# the end of the file\n" in after
    assert [c.id for c in load_directory(target).contacts][-2:] == ["mikael-oberg", "karin-lofgren"]


def test_an_empty_value_is_filled_in_its_place_and_only_its_line_changes(tmp_path, cli):
    target = tmp_path / "contacts.yaml"
    text = SHIPPED.read_text(encoding="utf-8").replace(
        "    party: S\n    phones:\n      # Skellefteå kommun's switchboard.\n      - number: 0910-73 50 00\n"
        "        label: switchboard\n",
        "    party:    # not known yet\n    phones: []\n",
    )
    target.write_text(text, encoding="utf-8")
    assert cli("import", SEED_RELEASE, "--into", target)[0] == 0
    after = target.read_text(encoding="utf-8")
    changed = [(tag, text.splitlines()[i1:i2], after.splitlines()[j1:j2]) for tag, i1, i2, j1, j2 in
               difflib.SequenceMatcher(None, text.splitlines(), after.splitlines(), autojunk=False).get_opcodes()
               if tag != "equal"]
    assert changed == [
        ("replace", ["    party:    # not known yet", "    phones: []"],
         ["    party: S    # not known yet", "    phones:", "      - number: 0910-73 50 00", "        label: switchboard"]),
    ]


def test_a_file_with_nothing_to_import_is_not_touched(tmp_path, cli):
    target = tmp_path / "contacts.yaml"
    before = staff_file(target)
    cli("import", SEED_RELEASE, "--into", target)
    once = target.read_text(encoding="utf-8")
    cli("import", SEED_RELEASE, "--into", target)
    assert target.read_text(encoding="utf-8") == once != before


def test_into_a_list_at_column_zero_the_new_records_line_up(tmp_path, cli):
    target = tmp_path / "contacts.yaml"
    target.write_text("contacts:\n- id: x\n  name: X Y   # kept\n  emails: [x.y@example.se]\n", encoding="utf-8")
    assert cli("import", RELEASE_01, "--into", target)[0] == 0
    after = target.read_text(encoding="utf-8")
    assert after.startswith("contacts:\n- id: x\n  name: X Y   # kept\n  emails: [x.y@example.se]\n\n- id: mikael-oberg\n  kind:")
    assert [c.id for c in load_directory(target).contacts] == ["x", "mikael-oberg", "karin-lofgren"]


@pytest.mark.parametrize("text, said", [
    ("contacts:\n  - id: a\n    id: b\n", "3:5: error [duplicate-key]"),
    ("contacts:\n  - &a {id: a}\n  - *a\n", "3:5: error [yaml-alias]"),
    ("contacts: [{id: a, name: B}]\n", "flow style"),
])
def test_a_file_that_cannot_take_records_is_left_as_it_was(tmp_path, cli, text, said):
    target = tmp_path / "contacts.yaml"
    target.write_text(text, encoding="utf-8")
    code, out, err = cli("import", RELEASE_01, "--into", target)
    assert code == 2 and said in out + err
    assert target.read_text(encoding="utf-8") == text

"""`fmt` as text edits: each fix an edit of its exact span; everything else byte for byte; the diff made
from the edits is the one difflib makes; a file that needs a change of shape is rewritten as before."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks import generate
from benchmarks.bench_fmt import untidy
from contacts_app.contactsfile.canonical import canonical_text, rewritten_text
from contacts_app.contactsfile.diff import edits_diff, unified_diff
from contacts_app.contactsfile.fixes import Edit, apply_edits, quick_edits

from .test_fmt import CANONICAL, MESSY

SMALL = """\
# comment kept
contacts:
  - id: a   # after the id
    name:   Anna   Berg
    party: 'Socialdemokraterna'
    phones:
      - number: 0701234567   # her mobile
        label: Mobil
    emails:
      - "anna.berg @umea.se"
"""


def test_each_fix_is_an_edit_of_its_exact_span():
    edits = quick_edits(SMALL)
    assert sorted((SMALL[e.start:e.end], e.text) for e in edits) == sorted([
        ("Anna   Berg", "Anna Berg"), ("'Socialdemokraterna'", "'S'"), ("0701234567", "070-123 45 67"),
        ("Mobil", "mobile"), ('"anna.berg @umea.se"', '"anna.berg@umea.se"'),
    ])
    after = apply_edits(SMALL, edits)
    assert "# comment kept\n" in after and "# after the id" in after and "   # her mobile" in after


def test_a_file_in_canonical_form_needs_no_edit_and_one_that_needs_a_new_shape_is_rewritten():
    assert quick_edits(CANONICAL) == []
    assert quick_edits(MESSY) is None  # a title and a list written as one value
    assert canonical_text(MESSY) == CANONICAL


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_edits_give_what_the_rewrite_gave(seed):
    text = untidy(generate.generate(40, seed=seed))
    edits = quick_edits(text)
    assert edits and apply_edits(text, edits) == rewritten_text(text)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_the_diff_of_the_edits_is_difflibs(data):
    lines = [f"line {i}\n" for i in range(data.draw(st.integers(1, 40)))]
    text = "".join(lines)
    chosen = sorted(data.draw(st.sets(st.integers(0, len(lines) - 1), max_size=8)))
    starts = [sum(map(len, lines[:i])) for i in range(len(lines))]
    edits = [Edit(starts[i] + 5, starts[i] + 5 + len(str(i)), f"x{i}") for i in chosen]
    after = apply_edits(text, edits)
    assert edits_diff(text, edits, "f", "canonical") == unified_diff(text, after, "f", "canonical")


def test_fmt_and_check_on_a_big_file_use_the_edits(cli, tmp_path):
    path = tmp_path / "contacts.yaml"
    text = untidy(generate.generate(300, seed=5))
    path.write_text(text, encoding="utf-8")
    code, out, _ = cli("fmt", "--check", path)
    assert code == 1 and out == edits_diff(text, quick_edits(text), str(path), "canonical")
    assert cli("fmt", path)[0] == 0
    assert path.read_text(encoding="utf-8") == apply_edits(text, quick_edits(text))
    assert cli("fmt", "--check", path)[0] == 0


def test_validate_fix_makes_the_same_fixes_as_fmt(cli, tmp_path):
    path = tmp_path / "contacts.yaml"
    path.write_text(SMALL, encoding="utf-8")
    code, _, err = cli("validate", "--fix", path)
    assert code == 0 and f"{path}: fixed" in err
    assert path.read_text(encoding="utf-8") == canonical_text(SMALL)


OUT_OF_ORDER = """\
# comment kept
contacts:
  # Kommunikationsavdelningen
  - name: Anna Berg   # her name
    # the id is her page's address
    id: anna-berg
    emails:
      - anna.berg@umea.se
    phones:
      - label: Mobil  # her own
        number: 0701234567

    kind: person
    notes: unknown field, kept last
  - id: b
    name: B
"""

IN_ORDER = """\
# comment kept
contacts:
  # Kommunikationsavdelningen
    # the id is her page's address
  - id: anna-berg

    kind: person
    name: Anna Berg   # her name
    phones:
      - number: 070-123 45 67
        label: mobile  # her own
    emails:
      - anna.berg@umea.se
    notes: unknown field, kept last
  - id: b
    name: B
"""


def test_keys_out_of_order_move_as_blocks_with_their_comments():
    edits = quick_edits(OUT_OF_ORDER)
    assert edits is not None  # no rewrite of the whole file
    assert apply_edits(OUT_OF_ORDER, edits) == IN_ORDER
    assert canonical_text(OUT_OF_ORDER) == IN_ORDER and quick_edits(IN_ORDER) == []
    # the edit covers the record that moved and nothing around it
    (edit,) = edits
    assert OUT_OF_ORDER[: edit.start].endswith("# Kommunikationsavdelningen\n")
    assert OUT_OF_ORDER[edit.end :] == "  - id: b\n    name: B\n"


def test_a_last_key_without_a_line_break_moves_with_one():
    text = "contacts:\n  - name: A\n    id: a"
    assert canonical_text(text) == "contacts:\n  - id: a\n    name: A"


def test_keys_of_the_source_and_the_file_move_too():
    text = "other: 1\ncontacts:\n  - id: a\n    source:\n      date: '2024-01-01'\n      release: R\n"
    assert canonical_text(text) == "contacts:\n  - id: a\n    source:\n      release: R\n      date: '2024-01-01'\nother: 1\n"

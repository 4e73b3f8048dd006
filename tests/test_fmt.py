"""`contacts fmt`: canonical form, comments and unknown fields kept, idempotent, atomic."""

from __future__ import annotations

import os

import pytest

from contacts_app.contactsfile.canonical import canonical_text, format_file
from contacts_app.validation.validate import load_directory

from .conftest import SHIPPED

MESSY = """\
# Kontakter för pressrummet
contacts:
  # Kommunikationsavdelningen
  - name:   Märta   Sjöberg   # stavas med ö
    id: marta-sjoberg
    party: (s)
    phones:
      - 0701740600
      - "090-16 10 00 (växel)"
      - number: 08-465 004 12
        label: direkt
    emails: marta.sjoberg@umea.se
    title: Presschef
    intern_anteckning: ring före 9
"""

CANONICAL = """\
# Kontakter för pressrummet
contacts:
  # Kommunikationsavdelningen
  - id: marta-sjoberg
    name: Märta Sjöberg       # stavas med ö
    title:
      sv: Presschef
    party: S
    phones:
      - number: 070-174 06 00
      - number: 090-16 10 00
        label: switchboard
      - number: 08-465 004 12
        label: direct
    emails:
      - marta.sjoberg@umea.se
    intern_anteckning: ring före 9
"""


def test_messy_file_becomes_canonical():
    assert canonical_text(MESSY) == CANONICAL


def test_canonical_is_a_fixed_point():
    assert canonical_text(CANONICAL) == CANONICAL


def test_shipped_file_is_canonical(cli):
    assert cli("fmt", SHIPPED, "--check")[0] == 0


def test_fmt_keeps_meaning(write_yaml):
    before = load_directory(write_yaml(MESSY, "before.yaml"))
    after = load_directory(write_yaml(canonical_text(MESSY), "after.yaml"))
    assert [c.as_dict() for c in before.contacts] == [c.as_dict() for c in after.contacts]


def test_check_prints_diff_and_exits_1_without_writing(write_yaml, cli):
    path = write_yaml(MESSY)
    code, out, err = cli("fmt", path, "--check")
    assert code == 1
    assert "-    party: (s)\n" in out and "+    party: S\n" in out
    assert path.read_text(encoding="utf-8") == MESSY
    assert "contacts fmt" in err


def test_fmt_rewrites_then_check_passes(write_yaml, cli):
    path = write_yaml(MESSY)
    os.chmod(path, 0o640)
    assert cli("fmt", path)[0] == 0
    assert path.read_text(encoding="utf-8") == CANONICAL
    assert cli("fmt", path, "--check")[0] == 0
    assert oct(path.stat().st_mode & 0o777) == oct(0o640)
    assert [p.name for p in path.parent.iterdir()] == [path.name], "no temporary file left behind"


def test_invalid_number_is_left_as_written():
    text = "contacts:\n  - id: a\n    name: A\n    phones:\n      - number: 070-12\n"
    assert canonical_text(text) == text


def test_yaml_error_exits_2_and_leaves_file(write_yaml, cli):
    path = write_yaml("contacts:\n  - id: a\n    name: 'unclosed\n")
    before = path.read_bytes()
    code, _, err = cli("fmt", path)
    assert code == 2 and "[yaml-syntax]" in err
    assert path.read_bytes() == before


def test_interrupted_write_leaves_old_file(write_yaml, monkeypatch):
    path = write_yaml(MESSY)

    def crash(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        format_file(path)
    assert path.read_text(encoding="utf-8") == MESSY
    assert [p.name for p in path.parent.iterdir()] == [path.name]


def test_unwritable_folder_gives_a_clear_message(write_yaml, cli, monkeypatch):
    # Tests run as root, where chmod cannot make a folder unwritable; refuse the temp file instead.
    import tempfile

    path = write_yaml(MESSY)

    def refuse(*args, dir=None, **kwargs):
        raise PermissionError(13, "Permission denied", dir)

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    code, _, err = cli("fmt", path)
    assert code == 2
    assert err == f"contacts: {path.parent}: Permission denied; nothing was changed\n"
    assert path.read_text(encoding="utf-8") == MESSY


@pytest.mark.parametrize("blank", ["''", '" "', "~", ""])
def test_a_blank_phones_or_emails_value_stays_no_items(write_yaml, blank):
    # Validation reads a blank value as no phones; fmt used to write it as a phone with an empty number.
    path = write_yaml(f"contacts:\n  - id: a\n    name: Anna Berg\n    phones: {blank}\n    emails: [a.berg@umea.se]\n")
    before = load_directory(path)
    format_file(path)
    after = load_directory(path)
    assert after.contacts == before.contacts and not after.errors

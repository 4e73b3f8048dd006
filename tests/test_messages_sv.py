"""With --lang sv every message a command prints is Swedish: each line is checked against the Swedish
templates of the catalogues (model/rule_messages.py, model/messages.py), over files and releases that
make the commands say as much as they can: numbers and addresses of every kind of wrong, a file that is
not UTF-8 or not there, import conflicts and skipped release lines."""

from __future__ import annotations

import re

import pytest

from contacts_app.model.messages import MESSAGES
from contacts_app.model.rule_messages import RULE_MESSAGES

from .conftest import SEED_RELEASE, SHIPPED

RELEASE_01 = SEED_RELEASE.parent / "releases" / "01-umea-kommun-inline.txt"

BAD = """\
contacts:
  - id: a
    name: Anna Berg
    phones:
      - number: 070-12
      - number: 0701 23 45 678 9
      - number: ring oss
      - number: 22 12 34 56
      - number: "  "
    emails:
      - anna.berg
      - anna..berg@umea.se
      - anna berg@umea
      - anna.berg@umea
      - "@umea.se"
"""
_FINDING = re.compile(r"(?P<where>.+?):\d+:\d+: (?:error|warning) \[[\w-]+\] (?P<message>.*)")
_SUMMARY = re.compile(r"(?P<where>[^ ]+?): (?P<message>.*)")


def _pattern(template: str) -> str:
    """A template as a regular expression: its text as written, each {value} any text."""
    return ".+?".join(re.escape(part) for part in re.split(r"\{[^{}]*\}", template))


def _templates(lang: str) -> list[str]:
    """Every template of both catalogues in `lang`."""
    out = [entry[lang] for entry in RULE_MESSAGES.values()]
    for entry in MESSAGES.values():
        out += list(entry[lang]) if isinstance(entry[lang], tuple) else [entry[lang]]
    return out


SWEDISH = re.compile(
    "(?:" + "|".join(f"(?:{_pattern(t)})" for t in _templates("sv")) + r")(?:; inget att ändra| \(--dry-run: inget skrevs\))?"
)


def assert_swedish(output: str) -> None:
    """Each line of a command's output is one of the catalogue's Swedish messages."""
    lines = [line for line in output.splitlines() if line.strip()]
    assert lines
    for line in lines:
        if SWEDISH.fullmatch(line):  # a whole line of the catalogue (`{path} är i normalform`)
            continue
        match = _FINDING.fullmatch(line) or _SUMMARY.fullmatch(line)
        assert match, line
        assert SWEDISH.fullmatch(match["message"]) or SWEDISH.fullmatch(line), f"not a Swedish message of the catalogue: {line}"


def test_the_check_tells_english_from_swedish():
    with pytest.raises(AssertionError):
        assert_swedish("bad.yaml:5:17: error [phone-invalid] '070-12' has the wrong number of digits for a number in SE; "
                       "check for a missing or extra digit")


def test_validate_says_everything_in_swedish(tmp_path, cli):
    bad = tmp_path / "bad.yaml"
    bad.write_text(BAD, encoding="utf-8")
    latin1 = tmp_path / "latin1.yaml"
    latin1.write_bytes("contacts:\n  - id: b\n    name: Åsa\n".encode("latin-1"))
    code, out, err = cli("validate", "--lang", "sv", bad, latin1, tmp_path / "missing.yaml")
    assert code == 2
    assert "[not-utf8]" in out and "[file-unreadable]" in out and out.count("[phone-invalid]") == 4
    assert_swedish(out)
    assert_swedish(err)


def test_import_says_everything_in_swedish(tmp_path, cli):
    target = tmp_path / "contacts.yaml"
    text = SHIPPED.read_text(encoding="utf-8").replace(
        "      sv: Kommunalråd\n      en: Municipal councillor in Skellefteå\n", "      en: Municipal commissioner\n"
    )
    target.write_text(text, encoding="utf-8")
    code, out, err = cli("import", "--lang", "sv", SEED_RELEASE, RELEASE_01, "--into", target, "--dry-run")
    assert "[import-conflict]" in out and "[import-skipped]" in out
    findings = "".join(line + "\n" for line in out.splitlines() if _FINDING.fullmatch(line))
    assert_swedish(findings)
    assert_swedish(err)


def test_fmt_says_everything_in_swedish(tmp_path, cli):
    untidy = tmp_path / "contacts.yaml"
    untidy.write_text(SHIPPED.read_text(encoding="utf-8").replace("010-225 43 00", "010 2254300"), encoding="utf-8")
    code, out, err = cli("fmt", "--lang", "sv", "--check", untidy)
    assert code == 1 and "2254300" in out  # the diff, on stdout
    assert "är inte i normalform" in err
    assert_swedish(err)
    for _ in range(2):  # reformatted, then already tidy
        code, _, err = cli("fmt", "--lang", "sv", untidy)
        assert code == 0
        assert_swedish(err)
    assert "redan i normalform" in err
    assert_swedish(cli("fmt", "--lang", "sv", "--check", untidy)[2])

"""Messages in English and Swedish: one catalogue with the rule codes, chosen with --lang or the locale."""

from __future__ import annotations

import string

import pytest

from contacts_app.model.messages import MESSAGES, default_language
from contacts_app.model.rule_messages import RULE_MESSAGES
from contacts_app.model.rules import RULES

from .test_syntax_messages import BASE


def fields(template: str) -> set[str]:
    """The names a template fills in."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(RULE_MESSAGES))
def test_every_rule_message_is_in_both_languages_with_the_same_values(key):
    entry = RULE_MESSAGES[key]
    assert key.partition(":")[0] in RULES
    assert set(entry) == {"en", "sv"}
    assert fields(entry["en"]) == {name.removesuffix("_sv") for name in fields(entry["sv"])}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_staff_message_is_in_both_languages(key):
    entry = MESSAGES[key]
    assert set(entry) == {"en", "sv"}
    forms = [entry["en"], entry["sv"]]
    assert len({type(f) for f in forms}) == 1


def test_every_rule_that_validation_reports_has_an_entry():
    reported = {key.partition(":")[0] for key in RULE_MESSAGES}
    assert set(RULES) - reported == set()


def test_validate_speaks_swedish_with_lang_sv(cli, tmp_path):
    path = tmp_path / "contacts.yaml"
    path.write_text(BASE.replace("name: Åsa", "name: Åsa\n    kind: robot"), encoding="utf-8")
    code, out, err = cli("validate", path, "--lang", "sv")
    assert code == 1
    assert f"{path}:11:11: error [kind-invalid] kind 'robot' ska vara person eller desk" in out
    assert "1 ny kontakt är inte publicerad än: asa, eftersom på 11:11 kind 'robot' ska vara" in err
    code, out, _ = cli("validate", path, "--lang", "en")
    assert "kind 'robot' should be person or desk" in out


def test_a_syntax_error_in_swedish(cli, tmp_path):
    path = tmp_path / "contacts.yaml"
    path.write_text(BASE.replace("name: Lorents Burman", "name:Lorents Burman"), encoding="utf-8")
    code, out, _ = cli("validate", path, "--lang", "sv")
    assert code == 2 and "3:10: error [yaml-syntax] sätt ett mellanslag efter kolonet: name: Lorents Burman" in out


@pytest.mark.parametrize("env, lang", [
    ({"LANG": "sv_SE.UTF-8"}, "sv"), ({"LANG": "en_GB.UTF-8"}, "en"), ({"LC_ALL": "sv_FI.UTF-8", "LANG": "en_US"}, "sv"),
    ({"LC_MESSAGES": "C"}, "en"),
])
def test_the_default_language_comes_from_the_locale(monkeypatch, env, lang):
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert default_language() == lang

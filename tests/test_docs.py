"""The documentation covers every rule, key and command, and the JSON Schema agrees with the shipped file."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest
import yaml

from contacts_app.cli import build_parser
from contacts_app.model.keys import CONTACT_KEYS, PHONE_KEYS, SOURCE_KEYS
from contacts_app.model.rules import ACKNOWLEDGEABLE, RULES

from .conftest import ROOT, SHIPPED

DOCS = ROOT / "docs"
SCHEMA = json.loads((DOCS / "contacts.schema.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_rule_is_documented(code):
    assert f"| `{code}` |" in (DOCS / "rules.md").read_text(encoding="utf-8")


def test_no_documented_rule_is_missing_from_the_code():
    documented = set(re.findall(r"^\| `([a-z0-9-]+)` \|", (DOCS / "rules.md").read_text(encoding="utf-8"), re.M))
    assert documented == set(RULES)


@pytest.mark.parametrize("key", [*CONTACT_KEYS, *PHONE_KEYS, *SOURCE_KEYS])
def test_every_key_is_documented_and_in_the_json_schema(key):
    assert f"| `{key}` |" in (DOCS / "schema.md").read_text(encoding="utf-8")
    props = {
        **SCHEMA["$defs"]["contact"]["properties"],
        **SCHEMA["$defs"]["phone"]["oneOf"][1]["properties"],
        **SCHEMA["$defs"]["contact"]["properties"]["source"]["properties"],
    }
    assert key in props


def test_json_schema_keys_match_the_code():
    contact = SCHEMA["$defs"]["contact"]["properties"]
    assert set(contact) == set(CONTACT_KEYS)
    assert set(contact["acknowledged"]["propertyNames"]["enum"]) == set(ACKNOWLEDGEABLE)


def test_shipped_file_satisfies_the_json_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    data = yaml.load(SHIPPED.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    jsonschema.validate(data, SCHEMA)


def test_json_schema_rejects_a_typo():
    data = {"contacts": [{"id": "a", "name": "A", "emial": ["a@b.se"]}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, SCHEMA)


def test_every_command_is_in_the_docs():
    commands = build_parser()._subparsers._group_actions[0].choices
    text = (ROOT / "README.md").read_text(encoding="utf-8") + (DOCS / "cli.md").read_text(encoding="utf-8")
    for name in commands:
        assert f"contacts {name}" in text, name


def test_readme_opens_with_the_two_commands_and_ci_runs_the_second():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = re.search(r"```sh\n(.*?)```", readme, re.S)
    assert readme.index(first_block.group(0)) < readme.index("\n## ")  # before any section
    serve, test = first_block.group(1).splitlines()
    assert (serve, test) == ("bash scripts/serve.sh", "bash scripts/test.sh")
    for command in (serve, test):
        assert (ROOT / command.split()[1]).is_file()
    assert re.search(r"^exec bash scripts/test\.sh\b", (ROOT / ".ci" / "run").read_text(encoding="utf-8"), re.M)



def test_every_room_of_the_layers_contract_is_in_the_architecture_map():
    import tomllib

    contract = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    rooms = [room.strip() for layer in contract["contracts"][0]["layers"] for room in layer.split("|")]
    text = (DOCS / "architecture.md").read_text(encoding="utf-8")
    for room in rooms:
        assert re.search(rf"^\s*{room}/ ", text, re.M), room
        assert (ROOT / "contacts_app" / room / "__init__.py").is_file(), room


def test_every_test_security_md_names_exists():
    named: list[tuple[str, str]] = []
    for line in (ROOT / "SECURITY.md").read_text(encoding="utf-8").splitlines():
        current = None
        for file, test in re.findall(r"(tests/[\w/]+\.py)?::(test_\w+)", line):
            current = file or current
            assert current, f"{test} names no file: {line}"
            named.append((current, test))
    assert len(named) > 40
    for file, test in named:
        assert re.search(rf"^def {test}\(", (ROOT / file).read_text(encoding="utf-8"), re.M), f"{file}::{test}"

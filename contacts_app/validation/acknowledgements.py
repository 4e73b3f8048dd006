"""Acknowledgements: warnings a person has checked and explained under `acknowledged:`, and those that match nothing."""

from __future__ import annotations

import yaml

from contacts_app.model.rules import ACKNOWLEDGEABLE, RULES
from contacts_app.validation.shapes import Scope


def read_acknowledgements(scope: Scope, node: yaml.Node) -> dict[str, tuple[str, yaml.Node]]:
    """Warnings a person has checked: rule code → (reason, key node); the invalid ones reported."""
    if not isinstance(node, yaml.MappingNode):
        scope.report(node, "wrong-type:acknowledged")
        return {}
    acks = {}
    for code, (key_node, value_node) in scope.items(node, None, "acknowledged").items():
        reason = scope.text(value_node, "the reason")
        if code not in ACKNOWLEDGEABLE:
            what = "an error: fix the value instead" if code in RULES else "not a rule code"
            scope.report(key_node, "ack-invalid:code", code=code, what=what, codes=", ".join(ACKNOWLEDGEABLE))
        elif not reason:
            scope.report(value_node, "ack-invalid:reason", code=code)
        else:
            acks[code] = (reason, key_node)
    return acks


def apply_acknowledgements(scope: Scope, acks: dict[str, tuple[str, yaml.Node]]) -> None:
    """Drop the scope's warnings that are acknowledged; report acknowledgements that match nothing."""
    if not acks:
        return
    # Run after the rules across records, so a warning they raise can be acknowledged too.
    used = {f.code for f in scope.findings} & set(acks)
    scope.findings[:] = [f for f in scope.findings if f.is_error or f.code not in acks]
    for code, (_, key_node) in acks.items():
        if code not in used:
            scope.report(key_node, "ack-unused", code=code)

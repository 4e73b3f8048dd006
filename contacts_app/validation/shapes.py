"""Node shapes: a mapping's keys (duplicate and unknown ones reported), text, lists and per-language texts.

A part of the file is read through its Scope, which keeps the findings about it, so every finding lands
with the contact (or the file) it concerns without being handed from call to call.
"""

from __future__ import annotations

import difflib

import yaml

from contacts_app.model.contact import DEFAULT_LANGUAGE, LANGUAGES, Texts
from contacts_app.model.finding import Finding
from contacts_app.model.rules import rule_finding
from contacts_app.validation import characters
from contacts_app.validation.languages import is_language, language_name, nearest_language

NULL_TAG = "tag:yaml.org,2002:null"


class Scope:
    """The findings about one part of a file (a contact, or the file's outer shape), and the shapes read for it."""

    __slots__ = ("path", "findings")

    def __init__(self, path: str):
        self.path = path
        self.findings: list[Finding] = []

    @property
    def has_error(self) -> bool:
        """True when an error has been found here."""
        return any(f.is_error for f in self.findings)

    def report(self, node: yaml.Node | None, key: str, /, **args) -> None:
        """Add the finding of catalogue entry `key` (`code` or `code:variant`) at the node's position (the
        file's start when there is no node)."""
        line, col = (node.start_mark.line + 1, node.start_mark.column + 1) if node is not None else (1, 1)
        self.findings.append(rule_finding(self.path, line, col, key, **args))

    def items(self, node: yaml.Node, allowed: tuple[str, ...] | None, what: str) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        """The key → (key node, value node) pairs of a mapping; duplicate and unknown keys reported.

        `allowed` None means any key (the keys are data: language codes, rule codes).
        """
        out: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.report(key_node, "wrong-type:key", what=what)
                continue
            key = key_node.value
            if key in out:
                first = out[key][0].start_mark.line + 1
                self.report(key_node, "duplicate-key", key=key, what=what, first=first)
                continue
            if allowed is not None and key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
                if close:
                    self.report(key_node, "unknown-key:close", key=key, what=what, close=close[0])
                else:
                    self.report(key_node, "unknown-key:far", key=key, what=what, known=", ".join(allowed))
                continue
            out[key] = (key_node, value_node)
        return out

    def text(self, node: yaml.Node, what: str) -> str | None:
        """A scalar's text as written (never a number or a date), or None when it is empty."""
        if not isinstance(node, yaml.ScalarNode):
            self.report(node, "wrong-type:text", what=what, shape=shape(node))
            return None
        if node.tag == NULL_TAG:
            return None
        for line, col, character, place in characters.check(node):
            self.findings.append(
                rule_finding(self.path, line, col, "text-hidden-character", what=what, character=character, place=str(place))
            )
        value = " ".join(node.value.split())
        return value or None

    def sequence(self, node: yaml.Node, what: str) -> list[yaml.Node]:
        """A list's items; a single value is taken as a list of one, an empty value as no items."""
        if isinstance(node, yaml.SequenceNode):
            return list(node.value)
        if isinstance(node, yaml.ScalarNode):
            return [] if node.tag == NULL_TAG or not node.value.strip() else [node]
        self.report(node, "wrong-type:list", what=what)
        return []

    def texts(self, node: yaml.Node, what: str) -> Texts:
        """A per-language text: `sv: …` / `en: …`, or plain text in the directory's language."""
        if isinstance(node, yaml.ScalarNode):
            text = self.text(node, what)
            return Texts(((DEFAULT_LANGUAGE, text),)) if text else Texts()
        if not isinstance(node, yaml.MappingNode):
            self.report(node, "wrong-type:texts", what=what)
            return Texts()
        pairs = []
        for lang, (key_node, value_node) in self.items(node, None, what).items():
            if not is_language(lang):
                self.report(key_node, "language-invalid:key", lang=lang, close=nearest_language(lang))
                continue
            if lang not in LANGUAGES:
                close = nearest_language(lang)
                self.report(key_node, "language-unused", lang=lang, language=language_name(lang),
                            language_sv=language_name(lang, "sv"), close=close, shown=", ".join(LANGUAGES))
            text = self.text(value_node, f"{what} ({lang})")
            if text:
                pairs.append((lang, text))
        return Texts(tuple(pairs))


def shape(node: yaml.Node) -> str:
    """What kind of YAML value a node is, in words."""
    if isinstance(node, yaml.MappingNode):
        return "mapping"
    if isinstance(node, yaml.SequenceNode):
        return "list"
    return "single value"

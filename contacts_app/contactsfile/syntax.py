"""YAML errors as findings: the one conversion, for PyYAML's errors (reading) and ruamel.yaml's (rewriting)."""

from __future__ import annotations

import yaml

from contacts_app.contactsfile.syntax_hints import find_hint
from contacts_app.model.finding import Finding
from contacts_app.model.rules import finding, rule_finding

try:
    from yaml import CSafeLoader as LOADER

    C_LOADER = True
except ImportError:  # pragma: no cover - libyaml missing: correct, only slower

    C_LOADER = False


def syntax_finding(exc: Exception, name: str, text: str = "", *, rewriting: bool = False) -> Finding:
    """The yaml-syntax finding for a PyYAML or ruamel.yaml error, at the position of the problem.

    `rewriting` is for ruamel.yaml's errors while `fmt` or `import` loads a file to rewrite it.
    """
    # Both libraries' errors have the same attributes; telling them apart by attribute keeps ruamel.yaml
    # (a slow import) out of `contacts validate`.
    marked = hasattr(exc, "problem_mark")
    mark = (exc.problem_mark or exc.context_mark) if marked else None
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    if rewriting:
        # The text has passed PyYAML's reading already, so what is left (a duplicate key) needs no hint.
        message = f"{exc.problem or exc.context}; fix this before the file can be rewritten" if marked else str(exc)
        return finding(name, line, col, "yaml-syntax", message, excerpt_at(text, line, col))
    if isinstance(exc, yaml.reader.ReaderError):
        line, col = _position(text, exc.position)
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        key, args = "yaml-syntax:character", {"code": f"{ord(char):04X}", "reason": exc.reason}
    elif marked:
        lines = text.splitlines()
        hint = find_hint(lines, line - 1, exc.problem or "") if lines else None
        if hint:
            line, col, key, args = hint
        else:
            context = f" ({exc.context})" if exc.context else ""
            key, args = "yaml-syntax:other", {"problem": exc.problem or "invalid YAML", "context": context}
    else:
        key, args = "yaml-syntax:other", {"problem": str(exc).splitlines()[0] if str(exc) else "invalid YAML", "context": ""}
    return rule_finding(name, line, col, key, excerpt_at(text, line, col), **args)


def excerpt_at(text: str, line: int, col: int, width: int = 200) -> str:
    """The 1-based line of the text, to show with a caret under column `col`; none for a line too long to show."""
    lines = text.splitlines()
    whole = lines[line - 1] if 0 < line <= len(lines) else ""
    return whole if len(whole) <= width and col <= len(whole) + 1 else ""


def _position(text: str, position: int) -> tuple[int, int]:
    """1-based (line, column) of a reader error's position: a UTF-8 byte offset (C loader) or a character offset."""
    prefix = text.encode("utf-8")[:position].decode("utf-8", "ignore") if C_LOADER else text[:position]
    return prefix.count("\n") + 1, len(prefix) - (prefix.rfind("\n") + 1) + 1



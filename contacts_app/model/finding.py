"""Findings: what validation says about a contacts file, each pointing at a line and column."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum


class Severity(str, Enum):
    """How serious a finding is; errors keep a record off the directory."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True, slots=True)
class Finding:
    """One problem in a file: 1-based line and column of the offending value, a stable code, a message."""

    path: str
    line: int
    col: int
    severity: Severity
    code: str
    message: str
    #: The line of the file the finding points at, for a caret under its column (set for syntax errors).
    excerpt: str = field(default="", compare=False)
    #: The message's entry in the catalogue (model/rule_messages.py) and its values, to say it in another language.
    key: str = field(default="", compare=False)
    args: tuple[tuple[str, object], ...] = field(default=(), compare=False)

    @property
    def is_error(self) -> bool:
        """True when the finding is an error rather than a warning."""
        return self.severity is Severity.ERROR

    def in_language(self, lang: str) -> "Finding":
        """The same finding with its message in `lang` (as it is when the catalogue has no entry for it)."""
        if not self.key:
            return self
        from contacts_app.model.rule_messages import render

        return replace(self, message=render(self.key, lang, self.args))

    def as_dict(self) -> dict:
        """The finding as the JSON object `contacts validate --format json` prints."""
        return {
            "file": self.path,
            "line": self.line,
            "column": self.col,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
            **({"excerpt": self.excerpt} if self.excerpt else {}),
        }

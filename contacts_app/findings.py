"""Findings: what validation says about a contacts file, each pointing at a line and column."""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import Enum
from typing import Iterable


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

    @property
    def is_error(self) -> bool:
        """True when the finding is an error rather than a warning."""
        return self.severity is Severity.ERROR

    def as_dict(self) -> dict:
        """The finding as the JSON object `contacts validate --format json` prints."""
        return {
            "file": self.path,
            "line": self.line,
            "column": self.col,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
        }


def _github_escape(text: str, *, is_property: bool = False) -> str:
    """Escape text for a GitHub Actions workflow command (data or property value)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if is_property:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_text(findings: Iterable[Finding]) -> str:
    """One `FILE:LINE:COL: severity [code] message` line per finding."""
    return "".join(
        f"{f.path}:{f.line}:{f.col}: {f.severity.value} [{f.code}] {f.message}\n" for f in findings
    )


def format_json(findings: Iterable[Finding]) -> str:
    """A JSON list of finding objects."""
    return json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2) + "\n"


def format_github(findings: Iterable[Finding]) -> str:
    """GitHub Actions annotations, one `::error file=…,line=…,col=…::…` line per finding."""
    lines = []
    for f in findings:
        props = ",".join(
            (
                f"file={_github_escape(f.path, is_property=True)}",
                f"line={f.line}",
                f"col={f.col}",
                f"title={_github_escape(f.code, is_property=True)}",
            )
        )
        lines.append(f"::{f.severity.value} {props}::{_github_escape(f.message)}\n")
    return "".join(lines)


FORMATTERS = {"text": format_text, "json": format_json, "github": format_github}

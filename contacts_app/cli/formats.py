"""How findings are printed: text for people, JSON for scripts, GitHub annotations for CI; side by side."""

from __future__ import annotations

import json
from typing import Iterable

from contacts_app.model.finding import Finding


def _github_escape(text: str, *, is_property: bool = False) -> str:
    """Escape text for a GitHub Actions workflow command (data or property value)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if is_property:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_text(findings: Iterable[Finding]) -> str:
    """One `FILE:LINE:COL: severity [code] message` line per finding; under one with an excerpt, the
    line of the file and a caret under the column."""
    return "".join(
        f"{f.path}:{f.line}:{f.col}: {f.severity.value} [{f.code}] {f.message}\n" + _excerpt(f) for f in findings
    )


def _excerpt(f: Finding) -> str:
    """The finding's line of the file and a caret under its column (tabs kept, so the caret lines up)."""
    if not f.excerpt:
        return ""
    pad = "".join(char if char == "\t" else " " for char in f.excerpt[: f.col - 1])
    return f"    {f.excerpt}\n    {pad}^\n"


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


def formatted(findings: Iterable[Finding], fmt: str = "text", lang: str = "en") -> str:
    """Findings in format `fmt`, each message in `lang`: the one way the commands print findings."""
    return FORMATTERS[fmt]([f.in_language(lang) for f in findings])

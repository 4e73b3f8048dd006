"""RESULTS.md holds one section per benchmark script; each script replaces its own and leaves the others."""

from __future__ import annotations

import re
from pathlib import Path


def markers(name: str) -> tuple[str, str]:
    """The comments around a section."""
    return f"<!-- {name}:start -->", f"<!-- {name}:end -->"


def others(text: str, but: str | None = None) -> str:
    """Every marked section of `text` except the one named `but`, one after another."""
    found = re.findall(r"(<!-- (\w+):start -->\n.*?<!-- \2:end -->\n)", text, flags=re.S)
    return "".join(section for section, name in found if name != but)


def write(results: Path, name: str, text: str) -> None:
    """Put the section `name` into RESULTS.md, replacing an earlier one and keeping the rest of the file."""
    old = results.read_text(encoding="utf-8") if results.exists() else ""
    start, end = markers(name)
    section = f"{start}\n{text}{end}\n"
    if start in old and end in old:
        new = old[: old.index(start)] + section + old[old.index(end) + len(end) + 1 :]
    else:
        new = old.rstrip("\n") + "\n\n" + section
    results.write_text(new, encoding="utf-8")

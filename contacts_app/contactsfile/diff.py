"""What a change to a contacts file would do, as a unified diff a person reads before it is written."""

from __future__ import annotations

import difflib


def unified_diff(before: str, after: str, path: str, after_label: str) -> str:
    """A unified diff from the file as it is (`PATH (now)`) to the text it would get (`PATH (after_label)`)."""
    return "".join(
        difflib.unified_diff(before.splitlines(True), after.splitlines(True), f"{path} (now)", f"{path} ({after_label})")
    )

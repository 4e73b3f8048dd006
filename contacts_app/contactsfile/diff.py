"""What a change to a contacts file would do, as a unified diff a person reads before it is written."""

from __future__ import annotations

import difflib
from bisect import bisect_right
from typing import Sequence

from contacts_app.contactsfile.fixes import Edit, apply_edits


def unified_diff(before: str, after: str, path: str, after_label: str) -> str:
    """A unified diff from the file as it is (`PATH (now)`) to the text it would get (`PATH (after_label)`)."""
    return "".join(
        difflib.unified_diff(before.splitlines(True), after.splitlines(True), f"{path} (now)", f"{path} ({after_label})")
    )


def edits_diff(before: str, edits: Sequence[Edit], path: str, after_label: str, context: int = 3) -> str:
    """The unified diff of making `edits` to `before`, from the edited lines alone: as `unified_diff` gives
    for one-line edits, without comparing the whole file (which takes minutes for a big one)."""
    if not edits:
        return ""
    starts = [0, *(i + 1 for i, char in enumerate(before) if char == "\n")]
    if starts[-1] == len(before):
        starts.pop()
    groups: list[list] = []
    for edit in sorted(edits, key=lambda e: e.start):
        first = bisect_right(starts, edit.start) - 1
        last = bisect_right(starts, max(edit.end - 1, edit.start)) - 1
        if groups and first <= groups[-1][1] + 2 * context + 1:  # as difflib, which joins 2n equal lines
            groups[-1][1] = max(groups[-1][1], last)
            groups[-1][2].append(edit)
        else:
            groups.append([first, last, [edit]])
    out = [f"--- {path} (now)\n+++ {path} ({after_label})\n"]
    shift = 0
    for first, last, group in groups:
        a, b = max(0, first - context), min(len(starts), last + 1 + context)
        lo, hi = starts[a], starts[b] if b < len(starts) else len(before)
        old = before[lo:hi].splitlines(True)
        new = apply_edits(before[lo:hi], [Edit(e.start - lo, e.end - lo, e.text) for e in group]).splitlines(True)
        out.append(f"@@ -{_range(a, len(old))} +{_range(a + shift, len(new))} @@\n")
        out += _hunk(old, new)
        shift += len(new) - len(old)
    return "".join(out)


def _range(start: int, length: int) -> str:
    """A hunk's line range as unified diffs write it (1-based; `start,0` for none)."""
    if length == 1:
        return str(start + 1)
    return f"{start + 1 if length else start},{length}"


def _hunk(old: list[str], new: list[str]) -> list[str]:
    """A hunk's lines: unchanged ones as context, each run of changed ones as its old lines then its new."""
    lines = []
    if len(old) == len(new):  # edits within lines, the usual case: compare line by line
        opcodes, i = [], 0
        while i < len(old):
            j = i
            same = old[i] == new[i]
            while j < len(old) and (old[j] == new[j]) == same:
                j += 1
            opcodes.append(("equal" if same else "replace", i, j, i, j))
            i = j
    else:
        opcodes = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            lines += (" " + line for line in old[i1:i2])
        else:
            lines += ("-" + line for line in old[i1:i2])
            lines += ("+" + line for line in new[j1:j2])
    return [line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines]

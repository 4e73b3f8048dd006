"""Dependency versions for scripts/test.sh: the lower bounds pyproject.toml promises, and how the
versions installed in this environment differ from a lock file.

    python scripts/dependency_versions.py lower-bounds pyproject.toml   # constraints: name==lower bound
    python scripts/dependency_versions.py differences requirements/test.lock
"""

from __future__ import annotations

import re
import sys
import tomllib
from importlib import metadata

_LOWER = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*>=\s*([^,;\s]+)")
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")


def lower_bounds(pyproject: str) -> list[str]:
    """`name==version` for every runtime dependency that has a `>=` lower bound."""
    with open(pyproject, "rb") as handle:
        dependencies = tomllib.load(handle)["project"]["dependencies"]
    return [f"{m[1]}=={m[2]}" for m in map(_LOWER.match, dependencies) if m]


def differences(lock: str) -> list[str]:
    """`name: locked -> installed` for each locked package installed here at another version."""
    found = []
    with open(lock, encoding="utf-8") as handle:
        for name, locked in (m.groups() for m in map(_PIN.match, handle) if m):
            try:
                installed = metadata.version(name)
            except metadata.PackageNotFoundError:
                continue
            if installed != locked:
                found.append(f"{name}: {locked} -> {installed}")
    return found


if __name__ == "__main__":
    command, path = sys.argv[1:3]
    lines = {"lower-bounds": lower_bounds, "differences": differences}[command](path)
    print("\n".join(lines), end="\n" if lines else "")

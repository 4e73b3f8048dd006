"""The package's rooms import only downwards (pyproject.toml's import-linter contract, run by the real tool)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow


def lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    """`lint-imports` with the contract in cwd's pyproject.toml, on the contacts_app found in cwd."""
    env = {**os.environ, "PYTHONPATH": str(cwd)}
    command = [str(Path(sys.executable).with_name("lint-imports")), "--no-cache"]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def test_the_rooms_keep_their_layers():
    done = lint_imports(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Contracts: 1 kept, 0 broken." in done.stdout


def test_an_upward_import_breaks_the_contract(tmp_path):
    shutil.copytree(ROOT / "contacts_app", tmp_path / "contacts_app", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copyfile(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    model = tmp_path / "contacts_app" / "model" / "contact.py"
    model.write_text(model.read_text(encoding="utf-8") + "\nfrom contacts_app.web import store  # noqa\n", encoding="utf-8")
    done = lint_imports(tmp_path)
    assert done.returncode == 1
    assert "contacts_app.model.contact -> contacts_app.web.store" in done.stdout


def test_no_module_is_a_thousand_line_catch_all():
    lengths = {path.relative_to(ROOT): len(path.read_text(encoding="utf-8").splitlines())
               for path in (ROOT / "contacts_app").rglob("*.py")}
    assert {path: n for path, n in lengths.items() if n > 300} == {}

"""Shared fixtures: a folder with contacts files in it, and the command line run in-process."""

from __future__ import annotations

import shutil
import sys
import textwrap
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest
import waitress

from contacts_app.cli import main

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "data" / "contacts.yaml"
SEED_RELEASE = Path(__file__).resolve().parent / "data" / "seed-release.txt"
WEB_CONTACTS = Path(__file__).resolve().parent / "data" / "web-contacts.yaml"

sys.path.insert(0, str(ROOT / "benchmarks"))
import generate  # noqa: E402  (benchmarks/generate.py: realistic synthetic directories)


def generated(path: Path, contacts: int, seed: int, warnings: bool = False) -> Path:
    """`path`, written with a synthetic directory of `contacts` contacts (Swedish names, real formats)."""
    path.write_text(generate.generate(contacts, seed=seed, warnings=warnings), encoding="utf-8")
    return path


@pytest.fixture
def write_yaml(tmp_path):
    """Write dedented YAML text to a file in a fresh folder and return its path."""

    def write(text: str, name: str = "contacts.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


@pytest.fixture
def shipped_copy(tmp_path) -> Path:
    """A copy of the shipped data/contacts.yaml that a test may change."""
    path = tmp_path / "contacts.yaml"
    shutil.copyfile(SHIPPED, path)
    return path


@pytest.fixture
def contacts_file(tmp_path) -> Path:
    """A copy of the web test contacts (both languages, a desk, a broken record) that a test may change."""
    path = tmp_path / "contacts.yaml"
    shutil.copyfile(WEB_CONTACTS, path)
    return path


@pytest.fixture
def cli(capsys):
    """Run `contacts ARGS...` in-process; return (exit code, stdout, stderr)."""

    def run(*args: str) -> tuple[int, str, str]:
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


@contextmanager
def serving(app, threads: int = 4) -> Iterator[str]:
    """waitress, the production server, serving `app` on 127.0.0.1 at a free port; yields the base URL."""
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=threads, ident="contacts")
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        server.close()
        thread.join(timeout=5)

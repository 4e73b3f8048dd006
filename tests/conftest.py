"""Shared fixtures: a folder with contacts files in it, the command line run in-process, and the web app
in the flaskr style, chained: `app` (settings from `app_config`) → `client`, `runner`, `live_server`."""

from __future__ import annotations

import os
import shutil
import textwrap
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest
import waitress

from benchmarks import generate  # realistic synthetic directories
from contacts_app import create_app
from contacts_app.cli import main

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "data" / "contacts.yaml"
SEED_RELEASE = Path(__file__).resolve().parent / "data" / "seed-release.txt"
WEB_CONTACTS = Path(__file__).resolve().parent / "data" / "web-contacts.yaml"


def generated(path: Path, contacts: int, seed: int, warnings: bool = False) -> Path:
    """`path`, written with a synthetic directory of `contacts` contacts (Swedish names, real formats)."""
    path.write_text(generate.generate(contacts, seed=seed, warnings=warnings), encoding="utf-8")
    return path


@pytest.fixture(autouse=True, scope="session")
def state_home(tmp_path_factory) -> Path:
    """`contacts serve` keeps its address books under XDG_STATE_HOME by default: the tests' own folder."""
    folder = tmp_path_factory.mktemp("state")
    os.environ["XDG_STATE_HOME"] = str(folder)
    return folder


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
def app_config() -> dict:
    """Settings of the `app` fixture besides its contacts file; a test module overrides this fixture."""
    return {}


@pytest.fixture
def app(contacts_file, app_config):
    """The app serving `contacts_file` (a copy of the web test contacts), with `app_config`'s settings."""
    return create_app({"CONTACTS_FILE": str(contacts_file), **app_config})


@pytest.fixture
def client(app):
    """A test client of the app."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """A runner of the app's Flask commands."""
    return app.test_cli_runner()


@pytest.fixture
def live_server(app):
    """waitress serving the app on 127.0.0.1 at a free port; yields the base URL."""
    with serving(app) as url:
        yield url


def save(path: Path, text: str, bump: int = 1) -> None:
    """Save the file as an editor does (a new file renamed over the old), a little later than the last save."""
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    st = tmp.stat()
    os.utime(tmp, ns=(st.st_atime_ns, st.st_mtime_ns + bump * 2_000_000_000))
    os.replace(tmp, path)


def check_file(app) -> bool:
    """Have the app's store look at its file now, as its watcher does every RELOAD_INTERVAL seconds."""
    from contacts_app.web.store import store_of

    return store_of(app).check()


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
    """waitress, the production server with the limits `contacts serve` sets, serving `app` on 127.0.0.1 at
    a free port; yields the base URL."""
    from contacts_app.web.serving.limits import WAITRESS_OPTIONS

    server = waitress.create_server(app, host="127.0.0.1", port=0, **{**WAITRESS_OPTIONS, "threads": threads})
    app.config.setdefault("SERVER_URL", None)
    app.config["SERVER_URL"] = app.config["SERVER_URL"] or f"http://127.0.0.1:{server.effective_port}"  # as serve does
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        server.close()
        thread.join(timeout=5)

"""A wheel built from the repository carries templates, static and data, and serves from them when installed."""

from __future__ import annotations

import os
import site
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """A wheel built from this checkout (hatchling, no network)."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet", "-w", str(out), str(ROOT)],
        check=True, capture_output=True,
    )
    (path,) = out.glob("contacts_app-*.whl")
    return path


def test_wheel_contains_templates_static_and_data(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in ("templates/base.html", "templates/index.html", "templates/person.html", "templates/_card.html",
                 "templates/status.html", "templates/error.html", "static/style.css", "data/contacts.yaml"):
        assert f"contacts_app/_bundled/{name}" in names, name
    assert "contacts_app/web/views/pages.py" in names and "contacts_app/outputs/vcard.py" in names


def test_installed_wheel_serves_its_bundled_data(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    # The dependencies come from the environment running the tests, whether that is a venv or not: its
    # site folders are added after the new venv's own (where the wheel goes), and only added, so the
    # checkout's editable-install hook in them does not run.
    own_site = subprocess.run([str(python), "-c", "import site; print(site.getsitepackages()[0])"],
                              capture_output=True, text=True, check=True).stdout.strip()
    folders = [*site.getsitepackages(), site.getusersitepackages()]
    Path(own_site, "test-dependencies.pth").write_text("\n".join(folders) + "\n", encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", "--quiet", str(wheel)],
        check=True, capture_output=True,
    )
    script = """
import contacts_app, pathlib
from contacts_app import create_app
from contacts_app.contactsfile.locations import resource_path
assert "_bundled" in str(resource_path("templates")), resource_path("templates")
assert pathlib.Path(contacts_app.__file__).is_relative_to(pathlib.Path(__import__("sys").prefix)), contacts_app.__file__
client = create_app().test_client()
page = client.get("/?q=burman")
assert page.status_code == 200 and "Lorents Burman" in page.get_data(as_text=True), page.status_code
css = client.get("/static/style.css")
assert css.status_code == 200 and b"--accent" in css.data
print(create_app().config["CONTACTS_FILE"])
"""
    env = {k: v for k, v in os.environ.items() if k not in ("CONTACTS_FILE", "PYTHONPATH")}
    # run from an empty folder: no checkout to fall back on
    done = subprocess.run([str(python), "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("contacts_app/_bundled/data/contacts.yaml")

"""The pre-commit hooks of .pre-commit-hooks.yaml, run by the real `pre-commit` tool as a user's repository
would: `pre-commit try-repo` against this checkout, with two contacts files staged in a throwaway repository."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, SHIPPED

pytestmark = pytest.mark.slow

BROKEN = "contacts:\n  - id: anna-berg\n    name: Anna Berg\n    phones: [070-12]\n    emails: [anna.berg@umea.se]\n"
UNTIDY = "contacts:\n  - emails: [bo.ek@umea.se]\n    name: Bo Ek\n    id: bo-ek\n"


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory) -> Path:
    """pre-commit's cache, shared by the tests here so the hook's environment is built once."""
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def repo(tmp_path) -> Path:
    """An empty git repository of a user's."""
    path = tmp_path / "press-room"
    path.mkdir()
    for args in (["init", "-q"], ["config", "user.email", "staff@example.se"], ["config", "user.name", "Staff"]):
        subprocess.run(["git", *args], cwd=path, check=True)
    return path


def stage(repo: Path, files: dict[str, str]) -> None:
    """Write the files into the repository and stage them."""
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, encoding="utf-8")
    subprocess.run(["git", "add", *files], cwd=repo, check=True)


def try_repo(repo: Path, hook: str, home: Path) -> subprocess.CompletedProcess:
    """`pre-commit try-repo <this checkout> HOOK` on the staged files, as a user would run it."""
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    env.pop("CONTACTS_FILE", None)
    pre_commit = [sys.executable, "-m", "pre_commit"]
    return subprocess.run(
        [*pre_commit, "try-repo", str(ROOT), hook, "--verbose"],
        cwd=repo, env=env, capture_output=True, text=True, timeout=600,
    )


def test_validate_hook_checks_every_staged_contacts_file(repo, pre_commit_home):
    stage(repo, {"stockholm/contacts.yaml": SHIPPED.read_text(encoding="utf-8"), "umea/contacts.yaml": BROKEN,
                 "notes.yaml": BROKEN})
    done = try_repo(repo, "contacts-validate", pre_commit_home)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "unrecognized arguments" not in done.stdout
    assert "umea/contacts.yaml:4:14: error [phone-invalid]" in done.stdout
    assert "stockholm/contacts.yaml: 0 error(s), 1 warning(s); 3 contact(s) valid" in done.stdout
    assert "notes.yaml" not in done.stdout  # only files named contacts.yaml are the hook's


def test_validate_hook_passes_two_good_files(repo, pre_commit_home):
    good = SHIPPED.read_text(encoding="utf-8")
    stage(repo, {"a/contacts.yaml": good, "b/contacts.yml": good})
    done = try_repo(repo, "contacts-validate", pre_commit_home)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "a/contacts.yaml: 0 error(s)" in done.stdout and "b/contacts.yml: 0 error(s)" in done.stdout


def test_fmt_hook_names_the_file_that_is_not_canonical(repo, pre_commit_home):
    stage(repo, {"a/contacts.yaml": SHIPPED.read_text(encoding="utf-8"), "b/contacts.yaml": UNTIDY})
    done = try_repo(repo, "contacts-fmt", pre_commit_home)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "a/contacts.yaml is in canonical form" in done.stdout
    assert "b/contacts.yaml is not in canonical form; run: contacts fmt b/contacts.yaml" in done.stdout
    assert (repo / "b" / "contacts.yaml").read_text(encoding="utf-8") == UNTIDY  # --check writes nothing


"""Faults: `fmt` or `import` killed mid-write leaves the old file whole; a broken or deleted file under a
running server keeps the last good data in service and the status page says why; unreadable and
unwritable files give a clear message, never a traceback (see SECURITY.md)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from contacts_app.contactsfile.canonical import canonical_text

from .conftest import SEED_RELEASE, WEB_CONTACTS

ROOT = Path(__file__).resolve().parent.parent
GENERATE = ROOT / "benchmarks" / "generate.py"

MESSY = textwrap.dedent(
    """\
    # Kontakter, handskrivna
    contacts:
      - name:   Åsa   Öberg-Lindén
        id: asa-oberg-linden
        phones: 0701234567 (mobil)
        emails: asa.oberg-linden@regionvasterbotten.se
        title: Pressansvarig
    """
)

#: Run the command line in a child that SIGKILLs itself at the moment the new file would be renamed into place.
KILL_AT_RENAME = textwrap.dedent(
    """\
    import os, signal, sys
    from contacts_app.cli import main

    def killed(src, dst):
        os.kill(os.getpid(), signal.SIGKILL)

    os.replace = killed
    sys.exit(main(sys.argv[1:]))
    """
)


def leftovers(folder: Path, keep: set[str]) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


@pytest.mark.parametrize("command", ["fmt", "import"])
def test_killed_at_the_rename_leaves_the_old_file_byte_for_byte(tmp_path, command):
    path = tmp_path / "contacts.yaml"
    path.write_text(MESSY, encoding="utf-8")
    before = path.read_bytes()
    args = ["fmt", str(path)] if command == "fmt" else ["import", str(SEED_RELEASE), "--into", str(path)]
    proc = subprocess.run([sys.executable, "-c", KILL_AT_RENAME, *args], capture_output=True, text=True, timeout=60)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert path.read_bytes() == before
    # SIGKILL gives no chance to clean up: the new text stays behind in a hidden temp file next to the file.
    # Nothing ever reads it (see SECURITY.md); the next successful write goes through a new one.
    (tmp,) = leftovers(tmp_path, {"contacts.yaml"})
    assert tmp.startswith(".contacts.yaml.") and tmp.endswith(".tmp")
    code = subprocess.run([sys.executable, "-m", "contacts_app.cli", *args], capture_output=True, timeout=60).returncode
    assert code in (0, 1) and path.read_bytes() != before
    assert leftovers(tmp_path, {"contacts.yaml", tmp}) == []


@pytest.fixture(scope="module")
def big_messy(tmp_path_factory) -> Path:
    """400 generated contacts after one messy hand-written one: `fmt` takes a second or two to rewrite it."""
    folder = tmp_path_factory.mktemp("big")
    generated = folder / "generated.yaml"
    subprocess.run([sys.executable, str(GENERATE), "400", str(generated)], check=True, timeout=300)
    text = generated.read_text(encoding="utf-8")
    path = folder / "messy.yaml"
    path.write_text(MESSY.replace("contacts:\n", "contacts:\n", 1) + text.split("contacts:\n", 1)[1], encoding="utf-8")
    return path


@pytest.mark.slow
def test_fmt_killed_at_any_moment_leaves_the_old_file_or_the_new_one(tmp_path, big_messy):
    before = big_messy.read_bytes()
    after = canonical_text(before.decode("utf-8")).encode("utf-8")
    assert after != before
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "contacts_app.cli", "fmt", "--check", str(big_messy)], capture_output=True)
    whole = time.monotonic() - started
    outcomes = set()
    for i in range(5):
        path = tmp_path / "contacts.yaml"
        shutil.copyfile(big_messy, path)
        proc = subprocess.Popen([sys.executable, "-m", "contacts_app.cli", "fmt", str(path)], stderr=subprocess.DEVNULL)
        time.sleep(whole * (0.3 + 0.25 * i))  # from mid-read to past the end of the write
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        data = path.read_bytes()
        assert data in (before, after), f"kill {i}: the file is neither the old nor the new one"
        outcomes.add(data == after)
        for leftover in leftovers(tmp_path, {"contacts.yaml"}):
            assert leftover.startswith(".contacts.yaml.") and leftover.endswith(".tmp")
            (tmp_path / leftover).unlink()
    assert False in outcomes  # at least one kill landed before the rename, so the test can fail


# -- a running server ----------------------------------------------------------------------------

TOKEN = "stängt-för-allmänheten"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, token: str | None = None):
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"} if token else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.fixture
def served(tmp_path):
    """`contacts serve` (waitress) in a child process on a free loopback port; yields (base URL, file)."""
    path = tmp_path / "contacts.yaml"
    shutil.copyfile(WEB_CONTACTS, path)
    port = free_port()
    env = {**os.environ, "CONTACTS_STATUS_TOKEN": TOKEN}
    proc = subprocess.Popen(
        [sys.executable, "-m", "contacts_app.cli", "serve", str(path), "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env, cwd=tmp_path,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            fetch(base + "/api/contacts")
            break
        except (urllib.error.URLError, ConnectionError):
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "contacts serve did not start"
            time.sleep(0.1)
    yield base, path
    proc.terminate()
    _, err = proc.communicate(timeout=10)
    assert "Traceback" not in err


def wait_for_failed_reload(base: str) -> dict:
    """/api/status once the server has noticed the change (it checks at most once a second)."""
    deadline = time.monotonic() + 15
    while True:
        status = json.loads(fetch(base + "/api/status", TOKEN)[1])
        if status["failed_reload"] or time.monotonic() > deadline:
            return status
        time.sleep(0.2)


def replace_file(path: Path, text: str) -> None:
    """Save as an editor does: a new file renamed over the old one, with a later modification time."""
    tmp = path.with_name("editor.tmp")
    tmp.write_text(text, encoding="utf-8")
    st = tmp.stat()
    os.utime(tmp, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000_000))
    os.replace(tmp, path)


@pytest.mark.slow
@pytest.mark.parametrize(
    "breakage, code",
    [
        ("contacts:\n  - id: åsa\n    name: 'unclosed\n", "yaml-syntax"),
        ("contacts:\n  - id: a\n    name: !!python/object/apply:os.system ['touch RAN']\n", "yaml-tag"),
        ("contacts:\n  - id: åsa öberg\n    name: Åsa Öberg\n", "id-invalid"),
        (None, "file-unreadable"),
    ],
    ids=["not-yaml", "python-tag", "no-valid-contact", "deleted"],
)
def test_a_running_server_keeps_the_last_good_data_and_says_why(served, breakage, code):
    base, path = served
    good = fetch(base + "/api/contacts")[1]
    assert b"\xc3\x85sa \xc3\x96berg-Lind\xc3\xa9n" in good
    if breakage is None:
        path.unlink()
    else:
        replace_file(path, breakage)
    status = wait_for_failed_reload(base)
    assert status["failed_reload"], "the server did not notice the broken file"
    assert code in [f["code"] for f in status["failed_reload"]["findings"]]
    assert fetch(base + "/api/contacts") == (200, good)
    assert fetch(base + "/people/asa-oberg-linden")[0] == 200
    assert fetch(base + "/people/asa-oberg-linden.vcf")[0] == 200
    page = fetch(base + "/_status?lang=en", TOKEN)[1].decode()
    assert "The latest version of the file is not served" in page and f"[{code}]" in page
    assert fetch(base + "/_status")[0] == 401  # the public never sees findings
    assert not (path.parent / "RAN").exists()
    replace_file(path, WEB_CONTACTS.read_text(encoding="utf-8").replace("Lorents Burman", "Lorents Burmån"))
    deadline = time.monotonic() + 15
    while "Lorents Burmån" not in fetch(base + "/api/contacts")[1].decode():
        assert time.monotonic() < deadline, "the repaired file was not taken into service"
        time.sleep(0.2)
    assert json.loads(fetch(base + "/api/status", TOKEN)[1])["failed_reload"] is None


# -- read-only files and folders -----------------------------------------------------------------
# Tests run as root, where permissions do not bite, and no unprivileged user can run the installed
# package here (/root is private); so the operating system's refusal is simulated where it would happen.


def refuse(*args, **kwargs):
    raise PermissionError(13, "Permission denied", kwargs.get("dir") or (args[0] if args else None))


@pytest.mark.parametrize("command", ["validate", "fmt", "export"])
def test_an_unreadable_file_is_a_clear_message(cli, write_yaml, monkeypatch, command):
    path = write_yaml(MESSY)
    real_open = os.open  # the contacts file is opened with os.open (contactsfile.opening)
    monkeypatch.setattr(os, "open", lambda name, *a, **k: refuse(str(name)) if str(name) == str(path) else real_open(name, *a, **k))
    code, out, err = cli(command, path)
    assert code == 2 and "Traceback" not in out + err
    assert f"{path}:1:1: error [file-unreadable] cannot read the file: Permission denied" in out + err


@pytest.mark.parametrize("command", ["fmt", "import", "export"])
def test_a_read_only_folder_is_a_clear_message_and_nothing_changes(cli, write_yaml, monkeypatch, command):
    path = write_yaml(MESSY)
    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    args = {
        "fmt": ["fmt", path],
        "import": ["import", SEED_RELEASE, "--into", path],
        "export": ["export", path, "-o", path.with_name("out.json")],
    }[command]
    code, out, err = cli(*args)
    assert code == 2 and "Traceback" not in out + err
    assert f"contacts: {path.parent}: Permission denied; nothing was changed" in err
    assert path.read_text(encoding="utf-8") == MESSY
    assert leftovers(path.parent, {path.name}) == []


def test_a_rename_refused_removes_the_temp_file(cli, write_yaml, monkeypatch):
    path = write_yaml(MESSY)
    monkeypatch.setattr(os, "replace", lambda src, dst: refuse(str(dst)))
    code, _, err = cli("fmt", path)
    assert code == 2 and err == f"contacts: {path}: Permission denied; nothing was changed\n"
    assert path.read_text(encoding="utf-8") == MESSY
    assert leftovers(path.parent, {path.name}) == []


def test_a_read_only_file_in_a_writable_folder_is_rewritten_and_stays_read_only(cli, write_yaml):
    # POSIX lets the owner of the folder replace a read-only file; fmt keeps the file's mode.
    path = write_yaml(MESSY)
    path.chmod(0o444)
    code, _, err = cli("fmt", path)
    assert code == 0 and "reformatted" in err
    assert path.stat().st_mode & 0o777 == 0o444
    assert "number: 070-123 45 67" in path.read_text(encoding="utf-8")

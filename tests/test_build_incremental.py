"""`contacts build` into an earlier build: only what changed is written, the rest keeps its bytes and mtime,
removed contacts' files go, the swap is one step, and the progress and summary say what happened."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from .conftest import generated

pytestmark = pytest.mark.slow
BASE = "https://press.example.se/kontakter/"


def tree(root: Path) -> dict[str, tuple[bytes, int, int]]:
    """Every file of the site under root (not the build's manifest): (bytes, mtime in ns, inode)."""
    found = {}
    for folder, _, names in os.walk(root):
        for name in names:
            if name == ".contacts-build" and Path(folder) == root:
                continue
            path = Path(folder, name)
            st = path.stat()
            found[path.relative_to(root).as_posix()] = (path.read_bytes(), st.st_mtime_ns, st.st_ino)
    return found


def edit(path: Path, old: str, new: str) -> None:
    """Change the file as an editor would, a minute later than it last changed (the new revision)."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    modified = path.stat().st_mtime
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.utime(path, (modified + 60, modified + 60))


def summary(err: str) -> str:
    return err.strip().splitlines()[-1]


def test_a_one_contact_edit_rewrites_only_that_persons_files_and_the_lists_that_show_them(cli, tmp_path, contacts_file):
    out = tmp_path / "site"
    code, _, err = cli("build", out, contacts_file, "--base-url", BASE)
    assert code == 0 and " 0 unchanged, 0 removed" in summary(err)
    before = tree(out)

    code, _, err = cli("build", out, contacts_file, "--base-url", BASE)
    assert code == 0 and ": 0 written (0.0 kB)" in summary(err), err
    assert tree(out) == before  # nothing rendered changed: same bytes, same mtimes, the very same files

    edit(contacts_file, "sv: Kommunalråd", "sv: Kommunstyrelsens ordförande")
    code, _, err = cli("build", out, contacts_file, "--base-url", BASE)
    assert code == 0, err
    after = tree(out)
    changed = {path for path in after if after[path] != before.get(path)}
    searched = {path for path in changed if path.startswith("pagefind/")}
    # the search index: the Swedish bundle's fragment that holds the new title, and what leads to it
    assert searched and all(path.startswith("pagefind/sv/") for path in searched)
    assert changed - searched == {
        "people/lorents-burman.html", "people/lorents-burman.vcf",  # the new title
        "en/people/lorents-burman.vcf",  # a new REV (the English title is the same)
        "api/contacts/lorents-burman.json", "api/contacts.json", "api/org/skelleftea-kommun.json",
        "index.html", "org/skelleftea-kommun/index.html",  # the pages that list the title
        "contacts.vcf", "en/contacts.vcf", "org/skelleftea-kommun/contacts.vcf", "en/org/skelleftea-kommun/contacts.vcf",
    }
    assert f"{len(changed)} written" in summary(err) and f"{len(after) - len(changed)} unchanged" in summary(err)
    assert b"Kommunstyrelsens ordf" in after["people/lorents-burman.vcf"][0]
    assert "en/people/lorents-burman.html" not in changed and "people/lorents-burman.svg" not in changed
    ids = [c["id"] for c in json.loads(after["api/contacts.json"][0])]
    for prefix in ("", "en/"):  # the bulk files are still every person's card, in the file's order
        assert after[f"{prefix}contacts.vcf"][0] == b"".join(after[f"{prefix}people/{i}.vcf"][0] for i in ids)


def test_removed_contacts_files_are_removed_and_the_vcard_rev_moves_only_with_its_record(cli, tmp_path, contacts_file):
    out = tmp_path / "site"
    assert cli("build", out, contacts_file)[0] == 0
    rev = [line for line in (out / "people" / "asa-oberg-linden.vcf").read_text().splitlines() if line.startswith("REV:")]
    text = contacts_file.read_text(encoding="utf-8")
    start = text.index("  - id: lorents-burman")
    end = text.index("  - id:", start + 1)
    contacts_file.write_text(text[:start] + text[end:], encoding="utf-8")
    listed = set(json.loads((out / ".contacts-build").read_text(encoding="utf-8"))["files"])
    code, _, err = cli("build", out, contacts_file)
    removed = listed - set(json.loads((out / ".contacts-build").read_text(encoding="utf-8"))["files"])
    # two pages, cards and QR codes, the JSON twin, and the organisation's two pages, two card files and JSON;
    # and the search index's fragments of the two pages, and the index chunks made again without them
    assert code == 0 and f", {len(removed)} removed;" in summary(err), err
    assert len({path for path in removed if not path.startswith("pagefind/")}) == 12
    assert {path.split("/")[1] for path in removed if "/fragment/" in path} == {"sv", "en"}  # a page's each
    assert not list(out.rglob("lorents-burman*")) and not (out / "org" / "skelleftea-kommun").exists()
    assert [p.name for p in (out / "people").iterdir() if "lorents" in p.name] == []
    assert rev == [line for line in (out / "people" / "asa-oberg-linden.vcf").read_text().splitlines() if line.startswith("REV:")]
    manifest = json.loads((out / ".contacts-build").read_text(encoding="utf-8"))
    assert set(manifest["files"]) == {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()} - {".contacts-build"}


def test_the_site_s_manifest_says_what_the_working_tree_holds_so_its_own_is_not_read(cli, tmp_path, contacts_file,
                                                                                      monkeypatch):
    from contacts_app.web import site_manifest

    out, spare = tmp_path / "site", tmp_path / ".site.previous"
    read: list[Path] = []
    real = site_manifest.Manifest.read.__func__
    monkeypatch.setattr(site_manifest.Manifest, "read", classmethod(lambda cls, t: read.append(t) or real(cls, t)))
    text = contacts_file.read_text(encoding="utf-8")
    start = text.index("  - id: lorents-burman")
    end = text.index("  - id:", start + 1)
    versions = [  # a title, a number, a person removed, the same again, the person back, another title
        text.replace("sv: Kommunalråd", "sv: Kommunstyrelsens ordförande", 1),
        text.replace("sv: Kommunalråd", "sv: Kommunstyrelsens ordförande", 1).replace("50 00", "50 01", 1),
        text[:start] + text[end:], text[:start] + text[end:], text,
        text.replace("sv: Kommunalråd", "sv: Ordförande", 1),
    ]
    assert len(set(versions)) == 5 and "50 00" in text
    assert cli("build", out, contacts_file)[0] == 0
    for n, version in enumerate(versions):
        told = site_manifest.Manifest.read(out).previous()
        held = real(site_manifest.Manifest, spare)
        # the build before, as the site's manifest tells it, is what the spare's own manifest lists
        assert n == 0 or {p: (e.digest, e.build) for p, e in told.files.items()} == {
            p: (e.digest, e.build) for p, e in held.files.items()}
        on_disk = {p.relative_to(spare).as_posix() for p in spare.rglob("*") if p.is_file()} - {".contacts-build"}
        assert set(held.files) == on_disk
        contacts_file.write_text(version, encoding="utf-8")
        read.clear()
        code, _, err = cli("build", out, contacts_file)
        assert code == 0, err
        assert spare not in read, n  # the site's manifest said what the working tree held
    assert set(tree(out)) == set(real(site_manifest.Manifest, out).files)
    assert "Ordförande" in (out / "people" / "lorents-burman.html").read_text(encoding="utf-8")


def test_the_swap_is_one_step_a_reader_never_finds_the_site_missing_or_half_made(cli, tmp_path, contacts_file):
    out = tmp_path / "site"
    assert cli("build", out, contacts_file)[0] == 0
    misses, seen, stop = [], set(), threading.Event()

    def read() -> None:
        while not stop.is_set():
            try:
                page = (out / "people" / "lorents-burman.html").read_bytes()
                seen.add(b"ordf" in page)
                if not page.rstrip().endswith(b"</html>"):
                    misses.append("half a page")
            except FileNotFoundError as exc:
                misses.append(str(exc))

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for n in range(6):
            edit(contacts_file, *(("sv: Kommunalråd", "sv: Kommunstyrelsens ordförande") if n % 2 == 0 else
                                  ("sv: Kommunstyrelsens ordförande", "sv: Kommunalråd")))
            assert cli("build", out, contacts_file)[0] == 0
    finally:
        stop.set()
        reader.join()
    assert misses == [] and seen == {True, False}


def test_the_site_is_readable_by_a_web_server_whatever_the_umask(cli, tmp_path):
    source = generated(tmp_path / "contacts.yaml", 12, seed=5)
    before = os.umask(0o077)  # a staff member's private umask
    try:
        assert cli("build", tmp_path / "site", source, "--jobs", "2", "--base-url", BASE)[0] == 0
    finally:
        os.umask(before)
    modes = {}
    for folder, folders, names in os.walk(tmp_path / "site"):
        for name in folders + names:
            path = Path(folder, name)
            modes[path.relative_to(tmp_path).as_posix()] = path.stat().st_mode & 0o777
    assert len(modes) > 100
    assert {p: oct(m) for p, m in modes.items() if m not in (0o644, 0o755)} == {}
    assert modes["site/people"] == 0o755 and modes["site/en/people"] == 0o755 and modes["site/index.html"] == 0o644


def test_many_processes_build_the_same_site_as_one(cli, tmp_path):
    source = generated(tmp_path / "contacts.yaml", 40, seed=5)
    assert cli("build", tmp_path / "one", source, "--jobs", "1", "--base-url", BASE)[0] == 0
    assert cli("build", tmp_path / "two", source, "--jobs", "2", "--base-url", BASE)[0] == 0
    one, two = tree(tmp_path / "one"), tree(tmp_path / "two")
    assert len(one) > 300 and {p: v[0] for p, v in one.items()} == {p: v[0] for p, v in two.items()}


def test_a_build_that_fails_half_way_leaves_the_site_as_it_was(cli, tmp_path, contacts_file, monkeypatch):
    from contacts_app.web import site_render

    out = tmp_path / "site"
    assert cli("build", out, contacts_file)[0] == 0
    before = tree(out)
    edit(contacts_file, "sv: Kommunalråd", "sv: Kommunstyrelsens ordförande")
    calls = []

    def failing(self, job):
        calls.append(job)
        if len(calls) > 3:
            raise OSError(28, "No space left on device")
        return real(self, job)

    real = site_render.Renderer.render
    monkeypatch.setattr(site_render.Renderer, "render", failing)
    code, _, err = cli("build", out, contacts_file)
    assert code == 2 and "No space left on device; nothing was changed" in err
    assert tree(out) == before
    monkeypatch.setattr(site_render.Renderer, "render", real)
    code, _, err = cli("build", out, contacts_file)
    assert code == 0 and b"ordf" in (out / "people" / "lorents-burman.html").read_bytes()


def test_progress_is_a_bar_on_a_terminal_and_lines_in_a_log(tmp_path, contacts_file):
    import fcntl
    import pty
    import struct
    import termios

    command = [sys.executable, "-m", "contacts_app.cli", "build", str(tmp_path / "log"), str(contacts_file)]
    logged = subprocess.run(command, capture_output=True, text=True)
    assert logged.returncode == 0 and "\r" not in logged.stderr
    assert logged.stderr.strip().splitlines()[-1].startswith(f"{tmp_path / 'log'}: 4 contact(s), ")

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a terminal 100 wide
    command[4] = str(tmp_path / "terminal")
    proc = subprocess.Popen(command, stdin=follower, stdout=follower, stderr=follower)
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closes when the command ends
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    assert proc.wait() == 0
    assert b"contacts build:" in shown and b"file/s" in shown and b"\r" in shown  # tqdm's bar, redrawn in place
    assert b" 0 unchanged, 0 removed; " in shown


def test_plain_progress_lines_when_the_output_is_not_a_terminal(monkeypatch):
    import io

    from contacts_app.cli import progress

    monkeypatch.setattr(progress, "PLAIN_EVERY", 0.0)
    stream = io.StringIO()
    with progress.BuildProgress(stream) as show:
        show(10, 40)
        show(40, 40)
    assert stream.getvalue() == "contacts build: 10 of 40 files (25 %)\n"

"""Reading the contacts file for a long-running server: in a child process when it is big, so the server's
memory stays the size of its data."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

from contacts_app.model.contact import Directory
from contacts_app.model.errors import SourceError
from contacts_app.model.rules import rule_finding
from contacts_app.validation.record_cache import RecordCache
from contacts_app.validation.validate import load_directory

#: A file at least this big is read and validated in a child process (see `load`).
ISOLATE_BYTES = 512 * 1024

_CHILD = (
    "import pickle, sys\n"
    "from contacts_app.web.loading import _load_parts\n"
    "parts = _load_parts(sys.argv[1], confine=sys.argv[2] == '1', records=sys.stdin.buffer.read())\n"
    "sys.stdout.buffer.write(pickle.dumps(parts, protocol=pickle.HIGHEST_PROTOCOL))\n"
)


def load(path: str | os.PathLike, *, isolate: bool | None = None, confine: bool = False,
         cache: RecordCache | None = None) -> Directory:
    """The Directory of a contacts file, as `load_directory`, for a long-running server.

    Validating a file builds a node tree some 30 times the file's size; freed, it leaves the
    process's memory fragmented, so a server that loaded 10k contacts kept about 240 MB where its data
    needs 30 MB. With `isolate` (by default when the file is ISOLATE_BYTES or more) a child process
    reads and validates the file and hands back only the result, and the server stays small.
    `confine`: no link out of the file's folder is followed (contactsfile.opening). With a `cache` the records
    that did not change since the last load are not validated again (validation.record_cache); a child gets
    it as bytes and hands it back with the result.
    """
    if isolate is None:
        try:
            isolate = os.stat(path).st_size >= ISOLATE_BYTES
        except OSError:
            isolate = False
    if not isolate:
        return load_directory(path, confine=confine, cache=cache)
    package_parent = str(Path(__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (package_parent, os.environ.get("PYTHONPATH"))))}
    child = subprocess.run(
        [sys.executable, "-c", _CHILD, os.fspath(path), "1" if confine else "0"], capture_output=True, env=env,
        input=cache.to_bytes() if cache is not None else b"",
    )
    if child.returncode != 0:
        last = (child.stderr.decode("utf-8", "replace").strip().splitlines() or ["no message"])[-1]
        raise SourceError(rule_finding(str(path), 1, 1, "file-unreadable:failed", reason=last[:300], reason_sv=last[:300]))
    kind, value, records = pickle.loads(child.stdout)  # our own child's output, never outside input
    if cache is not None and records:
        cache.adopt(records)  # kept as bytes: the server's memory stays the size of its data
    if kind == "source-error":
        raise SourceError(value)
    return Directory(*value)


def _load_parts(path: str, confine: bool = False, records: bytes = b"") -> tuple[str, tuple, bytes]:
    """In the child process of `load`: the Directory's fields, or the finding of a SourceError; and the
    record cache after the load (given as `records`, as RecordCache.to_bytes makes it)."""
    cache = RecordCache.from_bytes(records)
    try:
        d = load_directory(path, confine=confine, cache=cache)
    except SourceError as exc:
        return "source-error", exc.finding, cache.to_bytes()
    return "ok", (d.path, d.contacts, d.findings, d.version, d.loaded_at, d.held), cache.to_bytes()

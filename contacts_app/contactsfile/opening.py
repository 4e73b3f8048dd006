"""Opening a contacts file without trusting what the path points at: a regular file only, read without
blocking, never more than MAX_FILE_BYTES, and (when asked) never through a link out of its folder.

A FIFO at the path would block a plain `read_bytes` for ever; `/dev/zero` would be read until memory runs
out; a symbolic link could hand over any file the process may read. Each is refused with a finding instead.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from contacts_app.model.errors import SourceError
from contacts_app.model.rules import finding

#: The largest contacts file read: far above any real directory (200,000 entries are some 124 MB).
MAX_FILE_BYTES = 256 * 1024 * 1024


def _refuse(name: str, message: str) -> SourceError:
    """The SourceError of a file that is not read, saying why."""
    return SourceError(finding(name, 1, 1, "file-unreadable", message))


def outside_folder(path: str | os.PathLike) -> str | None:
    """Where `path` really leads when a link takes it out of its own folder, else None."""
    given = Path(os.path.abspath(path))
    real = given.resolve()
    folder = given.parent.resolve()
    return None if real.parent == folder or folder in real.parents else str(real)


def read_regular(path: str | os.PathLike, *, max_bytes: int = MAX_FILE_BYTES, confine: bool = False) -> bytes:
    """The bytes of the regular file at `path`; SourceError for anything else (a folder, a FIFO, a device, a
    file over `max_bytes`, or with `confine` a link that leads out of the file's folder)."""
    name = str(path)
    if confine and (target := outside_folder(path)) is not None:
        raise _refuse(name, f"a link to {target}, outside the file's folder: not followed; "
                            "put the file itself in the folder (or allow links: CONTACTS_FOLLOW_LINKS=1)")
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise _refuse(name, "no such file; check the path") from None
    except IsADirectoryError:
        raise _refuse(name, "this is a folder; name the contacts file") from None
    except OSError as exc:
        raise _refuse(name, f"cannot read the file: {exc.strerror}") from None
    with os.fdopen(fd, "rb", buffering=0) as file:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise _refuse(name, "this is a folder; name the contacts file")
        if not stat.S_ISREG(info.st_mode):
            raise _refuse(name, "not a regular file (a pipe, socket or device); name the contacts file itself")
        if info.st_size > max_bytes:
            raise _refuse(name, f"the file is {info.st_size:,} bytes, more than the {max_bytes:,} a contacts file may be")
        try:
            data = file.read(max_bytes + 1)  # a file that grows while read still stops at the cap
        except OSError as exc:
            raise _refuse(name, f"cannot read the file: {exc.strerror}") from None
    if len(data) > max_bytes:
        raise _refuse(name, f"the file is more than the {max_bytes:,} bytes a contacts file may be")
    return data

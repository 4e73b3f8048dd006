"""Opening a contacts file without trusting what the path points at: a regular file only, read without
blocking, never more than MAX_FILE_BYTES, and (when asked) never through a link out of its folder.

A FIFO at the path would block a plain `read_bytes` for ever; `/dev/zero` would be read until memory runs
out; a symbolic link could hand over any file the process may read. Each is refused with a finding instead.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from contacts_app.model.errors import SourceError
from contacts_app.model.rules import rule_finding

#: The largest contacts file read: far above any real directory (200,000 entries are some 124 MB).
MAX_FILE_BYTES = 256 * 1024 * 1024


#: The reasons the system gives most, in Swedish (others are shown as the system words them).
_REASONS_SV = {errno.EACCES: "åtkomst nekad", errno.EPERM: "åtgärden är inte tillåten", errno.EIO: "in- eller utmatningsfel",
               errno.ELOOP: "för många länkar i rad", errno.ENAMETOOLONG: "namnet är för långt"}


def _refuse(name: str, key: str, **args) -> SourceError:
    """The SourceError of a file that is not read, saying why (entry `key` of the messages catalogue)."""
    return SourceError(rule_finding(name, 1, 1, key, **args))


def os_reason(exc: OSError) -> dict[str, str]:
    """The system's reason for a failed read, in English and (where known) Swedish."""
    reason = exc.strerror or str(exc)
    return {"reason": reason, "reason_sv": _REASONS_SV.get(exc.errno, reason)}


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
        raise _refuse(name, "file-unreadable:link", target=target)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise _refuse(name, "file-unreadable:missing") from None
    except IsADirectoryError:
        raise _refuse(name, "file-unreadable:folder") from None
    except OSError as exc:
        raise _refuse(name, "file-unreadable:os", **os_reason(exc)) from None
    with os.fdopen(fd, "rb", buffering=0) as file:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise _refuse(name, "file-unreadable:folder")
        if not stat.S_ISREG(info.st_mode):
            raise _refuse(name, "file-unreadable:special")
        if info.st_size > max_bytes:
            raise _refuse(name, "file-unreadable:too-big", size=info.st_size, limit=max_bytes)
        try:
            data = file.read(max_bytes + 1)  # a file that grows while read still stops at the cap
        except OSError as exc:
            raise _refuse(name, "file-unreadable:os", **os_reason(exc)) from None
    if len(data) > max_bytes:
        raise _refuse(name, "file-unreadable:grew", limit=max_bytes)
    return data

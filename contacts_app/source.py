"""Reading a contacts file with positions kept, and writing a user's file atomically."""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from .findings import Finding, Severity

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml missing: correct, only slower
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


class SourceError(Exception):
    """The file cannot be read as YAML at all; carries the finding that says where and why."""

    def __init__(self, finding: Finding):
        super().__init__(finding.message)
        self.finding = finding


@dataclass(frozen=True)
class Document:
    """A composed YAML file: its text, the root node (None when empty) and a hash of its bytes."""

    path: str
    text: str
    root: yaml.Node | None
    version: str


def read_text(path: str | os.PathLike) -> tuple[str, str]:
    """The file's text as UTF-8 (a BOM dropped) and a hash of its bytes; SourceError if unreadable."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise SourceError(_error(name, 1, 1, "file-unreadable", "no such file; check the path")) from None
    except IsADirectoryError:
        raise SourceError(_error(name, 1, 1, "file-unreadable", "this is a folder; name the contacts file")) from None
    except OSError as exc:
        raise SourceError(_error(name, 1, 1, "file-unreadable", f"cannot read the file: {exc.strerror}")) from None
    version = hashlib.sha256(data).hexdigest()[:16]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise SourceError(
            _error(
                name,
                line,
                col,
                "not-utf8",
                f"byte 0x{data[exc.start]:02x} is not UTF-8; save the file as UTF-8 "
                "(in most editors: Save As, encoding UTF-8)",
            )
        ) from None
    return text.removeprefix("\ufeff"), version


def compose(text: str, name: str) -> yaml.Node | None:
    """The YAML node tree of a text (no Python objects are built, no tags run); SourceError on bad syntax."""
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or "invalid YAML"
        context = f" ({exc.context})" if exc.context else ""
        raise SourceError(
            _error(
                name,
                mark.line + 1 if mark else 1,
                mark.column + 1 if mark else 1,
                "yaml-syntax",
                f"{problem}{context}; check the indentation and quoting around here",
            )
        ) from None
    except yaml.YAMLError as exc:
        raise SourceError(_error(name, 1, 1, "yaml-syntax", f"not YAML: {exc}")) from None


def read_document(path: str | os.PathLike) -> Document:
    """Read and compose a contacts file, keeping every value's position."""
    text, version = read_text(path)
    return Document(str(path), text, compose(text, str(path)), version)


def write_atomic(path: str | os.PathLike, text: str) -> None:
    """Replace a file's contents all at once: a temporary file in the same folder, fsync, rename.

    An interrupted write leaves the old file as it was. The file's permissions are kept.
    """
    target = Path(path)
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_folder(target.parent)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable, where the platform allows it."""
    try:
        fd = os.open(folder or ".", os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _error(path: str, line: int, col: int, code: str, message: str) -> Finding:
    """An error finding."""
    return Finding(path, line, col, Severity.ERROR, code, message)

"""Reading a contacts file with positions kept, and writing a user's file atomically."""

from __future__ import annotations

import gc
import hashlib
import os
import tempfile
from contextlib import contextmanager
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


#: Deeper than any contacts file needs; PyYAML's C composer recurses and would crash the process far deeper.
MAX_DEPTH = 12


@dataclass(frozen=True)
class Document:
    """A composed YAML file: its text, the root node (None when empty or refused), a hash of its bytes.

    `problem` is the finding that made the file's nodes unsafe to build: an alias, or nesting too deep.
    """

    path: str
    text: str
    root: yaml.Node | None
    version: str
    problem: Finding | None = None


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


@contextmanager
def collector_paused():
    """Pause the cyclic garbage collector: building a large node tree otherwise triggers it again and again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


_OPENING = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSING = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
#: Explicit tags a person may write: none, or !!str to keep a value as text. Others (!!python/...) are refused.
_PLAIN_TAGS = frozenset({None, "!", "tag:yaml.org,2002:str"})


def screen(text: str, name: str) -> Finding | None:
    """An error finding for an alias or too-deep nesting, found from the event stream before any node is built.

    Aliases are refused (a "billion laughs" file would otherwise expand), so is nesting beyond
    MAX_DEPTH (the C composer would run out of stack), and so are explicit tags other than !!str
    (nothing here would run a !!python tag, but it has no place in the file). SourceError on bad syntax.
    """
    depth = 0
    with _syntax_errors(name):
        for event in yaml.parse(text, Loader=_Loader):
            kind = type(event)
            if kind in _OPENING:
                depth += 1
                if depth > MAX_DEPTH:
                    return _error(
                        name, event.start_mark.line + 1, event.start_mark.column + 1, "yaml-too-deep",
                        f"values are nested more than {MAX_DEPTH} levels deep; no contacts file needs that",
                    )
            elif kind in _CLOSING:
                depth -= 1
            if getattr(event, "tag", None) not in _PLAIN_TAGS:
                return _error(
                    name, event.start_mark.line + 1, event.start_mark.column + 1, "yaml-tag",
                    f"the tag {event.tag} is not allowed in a contacts file; remove it and write plain text",
                )
            if kind is yaml.AliasEvent:
                return _error(
                    name, event.start_mark.line + 1, event.start_mark.column + 1, "yaml-alias",
                    "aliases (*name) are not allowed here; write the value out in full",
                )
    return None


def compose(text: str, name: str) -> yaml.Node | None:
    """The YAML node tree of a text (no Python objects are built, no tags run); SourceError on bad syntax."""
    with _syntax_errors(name), collector_paused():
        return yaml.compose(text, Loader=_Loader)


@contextmanager
def _syntax_errors(name: str):
    """Turn PyYAML's syntax errors into a SourceError with the position of the problem."""
    try:
        yield
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


def parse_document(text: str, name: str, version: str) -> Document:
    """Screen and compose a contacts file's text, keeping every value's position."""
    problem = screen(text, name)
    if problem:
        return Document(name, text, None, version, problem)
    return Document(name, text, compose(text, name), version)


def read_document(path: str | os.PathLike) -> Document:
    """Read, screen and compose a contacts file."""
    text, version = read_text(path)
    return parse_document(text, str(path), version)


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

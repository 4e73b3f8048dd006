"""Reading a contacts file with positions kept: its text, and its YAML events turned into light nodes."""

from __future__ import annotations

import gc
import hashlib
import itertools
import os
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import yaml

from contacts_app.model.errors import SourceError
from contacts_app.model.finding import Finding, Severity

try:
    from yaml import CSafeLoader as _Loader

    _C_LOADER = True
except ImportError:  # pragma: no cover - libyaml missing: correct, only slower
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

    _C_LOADER = False


#: Deeper than any contacts file needs; refused before any node that deep is built.
MAX_DEPTH = 12
#: The list whose items are handed over one at a time while the file is read.
STREAMED_KEY = "contacts"


@dataclass(frozen=True)
class Document:
    """A contacts file's text, its name for findings, and a hash of its bytes (the data's version)."""

    path: str
    text: str
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
    """The finding that makes a text unsafe to hand to another YAML library (an alias, a tag, too-deep
    nesting), from the same event pass validation uses; the nodes it builds are dropped. SourceError on
    bad syntax."""
    return walk(text, name, lambda node: None)[1]


class _Mark:
    """A node's 0-based line and column: all of PyYAML's Mark that validation uses, at a fraction of its size."""

    __slots__ = ("line", "column")

    def __init__(self, mark: yaml.Mark):
        self.line = mark.line
        self.column = mark.column


_NULL_TAG, _STR_TAG = "tag:yaml.org,2002:null", "tag:yaml.org,2002:str"
_MAP_TAG, _SEQ_TAG = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_NULL_VALUES = frozenset({"", "~", "null", "Null", "NULL"})


def walk(text: str, name: str, on_item: Callable[[yaml.Node], None]) -> tuple[yaml.Node | None, Finding | None]:
    """Build the text's nodes from PyYAML's event stream, handing each item of the top-level
    `contacts:` list to on_item as soon as it is complete instead of keeping it.

    Memory stays at one contact's nodes however long the file. Returns the root node (its contacts
    list left empty) and the finding that stopped the reading, if any: an alias (refused, so a
    "billion laughs" file cannot expand), an explicit tag other than !!str (nothing would run a
    !!python tag, but it has no place here), or nesting deeper than MAX_DEPTH. Every scalar is
    text; only the null tag is resolved. SourceError on bad syntax.
    """
    stack: list[list] = []  # [node, pending mapping key]
    streamed: yaml.SequenceNode | None = None
    root: yaml.Node | None = None
    documents = 0

    def attach(node: yaml.Node) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        top = stack[-1]
        if isinstance(top[0], yaml.MappingNode):
            if top[1] is None:
                top[1] = node
            else:
                top[0].value.append((top[1], node))
                top[1] = None
        elif top[0] is streamed and isinstance(node, yaml.ScalarNode):
            on_item(node)
        else:
            top[0].value.append(node)

    with _syntax_errors(name, text):
        for event in _events(text):
            kind = type(event)
            if getattr(event, "tag", None) not in _PLAIN_TAGS:
                return root, _refusal(name, event, "yaml-tag", f"the tag {event.tag} is not allowed in a contacts file; remove it and write plain text")
            if kind is yaml.ScalarEvent:
                plain_null = event.implicit[0] and event.value in _NULL_VALUES and event.tag is None
                attach(yaml.ScalarNode(_NULL_TAG if plain_null else _STR_TAG, event.value, _Mark(event.start_mark), None, event.style))
            elif kind in _OPENING:
                if len(stack) >= MAX_DEPTH:
                    return root, _refusal(name, event, "yaml-too-deep", f"values are nested more than {MAX_DEPTH} levels deep; no contacts file needs that")
                is_map = kind is yaml.MappingStartEvent
                node = (yaml.MappingNode if is_map else yaml.SequenceNode)(
                    _MAP_TAG if is_map else _SEQ_TAG, [], _Mark(event.start_mark), None, event.flow_style
                )
                if (
                    not is_map and streamed is None and len(stack) == 1
                    and isinstance(stack[0][0], yaml.MappingNode)
                    and isinstance(stack[0][1], yaml.ScalarNode) and stack[0][1].value == STREAMED_KEY
                ):
                    streamed = node
                attach(node)
                stack.append([node, None])
            elif kind in _CLOSING:
                node = stack.pop()[0]
                if stack and stack[-1][0] is streamed:
                    streamed.value.pop()
                    on_item(node)
            elif kind is yaml.AliasEvent:
                return root, _refusal(name, event, "yaml-alias", "aliases (*name) are not allowed here; write the value out in full")
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise SourceError(_refusal(
                        name, event, "yaml-syntax",
                        "a second YAML document starts here (---); a contacts file is a single document, so remove the line",
                    ))
    return root, None


def _events(text: str) -> Iterator[yaml.Event]:
    """The text's YAML events, from libyaml when it is there.

    libyaml in PyYAML 6.0.4 and later stops at 1,000 levels of nesting, and since a flow collection
    is scanned ahead for a possible key it can stop there before the 13th level's event is out. The
    pure-Python parser has no such limit and gives the same events: it takes over from the event where
    libyaml stopped, so the nesting is refused by MAX_DEPTH at its own level, whichever PyYAML runs.
    """
    given = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            given += 1
            yield event
    except yaml.scanner.ScannerError as exc:
        if _Loader is yaml.SafeLoader or "maximum nesting depth" not in str(exc.problem):
            raise
    else:
        return
    yield from itertools.islice(yaml.parse(text, Loader=yaml.SafeLoader), given, None)


def _refusal(name: str, event: yaml.Event, code: str, message: str) -> Finding:
    """The error finding at an event that stops the reading."""
    return _error(name, event.start_mark.line + 1, event.start_mark.column + 1, code, message)


@contextmanager
def _syntax_errors(name: str, text: str = ""):
    """Turn PyYAML's syntax errors into a SourceError with the position of the problem."""
    try:
        yield
    except yaml.reader.ReaderError as exc:
        line, col = _position(text, exc.position)
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        raise SourceError(
            _error(
                name, line, col, "yaml-syntax",
                f"the character U+{ord(char):04X} is not allowed in YAML ({exc.reason}); remove it",
            )
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or "invalid YAML"
        context = f" ({exc.context})" if exc.context else ""
        hint = "check the indentation and quoting around here"
        if mark and _char_at(text, mark.line, mark.column) == "\t":
            hint = "a tab: YAML indents with spaces only, so replace the tab with spaces"
        raise SourceError(
            _error(
                name,
                mark.line + 1 if mark else 1,
                mark.column + 1 if mark else 1,
                "yaml-syntax",
                f"{problem}{context}; {hint}",
            )
        ) from None
    except yaml.YAMLError as exc:
        first = str(exc).splitlines()[0] if str(exc) else "invalid YAML"
        raise SourceError(_error(name, 1, 1, "yaml-syntax", f"not YAML: {first}")) from None


def _position(text: str, position: int) -> tuple[int, int]:
    """1-based (line, column) of a reader error's position: a UTF-8 byte offset (C loader) or a character offset."""
    prefix = text.encode("utf-8")[:position].decode("utf-8", "ignore") if _C_LOADER else text[:position]
    return prefix.count("\n") + 1, len(prefix) - (prefix.rfind("\n") + 1) + 1


def _char_at(text: str, line: int, column: int) -> str:
    """The character at a 0-based line and column of the text, or ''."""
    lines = text.splitlines()
    return lines[line][column : column + 1] if 0 <= line < len(lines) else ""


def parse_document(text: str, name: str, version: str) -> Document:
    """A document of text already in hand (validation reads its nodes with walk)."""
    return Document(name, text, version)


def read_document(path: str | os.PathLike) -> Document:
    """Read a contacts file as a Document."""
    text, version = read_text(path)
    return parse_document(text, str(path), version)


def _error(path: str, line: int, col: int, code: str, message: str) -> Finding:
    """An error finding."""
    return Finding(path, line, col, Severity.ERROR, code, message)

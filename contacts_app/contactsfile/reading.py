"""Reading a contacts file with positions kept: its text, and its YAML events turned into light nodes."""

from __future__ import annotations

import gc
import hashlib
import itertools
import os
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

import yaml

from contacts_app.contactsfile.opening import read_regular
from contacts_app.contactsfile.syntax import LOADER, syntax_finding
from contacts_app.model.errors import SourceError
from contacts_app.model.finding import Finding
from contacts_app.model.rules import rule_finding

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


def read_text(path: str | os.PathLike, *, confine: bool = False) -> tuple[str, str]:
    """The file's text as UTF-8 (a BOM dropped) and a hash of its bytes; SourceError if unreadable (see
    opening.read_regular: a regular file only; with `confine`, no link out of its folder)."""
    name = str(path)
    data = read_regular(path, confine=confine)
    version = hashlib.sha256(data).hexdigest()[:16]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise SourceError(rule_finding(name, line, col, "not-utf8", byte=data[exc.start])) from None
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
    nodes = ContactNodes(text, name)
    for _ in nodes:
        pass  # each contact's nodes go as soon as they are read: only the refusal matters here
    return nodes.refusal


class _Mark:
    """A node's 0-based line and column: all of PyYAML's Mark that validation uses, at a fraction of its size."""

    __slots__ = ("line", "column")

    def __init__(self, mark: yaml.Mark):
        self.line = mark.line
        self.column = mark.column


_NULL_TAG, _STR_TAG = "tag:yaml.org,2002:null", "tag:yaml.org,2002:str"
_MAP_TAG, _SEQ_TAG = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_NULL_VALUES = frozenset({"", "~", "null", "Null", "NULL"})


class ContactNodes:
    """A text's nodes, built from PyYAML's event stream: iterating (once) yields each item of the top-level
    `contacts:` list as soon as it is complete, and keeps none of them.

    Memory stays at one contact's nodes however long the file. Once the iteration is over, `root` is the
    root node (its contacts list left empty) and `refusal` the finding that stopped the reading, if any:
    an alias (refused, so a "billion laughs" file cannot expand), an explicit tag other than !!str
    (nothing would run a !!python tag, but it has no place here), or nesting deeper than MAX_DEPTH.
    Every scalar is text; only the null tag is resolved. Iterating raises SourceError on bad syntax.
    With `lazy`, a contact that is a mapping or a list is yielded as a Pending (its events and its span of
    the text), and one that is a single value keeps PyYAML's marks of its start and end (their `index`
    gives its span): a record cache can find what it knows without the nodes being built.
    """

    def __init__(self, text: str, name: str, *, lazy: bool = False):
        self.text = text
        self.name = name
        self.lazy = lazy  # yield a contact written as a mapping or list as a Pending: its events, not yet nodes
        self.root: yaml.Node | None = None
        self.refusal: Finding | None = None
        self._nodes = self._read()

    def __iter__(self) -> Iterator[yaml.Node]:
        """The contacts' nodes, one at a time (the same generator each time: the text is read once)."""
        return self._nodes

    def _read(self) -> Iterator[yaml.Node]:
        """Build nodes event by event, yielding the contacts list's items instead of attaching them."""
        stack: list[list] = []  # [node, pending mapping key]
        streamed: yaml.SequenceNode | None = None
        documents = 0
        with _syntax_errors(self.name, self.text):
            events = _events(self.text)
            for event in events:
                kind = type(event)
                if getattr(event, "tag", None) not in _PLAIN_TAGS:
                    self.refusal = self._refuse(event, "yaml-tag", tag=event.tag)
                    return
                if kind is yaml.ScalarEvent:
                    item = bool(stack) and stack[-1][0] is streamed
                    node = _scalar(event, event.start_mark, event.end_mark) if item else _scalar(event, _Mark(event.start_mark))
                    if not stack:
                        self.root = node
                    elif item:
                        yield node
                    else:
                        _attach(stack[-1], node)
                elif kind in _OPENING:
                    if len(stack) >= MAX_DEPTH:
                        self.refusal = self._refuse(event, "yaml-too-deep", depth=MAX_DEPTH)
                        return
                    is_map = kind is yaml.MappingStartEvent
                    if self.lazy and stack and stack[-1][0] is streamed:
                        pending = self._pending(event, events, len(stack))
                        if pending is None:
                            return
                        yield pending
                        continue
                    node = _collection(event, _Mark(event.start_mark))
                    if not stack:
                        self.root = node
                    elif stack[-1][0] is not streamed:  # a contact is yielded when it closes, never attached
                        if (
                            not is_map and streamed is None and len(stack) == 1
                            and isinstance(stack[0][0], yaml.MappingNode)
                            and isinstance(stack[0][1], yaml.ScalarNode) and stack[0][1].value == STREAMED_KEY
                        ):
                            streamed = node
                        _attach(stack[-1], node)
                    stack.append([node, None])
                elif kind in _CLOSING:
                    node = stack.pop()[0]
                    if stack and stack[-1][0] is streamed:
                        yield node
                elif kind is yaml.AliasEvent:
                    self.refusal = self._refuse(event, "yaml-alias")
                    return
                elif kind is yaml.DocumentStartEvent:
                    documents += 1
                    if documents > 1:
                        raise SourceError(self._refuse(event, "yaml-syntax:documents"))

    def _pending(self, first: yaml.Event, events: Iterator[yaml.Event], depth: int) -> Pending | None:
        """The events of one contact, from its opening `first` to its close, refused as _read refuses them
        (None, and `refusal` set, when one is)."""
        buffered, flows, end = [first], [first.flow_style], first.end_mark
        for event in events:
            kind = type(event)
            if getattr(event, "tag", None) not in _PLAIN_TAGS:
                self.refusal = self._refuse(event, "yaml-tag", tag=event.tag)
                return None
            if kind in _OPENING:
                if depth + len(flows) >= MAX_DEPTH:
                    self.refusal = self._refuse(event, "yaml-too-deep", depth=MAX_DEPTH)
                    return None
                flows.append(event.flow_style)
            elif kind in _CLOSING:
                if flows.pop():  # a block collection ends at the next token, after any comment: not its text
                    end = event.end_mark
            elif kind is yaml.AliasEvent:
                self.refusal = self._refuse(event, "yaml-alias")
                return None
            else:
                end = event.end_mark
            buffered.append(event)
            if not flows:
                return Pending(buffered, end)
        return None  # the text ended inside the contact: the parser has raised its syntax error

    def _refuse(self, event: yaml.Event, key: str, **args) -> Finding:
        """The error finding (catalogue entry `key`) at an event that stops the reading."""
        return rule_finding(self.name, event.start_mark.line + 1, event.start_mark.column + 1, key, **args)


class Pending:
    """A contact read as events, not yet as nodes: its span of the text is known (`start_mark`, `end_mark`),
    and its nodes are built only when asked for (a record whose text is unchanged may never need them)."""

    __slots__ = ("end_mark", "events", "start_mark")

    def __init__(self, events: list[yaml.Event], end: yaml.Mark):
        self.events = events
        self.start_mark, self.end_mark = events[0].start_mark, end  # the end of its last value

    def node(self) -> yaml.Node:
        """The contact's node, as ContactNodes yields it when not lazy."""
        stack: list[list] = []
        for event in self.events:
            kind, mark = type(event), (_Mark(event.start_mark) if stack else event.start_mark)
            if kind is yaml.ScalarEvent:
                _attach(stack[-1], _scalar(event, mark))
            elif kind in _OPENING:
                node = _collection(event, mark)
                if stack:
                    _attach(stack[-1], node)
                stack.append([node, None])
            elif kind in _CLOSING:
                node = stack.pop()[0]
        node.end_mark = self.end_mark
        return node


def _scalar(event: yaml.ScalarEvent, start, end=None) -> yaml.ScalarNode:
    """A scalar's node: its text, or null for a plain null (`~`, `null`, nothing)."""
    plain_null = event.implicit[0] and event.value in _NULL_VALUES and event.tag is None
    return yaml.ScalarNode(_NULL_TAG if plain_null else _STR_TAG, event.value, start, end, event.style)


def _collection(event: yaml.Event, start) -> yaml.Node:
    """An empty mapping's or list's node, for the event that opens it."""
    if type(event) is yaml.MappingStartEvent:
        return yaml.MappingNode(_MAP_TAG, [], start, None, event.flow_style)
    return yaml.SequenceNode(_SEQ_TAG, [], start, None, event.flow_style)


def _attach(top: list, node: yaml.Node) -> None:
    """Put a finished node into the collection open at the top of the stack: a mapping's key or value, a list's item."""
    if isinstance(top[0], yaml.MappingNode):
        if top[1] is None:
            top[1] = node
        else:
            top[0].value.append((top[1], node))
            top[1] = None
    else:
        top[0].value.append(node)


def _events(text: str) -> Iterator[yaml.Event]:
    """The text's YAML events, from libyaml when it is there.

    libyaml in PyYAML 6.0.4 and later stops at 1,000 levels of nesting, and since a flow collection
    is scanned ahead for a possible key it can stop there before the 13th level's event is out. The
    pure-Python parser has no such limit and gives the same events: it takes over from the event where
    libyaml stopped, so the nesting is refused by MAX_DEPTH at its own level, whichever PyYAML runs.
    """
    given = 0
    try:
        for event in yaml.parse(text, Loader=LOADER):
            given += 1
            yield event
    except yaml.scanner.ScannerError as exc:
        if LOADER is yaml.SafeLoader or "maximum nesting depth" not in str(exc.problem):
            raise
    else:
        return
    yield from itertools.islice(yaml.parse(text, Loader=yaml.SafeLoader), given, None)


@contextmanager
def _syntax_errors(name: str, text: str):
    """Turn PyYAML's syntax errors into a SourceError with the position of the problem."""
    try:
        yield
    except yaml.YAMLError as exc:
        raise SourceError(syntax_finding(exc, name, text)) from None


def parse_document(text: str, name: str, version: str) -> Document:
    """A document of text already in hand (validation reads its nodes with ContactNodes)."""
    return Document(name, text, version)


def read_document(path: str | os.PathLike, *, confine: bool = False) -> Document:
    """Read a contacts file as a Document (`confine`: see read_text)."""
    text, version = read_text(path, confine=confine)
    return parse_document(text, str(path), version)

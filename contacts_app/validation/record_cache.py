"""What the rules of one record found, remembered by the record's text: a file in which a few records changed
is validated again by running the per-record rules (fields.read_contact) only on those.

A record's key is a digest of all its outcome depends on:
- its text: the source of its node (from its first character to the end of its last value) and the start
  of its first line up to it (the indentation and `- `), so the same text at another column is another record;
- the file's name (findings carry it; a photo is looked for beside the file);
- the program: its version, the source of the rooms read_contact runs (validation, normalise, model,
  contactsfile) and the versions of the libraries that judge values (phonenumbers, email-validator,
  Babel, PyYAML);
- the options: today and stale_after (a `verified:` day's age), and the photos folder as it stands
  (the names, sizes and modification times of its files: a photo's checks and its suggested names).
With check_dns nothing is remembered: a domain's mail servers can change between two runs.

An outcome does not depend on the line the record starts at: its findings, line and kept nodes are
stored as they were and shifted by the lines the record moved. Messages that name a line (LINE_ARGS)
are said again with the shifted line; an outcome with another number among its findings' values is
not remembered, so no message can keep an old line.
"""

from __future__ import annotations

import hashlib
import marshal
import os
from dataclasses import replace
from datetime import date
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import yaml

from contacts_app.contactsfile.reading import Pending, collector_paused
from contacts_app.contactsfile.writing import write_atomic
from contacts_app.model.finding import Finding
from contacts_app.model.rule_messages import render
from contacts_app.validation import record_codec
from contacts_app.validation.fields import Draft, read_contact
from contacts_app.validation.photos import photos_folder
from contacts_app.validation.record_spans import Mismatch, Reduced, reduced

#: The values of findings that are lines of the file (shifted with the record).
LINE_ARGS = frozenset({"line", "first"})
#: The rooms whose source read_contact runs.
_ROOMS = ("validation", "normalise", "model", "contactsfile")
_LIBRARIES = ("phonenumbers", "email-validator", "babel", "PyYAML")
#: The first bytes of a cache file; another format (or another program's file) is ignored.
_MAGIC = b"contacts-record-cache 2\n"


class _Spot:
    """A position a later rule points at (a kept node's start), shifted to the record's new place."""

    __slots__ = ("column", "line")

    def __init__(self, line: int, column: int):
        self.line, self.column = line, column

    @property
    def start_mark(self) -> _Spot:
        """The node's start, as a yaml.Node has it."""
        return self


class RecordCache:
    """The outcomes of read_contact by record key, kept from one validation to the next (only those the last
    complete validation used, so it never grows beyond the file)."""

    def __init__(self, entries: dict | None = None):
        self._entries: dict[bytes, tuple] | None = entries or {}
        self._bytes: bytes | None = None  # the entries as to_bytes writes them, until they are needed
        self.hits = self.misses = 0  # of the last validation

    @property
    def entries(self) -> dict[bytes, tuple]:
        """Record key → outcome (read from the bytes the cache was made of the first time they are needed)."""
        if self._entries is None:
            self._entries, self._bytes = _entries_of(self._bytes or b""), None
        return self._entries

    @entries.setter
    def entries(self, entries: dict[bytes, tuple]) -> None:
        self._entries, self._bytes = entries, None

    def reader(self, path: str, text: str, check_dns: bool, today: date, stale_after: int) -> Reader:
        """The read_contact of one validation of `text`, answered from the cache where it can be."""
        return Reader(self, path, text, check_dns, today, stale_after)

    @classmethod
    def from_bytes(cls, data: bytes) -> RecordCache:
        """The cache `to_bytes` made (read when first used: a server holding it for a child keeps only bytes);
        an empty one for bytes of another format, or damaged ones."""
        cache = cls()
        cache.adopt(data)
        return cache

    def adopt(self, data: bytes) -> None:
        """Become the cache of bytes `to_bytes` made (the entries are read when first needed)."""
        self._entries, self._bytes = None, data

    def to_bytes(self) -> bytes:
        """The entries as bytes: a header, a digest of the rest, the entries as marshal writes them."""
        if self._entries is None:
            return self._bytes or b""
        payload = marshal.dumps(self._entries)
        return _MAGIC + hashlib.blake2b(payload, digest_size=32).digest() + payload

    @classmethod
    def read(cls, file: str | os.PathLike) -> RecordCache:
        """The cache written to `file` by `write`; an empty one when it is missing, damaged or of another format."""
        try:
            return cls.from_bytes(Path(file).read_bytes())
        except OSError:
            return cls()

    def write(self, file: str | os.PathLike) -> None:
        """Keep the cache in `file`, replaced all at once."""
        write_atomic(file, self.to_bytes())


def _entries_of(data: bytes) -> dict[bytes, tuple]:
    """The entries of bytes `to_bytes` made; none for any other bytes."""
    head, digest, payload = data[:len(_MAGIC)], data[len(_MAGIC):len(_MAGIC) + 32], data[len(_MAGIC) + 32:]
    # marshal is not meant for data from elsewhere: only bytes that carry this program's digest of them are read
    if head != _MAGIC or hashlib.blake2b(payload, digest_size=32).digest() != digest:
        return {}
    try:
        with collector_paused():  # a hundred thousand tuples: collections would walk them again and again
            entries = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return {}
    return entries if isinstance(entries, dict) else {}


class Reader:
    """read_contact for one validation: a remembered outcome where the record's key has one, else the rules
    run (and their outcome remembered); `finish` keeps only the outcomes this validation used."""

    def __init__(self, cache: RecordCache, path: str, text: str, check_dns: bool, today: date, stale_after: int):
        self.cache, self.path, self.text = cache, path, text
        self.check_dns, self.today, self.stale_after = check_dns, today, stale_after
        self.context = _context(path, today, stale_after)
        self.used: dict[bytes, tuple] = {}
        self.reduced: Reduced | None = None
        cache.hits = cache.misses = 0

    def reduce(self) -> str:
        """The text to parse: the file's, each record with an outcome stood in for (record_spans.py), so the
        parser need not read it; `__call__` and `finish` raise Mismatch when it was not cut as the parser cuts."""
        entries = self.cache.entries
        if not self.check_dns:
            self.reduced = reduced(self.text, lambda span: key if (key := self._digest(span)) in entries else None)
        return self.text if self.reduced is None else self.reduced.text

    def __call__(self, node: yaml.Node | Pending) -> Draft:
        """The draft of one record of the contacts list (its nodes built only when its rules must run)."""
        stood_in = self.reduced.stand_in(node) if self.reduced is not None else None
        if stood_in is not None:
            entry = self.cache.entries[stood_in]
            try:
                draft = _replay(self.path, entry, node.start_mark.line + 1)
            except (TypeError, ValueError, KeyError, AttributeError, IndexError, record_codec.Unknown):
                raise Mismatch("a stood-in record's outcome cannot be read") from None
            self.cache.hits += 1
            self.used[stood_in] = entry
            return draft
        key = None if self.check_dns else self._key(node)
        if key is None:
            return self._read(node)
        entry = self.cache.entries.get(key)
        if entry is not None:
            try:
                draft = _replay(self.path, entry, node.start_mark.line + 1)
            except (TypeError, ValueError, KeyError, AttributeError, IndexError, record_codec.Unknown):
                draft = None  # an entry this version cannot read: the record is read afresh
            if draft is not None:
                self.cache.hits += 1
                self.used[key] = entry
                return draft
        self.cache.misses += 1
        draft = self._read(node)
        entry = _outcome(draft)
        if entry is not None:
            self.used[key] = entry
        return draft

    def _read(self, node: yaml.Node | Pending) -> Draft:
        """The per-record rules, run."""
        node = node.node() if isinstance(node, Pending) else node
        return read_contact(self.path, node, self.check_dns, self.today, self.stale_after)

    def finish(self) -> None:
        """The validation is complete: the cache keeps the outcomes it used, and no others."""
        if self.reduced is not None:
            self.reduced.check()
        self.cache.entries = self.used

    def _key(self, node: yaml.Node) -> bytes | None:
        """The record's key, or None for a node without its span (a contacts value that was not a list)."""
        start, end = getattr(node.start_mark, "index", None), getattr(node.end_mark, "index", None)
        if start is None or end is None:
            return None
        if self.reduced is not None:
            start, end = self.reduced.original(start), self.reduced.original(end)
        line_start = self.text.rfind("\n", 0, start) + 1
        # from the start of its first line: the indentation (its column) and `- ` are part of the key
        return self._digest(self.text[line_start:end])

    def _digest(self, text: str) -> bytes:
        """The key of a record's text."""
        digest = hashlib.blake2b(self.context, digest_size=20)
        digest.update(text.encode("utf-8", "surrogatepass"))
        return digest.digest()


def _outcome(draft: Draft) -> tuple | None:
    """A draft as it left read_contact, in plain values to remember; None when a finding has a number that is
    not a line, or a value is of a kind the codec does not know."""
    for finding in draft.findings:
        if finding.line < draft.line or any(isinstance(v, int) and name not in LINE_ARGS for name, v in finding.args):
            return None  # a finding before the record (at the file's start) would not move with it
    try:
        return (
            draft.line,
            record_codec.flat(draft.values),
            record_codec.flat(tuple(draft.findings)),
            {key: _at(node) for key, node in draft.nodes.items()},
            {code: (reason, _at(node)) for code, (reason, node) in draft.acks.items()},
            tuple(_at(node) for node in draft.email_nodes),
        )
    except record_codec.Unknown:
        return None


def _at(node) -> tuple[int, int]:
    """A node's 0-based line and column."""
    return node.start_mark.line, node.start_mark.column


def _replay(path: str, entry: tuple, line: int) -> Draft:
    """A fresh draft of a remembered outcome, its positions moved to a record that now starts at `line`."""
    was, values, findings, nodes, acks, emails = entry
    shift = line - was
    draft = Draft(path, line)
    draft.values = record_codec.unflat(values)
    findings = record_codec.unflat(findings)
    draft.findings = [_shifted(f, shift) for f in findings] if shift else list(findings)
    draft.nodes = {key: _Spot(at[0] + shift, at[1]) for key, at in nodes.items()}
    draft.acks = {code: (reason, _Spot(at[0] + shift, at[1])) for code, (reason, at) in acks.items()}
    draft.email_nodes = [_Spot(at[0] + shift, at[1]) for at in emails]
    return draft


def _shifted(finding: Finding, shift: int) -> Finding:
    """A finding `shift` lines further down, its message saying the lines it names shifted too."""
    if not any(name in LINE_ARGS for name, _ in finding.args):
        return replace(finding, line=finding.line + shift)
    args = tuple((name, value + shift if name in LINE_ARGS else value) for name, value in finding.args)
    return replace(finding, line=finding.line + shift, message=render(finding.key, "en", args), args=args)


def _context(path: str, today: date, stale_after: int) -> bytes:
    """What every record's outcome depends on besides its text (see the module's docstring)."""
    return "\0".join((_program(), path, today.isoformat(), str(stale_after), _photos_stamp(path))).encode()


@lru_cache(maxsize=1)
def _program() -> str:
    """A digest of this program's version, the source of the rooms validation runs and the libraries' versions."""
    package = Path(__file__).resolve().parent.parent
    # the package's __init__.py holds __version__ (read, not imported: this room imports nothing above it)
    digest = hashlib.blake2b((package / "__init__.py").read_bytes(), digest_size=16)
    for room in _ROOMS:
        for source in sorted((package / room).rglob("*.py")):
            digest.update(source.relative_to(package).as_posix().encode() + b"\0" + source.read_bytes())
    for library in _LIBRARIES:
        try:
            digest.update(f"\0{library} {metadata.version(library)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"\0{library} none".encode())
    return digest.hexdigest()


def _photos_stamp(path: str) -> str:
    """The photos folder beside the file as it stands: each file's name, size and modification time."""
    folder = photos_folder(path)
    stamp = hashlib.blake2b(str(folder).encode(), digest_size=16)
    for root, folders, files in os.walk(folder, followlinks=False):
        folders.sort()
        for name in sorted(files):
            where = os.path.join(root, name)
            try:
                st = os.stat(where)
            except OSError:
                st = None
            stamp.update(f"{where}\0{st and st.st_size}\0{st and st.st_mtime_ns}\n".encode())
    return stamp.hexdigest()

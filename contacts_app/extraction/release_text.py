"""A press release as lines of text: read from a plain-text file or reduced from an HTML page."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from contacts_app.extraction.fetch import ReleaseError, read_bytes

__all__ = ["Release", "ReleaseError", "read_release", "html_to_lines", "split_lines"]


@dataclass(frozen=True)
class Release:
    """A release's text (one line per paragraph or line break), its title and where it came from.

    numbers holds each text line's line number in the file (for HTML, the line its text starts on), so
    findings can point there; url is the web address, given or read from a "# source: URL" first line."""

    location: str
    lines: tuple[str, ...]
    title: str | None
    is_html: bool
    numbers: tuple[int, ...] = ()
    url: str | None = None

    def number(self, index: int) -> int:
        """The file's line number of text line `index`."""
        return self.numbers[index] if index < len(self.numbers) else index + 1


_BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd details div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section summary table tr ul".split()
)
_SKIPPED_TAGS = frozenset("script style noscript template svg head button select".split())
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_COLUMN_GAP = re.compile(r"(?<=\S)(?: {2,}|\t+)(?=\S)")
_COLUMNS = re.compile(r"\s*\|\s*(?:\|\s*)*")

#: A saved release's first line that says where it was published.
_SOURCE_LINE = re.compile(r"#\s*source:\s*(?P<url>https?://\S+)\s*", re.IGNORECASE)

#: Marks a column boundary inside a line: table cells, or text laid out in columns with spaces.
COLUMN = " | "


class _TextExtractor(HTMLParser):
    """Collects the visible text of a page, breaking lines at block elements and <br>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.title: list[str] = []
        self.in_title = False
        self.h1: list[str] = []
        self.in_h1 = False
        self.pre_depth = 0
        self.starts: list[tuple[int, int]] = []  # (offset in the text, line in the page) of each piece of text
        self.length = 0

    def _append(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def handle_starttag(self, tag, attrs):
        if tag == "pre":
            self.pre_depth += 1
        if tag in _SKIPPED_TAGS:
            self.skip_depth += 1
        if tag == "title":
            self.in_title = True
        if tag == "h1":
            self.in_h1 = True
        if tag in _BLOCK_TAGS:
            self._append("\n")
        elif tag in ("td", "th"):
            self._append(COLUMN)

    def handle_startendtag(self, tag, attrs):
        if tag in _BLOCK_TAGS:
            self._append("\n")

    def handle_endtag(self, tag):
        if tag == "pre" and self.pre_depth:
            self.pre_depth -= 1
        if tag in _SKIPPED_TAGS and self.skip_depth:
            self.skip_depth -= 1
        if tag == "title":
            self.in_title = False
        if tag == "h1":
            self.in_h1 = False
        if tag in _BLOCK_TAGS:
            self._append("\n")

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
        elif self.skip_depth:
            return
        if self.in_h1:
            self.h1.append(data)
        # Line breaks in HTML source are only spaces; lines come from block elements and <br>.
        self.starts.append((self.length, self.getpos()[0]))
        self._append(data if self.pre_depth else re.sub(r"\s+", " ", data))


def html_to_lines(html: str) -> tuple[list[str], str | None, list[int]]:
    """The visible lines of an HTML page, its title (the first h1, else <title>), and each line's page line."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    title = _clean(" ".join(parser.h1)) or _clean(" ".join(parser.title)) or None
    lines, numbers, offset = [], [], 0
    offsets = [start for start, _ in parser.starts]
    for raw in "".join(parser.parts).split("\n"):
        line = _clean(raw)
        if line:
            lines.append(line)
            at = bisect.bisect_right(offsets, offset + len(raw) - len(raw.lstrip())) - 1
            numbers.append(parser.starts[at][1] if at >= 0 else 1)
        offset += len(raw) + 1
    return lines, title, numbers


def split_lines(text: str, *, columns: bool = False) -> list[str]:
    """Non-empty lines with white space made single spaces; with columns, wide gaps become column marks."""
    return [line for line, _ in numbered_lines(text, columns=columns)]


def numbered_lines(text: str, *, columns: bool = False) -> list[tuple[str, int]]:
    """split_lines, each line with its 1-based line number in the text."""
    out = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = _clean(_COLUMN_GAP.sub(COLUMN, raw) if columns else raw)
        if line:
            out.append((line, number))
    return out


def _clean(text: str) -> str:
    """One line's text with runs of white space made one space, and no empty columns at its ends."""
    text = _SPACES.sub(" ", text).strip()
    if "|" in text:
        text = _COLUMNS.sub(COLUMN, text).strip(" |")
    return text


def _decode(data: bytes, location: str, is_html: bool) -> str:
    """Bytes as text: UTF-8, or the charset an HTML page declares."""
    encoding = "utf-8"
    if is_html:
        declared = _CHARSET.search(data[:4096])
        if declared:
            encoding = declared.group(1).decode("ascii").lower()
    try:
        return data.decode(encoding).removeprefix("\ufeff")
    except (UnicodeDecodeError, LookupError):
        raise ReleaseError(
            f"{location}: the text is not {encoding.upper()}; convert it to UTF-8 first "
            f"(for example: iconv -f WINDOWS-1252 -t UTF-8 {location} > release-utf8.txt)"
        ) from None


def read_release(path: str | Path) -> Release:
    """Read a release from a .txt or .html file or a web address; ReleaseError when empty, binary or unreadable."""
    location = str(path)
    data = read_bytes(location)
    if not data.strip():
        raise ReleaseError(f"{location}: the file is empty")
    if b"\x00" in data[:8192]:
        raise ReleaseError(f"{location}: this is a binary file, not a press release; save the release as text or HTML")
    head = data[:2048].lstrip().lower()
    is_html = location.lower().endswith((".html", ".htm")) or head.startswith((b"<!doctype html", b"<html"))
    is_html = is_html or (location.startswith(("http://", "https://")) and b"<html" in head)
    text = _decode(data, location, is_html)
    url = location if location.startswith(("http://", "https://")) else None
    if is_html:
        lines, title, numbers = html_to_lines(text)
    else:
        numbered = numbered_lines(text, columns=True)
        stated = _SOURCE_LINE.fullmatch(numbered[0][0]) if numbered else None
        if stated:
            url = url or stated["url"]
            numbered = numbered[1:]
        lines, numbers = [line for line, _ in numbered], [number for _, number in numbered]
        title = None
    return Release(location, tuple(lines), title or _text_title(lines), is_html, tuple(numbers), url)


def _text_title(lines: list[str]) -> str | None:
    """A plain-text release's title: its first line that is not a 'Pressmeddelande -' label."""
    for line in lines[:5]:
        if not re.fullmatch(r"(?i)(pressmeddelande|press release|nyhet|news)\s*[-–:]?\s*", line):
            return line
    return None

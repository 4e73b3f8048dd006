"""The normalised records: immutable values the web pages, vCards and exports are made from."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from types import MappingProxyType
from typing import Iterator, Mapping

from contacts_app.model.finding import Finding
from contacts_app.model.phone import Phone

_PHONE_FIELDS = ("e164", "national", "international", "type", "label")

#: The directory's own language: a title written without a language code is taken to be in it.
DEFAULT_LANGUAGE = "sv"
LANGUAGES = ("sv", "en")
KINDS = ("person", "desk")


@dataclass(frozen=True, slots=True)
class Texts:
    """A text in one or more languages, as (language, text) pairs in the order the file gives them."""

    items: tuple[tuple[str, str], ...] = ()

    def get(self, lang: str) -> str | None:
        """The text in exactly this language, or None."""
        return next((text for code, text in self.items if code == lang), None)

    def pick(self, lang: str) -> str | None:
        """The text in this language, else in the directory's language, else in any language."""
        return self.get(lang) or self.get(DEFAULT_LANGUAGE) or (self.items[0][1] if self.items else None)

    def as_dict(self) -> dict[str, str]:
        """Language code → text."""
        return dict(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)

    def __iter__(self) -> Iterator[str]:
        return (text for _, text in self.items)


@dataclass(frozen=True, slots=True)
class Source:
    """Where a record came from: a release's title, its web address, languages and date (a file name is not published)."""

    release: str | None = None
    location: str | None = None
    languages: tuple[str, ...] = ()
    date: str | None = None

    def as_dict(self) -> dict:
        """The source as a JSON object, leaving out what is not known."""
        data = {"release": self.release, "url": self.location, "languages": list(self.languages), "date": self.date}
        return {key: value for key, value in data.items() if value}


@dataclass(frozen=True, slots=True)
class Photo:
    """A contact's photo: its file under the photos folder, the photographer's credit, and the digest of its
    bytes (what names its resized copies); `path` is where it was read (None for a record kept as last good)."""

    file: str
    credit: str
    digest: str
    path: str | None = None

    def as_dict(self) -> dict:
        """The photo as a JSON object (never the path on the server)."""
        return {"file": self.file, "credit": self.credit, "sha256": self.digest}


@dataclass(frozen=True, slots=True)
class Contact:
    """A spokesperson (or a press desk) as served: every value normalised and checked."""

    id: str
    kind: str
    name: str
    title: Texts
    organisation: Texts
    party: str | None
    phones: tuple[Phone, ...]
    emails: tuple[str, ...]
    source: Source | None
    line: int
    #: The day the details were last checked with the person or desk (YYYY-MM-DD), if ever.
    verified: str | None = None
    #: When a press desk answers, per language.
    hours: Texts = Texts()
    photo: Photo | None = None

    @property
    def verified_at(self) -> datetime | None:
        """The start (UTC) of the day the record was verified: its revision when nothing newer is known."""
        return datetime.fromisoformat(self.verified).replace(tzinfo=timezone.utc) if self.verified else None

    def as_dict(self) -> dict:
        """The record as exported: the JSON shape of `contacts export` and the web API."""
        return {
            "id": self.id,
            "kind": self.kind,
            "name": self.name,
            "title": self.title.as_dict(),
            "organisation": self.organisation.as_dict(),
            "party": self.party,
            "phones": [
                {
                    "e164": p.e164,
                    "national": p.national,
                    "international": p.international,
                    "type": p.type,
                    "label": p.label,
                }
                for p in self.phones
            ],
            "emails": list(self.emails),
            "source": self.source.as_dict() if self.source else None,
            "verified": self.verified,
            "hours": self.hours.as_dict(),
            "photo": self.photo.as_dict() if self.photo else None,
        }

    @classmethod
    def from_dict(cls, data: Mapping, line: int) -> "Contact":
        """The Contact whose `as_dict` is `data` (a record kept as its last good version)."""
        source = data.get("source")
        return cls(
            id=data["id"],
            kind=data["kind"],
            name=data["name"],
            title=Texts(tuple(data["title"].items())),
            organisation=Texts(tuple(data["organisation"].items())),
            party=data["party"],
            phones=tuple(Phone(*(p[key] for key in _PHONE_FIELDS)) for p in data["phones"]),
            emails=tuple(data["emails"]),
            source=Source(
                source.get("release"), source.get("url"), tuple(source.get("languages", ())), source.get("date")
            ) if source else None,
            line=line,
            verified=data.get("verified"),
            hours=Texts(tuple((data.get("hours") or {}).items())),
            photo=Photo(photo["file"], photo["credit"], photo["sha256"]) if (photo := data.get("photo")) else None,
        )


@dataclass(frozen=True, slots=True)
class Held:
    """A record of the file that has errors, so its new version is not published: who, where, and why."""

    id: str | None
    name: str | None
    line: int
    reasons: tuple[Finding, ...]
    #: Its `verified:` day, when that was readable (the staff report lists held records too).
    verified: str | None = None

    @property
    def label(self) -> str:
        """How a summary names the record: its id, else its name, else its line."""
        return self.id or self.name or f"the record on line {self.line}"


@dataclass(frozen=True)
class Directory:
    """One loaded version of the contacts file: the records published, and every finding.

    `held` are the records whose version in this file has errors; `kept` those of them published in
    their last good version (from the previous snapshot), which `contacts` holds too.
    """

    path: str
    contacts: tuple[Contact, ...]
    findings: tuple[Finding, ...]
    version: str
    loaded_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))
    held: tuple[Held, ...] = ()
    kept: tuple[Held, ...] = ()
    by_id: Mapping[str, Contact] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_id", MappingProxyType({c.id: c for c in self.contacts}))

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The findings that are errors."""
        return tuple(f for f in self.findings if f.is_error)

    @property
    def unpublished(self) -> tuple[Held, ...]:
        """The records with errors and no last good version: not published at all."""
        return tuple(h for h in self.held if h not in self.kept)

"""A contact read from a release, before it meets the contacts file."""

from __future__ import annotations

from dataclasses import dataclass, field

from contacts_app.model.phone import Phone


@dataclass
class Candidate:
    """A contact read from a release, before it meets the contacts file."""

    kind: str = "person"
    name: str | None = None
    title: dict[str, str] = field(default_factory=dict)
    organisation: dict[str, str] = field(default_factory=dict)
    party: str | None = None
    phones: list[Phone] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)

    @property
    def reachable(self) -> bool:
        """True when there is a phone number or an email address."""
        return bool(self.phones or self.emails)

    def add_phone(self, phone: Phone) -> None:
        """Add a number once; a label seen the second time fills a missing one."""
        for i, known in enumerate(self.phones):
            if known.e164 == phone.e164:
                if phone.label and not known.label:
                    self.phones[i] = phone
                return
        self.phones.append(phone)

    def add_email(self, email: str) -> None:
        """Add an address once (compared without case)."""
        if email.lower() not in (e.lower() for e in self.emails):
            self.emails.append(email)

    def as_record(self) -> dict:
        """The candidate as the fields of a contacts-file record (no id or source)."""
        record: dict = {"kind": self.kind, "name": self.name}
        if self.title:
            record["title"] = dict(self.title)
        if self.organisation:
            record["organisation"] = dict(self.organisation)
        if self.party:
            record["party"] = self.party
        if self.phones:
            record["phones"] = [
                {"number": p.display, **({"label": p.label} if p.label else {})} for p in self.phones
            ]
        if self.emails:
            record["emails"] = list(self.emails)
        return record

"""A normalised phone number, as the rest of the product sees it."""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True, slots=True)
class Phone:
    """A normalised phone number: E.164, its display forms, the line type and the staff's label."""

    e164: str
    national: str
    international: str
    type: str
    label: str | None

    @property
    def display(self) -> str:
        """The form people in Sweden expect: national for Swedish numbers, international otherwise."""
        return self.national if self.e164.startswith("+46") else self.international

    def labelled(self, label: str | None) -> Phone:
        """The same number with another label."""
        return replace(self, label=label)

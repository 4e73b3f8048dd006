"""The product's errors: one base, ContactsError, that the command line and the web catch once each.

A ContactsError's message is for the person at the keyboard: it says what is wrong and how to go on.
"""

from __future__ import annotations

from contacts_app.model.finding import Finding


class ContactsError(Exception):
    """Something the product cannot do, said so a person can act on it; `code` is the exit status."""

    code = 2


class SourceError(ContactsError):
    """The file cannot be read as YAML at all; carries the finding that says where and why."""

    def __init__(self, finding: Finding):
        super().__init__(finding.message)
        self.finding = finding

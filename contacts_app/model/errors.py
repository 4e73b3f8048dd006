"""The product's errors: one base, ContactsError, that the command line and the web catch once each.

A ContactsError's message is for the person at the keyboard: it says what is wrong and how to go on.
"""

from __future__ import annotations

from contacts_app.model.finding import Finding

#: The exit statuses of the `contacts` command.
EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2


class ContactsError(Exception):
    """Something the product cannot do, said so a person can act on it; `code` is the exit status."""

    def __init__(self, message: str, code: int = EXIT_UNREADABLE):
        super().__init__(message)
        self.code = code


class SourceError(ContactsError):
    """The file cannot be read as YAML at all; carries the finding that says where and why."""

    def __init__(self, finding: Finding):
        super().__init__(finding.message)
        self.finding = finding

"""The revision of each record in a build (its vCard's REV): kept from the last build while the record's fields
stay the same, the file's mtime when they change (as the server does between reloads), and at first its
`verified:` day, as the server's is."""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import datetime

from contacts_app.model.contact import Contact, Directory
from contacts_app.web.site_manifest import Manifest


def revisions_of(directory: Directory, modified: datetime, current: Manifest | None):
    """Each record's fingerprint and revision: the last build's revision while the fingerprint is the same."""
    before = (current.records if current else None) or {}
    records: dict[str, list[str]] = {}
    revisions: dict[str, datetime] = {}
    for contact in directory.contacts:
        print_ = fingerprint(contact)
        old = before.get(contact.id)
        fresh = modified if old else contact.verified_at or modified
        rev = datetime.fromisoformat(old[1]) if old and old[0] == print_ else fresh
        records[contact.id] = [print_, rev.isoformat()]
        revisions[contact.id] = rev
    return records, revisions


def fingerprint(contact: Contact) -> str:
    """A digest of every field of a record that a file could show (not the line it starts on)."""
    return hashlib.blake2b(repr(dataclasses.replace(contact, line=0)).encode(), digest_size=16).hexdigest()

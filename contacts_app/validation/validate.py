"""Validation: the contacts file's nodes become Contacts, and every problem becomes a Finding.

Validation never stops at the first problem. A contact with an error is left out of the
Directory's contacts and listed as held (publish.py may serve its last good version instead); warnings
leave it in. The rules live by family: node shapes
(shapes.py), contact fields (fields.py), acknowledgements, and rules across records (across.py).
"""

from __future__ import annotations

from datetime import date
from os import PathLike

import yaml

from contacts_app.contactsfile.reading import ContactNodes, Document, collector_paused, read_document
from contacts_app.model.contact import Contact, Directory, Held
from contacts_app.model.errors import SourceError
from contacts_app.model.keys import TOP_KEYS
from contacts_app.validation.acknowledgements import apply_acknowledgements
from contacts_app.validation.across import cross_check
from contacts_app.validation.card_size import check_card_size
from contacts_app.validation.fields import ID_PATTERN, Draft, read_contact
from contacts_app.validation.freshness import stale_after_days
from contacts_app.validation.record_cache import RecordCache
from contacts_app.validation.record_spans import Mismatch
from contacts_app.validation.shapes import Scope, shape


def validate_document(doc: Document, *, check_dns: bool = False, stale_after: int | None = None,
                      today: date | None = None, cache: RecordCache | None = None) -> Directory:
    """Every finding for a file, and the Directory of the contacts without errors.

    A verification older than `stale_after` days (default: see freshness.stale_after_days) before `today`
    is a contact-stale warning.

    Contacts are read one at a time as the file is parsed (ContactNodes yields them); each draft keeps
    only the few nodes the rules across records need, so memory does not grow with the file's node tree.
    With a `cache`, a record whose text did not change since the cache's last validation is not read again
    (record_cache.py); the rules across records, card sizes and acknowledgements run over all records.
    """
    today, stale_after = today or date.today(), stale_after_days(stale_after)
    if cache is None:
        def read(node):
            """The per-record rules, run."""
            return read_contact(doc.path, node, check_dns, today, stale_after)

        return _validate(doc, ContactNodes(doc.text, doc.path), read)
    read = cache.reader(doc.path, doc.text, check_dns, today, stale_after)
    try:
        return _validate(doc, ContactNodes(read.reduce(), doc.path, lazy=True), read, read.finish)
    except (Mismatch, SourceError):
        if read.reduced is None:
            raise  # the file's own syntax error
    # the known records were not where the text was cut, or the shortened text does not parse: all of it, then
    read = cache.reader(doc.path, doc.text, check_dns, today, stale_after)
    return _validate(doc, ContactNodes(doc.text, doc.path, lazy=True), read, read.finish)


def _validate(doc: Document, nodes: ContactNodes, read, finish=None) -> Directory:
    """validate_document's work, the records read by `read` (see there) as `nodes` yields them; `finish`
    once they all are."""
    drafts = [read(node) for node in nodes]
    if nodes.refusal:
        return Directory(doc.path, (), (nodes.refusal,), doc.version)
    outer = Scope(doc.path)
    drafts += [read(node) for node in _unstreamed_contacts(outer, nodes.root)]
    if finish is not None:
        finish()
    cross_check(drafts)
    contacts, held = [], []
    for draft in drafts:
        if not draft.has_error:
            check_card_size(draft)
        apply_acknowledgements(draft, draft.acks)
        if draft.has_error:
            held.append(_held(draft))
        else:
            contacts.append(_build(draft))
    findings = sorted([*outer.findings, *(f for d in drafts for f in d.findings)])
    return Directory(doc.path, tuple(contacts), tuple(findings), doc.version, held=tuple(held))


def load_directory(path: str | PathLike, *, check_dns: bool = False, confine: bool = False,
                   stale_after: int | None = None, cache: RecordCache | None = None) -> Directory:
    """Read, compose and validate a contacts file; SourceError when it is not readable YAML.

    The garbage collector is paused throughout: the node tree is large, acyclic and short-lived, and
    each collection would walk all of it again (it cost more than the validation itself). With `confine`
    a link out of the file's folder is not followed (see contactsfile.opening); `cache`: see validate_document.
    """
    with collector_paused():
        return validate_document(read_document(path, confine=confine), check_dns=check_dns, stale_after=stale_after,
                                 cache=cache)


def _unstreamed_contacts(outer: Scope, root: yaml.Node | None) -> list[yaml.Node]:
    """Check the file's outer shape; return a contacts value that was not a list and so was not streamed."""
    if root is None:
        outer.report(None, "empty-file")
        return []
    if not isinstance(root, yaml.MappingNode):
        outer.report(root, "wrong-type:file", shape=shape(root))
        return []
    fields = outer.items(root, TOP_KEYS, "the file")
    if "contacts" not in fields:
        outer.report(root, "missing-field:file")
        return []
    return outer.sequence(fields["contacts"][1], "contacts")


def _held(draft: Draft) -> Held:
    """What a summary says of a record with errors: its id (when it is a valid one), name, line and errors."""
    contact_id = draft.values.get("id")
    return Held(
        contact_id if contact_id and ID_PATTERN.match(contact_id) else None,
        draft.values.get("name"),
        draft.line,
        tuple(sorted(f for f in draft.findings if f.is_error)),
        draft.values.get("verified"),
    )


def _build(draft: Draft) -> Contact:
    """The immutable Contact of a draft that has no errors."""
    v = draft.values
    return Contact(
        id=v["id"],
        kind=v["kind"],
        name=v["name"],
        title=v["title"],
        organisation=v["organisation"],
        party=v["party"],
        phones=v["phones"],
        emails=v["emails"],
        source=v["source"],
        line=draft.line,
        verified=v["verified"],
        hours=v["hours"],
        photo=v["photo"],
    )


__all__ = ["load_directory", "validate_document"]

"""Rules across records: ids and email addresses unique, the same person not listed twice."""

from __future__ import annotations

from typing import Iterable

from contacts_app.normalise import name_match
from contacts_app.validation.fields import Draft


def cross_check(drafts: Iterable[Draft]) -> None:
    """Report, on the later record, an id or email address already used and a person already listed."""
    ids: dict[str, int] = {}
    emails: dict[str, tuple[str, int]] = {}
    people: dict[tuple[str, str], int] = {}
    for draft in drafts:
        values, nodes = draft.values, draft.nodes
        contact_id = values.get("id")
        if contact_id:
            if contact_id in ids:
                draft.report(nodes["id"], "id-duplicate", id=contact_id, line=ids[contact_id])
            else:
                ids[contact_id] = nodes["id"].start_mark.line + 1
        for address, node in zip(values.get("emails", ()), draft.email_nodes):
            owner = emails.get(address.lower())
            if owner and owner[0] != contact_id:
                draft.report(node, "email-duplicate", address=address, owner=owner[0], line=owner[1])
            elif not owner:
                emails[address.lower()] = (contact_id, node.start_mark.line + 1)
        if values.get("name") and values.get("kind") == "person":
            key = (name_match.fold(values["name"]), name_match.fold(" ".join(values["organisation"])))
            if key in people:
                draft.report(nodes["name"], "person-duplicate", name=values["name"], line=people[key])
            else:
                people[key] = nodes["name"].start_mark.line + 1

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
                draft.report(
                    nodes["id"], "id-duplicate",
                    f"id {contact_id!r} is already used on line {ids[contact_id]}; give this contact another id",
                )
            else:
                ids[contact_id] = nodes["id"].start_mark.line + 1
        for address, node in zip(values.get("emails", ()), draft.email_nodes):
            owner = emails.get(address.lower())
            if owner and owner[0] != contact_id:
                draft.report(
                    node, "email-duplicate",
                    f"{address!r} is also given for {owner[0]!r} on line {owner[1]}; "
                    "a personal address belongs to one contact",
                )
            elif not owner:
                emails[address.lower()] = (contact_id, node.start_mark.line + 1)
        if values.get("name") and values.get("kind") == "person":
            key = (name_match.fold(values["name"]), name_match.fold(" ".join(values["organisation"])))
            if key in people:
                draft.report(
                    nodes["name"], "person-duplicate",
                    f"{values['name']} of this organisation is already listed on line {people[key]}; "
                    "merge the two records",
                )
            else:
                people[key] = nodes["name"].start_mark.line + 1

"""Where to turn when a search finds no one: the organisation's press desk, else its switchboard.

The press desks are the file's `kind: desk` entries (of the organisation searched in, or of every
organisation); where there are none, each organisation's switchboard as its people's records give it.
"""

from __future__ import annotations

from dataclasses import dataclass

from contacts_app.model.contact import Contact
from contacts_app.model.phone import Phone

#: At most this many desks or switchboards are offered (a directory may hold thousands of organisations).
MOST = 12


@dataclass(frozen=True)
class Switchboard:
    """An organisation's switchboard: its name in the page's language and the number."""

    organisation: str
    phone: Phone


def press_desks(contacts: tuple[Contact, ...], org_keys: tuple[str, ...], org: str) -> list[Contact]:
    """The press desks of the organisation `org` (of all organisations when it is empty), in the file's order."""
    return [c for c, key in zip(contacts, org_keys) if c.kind == "desk" and (not org or key == org)][:MOST]


def switchboards(contacts: tuple[Contact, ...], org_keys: tuple[str, ...], org: str, lang: str) -> list[Switchboard]:
    """Each organisation's first switchboard number (of `org` only when it is given), by organisation."""
    found: dict[str, Switchboard] = {}
    for contact, key in zip(contacts, org_keys):
        if key in found or (org and key != org):
            continue
        phone = next((p for p in contact.phones if p.label == "switchboard"), None)
        if phone is not None:
            found[key] = Switchboard(contact.organisation.pick(lang) or "", phone)
    return sorted(found.values(), key=lambda s: s.organisation.casefold())[:MOST]

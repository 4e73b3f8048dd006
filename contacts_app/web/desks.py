"""The press desk of a contact's organisation: who to call when the person does not answer (a template global)."""

from __future__ import annotations

from contacts_app.web.presenters import CardView, card_view
from contacts_app.web.search import organisation_key
from contacts_app.web.views.common import snapshot


def desks_for(card: CardView, lang: str, everyone: bool = False) -> tuple[CardView, ...]:
    """The press desks of the card's organisation in `lang`; the card itself left out unless `everyone`."""
    snap = snapshot()
    contact = snap.directory.by_id.get(card.id)
    if contact is None:
        return ()
    desks = snap.desks.get(organisation_key(contact), ())
    return tuple(card_view(desk, lang) for desk in desks if everyone or desk.id != card.id)


def init_app(app) -> None:
    """Give templates `desks_for`."""
    app.add_template_global(desks_for)

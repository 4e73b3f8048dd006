"""The 3.0 card written as text is vobject's card byte for byte, and reads back with vobject's parser."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import vobject
from hypothesis import given, settings
from hypothesis import strategies as st

from contacts_app.outputs.vcard import vcard, vobject_card

try:  # tests/ is not a package: pytest puts tests/ itself on sys.path
    from test_properties import TEXT, intended, read_back, valid_contact
except ImportError:  # pragma: no cover
    from tests.test_properties import TEXT, intended, read_back, valid_contact  # type: ignore[no-redef]

URLS = st.one_of(
    st.none(),
    st.just("https://kontakter.example.se/people/x?a=1,2;b=3"),
    TEXT.map(lambda t: "https://kontakter.example.se/" + t),
)
REVS = st.one_of(
    st.none(),
    st.integers(0, 4_000_000_000).map(lambda s: datetime(1970, 1, 1, tzinfo=timezone.utc) + timedelta(seconds=s)),
)


@settings(max_examples=300, deadline=None)
@given(valid_contact(), st.sampled_from(["sv", "en", "de"]), URLS, REVS)
def test_the_written_card_is_vobjects_card_byte_for_byte(contact, lang, url, rev):
    written = vcard.__wrapped__(contact, lang=lang, url=url, rev=rev)  # not the memo: the writer itself
    assert written == vobject_card(contact, lang=lang, version="3.0", url=url, rev=rev)
    card = vobject.readOne(written)
    assert read_back(card) == intended(contact, lang)
    assert card.uid.value == vcard.__wrapped__(contact, lang="sv").split("UID:")[1].split("\r\n")[0]


def test_a_card_of_every_kind_of_field_is_the_same_as_vobjects(contacts_file):
    from contacts_app.validation.validate import load_directory

    contacts = load_directory(contacts_file).contacts
    assert contacts
    moment = datetime(2026, 12, 1, 12, tzinfo=timezone.utc)
    for contact in contacts:
        for lang in ("sv", "en"):
            url = f"https://kontakter.example.se/people/{contact.id}.html"
            assert vcard.__wrapped__(contact, lang=lang, url=url, rev=moment) == vobject_card(
                contact, lang=lang, url=url, rev=moment)

"""A Contact as a vCard (vobject): 3.0 by default, 4.0 (RFC 6350) on request.

Every function here is pure, and `vcard` is cached: a card is built once per record version, language,
vCard version, page address and revision, never per request.

What the cards hold, and why (the readers real clients use are tested in tests/test_vcard.py):
- VERSION first, then FN and N (both required in 3.0; vobject would accept a card without N), ORG as a
  one-item list (vobject splits a string into letters), TITLE, TEL with TYPE (work,voice; work,cell,voice
  for mobiles) in E.164, its label ("Växel", "Presslinje") as `itemN.X-ABLabel` in the TEL's group (the
  custom label Apple and Google Contacts show; other readers ignore it), EMAIL, URL of the person's page, NOTE with the party, a UID derived from the id
  (the same across restarts and edits) and REV.
- Text is made inert: line breaks and other control characters become spaces, so no field can start a
  property of its own. `;` in FN, N, TITLE and NOTE becomes `,`: Thunderbird's parser (ical.js) shows the
  backslash of an escaped `;` in those fields. A backslash at the end of a part of N is dropped: ical.js
  would read the escaped backslash and the `;` after it as an escaped `;`.
- URL: vobject escapes `,` `;` and `\\` in every value, which breaks addresses; they are percent-encoded
  first, so there is nothing left to escape.
- vobject writes CRLF line ends and no BOM. Its folding skips any line of fewer than 75 *characters*, so
  a line of short characters and long ones (å, emoji) could pass 75 octets; `fold` folds the card again,
  at 75 octets, never inside a UTF-8 character.
"""

from __future__ import annotations

import base64
import re
import unicodedata
import uuid
from datetime import datetime, timezone
from functools import lru_cache
from typing import Callable, Iterable
from urllib.parse import quote

import vobject

from contacts_app.model.contact import Contact
from contacts_app.outputs.photos import vcard_photo
from contacts_app.outputs.vcard_text import card_text, escape

VERSIONS = ("3.0", "4.0")
DEFAULT_VERSION = "3.0"

#: Fixed for ever: every card's UID is derived from it and the contact's id.
UID_NAMESPACE = uuid.UUID("9b7f3c4e-2d1a-5e8b-a6c0-5f1d2e3c4b5a")

_NOTE_PARTY = {"sv": "Parti: {}", "en": "Party: {}"}
#: A phone's label as Apple and Google show it (`itemN.X-ABLabel` beside `itemN.TEL`), by language.
PHONE_LABELS = {
    "switchboard": {"sv": "Växel", "en": "Switchboard"},
    "direct": {"sv": "Direkt", "en": "Direct"},
    "mobile": {"sv": "Mobil", "en": "Mobile"},
    "press line": {"sv": "Presslinje", "en": "Press line"},
}
_URL_SAFE = "/:?#[]@!$&'()*+=%-._~"


def contact_uid(contact_id: str) -> str:
    """The card's UID: a name-based UUID of the contact's id, so it stays the same across restarts and edits."""
    return f"urn:uuid:{uuid.uuid5(UID_NAMESPACE, contact_id)}"


def split_name(name: str) -> tuple[str, str]:
    """(family, given) for the N property: the first word is the given name, the rest the family name.

    Swedish double surnames stay whole: 'Helene Hellmark Knutsson' → ('Hellmark Knutsson', 'Helene').
    """
    words = name.split()
    if len(words) < 2:
        return name, ""
    return " ".join(words[1:]), words[0]


def inert(text: str, *, semicolons: bool = False) -> str:
    """Text that cannot break out of its property: control characters and line breaks become one space.

    With semicolons=False, `;` becomes `,` (Thunderbird would show the backslash of an escaped `;`).
    """
    text = "".join(" " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch for ch in text)
    if not semicolons:
        text = text.replace(";", ",")
    return " ".join(text.split())


def safe_url(url: str) -> str:
    """The URL with everything vobject would escape (`,` `;` `\\`), spaces and controls percent-encoded."""
    return quote(inert(url, semicolons=True), safe=_URL_SAFE)


def format_rev(rev: datetime, version: str) -> str:
    """REV as a UTC timestamp: extended format in 3.0, basic format in 4.0."""
    utc = rev.astimezone(timezone.utc)
    return utc.strftime("%Y-%m-%dT%H:%M:%SZ" if version == "3.0" else "%Y%m%dT%H%M%SZ")


@lru_cache(maxsize=16384)
def vcard(
    contact: Contact,
    *,
    lang: str = "sv",
    version: str = DEFAULT_VERSION,
    url: str | None = None,
    rev: datetime | None = None,
    photo: bool = True,
) -> str:
    """One contact as one vCard, titles and organisation in `lang` (falling back to Swedish); with `photo`
    (the default) its photo as a small JPEG (a QR code's card goes without). A 3.0 card without a photo is
    written directly (vcard_text.py: vobject's very bytes, faster); the others are made by vobject."""
    if version not in VERSIONS:
        raise ValueError(f"vCard version {version!r} is not supported; use one of {', '.join(VERSIONS)}")
    with_photo = photo and contact.photo is not None and contact.photo.path is not None
    if version == "3.0" and not with_photo:  # a photo's card is mostly its base64, whoever writes it
        return fold(card_text(_properties_3(contact, _values(contact, lang, url), rev)))
    return vobject_card(contact, lang=lang, version=version, url=url, rev=rev, photo=photo)


def _values(contact: Contact, lang: str, url: str | None) -> dict:
    """What a card shows of a contact in `lang`, made inert: the same for both writers."""
    name = inert(contact.name)
    family, given = split_name(name)
    organisation, title = contact.organisation.pick(lang), contact.title.pick(lang)
    phones, labelled = [], 0
    for phone in contact.phones:
        label = PHONE_LABELS.get(phone.label or "", {}).get(lang) or PHONE_LABELS.get(phone.label or "", {}).get("sv")
        group = None
        if label:
            labelled += 1
            group = f"item{labelled}"
        mobile = phone.type == "mobile" or phone.label == "mobile"
        phones.append((group, label, "+" + re.sub(r"\D", "", phone.e164), mobile))
    return dict(
        name=name,
        # A backslash ending a part of N is dropped: ical.js (Thunderbird) takes the escaped backslash before
        # the `;` that ends the part for an escaped `;`, and runs the two parts together.
        family=family.rstrip("\\"),
        given=given.rstrip("\\"),
        organisation=inert(organisation, semicolons=True) if organisation else None,
        title=inert(title) if title else None,
        phones=phones,
        emails=["".join(inert(address, semicolons=True).split()) for address in contact.emails],
        url=safe_url(url) if url else None,
        note=inert(_NOTE_PARTY.get(lang, _NOTE_PARTY["sv"]).format(contact.party)) if contact.party else None,
        uid=contact_uid(contact.id),
    )


def _properties_3(contact: Contact, v: dict, rev: datetime | None) -> list:
    """The properties of a 3.0 card as (group, name, TYPE, escaped value), in the order they are added."""
    props = [(None, "VERSION", "", "3.0"), (None, "FN", "", escape(v["name"])),
             (None, "N", "", f"{escape(v['family'])};{escape(v['given'])};;;")]
    if v["organisation"] is not None:
        props.append((None, "ORG", "", escape(v["organisation"])))
    if v["title"] is not None:
        props.append((None, "TITLE", "", escape(v["title"])))
    for group, label, digits, mobile in v["phones"]:
        if label:
            props.append((group, "X-ABLABEL", "", escape(label)))
        props.append((group, "TEL", "work,cell,voice" if mobile else "work,voice", escape(digits)))
    props += [(None, "EMAIL", "internet,work", escape(address)) for address in v["emails"]]
    if v["url"] is not None:
        props.append((None, "URL", "", escape(v["url"])))
    if v["note"] is not None:
        props.append((None, "NOTE", "", escape(v["note"])))
    props.append((None, "UID", "", escape(v["uid"])))
    if rev is not None:
        props.append((None, "REV", "", escape(format_rev(rev, "3.0"))))
    if contact.kind == "desk":
        props.append((None, "X-ABSHOWAS", "", "COMPANY"))
    return props


def vobject_card(
    contact: Contact,
    *,
    lang: str = "sv",
    version: str = DEFAULT_VERSION,
    url: str | None = None,
    rev: datetime | None = None,
    photo: bool = True,
) -> str:
    """One contact as one vCard made by vobject (every 4.0 card; the reference the 3.0 writer is tested against)."""
    v = _values(contact, lang, url)
    card = vobject.vCard()
    card.add("version").value = version
    if contact.kind == "desk" and version == "4.0":
        card.add("kind").value = "org"
    card.add("fn").value = v["name"]
    card.add("n").value = vobject.vcard.Name(family=v["family"], given=v["given"])
    if v["organisation"] is not None:
        card.add("org").value = [v["organisation"]]
    if v["title"] is not None:
        card.add("title").value = v["title"]
    for group, label, digits, mobile in v["phones"]:
        if label:
            card.add("x-ablabel", group=group).value = label
        tel = card.add("tel", group=group)
        tel.value = digits if version == "3.0" else f"tel:{digits}"
        if version == "4.0":
            tel.params["VALUE"] = ["uri"]
        tel.type_param = ["work", "cell", "voice"] if mobile else ["work", "voice"]
    for address in v["emails"]:
        email = card.add("email")
        email.value = address
        email.type_param = ["internet", "work"] if version == "3.0" else ["work"]
    if v["url"] is not None:
        card.add("url").value = v["url"]
    if v["note"] is not None:
        card.add("note").value = v["note"]
    if photo and contact.photo is not None and contact.photo.path:
        _add_photo(card, vcard_photo(contact.photo.path, contact.photo.digest), version)
    card.add("uid").value = v["uid"]
    if rev is not None:
        card.add("rev").value = format_rev(rev, version)
    if contact.kind == "desk" and version == "3.0":
        card.add("x-abshowas").value = "COMPANY"
    # vobject escapes the `;` and `,` of a 4.0 PHOTO's data: URI as if it were text; they are its syntax.
    return fold(card.serialize().replace("\r\n ", "").replace(_ESCAPED_DATA_URI, _DATA_URI))


_DATA_URI = "data:image/jpeg;base64,"
_ESCAPED_DATA_URI = "data:image/jpeg\\;base64\\,"


def _add_photo(card, jpeg: bytes, version: str) -> None:
    """PHOTO: inline base64 JPEG, as 3.0 writes it (ENCODING=b;TYPE=JPEG) or as a data: URI in 4.0."""
    if version == "3.0":
        prop = card.add("photo")
        prop.value = jpeg
        prop.encoding_param = "b"
        prop.type_param = "JPEG"
    else:
        card.add("photo").value = _DATA_URI + base64.b64encode(jpeg).decode("ascii")


#: RFC 6350 3.2 / RFC 2426 2.6: lines SHOULD be at most 75 octets, the line break excluded.
LINE_OCTETS = 75


def fold(text: str) -> str:
    """The card's text with every content line folded at LINE_OCTETS octets, never inside a character."""
    logical = text.replace("\r\n ", "")  # undo vobject's folding first: it may be off
    return "".join(_fold_line(line) + "\r\n" for line in logical.split("\r\n")[:-1])


def _fold_line(line: str) -> str:
    """One content line folded: each continuation starts with a space, which counts towards its octets."""
    if len(line.encode("utf-8")) <= LINE_OCTETS:
        return line
    pieces, current, used = [], [], 0
    for ch in line:
        size = len(ch.encode("utf-8"))
        if used + size > LINE_OCTETS:
            pieces.append("".join(current))
            current, used = [" "], 1
        current.append(ch)
        used += size
    pieces.append("".join(current))
    return "\r\n".join(pieces)


def vcards(
    contacts: Iterable[Contact],
    *,
    lang: str = "sv",
    version: str = DEFAULT_VERSION,
    url_for: Callable[[Contact], str] | None = None,
    rev_for: Callable[[Contact], datetime | None] | None = None,
) -> str:
    """Many contacts in one file: the cards one after the other, all of one version."""
    return "".join(
        vcard(
            c,
            lang=lang,
            version=version,
            url=url_for(c) if url_for else None,
            rev=rev_for(c) if rev_for else None,
        )
        for c in contacts
    )

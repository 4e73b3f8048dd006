"""Contact fields: id, name, kind, titles, organisation, party, phones and their labels, emails, source."""

from __future__ import annotations

import difflib
import re
from datetime import date

import yaml

from contacts_app.model.contact import KINDS, Source, Texts
from contacts_app.model.keys import CONTACT_KEYS, PARTIES, PARTY_NAMES, PHONE_KEYS, SOURCE_KEYS
from contacts_app.normalise import name_match
from contacts_app.normalise.emails import EmailError, check_email
from contacts_app.normalise.names import canonical_party, slugify
from contacts_app.normalise.phones import LABEL_WORDS, LABELS, PhoneError, parse_phone
from contacts_app.validation.acknowledgements import read_acknowledgements
from contacts_app.validation.freshness import DEFAULT_STALE_AFTER, read_verified
from contacts_app.validation.languages import is_language, nearest_language
from contacts_app.validation.photos import read_photo
from contacts_app.validation.shapes import Scope, shape

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
#: The longest id: it names files of a static export, and a page's address.
MAX_ID = 64
#: The nodes a draft keeps once its contact is read: those the rules across records point at.
_KEPT_NODES = ("id", "name")


class Draft(Scope):
    """A contact being read: its values so far, its findings, and the few nodes later rules point at."""

    __slots__ = ("line", "values", "nodes", "acks", "email_nodes")

    def __init__(self, path: str, line: int):
        super().__init__(path)
        self.line = line
        self.values: dict = {}
        self.nodes: dict[str, yaml.Node] = {}
        self.acks: dict[str, tuple[str, yaml.Node]] = {}
        self.email_nodes: list[yaml.Node] = []


def read_contact(path: str, node: yaml.Node, check_dns: bool, today: date | None = None,
                 stale_after: int = DEFAULT_STALE_AFTER) -> Draft:
    """One item of the contacts list as a draft, with a finding for everything wrong with its fields
    (a verification older than `stale_after` days before `today` is a contact-stale warning)."""
    draft = Draft(path, node.start_mark.line + 1)
    if not isinstance(node, yaml.MappingNode):
        draft.report(node, "wrong-type:contact", shape=shape(node))
        return draft
    fields = draft.items(node, CONTACT_KEYS, "a contact")
    nodes = {key: value for key, (_, value) in fields.items()}
    get = nodes.get

    contact_id = draft.text(get("id"), "id") if get("id") is not None else None
    name = draft.text(get("name"), "name") if get("name") is not None else None
    if contact_id is None:
        if name:
            draft.report(get("id") or node, "missing-field:id-named", slug=slugify(name))
        else:
            draft.report(get("id") or node, "missing-field:id")
    elif len(contact_id) > MAX_ID:
        draft.report(get("id"), "id-too-long", length=str(len(contact_id)), limit=str(MAX_ID))
    elif not ID_PATTERN.match(contact_id):
        draft.report(get("id"), "id-invalid", id=contact_id, slug=slugify(contact_id))
    if name is None:
        draft.report(get("name") or node, "missing-field:name")

    kind = "person"
    if get("kind") is not None:
        kind = draft.text(get("kind"), "kind") or "person"
        if kind not in KINDS:
            draft.report(get("kind"), "kind-invalid", kind=kind)

    values = draft.values = {"id": contact_id, "kind": kind, "name": name}
    values.update(
        title=draft.texts(get("title"), "title") if get("title") is not None else Texts(),
        organisation=draft.texts(get("organisation"), "organisation") if get("organisation") is not None else Texts(),
        party=_party(draft, get("party")) if get("party") is not None else None,
        phones=_phones(draft, get("phones")) if get("phones") is not None else (),
        emails=_emails(draft, get("emails"), check_dns) if get("emails") is not None else (),
        source=_source(draft, get("source")) if get("source") is not None else None,
        hours=draft.texts(get("hours"), "hours") if get("hours") is not None else Texts(),
        photo=read_photo(draft, get("photo")) if get("photo") is not None else None,
        verified=read_verified(draft, get("verified"), contact_id, today or date.today(), stale_after)
        if get("verified") is not None else None,
    )
    if kind == "desk" and not values["organisation"] and contact_id:
        draft.report(get("name") or node, "desk-no-organisation")
    if get("acknowledged") is not None:
        draft.acks = read_acknowledgements(draft, get("acknowledged"))
    if not values["phones"] and not values["emails"] and not draft.has_error:
        draft.report(get("name") or node, "no-contact-method")
    # Keep only what later rules point at, so memory does not grow with the file's node tree.
    draft.nodes = {key: nodes[key] for key in _KEPT_NODES if key in nodes}
    return draft


def _phones(draft: Draft, node: yaml.Node) -> tuple:
    """The phone list: each a mapping (number:, label:) or a number with its label around it."""
    phones, seen = [], {}
    for item in draft.sequence(node, "phones"):
        if isinstance(item, yaml.MappingNode):
            fields = draft.items(item, PHONE_KEYS, "a phone")
            number_node = fields.get("number", (None, None))[1]
            label_node = fields.get("label", (None, None))[1]
        else:
            number_node, label_node = item, None
        raw = draft.text(number_node, "number") if number_node is not None else None
        if raw is None:
            draft.report(number_node or item, "missing-field:number")
            continue
        label = _label(draft, label_node) if label_node is not None else None
        if _lacks_prefix(raw):
            draft.report(number_node, "phone-invalid:no-prefix", raw=raw)
            continue
        try:
            phone = parse_phone(raw, label)
        except PhoneError as exc:
            draft.report(number_node, exc.key, **exc.values)
            continue
        if phone.e164 in seen:
            draft.report(number_node, "phone-duplicate", number=phone.national, line=seen[phone.e164])
            continue
        seen[phone.e164] = number_node.start_mark.line + 1
        mismatch = _label_mismatch(phone.label, phone.type)
        if mismatch:
            draft.report(label_node or number_node, mismatch, number=phone.national, type=phone.type, label=phone.label)
        phones.append(phone)
    return tuple(phones)


def _party(draft: Draft, node: yaml.Node) -> str | None:
    """The party as its abbreviation (a full name such as Socialdemokraterna is understood); one that is not
    a Riksdag party is a warning, to acknowledge for a local party."""
    party = canonical_party(draft.text(node, "party"))
    if party and party not in PARTIES:
        close = difflib.get_close_matches(party.lower(), PARTY_NAMES, n=1, cutoff=0.6)
        if close:
            draft.report(node, "party-unknown:close", party=party, close=PARTY_NAMES[close[0]], parties=", ".join(PARTIES))
        else:
            draft.report(node, "party-unknown", party=party, parties=", ".join(PARTIES))
    return party


def _lacks_prefix(raw: str) -> bool:
    """Whether a number starts with a digit other than 0 (no area code, no + or 00 country code)."""
    first = next((char for char in raw if char.isdigit() or char == "+"), "")
    return first not in ("", "+", "0")


def _label(draft: Draft, node: yaml.Node) -> str | None:
    """A phone label in canonical form; Swedish words (växel, mobil) are understood."""
    text = draft.text(node, "label")
    if text is None:
        return None
    canonical = LABEL_WORDS.get(text.lower(), text.lower())
    if canonical not in LABELS:
        close = difflib.get_close_matches(text.lower(), LABELS, n=1)
        if close:
            draft.report(node, "phone-label-unknown:close", label=text, close=close[0], labels=", ".join(LABELS))
        else:
            draft.report(node, "phone-label-unknown", label=text, labels=", ".join(LABELS))
        return None
    return canonical


def _label_mismatch(label: str | None, line_type: str) -> str | None:
    """The catalogue entry of the finding when a label contradicts the line type phonenumbers reports."""
    if label == "mobile" and line_type not in ("mobile", "fixed_line_or_mobile"):
        return "phone-label-mismatch:mobile"
    if label in ("switchboard", "direct") and line_type == "mobile":
        return "phone-label-mismatch:fixed"
    return None


def _emails(draft: Draft, node: yaml.Node, check_dns: bool) -> tuple[str, ...]:
    """The email list, each checked; personal addresses compared with the name (read before the emails)."""
    out = []
    name, kind = draft.values.get("name"), draft.values.get("kind")
    for item in draft.sequence(node, "emails"):
        address = draft.text(item, "email")
        if address is None:
            continue
        try:
            normalised = check_email(address, check_dns)
        except EmailError as exc:
            draft.report(item, exc.key, **exc.values)
            continue
        out.append(normalised)
        draft.email_nodes.append(item)
        if kind == "person" and name:
            suggestion = name_match.suggest(name, address)
            if suggestion:
                draft.report(item, "email-name-mismatch", address=address, name=name, suggestion=suggestion)
    return tuple(out)


def _source(draft: Draft, node: yaml.Node) -> Source | None:
    """Where the record came from: release, url or file, languages, date."""
    if not isinstance(node, yaml.MappingNode):
        draft.report(node, "wrong-type:source")
        return None
    fields = draft.items(node, SOURCE_KEYS, "source")
    value = {key: fields[key][1] for key in fields}
    languages = []
    for item in draft.sequence(value["languages"], "languages") if "languages" in value else []:
        lang = draft.text(item, "language")
        if lang and not is_language(lang):
            draft.report(item, "language-invalid:source", lang=lang, close=nearest_language(lang))
        elif lang:
            languages.append(lang)
    when = draft.text(value["date"], "date") if "date" in value else None
    if when:
        try:
            when = date.fromisoformat(when).isoformat()
        except ValueError:
            draft.report(value["date"], "date-invalid", date=when)
            when = None
    text = {key: draft.text(value[key], key) for key in ("release", "url", "file") if key in value}
    if text.get("url") and not text["url"].lower().startswith(("https://", "http://")):
        draft.report(value["url"], "url-invalid", url=repr(text["url"][:80]))
    return Source(
        release=text.get("release"),
        location=text.get("url") if (text.get("url") or "").lower().startswith(("http://", "https://")) else None,
        languages=tuple(languages),
        date=when,
    )

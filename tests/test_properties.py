"""Properties over arbitrary Unicode (hypothesis): loading and validation only ever give findings, `fmt`
keeps meaning and is idempotent, every vCard reads back to the fields meant, import never raises and never
writes when it finds nothing."""

from __future__ import annotations

import os
import random
import re

import pytest
import vobject
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contacts_app.contactsfile.canonical import canonical_text
from contacts_app.contactsfile.fixes import quick_edits
from contacts_app.contactsfile.reading import parse_document
from contacts_app.importing.importer import ImportFailed, import_releases
from contacts_app.model.contact import Contact, Texts
from contacts_app.model.errors import SourceError
from contacts_app.normalise.phones import parse_phone
from contacts_app.outputs.vcard import inert, split_name, vcard
from contacts_app.validation.validate import validate_document

try:  # tests/ is not a package: pytest puts tests/ itself on sys.path
    import vcard_readers
except ImportError:  # pragma: no cover
    from tests import vcard_readers  # type: ignore[no-redef]

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: Every code point YAML can hold: surrogates cannot be written in a UTF-8 file at all.
ANY_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
#: Text weighted towards what breaks things: Swedish letters, vCard and YAML syntax, line breaks, RTL, emoji.
TRICKY = st.text(
    st.one_of(
        st.sampled_from(list("åäöÅÄÖéü ,;:\\\"'#&*!|>-?%@[]{}\t\r\n\x00\x07\x1b\x85\u2028\u2029\u200f\u202e\ufeff") + ["😀", "ש", "ל", "م", "ر", "\u0301"]),
        st.characters(exclude_categories=["Cs"]),
    ),
    max_size=40,
)
TEXT = st.one_of(ANY_TEXT, TRICKY)
NUMBERS = ["070-123 45 67", "090-16 10 00", "010-225 43 00", "0910-73 50 00", "+47 22 12 34 56", "08-508 290 00", "123", "växel"]
LABELS = [None, "mobile", "switchboard", "direct", "press line", "växel", "mobil", "fax", "x"]


def per_language():
    return st.one_of(TEXT, st.dictionaries(st.sampled_from(["sv", "en", "de", "SV", "x"]), TEXT, max_size=3))


def phone():
    number = st.one_of(st.sampled_from(NUMBERS), TEXT)
    return st.one_of(
        number,
        st.fixed_dictionaries({"number": number}, optional={"label": st.one_of(st.sampled_from(LABELS[1:]), TEXT)}),
    )


def contact():
    """A contact mapping of arbitrary text, with every key optional and a few unknown ones."""
    return st.fixed_dictionaries(
        {},
        optional={
            "id": st.one_of(st.from_regex(r"[a-z0-9]+(-[a-z0-9]+)?", fullmatch=True), TEXT),
            "kind": st.one_of(st.sampled_from(["person", "desk"]), TEXT),
            "name": TEXT,
            "title": per_language(),
            "organisation": per_language(),
            "party": st.one_of(st.sampled_from(["S", "(s)", "m", "SD", "(MP)"]), TEXT),
            "phones": st.one_of(phone(), st.lists(phone(), max_size=3)),
            "emails": st.one_of(TEXT, st.lists(st.one_of(st.emails(), TEXT), max_size=3)),
            "source": st.fixed_dictionaries(
                {}, optional={"release": TEXT, "url": TEXT, "languages": st.lists(TEXT, max_size=2), "date": TEXT}
            ),
            "acknowledged": st.dictionaries(st.sampled_from(["email-name-mismatch", "phone-invalid", "x"]), TEXT, max_size=2),
            "notes": TEXT,
        },
    )


def contacts_text():
    """A contacts file written by a YAML emitter (so it is valid YAML), in block or flow style."""
    return st.builds(
        lambda people, flow, width: yaml.safe_dump(
            {"contacts": people}, allow_unicode=True, sort_keys=False, default_flow_style=flow, width=width
        ),
        st.lists(contact(), max_size=4),
        st.booleans(),
        st.sampled_from([80, 4096]),
    )


def records(text: str) -> list[dict]:
    """The normalised records of a file's text, as exported."""
    return [c.as_dict() for c in validate_document(parse_document(text, "p.yaml", "v")).contacts]


@SETTINGS
@given(contacts_text())
def test_loading_and_validation_only_ever_give_findings(text):
    directory = validate_document(parse_document(text, "p.yaml", "v"))
    # YAML counts NEL, LS and PS as line breaks too, and so do the positions of findings (see SECURITY.md)
    lines = len(re.findall(r"\r\n|[\r\n\x85\u2028\u2029]", text)) + 1
    for finding in directory.findings:
        assert 1 <= finding.line <= lines and finding.col >= 1 and finding.code
    for record in directory.contacts:
        assert record.id and record.name


@SETTINGS
@given(TEXT)
def test_any_text_at_all_is_a_finding_or_a_directory(text):
    try:
        validate_document(parse_document(text, "p.yaml", "v"))
    except SourceError as exc:
        assert exc.finding.code == "yaml-syntax" and exc.finding.line >= 1


@SETTINGS
@given(contacts_text())
def test_fmt_keeps_meaning_and_is_idempotent(text):
    once = canonical_text(text)
    assert records(once) == records(text)
    assert canonical_text(once) == once


def shuffled(value, rng: random.Random):
    """The same data with the keys of every mapping in another order."""
    if isinstance(value, dict):
        items = list(value.items())
        rng.shuffle(items)
        return {key: shuffled(item, rng) for key, item in items}
    if isinstance(value, list):
        return [shuffled(item, rng) for item in value]
    return value


KEY_LINE = re.compile(r"^( +)(?:- )?([a-z]+): ", re.M)


def with_comments(text: str, rng: random.Random) -> str:
    """The text with a comment line above some of its keys, at the key's indentation."""
    return KEY_LINE.sub(lambda m: (f"{m.group(1)}# om {m.group(2)}\n" if rng.random() < 0.3 else "") + m.group(0), text)


@SETTINGS
@given(st.lists(contact(), max_size=4), st.randoms(use_true_random=False))
def test_fmt_moves_keys_into_order_as_text_edits_keeping_meaning(people, rng):
    dump = lambda data: yaml.safe_dump({"contacts": data}, allow_unicode=True, sort_keys=False, width=4096)
    in_order, text = dump(people), with_comments(dump(shuffled(people, rng)), rng)
    once = canonical_text(text)
    assert records(once) == records(text)
    assert canonical_text(once) == once
    # the order of keys alone never forces a rewrite of the whole file, and the comments stay
    if quick_edits(in_order) is not None:
        assert quick_edits(text) is not None
        assert sorted(re.findall(r"# om \w+", once)) == sorted(re.findall(r"# om \w+", text))


@SETTINGS
@given(contacts_text(), st.sampled_from(["# kommentar: å ä ö\n", "", "\ufeff"]))
def test_fmt_keeps_comments(text, comment):
    once = canonical_text(comment + text if comment != "\ufeff" else text)
    if comment.startswith("#"):
        assert once.startswith(comment)


# -- vCards ----------------------------------------------------------------------------------------

VALID_PHONES = [parse_phone(n, label) for n, label in [("070-123 45 67", "mobile"), ("090-16 10 00", "switchboard"), ("+47 22 12 34 56", None)]]
#: Names, titles and organisations as the validator leaves them: runs of white space already single spaces.
FIELD = TEXT.map(lambda t: " ".join(t.split())).filter(bool)
EMAIL = st.emails()


def valid_contact():
    return st.builds(
        lambda cid, kind, name, title, org, party, phones, emails: Contact(
            cid, kind, name, Texts(tuple(title.items())), Texts(tuple(org.items())), party, tuple(phones), tuple(emails), None, 1
        ),
        st.from_regex(r"[a-z0-9]+(-[a-z0-9]+){0,2}", fullmatch=True),
        st.sampled_from(["person", "desk"]),
        FIELD,
        st.dictionaries(st.sampled_from(["sv", "en"]), FIELD, max_size=2),
        st.dictionaries(st.sampled_from(["sv", "en"]), FIELD, max_size=2),
        st.one_of(st.none(), st.sampled_from(["S", "M", "SD", "MP"])),
        st.lists(st.sampled_from(VALID_PHONES), max_size=3, unique_by=lambda p: p.e164),
        st.lists(EMAIL, max_size=2),
    )


def intended(contact: Contact, lang: str) -> dict:
    """The fields a card is meant to carry, by the documented rules: control characters and line breaks become
    spaces, `;` becomes `,` in FN, N, TITLE and NOTE (not in ORG), N is the first word then the rest, without a
    backslash at the end of either part (ical.js would misread it)."""
    name = inert(contact.name)
    family, given = split_name(name)
    title, org = contact.title.pick(lang), contact.organisation.pick(lang)
    return {
        "fn": name,
        "n": [family.rstrip("\\"), given.rstrip("\\")],
        "title": inert(title) if title else None,
        "org": [inert(org, semicolons=True)] if org else None,
        "tel": ["+" + "".join(ch for ch in p.e164 if ch.isdigit()) for p in contact.phones],
        "email": ["".join(inert(e, semicolons=True).split()) for e in contact.emails],
    }


def read_back(card) -> dict:
    """The same fields as vobject reads them from the card's text."""
    contents = card.contents
    return {
        "fn": card.fn.value,
        "n": [card.n.value.family, card.n.value.given],
        "title": card.title.value if "title" in contents else None,
        "org": card.org.value if "org" in contents else None,
        "tel": [t.value.removeprefix("tel:") for t in contents.get("tel", [])],
        "email": [e.value for e in contents.get("email", [])],
    }


@settings(max_examples=200, deadline=None)
@given(valid_contact(), st.sampled_from(["sv", "en"]), st.sampled_from(["3.0", "4.0"]))
def test_every_vcard_reads_back_to_the_fields_meant(contact, lang, version):
    text = vcard(contact, lang=lang, version=version, url="https://kontakter.example.se/people/x?a=1,2;b=3")
    assert text.startswith(f"BEGIN:VCARD\r\nVERSION:{version}\r\n") and text.endswith("END:VCARD\r\n")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    (card,) = list(vobject.readComponents(text))
    assert read_back(card) == intended(contact, lang)
    assert len([line for line in text.split("\r\n") if line and not line.startswith(" ")]) == len(
        list(card.getChildren())
    ) + 2  # BEGIN and END: no field added a property of its own


@pytest.mark.slow
@pytest.mark.parametrize("reader", ["icaljs", "ezvcard"])
def test_real_client_parsers_read_random_cards_as_meant(tmp_path, reader):
    unavailable = getattr(vcard_readers, f"{reader}_unavailable_reason")()
    if unavailable:
        if os.environ.get("VCARD_READERS_REQUIRED") == "1":
            pytest.fail(f"{reader} unavailable: {unavailable}")
        pytest.skip(f"{reader} unavailable: {unavailable}")
    rng = random.Random(20261127)
    alphabet = "abcåäöÅÄÖé ,;\\:\"'\n\t\x07😀שלום-."
    def word() -> str:
        return "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 24)))
    contacts = []
    for i in range(40):
        contacts.append(
            Contact(
                f"p{i}", "person", " ".join((word() + " " + word()).split()) or "Åsa",
                Texts((("sv", " ".join(word().split()) or "Chef"),)), Texts((("sv", " ".join(word().split()) or "Umeå kommun"),)),
                None, tuple(VALID_PHONES[: i % 3 + 1]), ("åsa.öberg@umeå.se",), None, 1,
            )
        )
    path = tmp_path / "cards.vcf"
    path.write_bytes("".join(vcard(c) for c in contacts).encode("utf-8"))
    read = getattr(vcard_readers, f"read_with_{reader}")
    cards = read(path)
    assert len(cards) == len(contacts)
    for contact, card in zip(contacts, cards):
        meant = intended(contact, "sv")
        got = {
            "fn": card["fn"], "n": card["n"][:2], "title": card["title"], "org": card["org"],
            "tel": [t["value"] for t in card["tel"]], "email": [e["value"] for e in card["email"]],
        }
        assert got == meant, contact


# -- import ----------------------------------------------------------------------------------------

HEADINGS = ["", "För mer information kontakta:\n", "Media contact:\n", "Presskontakt\n", "Kontakt: "]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(HEADINGS), TEXT, st.sampled_from(["", "Åsa Öberg, pressansvarig, 070-123 45 67, asa@umea.se\n"]))
def test_import_of_any_release_never_raises_and_writes_only_what_it_found(tmp_path_factory, heading, body, line):
    folder = tmp_path_factory.mktemp("imp")
    release = folder / "release.txt"
    release.write_text(heading + body + "\n" + line, encoding="utf-8")
    target = folder / "contacts.yaml"
    target.write_text("# Kontakter\ncontacts: []\n", encoding="utf-8")
    before = target.read_bytes()
    try:
        result = import_releases([release], target)
    except ImportFailed as exc:
        assert str(exc)
        assert target.read_bytes() == before
        assert sorted(p.name for p in folder.iterdir()) == ["contacts.yaml", "release.txt"]
        return
    assert result.extractions and all(e.candidates for e in result.extractions)
    after = target.read_text(encoding="utf-8")
    assert after.startswith("# Kontakter\n")
    validate_document(parse_document(after, str(target), "v"))  # the written file is YAML we can read
    assert import_releases([release], target).changed is False  # importing again changes nothing


RELEASES = [os.path.join(os.path.dirname(__file__), "data", "releases", name)
            for name in ("01-umea-kommun-inline.txt", "03-region-english.txt")]


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(contacts_text(), st.sampled_from(RELEASES))
def test_import_keeps_every_record_and_byte_of_the_file(tmp_path_factory, text, release):
    target = tmp_path_factory.mktemp("imp") / "contacts.yaml"
    target.write_text(text, encoding="utf-8")
    try:
        result = import_releases([release], target)
    except ImportFailed as exc:
        assert "not changed" in str(exc) and target.read_text(encoding="utf-8") == text
        return
    after = target.read_text(encoding="utf-8")
    theirs = records(text)
    assert records(after)[: len(theirs)] == theirs  # the file's records as they were; the new ones after them
    assert len(records(after)) == len(theirs) + len(result.report.added) or result.findings
    if yaml.safe_load(text)["contacts"] and not text.startswith("{"):  # a block list: only insertions
        assert after.startswith(text)


@settings(max_examples=2000, deadline=None)
@given(st.text())
def test_folding_and_sort_keys_drop_exactly_the_combining_characters(text):
    # the definitions, character by character, that the quicker ways of name_match.fold and search.sort_key keep
    import unicodedata

    from contacts_app.normalise import name_match
    from contacts_app.web.search import _SWEDISH_ORDER, sort_key

    def bare(decomposed: str) -> str:
        return "".join(ch for ch in decomposed if not unicodedata.combining(ch))

    folded = unicodedata.normalize("NFKD", text.lower().translate(name_match._SIMPLE_FOLD))
    assert name_match.fold(text) == bare(folded).replace("'", "").replace("’", "")
    assert sort_key(text) == bare(unicodedata.normalize("NFKD", text.casefold().translate(_SWEDISH_ORDER)))

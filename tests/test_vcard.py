"""vCards: exact content, escaping, folding, stable UIDs, and what the parsers real clients use read from them."""

from __future__ import annotations

import os
import uuid
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

import pytest
import vobject

from contacts_app.model.contact import Contact, Texts
from contacts_app.outputs.vcard import UID_NAMESPACE, contact_uid, inert, safe_url, split_name, vcard, vcards
from contacts_app.validation.validate import load_directory

try:  # tests/ is not a package: pytest puts tests/ itself on sys.path
    import vcard_readers
except ImportError:  # pragma: no cover
    from tests import vcard_readers  # type: ignore[no-redef]

WEB_CONTACTS = Path(__file__).resolve().parent / "data" / "web-contacts.yaml"
REV = datetime(2026, 11, 20, 9, 30, 5, tzinfo=timezone.utc)
URL = "https://kontakter.example.se/people/asa-oberg-linden"


@pytest.fixture(scope="module")
def directory():
    """The web test contacts, loaded and validated."""
    return load_directory(WEB_CONTACTS)


@pytest.fixture(scope="module")
def asa(directory) -> Contact:
    """Åsa Öberg-Lindén: a mobile and a switchboard, a party, titles in both languages."""
    return directory.by_id["asa-oberg-linden"]


def lines(text: str) -> list[str]:
    """The physical lines of a card (the text must end in CRLF)."""
    assert text.endswith("\r\n")
    return text[:-2].split("\r\n")


def unfold(text: str) -> list[str]:
    """The logical lines of a card."""
    return text.replace("\r\n ", "").rstrip("\r\n").split("\r\n")


def test_card_30_exact(asa):
    assert vcard(asa, url=URL, rev=REV) == "\r\n".join(
        [
            "BEGIN:VCARD",
            "VERSION:3.0",
            "UID:" + contact_uid("asa-oberg-linden"),
            "EMAIL;TYPE=internet,work:asa.oberg-linden@regionvasterbotten.se",
            "FN:Åsa Öberg-Lindén",
            "N:Öberg-Lindén;Åsa;;;",
            "NOTE:Parti: S",
            "ORG:Region Västerbotten",
            "REV:2026-11-20T09:30:05Z",
            "item1.TEL;TYPE=work,cell,voice:+46701234567",
            "item2.TEL;TYPE=work,voice:+4690161000",
            "TITLE:Pressansvarig\\, regional utveckling",
            "URL:https://kontakter.example.se/people/asa-oberg-linden",
            "item1.X-ABLABEL:Mobil",
            "item2.X-ABLABEL:Växel",
            "END:VCARD",
            "",
        ]
    )


def test_card_40_exact(asa):
    assert unfold(vcard(asa, version="4.0", lang="en", url=URL + "?lang=en", rev=REV)) == [
        "BEGIN:VCARD",
        "VERSION:4.0",
        "UID:" + contact_uid("asa-oberg-linden"),
        "EMAIL;TYPE=work:asa.oberg-linden@regionvasterbotten.se",
        "FN:Åsa Öberg-Lindén",
        "N:Öberg-Lindén;Åsa;;;",
        "NOTE:Party: S",
        "ORG:Region Västerbotten",
        "REV:20261120T093005Z",
        "item1.TEL;TYPE=work,cell,voice;VALUE=uri:tel:+46701234567",
        "item2.TEL;TYPE=work,voice;VALUE=uri:tel:+4690161000",
        "TITLE:Press officer\\, regional development",
        "URL:https://kontakter.example.se/people/asa-oberg-linden?lang=en",
        "item1.X-ABLABEL:Mobile",
        "item2.X-ABLABEL:Switchboard",
        "END:VCARD",
    ]


def test_english_falls_back_to_swedish_where_there_is_no_english():
    contact = Contact(
        "goran-angstrom", "person", "Göran Ångström", Texts((("sv", "Kommunikationschef"),)),
        Texts((("sv", "Umeå kommun"),)), None, (), ("goran.angstrom@umea.se",), None, 1,
    )
    text = vcard(contact, lang="en")
    assert "TITLE:Kommunikationschef\r\n" in text and "ORG:Umeå kommun\r\n" in text


def test_every_card_has_version_first_n_and_fn_crlf_and_no_bom(directory):
    for contact in directory.contacts:
        for version in ("3.0", "4.0"):
            text = vcard(contact, version=version, url=URL, rev=REV)
            physical = lines(text)
            assert physical[:2] == ["BEGIN:VCARD", f"VERSION:{version}"]
            assert physical[-1] == "END:VCARD"
            assert not text.startswith("\ufeff")
            assert "\n" not in text.replace("\r\n", "")
            logical = unfold(text)
            assert sum(line.startswith("FN:") for line in logical) == 1
            assert sum(line.startswith("N:") for line in logical) == 1
            assert sum(line.startswith("VERSION:") for line in logical) == 1


def test_desk_is_shown_as_an_organisation(directory):
    desk = directory.by_id["pressjouren-umea"]
    assert "X-ABSHOWAS:COMPANY\r\n" in vcard(desk)
    assert "KIND:org\r\n" in vcard(desk, version="4.0")
    assert "N:Pressjouren;;;;\r\n" in vcard(desk)


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Åsa Öberg-Lindén", ("Öberg-Lindén", "Åsa")),
        ("Helene Hellmark Knutsson", ("Hellmark Knutsson", "Helene")),
        ("Pressjouren", ("Pressjouren", "")),
    ],
)
def test_split_name(name, expected):
    assert split_name(name) == expected


def test_uid_is_derived_from_the_id_only(asa):
    assert contact_uid("asa-oberg-linden") == f"urn:uuid:{uuid.uuid5(UID_NAMESPACE, 'asa-oberg-linden')}"
    # pinned: a UID that changed would make phones add the person a second time
    assert contact_uid("asa-oberg-linden") == "urn:uuid:65513db7-39ff-5336-88fb-d9316df8d5a7"
    edited = replace(asa, name="Åsa Lindén", emails=("asa.linden@regionvasterbotten.se",), line=99)
    assert f"UID:{contact_uid('asa-oberg-linden')}\r\n" in vcard(edited)
    assert contact_uid("lorents-burman") != contact_uid("asa-oberg-linden")


def test_semicolons_in_text_become_commas_but_stay_in_org(directory):
    desk = directory.by_id["pressjouren-umea"]
    assert "TITLE:Presstjänst dygnet runt\\, ring växeln\r\n" in vcard(desk)
    odd = replace(desk, organisation=Texts((("sv", "Umeå kommun; Kommunikation, press"),)))
    assert "ORG:Umeå kommun\\; Kommunikation\\, press\r\n" in vcard(odd)


def test_backslash_and_quotes_are_escaped(directory):
    text = vcard(directory.by_id["inert-text"])
    assert 'TITLE:Rådgivare </script><img src=x> \\\\ "citat"\r\n' in text


@pytest.mark.parametrize("field", ["name", "title", "organisation", "party", "email", "url"])
def test_a_line_break_in_any_field_cannot_add_a_property(asa, field):
    evil = "x\r\nEMAIL:attacker@example.com\nTEL:+1900\r\n\r\nEND:VCARD\r\nBEGIN:VCARD"
    url = URL
    if field in ("title", "organisation"):
        contact = replace(asa, **{field: Texts((("sv", evil),))})
    elif field == "email":
        contact = replace(asa, emails=(evil,))
    elif field == "url":
        contact, url = asa, URL + evil
    else:
        contact = replace(asa, **{field: evil})
    text = vcard(contact, url=url, rev=REV)
    logical = unfold(text)
    assert not any(line.startswith(("EMAIL:", "TEL:")) for line in logical)
    assert [line for line in logical if line in ("BEGIN:VCARD", "END:VCARD")] == ["BEGIN:VCARD", "END:VCARD"]
    parsed = vobject.readOne(text)
    assert [e.value for e in parsed.contents["email"]] != ["attacker@example.com"]
    assert len(parsed.contents["tel"]) == 2


def test_url_comma_semicolon_and_backslash_are_percent_encoded():
    assert safe_url("https://e.se/press?id=12,13;lang=sv\\x y") == "https://e.se/press?id=12%2C13%3Blang=sv%5Cx%20y"
    assert safe_url(URL) == URL


def test_inert_text():
    assert inert("a\r\nb\tc\x00d\u2028e;f") == "a b c d e,f"
    assert inert("a;b", semicolons=True) == "a;b"


LONG_TITLE = "Pressansvarig för Västerbottens läns landsbygdsutveckling, " + "åäö ÅÄÖ " * 20


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_folding_at_75_octets_never_splits_a_character(asa, version):
    contact = replace(asa, title=Texts((("sv", LONG_TITLE),)), name="Åsa " + "Öberg-Lindén " * 8)
    text = vcard(contact, version=version, url=URL, rev=REV)
    data = text.encode("utf-8")
    physical = data.split(b"\r\n")
    assert any(len(p) == 75 or len(p) >= 73 for p in physical)  # something really was folded
    folded = [p for p in physical if p.startswith(b" ")]
    assert len(folded) >= 3
    for line in physical:
        assert len(line) <= 75
        line.decode("utf-8")  # raises if a fold split a multi-octet character
    parsed = vobject.readOne(text)
    assert parsed.title.value == " ".join(LONG_TITLE.split())


def test_cards_are_cached_per_record_version(asa):
    vcard.cache_clear()
    first = vcard(asa, url=URL, rev=REV)
    assert vcard(asa, url=URL, rev=REV) is first
    assert vcard.cache_info().hits == 1
    changed = replace(asa, title=Texts((("sv", "Presschef"),)))
    assert vcard(changed, url=URL, rev=REV) is not first
    assert vcard.cache_info().misses == 2


def test_unknown_version_is_refused(asa):
    with pytest.raises(ValueError, match="3.0, 4.0"):
        vcard(asa, version="2.1")


def test_many_cards_in_one_file(directory):
    text = vcards(directory.contacts, lang="en")
    assert text.count("BEGIN:VCARD\r\nVERSION:3.0\r\n") == len(directory.contacts) == 4
    assert len(list(vobject.readComponents(text))) == 4


def test_export_vcf_uses_the_same_cards(cli, directory):
    code, out, err = cli("export", WEB_CONTACTS, "--format", "vcf", "--lang", "en")
    assert code == 0
    assert out == vcards(directory.contacts, lang="en")
    assert "1 error(s)" in err


# -- independent readers -----------------------------------------------------------------------

READERS = {
    "icaljs": (vcard_readers.read_with_icaljs, vcard_readers.icaljs_unavailable_reason),
    "ezvcard": (vcard_readers.read_with_ezvcard, vcard_readers.ezvcard_unavailable_reason),
}


def read(reader: str, path: Path) -> list[dict]:
    """The cards as `reader` decodes them; ez-vcard must not warn. Skips (fails in CI) without the reader."""
    reason = READERS[reader][1]()
    if reason:
        message = f"{reader} unavailable: {reason} (run scripts/install-test-deps)"
        if os.environ.get("VCARD_READERS_REQUIRED") == "1":
            pytest.fail(message)
        pytest.skip(message)
    if reader == "ezvcard":
        warnings: list[str] = []
        cards = vcard_readers.read_with_ezvcard(path, warnings=warnings)
        assert warnings == []
        return cards
    return READERS[reader][0](path)


TRICKY_URL = "https://kontakter.example.se/people/asa-oberg-linden?a=1,2;b=3"


@pytest.mark.slow
@pytest.mark.parametrize("version", ["3.0", "4.0"])
@pytest.mark.parametrize("reader", ["icaljs", "ezvcard"])
def test_readers_real_clients_use_read_the_cards_as_intended(tmp_path, directory, reader, version):
    asa = directory.by_id["asa-oberg-linden"]
    desk = directory.by_id["pressjouren-umea"]
    long = replace(asa, id="long", title=Texts((("sv", LONG_TITLE),)))
    text = "".join(
        (
            vcard(asa, version=version, url=TRICKY_URL, rev=REV),
            vcard(desk, version=version, lang="en", url=URL, rev=REV),
            vcard(long, version=version, rev=REV),
        )
    )
    path = tmp_path / "cards.vcf"
    path.write_bytes(text.encode("utf-8"))
    first, second, third = read(reader, path)
    tel = (lambda number: number) if version == "3.0" else (lambda number: f"tel:{number}")
    email_types = ["internet", "work"] if version == "3.0" else ["work"]
    assert first == {
        "version": version,
        "fn": "Åsa Öberg-Lindén",
        "n": ["Öberg-Lindén", "Åsa", "", "", ""],
        "org": ["Region Västerbotten"],
        "title": "Pressansvarig, regional utveckling",
        "note": "Parti: S",
        "url": TRICKY_URL.replace(",", "%2C").replace(";", "%3B"),
        "uid": contact_uid("asa-oberg-linden"),
        "rev": "2026-11-20T09:30:05Z",
        "tel": [
            {"value": tel("+46701234567"), "types": ["work", "cell", "voice"], "label": "Mobil"},
            {"value": tel("+4690161000"), "types": ["work", "voice"], "label": "Växel"},
        ],
        "email": [{"value": "asa.oberg-linden@regionvasterbotten.se", "types": email_types}],
    }
    assert (second["fn"], second["org"], second["title"]) == (
        "Pressjouren", ["Umeå Municipality"], "Press desk, day and night"
    )
    assert second["tel"] == [{"value": tel("+4690161000"), "types": ["work", "voice"], "label": "Press line"}]
    assert second["email"] == [{"value": "press@umea.se", "types": email_types}]
    assert third["title"] == " ".join(LONG_TITLE.split())  # folded lines come back whole, no U+FFFD


def test_a_line_of_few_characters_but_many_octets_is_folded_at_75_octets():
    # 58 characters, 76 octets: vobject's own folding counts characters and let this line through whole.
    name = "0" * 22 + ",,,," + "¡" * 6 + "\U00010000" * 7
    contact = Contact("x", "person", name, Texts(), Texts(), None, (), (), None, 1)
    text = vcard(contact, lang="sv", version="3.0")
    lines = text.split("\r\n")
    assert max(len(line.encode()) for line in lines) <= 75
    assert any(line.startswith(" ") for line in lines)  # folded, not cut
    (card,) = vobject.readComponents(text)
    assert card.n.value.family == name

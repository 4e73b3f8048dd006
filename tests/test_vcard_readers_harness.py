"""Tests for the independent vCard readers in tests/vcard_readers.

The readers are ical.js (Thunderbird) and ez-vcard (DAVx5). These tests feed
them hand-written vCard 3.0 / 4.0 files and pin down exactly what each one
decodes, so product tests can later trust the harness. Where the two parsers
disagree, the test says which one deviates and how ("QUIRK ..."). Those
differences are real client behaviour the product has to live with.

Versions these expectations were recorded with:
ical.js 2.2.1 (npm, package-lock.json), ez-vcard 0.11.2 + vinnie 2.0.2 (Debian
bookworm), OpenJDK 17, node 20.

Setup: scripts/install-test-deps. If a reader is missing, its tests are
skipped, unless VCARD_READERS_REQUIRED=1 (set this in CI), in which case they
fail.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
from pathlib import Path

import pytest

try:  # tests/ is not a package: pytest puts tests/ itself on sys.path
    import vcard_readers
except ImportError:  # pragma: no cover - if tests/ ever becomes a package
    from tests import vcard_readers  # type: ignore[no-redef]

pytestmark = pytest.mark.slow  # runs node and a JVM (~0.6 s per ez-vcard call)

CRLF = "\r\n"

READERS = {
    "icaljs": (vcard_readers.read_with_icaljs, vcard_readers.icaljs_unavailable_reason),
    "ezvcard": (vcard_readers.read_with_ezvcard, vcard_readers.ezvcard_unavailable_reason),
}


def _require(reader: str) -> None:
    reason = READERS[reader][1]()
    if reason is None:
        return
    msg = f"{reader} reader unavailable: {reason} (run scripts/install-test-deps)"
    if os.environ.get("VCARD_READERS_REQUIRED") == "1":
        pytest.fail(msg)
    pytest.skip(msg)


def read(reader: str, path: Path) -> list[dict]:
    """Read with *reader*; for ez-vcard also insist on zero parse warnings."""
    _require(reader)
    if reader == "ezvcard":
        warnings: list[str] = []
        cards = vcard_readers.read_with_ezvcard(path, warnings=warnings)
        assert warnings == [], f"ez-vcard warned while reading {path.name}: {warnings}"
        return cards
    return vcard_readers.read_with_icaljs(path)


def write_vcf(path: Path, lines: list[str], *, newline: str = CRLF, prefix: bytes = b"") -> Path:
    data = prefix + (newline.join(lines) + newline).encode("utf-8")
    path.write_bytes(data)
    return path


def fold(line: str, limit: int = 75) -> list[str]:
    """RFC 6350 3.2 / RFC 2425 5.8.1 folding: at most *limit* octets per
    physical line (excluding CRLF), continuation lines start with one space,
    and a multi-octet UTF-8 character is never split."""
    out: list[str] = []
    current, size, budget = "", 0, limit
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > budget:
            out.append(current)
            current, size, budget = " ", 1, limit
        current += ch
        size += n
    out.append(current)
    return out


def card(version: str, *props: str) -> list[str]:
    return ["BEGIN:VCARD", f"VERSION:{version}", *props, "END:VCARD"]


def blank(**values) -> dict:
    base = {
        "version": None, "fn": None, "n": None, "org": None, "title": None,
        "note": None, "url": None, "uid": None, "rev": None, "tel": [], "email": [],
    }
    assert set(values) <= set(base), set(values) - set(base)
    base.update(values)
    return base


def with_quirks(expected: list[dict], quirks: dict[int, dict]) -> list[dict]:
    result = copy.deepcopy(expected)
    for index, changes in quirks.items():
        result[index].update(changes)
    return result


# ---------------------------------------------------------------------------
# vCard 3.0: two cards in one CRLF file
# ---------------------------------------------------------------------------

ASA_30 = card(
    "3.0",
    "UID:urn:uuid:5f0c2c1e-4b7a-4f53-9a55-0d1c3c0a0001",
    # Valid folds next to multi-octet characters (never inside one):
    "FN:Åsa Öberg-Lind",            # fold right before "é" (2 octets)
    " én",
    "N:Ö",                          # fold right after "Ö", TAB continuation
    "\tberg-Lindén;Åsa;;;",
    "ORG:Region Västerbotten;Regionala utvecklingsn",
    " ämnden",                      # fold right before "ä"
    "TITLE:Pressansvarig\\, kommunikation",
    "TEL;TYPE=work,voice:+46102254300",
    "TEL;TYPE=cell:+46701234567",
    "EMAIL;TYPE=internet:asa.oberg-linden@regionvasterbotten.se",
    "NOTE:Parti: S",
    # RFC 2426 URL is a "uri" value: written raw, no backslash escapes.
    "URL:https://www.regionvasterbotten.se/press?id=12,13;lang=sv",
    "REV:2024-05-06T07:08:09Z",
)

PER_30 = card(
    "3.0",
    "FN:Per Ågren",
    "N:Ågren;Per;;;",
    "ORG:Umeå kommun",
    "TITLE:Kommunikationschef\\; presskontakt",   # escaped semicolon in text
    "TEL;TYPE=WORK;TYPE=VOICE:+4690161000",       # upper case, repeated TYPE
    "EMAIL;TYPE=INTERNET,PREF:per.agren@umea.se",
    "NOTE:Parti: S\\, kommunalråd",                # escaped comma in text
    # URL with backslash-escaped , and ; -- this is what vobject writes.
    "URL:https://www.umea.se/kontakt?a=1\\,2\\;b=3",
)

EXPECTED_30 = [
    blank(
        version="3.0",
        fn="Åsa Öberg-Lindén",
        n=["Öberg-Lindén", "Åsa", "", "", ""],
        org=["Region Västerbotten", "Regionala utvecklingsnämnden"],
        title="Pressansvarig, kommunikation",
        note="Parti: S",
        url="https://www.regionvasterbotten.se/press?id=12,13;lang=sv",
        uid="urn:uuid:5f0c2c1e-4b7a-4f53-9a55-0d1c3c0a0001",
        rev="2024-05-06T07:08:09Z",
        tel=[
            {"value": "+46102254300", "types": ["work", "voice"]},
            {"value": "+46701234567", "types": ["cell"]},
        ],
        email=[{"value": "asa.oberg-linden@regionvasterbotten.se", "types": ["internet"]}],
    ),
    blank(
        version="3.0",
        fn="Per Ågren",
        n=["Ågren", "Per", "", "", ""],
        org=["Umeå kommun"],
        title="Kommunikationschef; presskontakt",
        note="Parti: S, kommunalråd",
        url="https://www.umea.se/kontakt?a=1,2;b=3",
        # TYPE=WORK;TYPE=VOICE and TYPE=a,b both give the same list in both
        # readers; both keep "pref" as a TYPE value in 3.0.
        tel=[{"value": "+4690161000", "types": ["work", "voice"]}],
        email=[{"value": "per.agren@umea.se", "types": ["internet", "pref"]}],
    ),
]

QUIRKS_30 = {
    "ezvcard": {},  # decodes everything as RFC 2426 says
    "icaljs": {
        1: {
            # QUIRK ical.js: in vCard mode (3.0 and 4.0) plain text values are
            # unescaped for \\ \, \n only; "\;" stays literally in FN, TITLE,
            # NOTE, ... (it is only decoded inside structured N/ORG/ADR).
            "title": "Kommunikationschef\\; presskontakt",
            # QUIRK ical.js: a 3.0 URL is type "uri", which gets NO unescaping
            # at all, so backslashes written by vobject stay in the URL.
            "url": "https://www.umea.se/kontakt?a=1\\,2\\;b=3",
        },
    },
}


@pytest.mark.parametrize("reader", ["icaljs", "ezvcard"])
def test_vcard30_two_cards(tmp_path, reader):
    path = write_vcf(tmp_path / "two.vcf", ASA_30 + PER_30)
    raw = path.read_bytes()
    assert raw.count(b"\r\n") == len(ASA_30) + len(PER_30)
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert read(reader, path) == with_quirks(EXPECTED_30, QUIRKS_30[reader])


# ---------------------------------------------------------------------------
# vCard 4.0
# ---------------------------------------------------------------------------

ASA_40 = card(
    "4.0",
    "UID:urn:uuid:5f0c2c1e-4b7a-4f53-9a55-0d1c3c0a0003",
    "FN:Åsa Öberg-Lind",
    " én",
    "N:Öberg-Lindén;Åsa;;;",
    "ORG:Region Västerbotten;Regionala utvecklingsnämnden",
    "TITLE:Pressansvarig\\, kommunikation",
    'TEL;VALUE=uri;TYPE="work,voice":tel:+46102254300',
    "TEL;TYPE=cell:+46701234567",                 # 4.0 text value, no VALUE=
    "EMAIL;TYPE=work:asa.oberg-linden@regionvasterbotten.se",
    "NOTE:Parti: S\\nRegionråd",
    "URL:https://www.regionvasterbotten.se/press?id=12,13;lang=sv",
    "REV:20240506T070809Z",
)

PER_40 = card(
    "4.0",
    "FN:Per Ågren",
    "N:Ågren;Per;;;",
    "ORG:Umeå kommun",
    "TITLE:Kommunikationschef\\; presskontakt",
    "TEL;TYPE=work,voice:+4690161000",
    "EMAIL;PREF=1;TYPE=work:per.agren@umea.se",
    "NOTE:Parti: S\\, kommunalråd",
    "URL:https://www.umea.se/kontakt?a=1\\,2\\;b=3",
)

EXPECTED_40 = [
    blank(
        version="4.0",
        fn="Åsa Öberg-Lindén",
        n=["Öberg-Lindén", "Åsa", "", "", ""],
        org=["Region Västerbotten", "Regionala utvecklingsnämnden"],
        title="Pressansvarig, kommunikation",
        note="Parti: S\nRegionråd",
        url="https://www.regionvasterbotten.se/press?id=12,13;lang=sv",
        uid="urn:uuid:5f0c2c1e-4b7a-4f53-9a55-0d1c3c0a0003",
        # basic-format 4.0 timestamp, both give the same instant
        rev="2024-05-06T07:08:09Z",
        tel=[
            # VALUE=uri: both return the whole URI, "tel:" included
            {"value": "tel:+46102254300", "types": ["work", "voice"]},
            {"value": "+46701234567", "types": ["cell"]},
        ],
        email=[{"value": "asa.oberg-linden@regionvasterbotten.se", "types": ["work"]}],
    ),
    blank(
        version="4.0",
        fn="Per Ågren",
        n=["Ågren", "Per", "", "", ""],
        org=["Umeå kommun"],
        title="Kommunikationschef; presskontakt",
        note="Parti: S, kommunalråd",
        url="https://www.umea.se/kontakt?a=1,2;b=3",
        tel=[{"value": "+4690161000", "types": ["work", "voice"]}],
        # 4.0 PREF=1 is a separate parameter: not among the TYPE values
        email=[{"value": "per.agren@umea.se", "types": ["work"]}],
    ),
]

QUIRKS_40 = {
    "ezvcard": {},
    "icaljs": {
        1: {
            "title": "Kommunikationschef\\; presskontakt",  # "\;" kept (see 3.0)
            # QUIRK ical.js: a 4.0 URL (uri) is unescaped like vCard text:
            # "\," is decoded but "\;" is kept. Different from 3.0 (nothing
            # decoded) -- the same bytes read differently per VERSION.
            "url": "https://www.umea.se/kontakt?a=1,2\\;b=3",
        },
    },
}


@pytest.mark.parametrize("reader", ["icaljs", "ezvcard"])
def test_vcard40_two_cards(tmp_path, reader):
    path = write_vcf(tmp_path / "two40.vcf", ASA_40 + PER_40)
    assert read(reader, path) == with_quirks(EXPECTED_40, QUIRKS_40[reader])


# ---------------------------------------------------------------------------
# Folding
# ---------------------------------------------------------------------------

LONG_NOTE = "Parti: S. " + "Ååäö " * 12 + "Öberg-Lindén, Västerbotten. " * 2


@pytest.mark.parametrize("version", ["3.0", "4.0"])
@pytest.mark.parametrize("reader", ["icaljs", "ezvcard"])
def test_long_line_folded_inside_multibyte_text(tmp_path, reader, version):
    escaped = LONG_NOTE.replace(",", "\\,")
    physical = fold("NOTE:" + escaped)
    assert len(physical) >= 3
    # the test is only meaningful if some folds sit between two multi-octet
    # characters, i.e. inside a run of UTF-8 sequences
    between_multibyte = [
        (a, b) for a, b in zip(physical, physical[1:])
        if len(a[-1].encode()) > 1 and len(b[1].encode()) > 1
    ]
    assert between_multibyte, physical
    assert all(len(p.encode()) <= 75 for p in physical)
    path = write_vcf(tmp_path / "long.vcf", card(version, "FN:Åsa Öberg-Lindén", *physical))
    (got,) = read(reader, path)
    assert got["note"] == LONG_NOTE
    assert got["fn"] == "Åsa Öberg-Lindén"


@pytest.mark.parametrize("reader", ["icaljs", "ezvcard"])
def test_fold_removes_exactly_one_whitespace(tmp_path, reader):
    # Both readers drop only the single fold character, so a writer that
    # folds at a space must keep that space on one of the two lines.
    path = write_vcf(tmp_path / "f.vcf", card("3.0", "FN:Åsa", "  Öberg", "NOTE:a", "\t\tb"))
    (got,) = read(reader, path)
    assert got["fn"] == "Åsa Öberg"
    assert got["note"] == "a\tb"


@pytest.mark.parametrize("reader", ["icaljs", "ezvcard"])
def test_fold_splitting_a_utf8_sequence_corrupts_the_character(tmp_path, reader):
    # INVALID input (RFC 6350 3.2: multi-octet characters MUST stay
    # contiguous): "é" = C3 A9 split by CRLF SP. Both readers decode the bytes
    # as UTF-8 *before* unfolding, so each half becomes U+FFFD. The product
    # must never fold inside a character.
    data = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Åsa Öberg-Lind".encode()
        + b"\xc3\r\n \xa9n\r\nEND:VCARD\r\n"
    )
    path = tmp_path / "bad.vcf"
    path.write_bytes(data)
    (got,) = read(reader, path)
    assert got["fn"] == "Åsa Öberg-Lind\ufffd\ufffdn"


@pytest.mark.parametrize("reader", ["icaljs", "ezvcard"])
def test_bare_lf_line_endings_are_accepted(tmp_path, reader):
    path = write_vcf(tmp_path / "lf.vcf", card("3.0", "FN:Åsa", "NOTE:a", " b"), newline="\n")
    (got,) = read(reader, path)
    assert (got["fn"], got["note"]) == ("Åsa", "ab")


# ---------------------------------------------------------------------------
# Escapes, structured values, parameters
# ---------------------------------------------------------------------------

EDGE_30 = card(
    "3.0",
    'FN:Anna "Nisse" Nilsson\\\\Svensson',          # quote + escaped backslash
    "N:Öberg;Åsa;Maria,Lena;Dr.;",                   # two additional names
    "ORG:Foo\\; Bar;Enhet\\, två",                   # escaped ; and , inside components
    "TITLE:Rad ett\\nRad två\ttabb",                 # \n escape + raw TAB
    'TEL;TYPE="work,voice":+46 10\\,1',              # quoted param, escaped , in number
    "EMAIL;TYPE=internet;TYPE=work:a@b.se",
    "NOTE:x\\:y",                                    # "\:" is not an RFC 2426 escape
)


@pytest.mark.parametrize("reader", ["icaljs", "ezvcard"])
def test_escapes_and_structured_values(tmp_path, reader):
    path = write_vcf(tmp_path / "edge.vcf", EDGE_30)
    expected = blank(
        version="3.0",
        fn='Anna "Nisse" Nilsson\\Svensson',
        # a multi-valued N component comes back as a list from both readers
        n=["Öberg", "Åsa", ["Maria", "Lena"], "Dr.", ""],
        org=["Foo; Bar", "Enhet, två"],  # both decode \; and \, inside ORG
        title="Rad ett\nRad två\ttabb",
        # both strip the backslash from a 3.0 phone number
        tel=[{"value": "+46 10,1", "types": ["work", "voice"]}],
        email=[{"value": "a@b.se", "types": ["internet", "work"]}],
        # QUIRK ez-vcard: unknown escapes like "\:" are decoded to ":";
        # ical.js leaves them as they are (this matches RFC 2426 better).
        note="x:y" if reader == "ezvcard" else "x\\:y",
    )
    assert read(reader, path) == [expected]


@pytest.mark.parametrize("reader", ["icaljs", "ezvcard"])
def test_unescaped_comma_in_30_note(tmp_path, reader):
    # RFC 2426 requires "\," in text; a writer that forgets it gets:
    path = write_vcf(tmp_path / "n.vcf", card("3.0", "NOTE:Parti: S, kommunalråd"))
    (got,) = read(reader, path)
    if reader == "icaljs":
        # QUIRK ical.js: 3.0 NOTE is a multi-valued text property, split on
        # unescaped commas; Component.getFirstPropertyValue("note") (what
        # Thunderbird-style code uses) would return only "Parti: S".
        assert got["note"] == ["Parti: S", " kommunalråd"]
    else:
        assert got["note"] == "Parti: S, kommunalråd"


# ---------------------------------------------------------------------------
# Version handling across cards
# ---------------------------------------------------------------------------

QUIRKY_40 = card("4.0", "FN:B\\; x", "URL:https://e.se/?a=1\\,2")


@pytest.mark.parametrize("reader", ["icaljs", "ezvcard"])
def test_40_card_after_30_card_in_same_file(tmp_path, reader):
    path = write_vcf(tmp_path / "mixed.vcf", card("3.0", "FN:A") + QUIRKY_40)
    got = read(reader, path)
    assert [c["version"] for c in got] == ["3.0", "4.0"]
    if reader == "icaljs":
        # QUIRK ical.js: ICAL.parse picks the vcard3 rules at the first card
        # and keeps them for the rest of the file, so the 4.0 card's URL is
        # not unescaped at all (alone in a file it would be "...a=1,2").
        assert got[1]["url"] == "https://e.se/?a=1\\,2"
        assert got[1]["fn"] == "B\\; x"
    else:
        assert got[1]["url"] == "https://e.se/?a=1,2"
        assert got[1]["fn"] == "B; x"


@pytest.mark.parametrize("reader", ["icaljs", "ezvcard"])
def test_40_card_whose_version_is_not_the_first_property(tmp_path, reader):
    lines = ["BEGIN:VCARD", "FN:B", "VERSION:4.0", "URL:https://e.se/?a=1\\,2", "END:VCARD"]
    (got,) = read(reader, write_vcf(tmp_path / "v.vcf", lines))
    assert got["version"] == "4.0"
    # QUIRK ical.js: vCard 4.0 rules only apply if VERSION:4.0 is the very
    # first property (RFC 6350 requires that); otherwise 3.0 rules are used.
    assert got["url"] == ("https://e.se/?a=1\\,2" if reader == "icaljs" else "https://e.se/?a=1,2")


# ---------------------------------------------------------------------------
# What the product's writer (vobject) produces
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("reader", ["icaljs", "ezvcard"])
def test_vobject_serialized_30_card(tmp_path, reader):
    vobject = pytest.importorskip("vobject")
    vc = vobject.vCard()
    vc.add("fn").value = "Åsa Öberg-Lindén"
    vc.add("n").value = vobject.vcard.Name(family="Öberg-Lindén", given="Åsa")
    vc.add("org").value = ["Region Västerbotten", "Regionala utvecklingsnämnden"]
    vc.add("title").value = "Pressansvarig, kommunikation"
    tel = vc.add("tel")
    tel.value = "+46102254300"
    tel.type_param = ["work", "voice"]
    email = vc.add("email")
    email.value = "asa.oberg-linden@regionvasterbotten.se"
    email.type_param = "internet"
    vc.add("note").value = LONG_NOTE
    vc.add("url").value = "https://www.regionvasterbotten.se/press?id=12,13;lang=sv"
    text = vc.serialize()
    path = tmp_path / "vobject.vcf"
    path.write_bytes(text.encode("utf-8"))
    # vobject escapes , and ; in URL too (RFC 2426 says uri values are raw)
    assert "URL:https://www.regionvasterbotten.se/press?id=12\\,13\\;lang=sv\r\n" in text

    (got,) = read(reader, path)
    expected = blank(
        version="3.0",
        fn="Åsa Öberg-Lindén",
        n=["Öberg-Lindén", "Åsa", "", "", ""],
        org=["Region Västerbotten", "Regionala utvecklingsnämnden"],
        title="Pressansvarig, kommunikation",
        note=LONG_NOTE,  # vobject's folding is read back intact by both
        url="https://www.regionvasterbotten.se/press?id=12,13;lang=sv",
        tel=[{"value": "+46102254300", "types": ["work", "voice"]}],
        email=[{"value": "asa.oberg-linden@regionvasterbotten.se", "types": ["internet"]}],
    )
    if reader == "icaljs":
        # QUIRK ical.js + vobject: the escaped URL comes back with backslashes
        # (see QUIRKS_30). A product that wants clean URLs in Thunderbird must
        # avoid vobject's escaping of URL (or avoid , and ; in URLs).
        expected["url"] = "https://www.regionvasterbotten.se/press?id=12\\,13\\;lang=sv"
    assert got == expected


# ---------------------------------------------------------------------------
# Harness behaviour
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("reader", ["icaljs", "ezvcard"])
def test_empty_file_has_no_cards(tmp_path, reader):
    path = tmp_path / "empty.vcf"
    path.write_bytes(b"")
    assert read(reader, path) == []


def test_utf8_bom(tmp_path):
    # The product must not write a BOM: neither reader copes with one.
    path = write_vcf(tmp_path / "bom.vcf", card("3.0", "FN:Åsa"), prefix=b"\xef\xbb\xbf")
    _require("ezvcard")
    warnings: list[str] = []
    # QUIRK ez-vcard: with a BOM it silently finds no card at all, no warning.
    assert vcard_readers.read_with_ezvcard(path, warnings=warnings) == []
    assert warnings == []
    _require("icaljs")
    # QUIRK ical.js: ICAL.parse crashes (TypeError: ... 'propertyGroups')
    # because "\ufeffBEGIN" is not recognised as BEGIN.
    with pytest.raises(vcard_readers.ReaderFailed, match="propertyGroups"):
        vcard_readers.read_with_icaljs(path)


def test_ezvcard_warnings_are_reported(tmp_path):
    _require("ezvcard")
    path = write_vcf(tmp_path / "w.vcf", card("3.0", "FN:x", "REV:not-a-date"))
    warnings: list[str] = []
    (got,) = vcard_readers.read_with_ezvcard(path, warnings=warnings)
    assert got["rev"] is None
    assert warnings and all(w.startswith("ez-vcard warning (card 0)") for w in warnings)
    assert any("REV" in w for w in warnings), warnings


def test_ezread_refuses_non_utf8_default_charset(tmp_path):
    # Ezvcard.parse(File) decodes with the JVM default charset (it uses
    # java.io.FileReader); on Java 17 that follows the locale, e.g. LANG=C
    # gives US-ASCII and "Å" turns into replacement characters. EzRead.java
    # therefore insists on -Dfile.encoding=UTF-8 (the Python wrapper sets it).
    _require("ezvcard")
    path = write_vcf(tmp_path / "a.vcf", card("3.0", "FN:Åsa"))
    proc = subprocess.run(
        [
            "java", "-XX:TieredStopAtLevel=1", "-Dfile.encoding=US-ASCII",
            "-cp", os.pathsep.join(vcard_readers.DEFAULT_EZVCARD_JARS),
            str(vcard_readers.EZVCARD_SOURCE), str(path),
        ],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 3
    assert "-Dfile.encoding=UTF-8" in proc.stderr


def test_json_output_is_strict_utf8_json(tmp_path):
    # control characters must be escaped by both JSON writers
    _require("icaljs")
    _require("ezvcard")
    path = write_vcf(tmp_path / "c.vcf", card("3.0", "FN:a\x01b\x7fc\u2028d\\\\e\"f"))
    for reader in ("icaljs", "ezvcard"):
        (got,) = read(reader, path)
        assert got["fn"] == 'a\x01b\x7fc\u2028d\\e"f', reader


def test_missing_tools_raise_clear_errors(tmp_path, monkeypatch):
    path = write_vcf(tmp_path / "a.vcf", card("3.0", "FN:x"))
    monkeypatch.setenv("VCARD_READERS_NODE", str(tmp_path / "no-node"))
    monkeypatch.setenv("VCARD_READERS_JAVA", str(tmp_path / "no-java"))
    assert vcard_readers.available() == {"icaljs": False, "ezvcard": False}
    with pytest.raises(vcard_readers.ReaderUnavailable, match="install-test-deps"):
        vcard_readers.read_with_icaljs(path)
    with pytest.raises(vcard_readers.ReaderUnavailable, match="java not found"):
        vcard_readers.read_with_ezvcard(path)
    monkeypatch.delenv("VCARD_READERS_JAVA")
    monkeypatch.setenv("VCARD_READERS_EZVCARD_CLASSPATH", str(tmp_path / "nope.jar"))
    assert "missing jar" in (vcard_readers.ezvcard_unavailable_reason() or "")


def test_reader_failure_includes_stderr(tmp_path):
    _require("icaljs")
    path = tmp_path / "broken.vcf"
    path.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:x\r\n", encoding="utf-8")  # no END
    with pytest.raises(vcard_readers.ReaderFailed) as info:
        vcard_readers.read_with_icaljs(path)
    assert isinstance(info.value, subprocess.CalledProcessError)
    assert "component began but did not end" in str(info.value)


def test_output_is_plain_json_lists(tmp_path):
    # the scripts can also be used by hand; their stdout is a JSON list
    _require("icaljs")
    path = write_vcf(tmp_path / "a.vcf", ASA_30)
    out = subprocess.run(
        ["node", str(vcard_readers.ICALJS_SCRIPT), str(path)],
        capture_output=True, check=True,
    ).stdout
    assert json.loads(out.decode("utf-8"))[0]["fn"] == "Åsa Öberg-Lindén"

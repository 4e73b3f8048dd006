"""Release text to records: every fixture release yields exactly its expected records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from contacts_app.extraction.blocks import find_blocks
from contacts_app.extraction.extract import extract
from contacts_app.extraction.fields import split_title_org
from contacts_app.extraction.release_text import read_release

from .conftest import SEED_RELEASE, SHIPPED

DATA = Path(__file__).resolve().parent / "data"
FIXTURES = sorted(
    p
    for folder in ("releases", "releases-heldout", "releases-heldout-2")
    for p in (DATA / folder).iterdir()
    if p.suffix in (".txt", ".html")
)


def records_of(path: Path) -> list[dict]:
    return [c.as_record() for c in extract(read_release(path)).candidates]


def expected_of(path: Path) -> list[dict]:
    return yaml.safe_load(path.with_name(path.stem + ".expected.yaml").read_text(encoding="utf-8"))["contacts"]


def canonical(records: list[dict]) -> list[str]:
    return sorted(json.dumps(r, sort_keys=True, ensure_ascii=False) for r in records)


def test_there_are_enough_fixtures():
    assert len(FIXTURES) >= 34


@pytest.mark.parametrize("path", FIXTURES, ids=[f"{p.parent.name}/{p.stem}" for p in FIXTURES])
def test_fixture_yields_exactly_its_records(path):
    assert canonical(records_of(path)) == canonical(expected_of(path))


def test_seed_release_yields_the_three_shipped_records():
    shipped = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))["contacts"]
    wanted = [{k: v for k, v in r.items() if k not in ("id", "source", "acknowledged")} for r in shipped]
    assert records_of(SEED_RELEASE) == wanted


def test_seed_release_metadata():
    extraction = extract(read_release(SEED_RELEASE))
    assert extraction.languages == ("sv", "en")
    assert extraction.release.title.startswith("Utnyttja möjligheten att skapa")


def test_body_quotes_never_make_contacts():
    names = {r["name"] for r in records_of(SEED_RELEASE)}
    text = SEED_RELEASE.read_text(encoding="utf-8")
    assert "säger Helene Hellmark Knutsson, landshövding" in text
    assert names == {"Helene Hellmark Knutsson", "Lorents Burman", "Rickard Carstedt"}


@pytest.mark.parametrize(
    "line, title, org",
    [
        ("Kommunalråd Skellefteå kommun", "Kommunalråd", "Skellefteå kommun"),
        ("Landshövding Västerbottens län", "Landshövding Västerbottens län", None),
        ("Chair of the Regional Executive Board", "Chair of the Regional Executive Board", None),
        ("Region Västerbotten", None, "Region Västerbotten"),
        ("the County Council of Västerbotten (Region Västerbotten)", None,
         "the County Council of Västerbotten (Region Västerbotten)"),
        ("ordförande i regionala utvecklingsnämnden", "ordförande i regionala utvecklingsnämnden", None),
        ("Presschef Umeå kommun", "Presschef", "Umeå kommun"),
    ],
)
def test_title_and_organisation_apart(line, title, org):
    assert split_title_org(line) == (title, org)


def test_inline_contact_in_one_sentence(tmp_path):
    path = tmp_path / "release.txt"
    path.write_text(
        "Umeå kommun inviger ny förskola\n"
        "Den nya förskolan i Ersboda har plats för 120 barn och öppnar i augusti efter två års byggtid.\n"
        "För mer information, kontakta Anna Andersson, presschef, e-post: anna.andersson@umea.se, "
        "tel. 090-16 10 00.\n",
        encoding="utf-8",
    )
    assert records_of(path) == [
        {
            "kind": "person",
            "name": "Anna Andersson",
            "title": {"sv": "Presschef"},
            "phones": [{"number": "090-16 10 00", "label": "switchboard"}],
            "emails": ["anna.andersson@umea.se"],
        }
    ]


def test_release_without_contact_block_yields_nothing(tmp_path):
    path = tmp_path / "release.txt"
    path.write_text("Ny cykelbana\nKommunen bygger en ny cykelbana längs älven under våren, säger Per Åström.\n",
                    encoding="utf-8")
    assert records_of(path) == []


def test_blocks_stop_at_newsroom_boilerplate():
    lines = ["Presskontakt:", "Anna Berg, presschef", "070-174 06 00", "Ämnen", "Kultur", "Om Umeå kommun"]
    (block,) = find_blocks(lines)
    assert block.lines == ["Anna Berg, presschef", "070-174 06 00"]


@pytest.mark.parametrize("path", FIXTURES, ids=[f"{p.parent.name}/{p.stem}" for p in FIXTURES])
def test_fixture_expectations_are_sound(path):
    """Every expected value is printed in its release, and every number is in display form."""
    import html

    from contacts_app.normalise.phones import parse_phone

    text = path.read_text(encoding="utf-8")
    text = html.unescape(text).replace("\xa0", " ") if path.suffix == ".html" else text
    for record in expected_of(path):
        assert record["name"] in text
        for email in record.get("emails", []):
            assert email in text
        for phone in record.get("phones", []):
            number = phone["number"]
            region = "SE" if not number.startswith("+") else None
            assert parse_phone(number, None, region or "SE").display == number


def test_addresses_written_against_harvesters(tmp_path):
    path = tmp_path / "release.txt"
    path.write_text(
        "Kontaktperson:\nÅsa Öberg, kommunikatör, asa.oberg[at]umea.se\n"
        "Per Lindén, presschef, per.linden (at) umea(dot)se\n",
        encoding="utf-8",
    )
    assert [r["emails"] for r in records_of(path)] == [["asa.oberg@umea.se"], ["per.linden@umea.se"]]

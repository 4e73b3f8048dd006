"""Contacts found by their evidence: one-line cases of the layouts real releases use, and inputs that must not hurt.

The layouts are those the corpus (tests/data/real-releases) shows; each case here pins one of them to a line.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contacts_app.extraction.extract import extract
from contacts_app.extraction.release_text import ReleaseError, read_release

BODY = "Kommunen bygger en ny simhall vid älven som ska stå klar under hösten nästa år, enligt beslutet i fullmäktige.\n"


def people(tmp_path, text: str, name: str = "release.txt") -> list[dict]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return [c.as_record() for c in extract(read_release(path)).candidates]


def only(records: list[dict]) -> dict:
    assert len(records) == 1, records
    return records[0]


def test_lines_after_the_body_without_a_heading(tmp_path):
    found = people(tmp_path, "Ny simhall\n" + BODY + "\nMats Eriksson, tfn 070-595 60 85\n\nKarin Möller, tfn 070-267 96 09\n")
    assert [(p["name"], p["phones"][0]["number"]) for p in found] == [
        ("Mats Eriksson", "070-595 60 85"), ("Karin Möller", "070-267 96 09")]


def test_a_signature_block_of_name_title_and_number(tmp_path):
    found = only(people(tmp_path, BODY + "\nLovisa Alm\nPressekreterare hos statsrådet\n+46 8 405 10 00\n"))
    assert found["name"] == "Lovisa Alm" and found["title"]["sv"].startswith("Pressekreterare")


def test_a_contact_only_in_prose(tmp_path):
    text = BODY + ("Vill du veta mer om fisket, kontakta gärna fiskekonsulenten Sanna Lind 070-174 06 33 för att "
                   "boka en tid på plats vid älven under veckan.\n")
    found = only(people(tmp_path, text))
    assert found["name"] == "Sanna Lind" and found["phones"][0]["number"] == "070-174 06 33"
    assert found["title"]["sv"].lower() == "fiskekonsulenten"


def test_a_person_quoted_with_a_number_nearby_is_not_the_contact(tmp_path):
    text = BODY + "– Det här är viktigt för alla, säger kommunalrådet Per Lind. Ring kundtjänst på 0910-73 50 00.\n"
    assert all(p["name"] != "Per Lind" for p in people(tmp_path, text))


def test_a_listed_company_line_with_three_digit_groups(tmp_path):
    found = only(people(tmp_path, "Bolaget redovisar rekordresultat.\n" + BODY + "Anna Berg, vd, +46 723 877 438\n"))
    assert found["phones"][0]["number"] == "072-387 74 38" and found["title"]["sv"] == "Vd"


def test_title_first_with_dashes(tmp_path):
    found = only(people(tmp_path, BODY + "För mer information:\nKommunikationschef – Anna Berg – anna.berg@example.se\n"))
    assert found["name"] == "Anna Berg" and found["emails"] == ["anna.berg@example.se"]
    assert found["title"]["sv"] == "Kommunikationschef"


def test_a_stray_bracket_after_the_party(tmp_path):
    found = only(people(tmp_path, BODY + "Kontaktperson:\nAnna Berg (S) ), kommunalråd, 070-174 06 33\n"))
    assert (found["name"], found["party"]) == ("Anna Berg", "S")


def test_a_placeholder_address_is_not_an_address(tmp_path):
    found = only(people(tmp_path, BODY + "Kontakt:\nAnna Berg, presschef, 070-174 06 33, [email protected]\n"))
    assert "emails" not in found


def test_a_duty_press_number_alone_gives_a_desk_or_nothing(tmp_path):
    found = people(tmp_path, BODY + "Polisens presstjänst nås på 010-566 70 00.\n")
    assert all(p["kind"] == "desk" for p in found)


def test_the_same_person_in_body_and_footer_is_one_record_with_both_numbers(tmp_path):
    text = (BODY + "För mer information kontakta Anna Berg, presschef, 070-174 06 33.\n\nKontakter\nAnna Berg\n"
            "Presschef\n08-123 456 78\n")
    found = only(people(tmp_path, text))
    assert sorted(p["number"] for p in found["phones"]) == ["070-174 06 33", "08-123 456 78"]


def test_an_address_written_against_harvesters(tmp_path):
    found = only(people(tmp_path, BODY + "Kontakt:\nTommy Löfgren, presschef, tommy.lofgren[at]example.se\n"))
    assert found["emails"] == ["tommy.lofgren@example.se"]


def test_evidence_nobody_owns_is_a_finding_at_its_place(tmp_path):
    path = tmp_path / "release.txt"
    path.write_text("# source: https://example.org/1\nNy simhall\n\nAnmälan till 0910-73 50 00 senast i dag.\n",
                    encoding="utf-8")
    extraction = extract(read_release(path))
    assert extraction.candidates == ()
    ((line, col, code),) = [(f.line, f.col, f.code) for f in extraction.skipped]
    assert (line, col, code) == (4, 14, "import-skipped")


def test_a_release_without_evidence_says_so(tmp_path, cli):
    release = tmp_path / "release.txt"
    release.write_text("Ny simhall\n" + BODY, encoding="utf-8")
    code, _, err = cli("import", release, "--into", tmp_path / "contacts.yaml")
    assert code == 2 and "no phone number, email address or contact heading" in err


def test_unowned_evidence_is_shown_when_nothing_could_be_read(tmp_path, cli):
    release = tmp_path / "release.txt"
    release.write_text("Ny simhall\n" + BODY + "Anmälan till 0910-73 50 00 senast i dag.\n", encoding="utf-8")
    code, _, err = cli("import", release, "--into", tmp_path / "contacts.yaml")
    assert code == 2 and f"{release}:3:14:" in err and "no name or desk beside them" in err


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_any_text_imports_without_an_exception(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("r") / "release.txt"
    path.write_text("Rubrik\n" + text + "\nKontakt: Anna Berg, 070-174 06 33\n", encoding="utf-8")
    try:
        extract(read_release(path))
    except ReleaseError as exc:  # a NUL byte: a binary file, said in words
        assert "binary" in str(exc)


@pytest.mark.parametrize("piece", ["Kommunikationschef Skellefteå kommun Anna Berg, ", "070-174 06 33 ", "a" * 50 + " "])
def test_long_lines_take_linear_time(tmp_path, piece):
    """A line of 1 MB costs at most a few times one of 256 KB (quadratic splitting would cost 16 times)."""

    def seconds(size: int) -> float:
        path = tmp_path / f"r{size}.txt"
        path.write_text("Rubrik\nKontakt:\n" + piece * (size // len(piece)) + "\n", encoding="utf-8")
        start = time.process_time()  # CPU time: other work on a shared machine does not stretch it
        extract(read_release(path))
        return time.process_time() - start

    small, big = seconds(256 * 1024), seconds(1024 * 1024)
    assert big < max(0.5, 8 * small)


def test_a_heading_whose_first_line_is_a_sentence(tmp_path):
    text = BODY + "För mer information, kontakta:\nAnna Berg, professor i marinbiologi vid Göteborgs universitet.\nanna.berg@gu.se, 031-786 00 00\n"
    found = only(people(tmp_path, text))
    assert found["name"] == "Anna Berg" and found["emails"] == ["anna.berg@gu.se"]


def test_a_heading_phrased_another_way(tmp_path):
    found = only(people(tmp_path, BODY + "Vill du ha ytterligare information kontakta:\nAnna Berg, presschef, 070-174 06 33\n"))
    assert found["name"] == "Anna Berg"


def test_a_ministry_signature_block(tmp_path):
    text = ("Minister to visit Umeå\n" + "The Minister for Rural Affairs will visit Umeå on Monday to meet farmers and the "
            "county board about the drought this summer.\n\nAnna Berg\nPress Secretary to the Minister for Rural Affairs\n"
            "Phone (switchboard) +46 8 405 10 00\n")
    found = only(people(tmp_path, text))
    assert found["name"] == "Anna Berg" and found["phones"][0]["number"] == "08-405 10 00"
    assert "Press Secretary" in next(iter(found["title"].values()))


def test_a_contact_by_sms_in_a_sentence(tmp_path):
    text = BODY + "Föranmälan krävs och görs via sms till kommunikationschef Lotta Berg, 076 766 79 80. Välkomna!\n"
    found = only(people(tmp_path, text))
    assert found["name"] == "Lotta Berg" and found["phones"][0]["number"] == "076-766 79 80"


def test_a_whole_block_on_one_line(tmp_path):
    text = BODY + ("För mer information kontakta: Anna Berg, enhetschef, Miljöenheten, Region Gävleborg, "
                   "070-174 06 33, 026-15 50 00, Box 123, 801 03 Gävle\n")
    found = only(people(tmp_path, text))
    assert found["name"] == "Anna Berg"
    assert {p["number"] for p in found["phones"]} >= {"070-174 06 33"}


def test_a_finnish_circular(tmp_path):
    text = ("Kaupunki avaa uuden uimahallin\nKaupunki avaa uuden uimahallin ensi syksynä, ja rakennustyöt alkavat "
            "jo tässä kuussa keskustan lähellä.\nLisätietoja:\nToimitusjohtaja Matti Virtanen, puh. 040 123 4567\n")
    found = only(people(tmp_path, text))
    assert found["name"] == "Matti Virtanen" and found["phones"][0]["number"] == "+358 40 1234567"


def test_a_norwegian_press_contact_in_prose(tmp_path):
    text = ("Statsministeren besøker Tromsø\nStatsministeren besøker Tromsø på mandag og vil møte ordføreren og "
            "næringslivet i byen for å diskutere nye arbeidsplasser.\nPressekontakt er kommunikasjonsrådgiver Kari "
            "Nordmann, telefon 912 34 567.\n")
    found = only(people(tmp_path, text))
    assert found["name"] == "Kari Nordmann" and found["phones"][0]["number"] == "+47 91 23 45 67"


def test_a_contact_in_the_header_with_a_transliterated_address(tmp_path):
    text = ("Kontakt: Sara Öberg, Sara.Oberg@umu.se\nForskare hittar ny art i fjällen\n" + BODY)
    found = only(people(tmp_path, text))
    assert found["name"] == "Sara Öberg" and found["emails"] == ["Sara.Oberg@umu.se"]


def test_an_invitation_flattened_into_one_paragraph(tmp_path):
    text = BODY + ("Presstjänst: Anna Berg, 070-174 06 33, 08-508 290 00, anna.berg@stad.se, Per Lind, 070-174 06 34, "
                   "per.lind@stad.se. Stadshuset, Ragnar Östbergs plan 1, 105 35 Stockholm. Växel 08-508 290 00. "
                   "Fax 08-508 290 99.\n")
    found = {p["name"]: p for p in people(tmp_path, text) if p["kind"] == "person"}
    assert set(found) == {"Anna Berg", "Per Lind"}
    assert [p["number"] for p in found["Per Lind"]["phones"]] == ["070-174 06 34"]


def test_numbers_of_the_country_all_addresses_point_to(tmp_path):
    text = BODY + "Närmare upplysningar: Timo Mykkänen, timo.mykkanen@stiftelse.fi, tfn 09-771 27 15\n"
    found = only(people(tmp_path, text))
    assert found["phones"][0]["number"].startswith("+358 9")


def test_an_unknown_name_after_a_title_or_spelt_by_its_address(tmp_path):
    text = BODY + "För mer information:\nStyrelsens ordförande – Jonas Blom – jonas.blom@x.se\nVD – Dan Törnsten – dan.tornsten@y.com\n"
    found = {p["name"]: p["emails"] for p in people(tmp_path, text)}
    assert found == {"Jonas Blom": ["jonas.blom@x.se"], "Dan Törnsten": ["dan.tornsten@y.com"]}

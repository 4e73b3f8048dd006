"""Name/email consistency: the usual address patterns fit, near misses get the intended address."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contacts_app.normalise.name_match import distance, fits, fold, suggest

FITTING = [
    ("Helene Hellmark Knutsson", "helene.hellmark.knutsson@lansstyrelsen.se"),
    ("Helene Hellmark Knutsson", "helene.knutsson@lansstyrelsen.se"),
    ("Helene Hellmark Knutsson", "helene.hellmark-knutsson@lansstyrelsen.se"),
    ("Lorents Burman", "lorents.burman@skelleftea.se"),
    ("Lorents Burman", "l.burman@skelleftea.se"),
    ("Lorents Burman", "lburman@skelleftea.se"),
    ("Lorents Burman", "lorents-burman@skelleftea.se"),
    ("Lorents Burman", "burman.lorents@skelleftea.se"),
    ("Åsa Öberg-Lindén", "asa.oberg-linden@umea.se"),
    ("Åsa Öberg-Lindén", "aasa.oeberg@umea.se"),
    ("Björn Ström", "bjorn.strom@lulea.se"),
    ("Björn Ström", "björn.ström@lulea.se"),
    ("Emma Johansson", "emma.e.johansson@goteborg.se"),
    ("Anna-Karin Öhman", "anna-karin.ohman@region.se"),
    ("Anna-Karin Öhman", "annakarin.ohman@region.se"),
    ("Anna-Karin Öhman", "ak.ohman@region.se"),
    ("Per-Åke Sjöström", "per-ake.sjostrom@trafikverket.se"),
    ("José Pérez", "jose.perez@malmo.se"),
    ("Anna Andersson", "anna.andersson2@vgregion.se"),
]


@pytest.mark.parametrize("name, email", FITTING)
def test_usual_patterns_fit(name, email):
    assert fits(name, email)
    assert suggest(name, email) is None


NEAR_MISSES = [
    ("Rickard Carstedt", "richard.carstedt@regionvasterbotten.se", "rickard.carstedt@regionvasterbotten.se"),
    ("Anna Andersson", "anna.anderson@umea.se", "anna.andersson@umea.se"),
    ("Kristina Nilsson", "christina.nilsson@lund.se", "kristina.nilsson@lund.se"),
    ("Per Åström", "per.astorm@polisen.se", "per.astrom@polisen.se"),
    ("Mikael Öhrn", "mikael.ohrm@skatteverket.se", "mikael.ohrn@skatteverket.se"),
]


@pytest.mark.parametrize("name, email, intended", NEAR_MISSES)
def test_near_miss_suggests_intended_address(name, email, intended):
    assert not fits(name, email)
    assert suggest(name, email) == intended


@pytest.mark.parametrize(
    "name, email",
    [
        ("Anna Andersson", "press@umea.se"),
        ("Anna Andersson", "registrator@umea.se"),
        ("Anna Andersson", "kommunikation@umea.se"),
        ("Anna Andersson", "info@umea.se"),
        ("Anna Andersson", "karin.larsson@umea.se"),  # someone else's address: not a near miss
        ("Helene Hellmark Knutsson", "hhk@lansstyrelsen.se"),  # initials: another scheme
    ],
)
def test_role_and_unrelated_addresses_are_not_mismatches(name, email):
    assert suggest(name, email) is None


def test_fold_swedish_letters():
    assert fold("Åsa Öberg-Lindén") == "asa oberg-linden"
    assert fold("Ærø Ødegård") == "aero odegard"


def test_distance_counts_a_swap_as_one():
    assert distance("rickard", "richard") == 1
    assert distance("astorm", "astrom") == 1
    assert distance("", "abc") == 3


FIRST = st.sampled_from(["Åsa", "Örjan", "Märta", "Anna-Karin", "Björn", "Eva", "Lars", "Pär", "Ingrid", "Göran"])
LAST = st.sampled_from(["Öberg", "Ström", "Hellmark Knutsson", "Lindén", "Åkesson", "Nilsson", "Sjöberg-Ek", "Wästlund"])


@given(first=FIRST, last=LAST, pattern=st.sampled_from(["{f}.{l}", "{f}-{l}", "{f}{l}", "{i}.{l}", "{f}.x.{l}"]))
def test_generated_addresses_from_the_name_always_fit(first, last, pattern):
    f = fold(first).replace(" ", "")
    l = fold(last).replace(" ", ".")
    local = pattern.format(f=f, l=l, i=f[0])
    email = f"{local}@kommun.se"
    assert fits(f"{first} {last}", email), email
    assert suggest(f"{first} {last}", email) is None

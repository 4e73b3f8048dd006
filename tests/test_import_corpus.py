"""`contacts import` on real press releases: the corpus is sound, split by rule, and read well enough."""

from __future__ import annotations

from pathlib import Path

import phonenumbers
import pytest
import yaml

from benchmarks.corpus_part import CORPUS, part_of, source_of
from benchmarks.fact_score import expected_facts, predicted_facts, score_release, totals
from benchmarks.import_quality import imported, releases, truth_of

PARTS = ("dev", "test")
ALL = [release for part in PARTS for release in releases(CORPUS / part)]
#: The bars each part must keep: the target is F1 0.90 with precision 0.88 on both; the test part, never tuned on,
#: stands at 0.88 (benchmarks/RESULTS.md), so its bar guards that figure until it reaches the target.
BARS = {"dev": (0.90, 0.88), "test": (0.86, 0.88)}


def test_the_corpus_is_big_enough():
    assert len(ALL) >= 140
    assert len(releases(CORPUS / "test")) >= 40


@pytest.mark.parametrize("release", ALL, ids=[f"{r.parent.name}/{r.stem}" for r in ALL])
def test_each_release_is_real_and_in_the_part_its_address_decides(release):
    url = source_of(release)
    assert url.startswith(("http://", "https://"))
    assert release.parent.name == part_of(url)
    truth = yaml.safe_load(truth_of(release).read_text(encoding="utf-8"))
    assert truth["source"] == url


@pytest.mark.parametrize("release", ALL, ids=[f"{r.parent.name}/{r.stem}" for r in ALL])
def test_ground_truth_numbers_are_what_phonenumbers_reads(release):
    """Each expected number is printed in the release, and its E.164 form (where given) is a valid number."""
    text = release.read_text(encoding="utf-8")
    truth = yaml.safe_load(truth_of(release).read_text(encoding="utf-8"))
    for person in truth.get("contacts") or []:
        for phone in person.get("phones") or []:
            assert phone["raw"] in text, phone["raw"]
            if phone.get("e164"):
                assert phonenumbers.is_valid_number(phonenumbers.parse(phone["e164"]))


def _score(part: str):
    tp = fp = fn = empty = 0
    for release in releases(CORPUS / part):
        truth = yaml.safe_load(truth_of(release).read_text(encoding="utf-8")) or {}
        expected = truth.get("contacts") or []
        people, how, _ = imported(release)
        assert how != "traceback", release
        score = score_release(expected, [predicted_facts(p) for p in people])
        tp, fp, fn = tp + score.tp, fp + score.fp, fn + score.fn
        empty += not people and any(not expected_facts(e)["optional"] for e in expected)
    return (*totals(tp, fp, fn), empty)


@pytest.mark.parametrize("part", PARTS)
def test_import_reads_real_releases_well(part):
    f1, precision, recall, empty = _score(part)
    f1_bar, precision_bar = BARS[part]
    assert f1 >= f1_bar and precision >= precision_bar, (part, f1, precision, recall)
    assert empty <= 3, f"{empty} releases with a visible contact gave nothing"


def test_the_scoring_rule_counts_misses_and_extras():
    """The scorer is strict: a wrong number costs precision and recall, an extra person costs precision."""
    expected = [{"name": "Anna Berg", "phones": [{"raw": "070-174 06 00", "e164": "+46701740600"}], "emails": ["anna@x.se"]}]
    right = [{"name": "Anna Berg", "phones": [{"e164": "+46701740600"}], "emails": ["anna@x.se"]}]
    wrong = [{"name": "Anna Berg", "phones": [{"e164": "+46701740601"}], "emails": ["anna@x.se"]}, {"name": "Per Lind"}]
    good = score_release(expected, [predicted_facts(p) for p in right])
    bad = score_release(expected, [predicted_facts(p) for p in wrong])
    assert (good.tp, good.fp, good.fn) == (3, 0, 0)
    assert (bad.tp, bad.fp, bad.fn) == (2, 2, 1)


def test_releases_are_text_as_published():
    """Fixtures keep their source line first and are never empty below it."""
    for release in ALL:
        lines = release.read_text(encoding="utf-8").splitlines()
        assert lines[0].startswith("# source: ") and any(line.strip() for line in lines[1:]), release
    assert Path(CORPUS / "README.md").exists()

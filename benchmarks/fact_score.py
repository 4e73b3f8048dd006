"""The per-fact scoring rule for imports of real releases, the same rule the independent sets are scored with.

A fact is a person's name, each email, each E.164 number, the title (60 % token overlap with the expected
title, in any language) and the party. An expected person is matched to a predicted one by name (case-folded)
or by a shared email; people whose `location` is `footer` are optional (found ones count, missed ones do not);
predicted desks are not people and are not scored; every predicted fact that is not expected counts against
precision. Besides the counts, `score_release` names each error, so the benchmark can list the common ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

NON_PERSON_KINDS = {"desk", "role", "organisation", "organization", "group", "function"}


def norm(text) -> str:
    """Case-folded text with runs of white space made one space."""
    return re.sub(r"\s+", " ", (text or "")).strip().casefold()


def title_matches(predicted: str, expected: str) -> bool:
    """True when 60 % of the expected title's words are in the predicted one."""
    a, b = set(re.findall(r"\w+", norm(predicted))), set(re.findall(r"\w+", norm(expected)))
    return bool(a and b) and len(a & b) / len(b) >= 0.6


def predicted_facts(person: dict) -> dict:
    """The scored facts of one exported record."""
    titles = person.get("title")
    titles = list(titles.values()) if isinstance(titles, dict) else [titles] if titles else []
    return {
        "name": norm(person.get("name")),
        "shown": person.get("name"),
        "emails": {norm(x) for x in person.get("emails") or []},
        "phones": {x["e164"] if isinstance(x, dict) else x for x in person.get("phones") or []} - {None},
        "titles": [t for t in titles if t],
        "party": (person.get("party") or "").upper() or None,
    }


def expected_facts(person: dict) -> dict:
    """The scored facts of one ground-truth person."""
    return {
        "name": norm(person["name"]),
        "shown": person["name"],
        "emails": {norm(x) for x in person.get("emails") or []},
        "phones": {p["e164"] for p in person.get("phones") or [] if p.get("e164")},
        "title": person.get("title"),
        "party": person.get("party") or None,
        "optional": str(person.get("location", "")).strip() == "footer",
    }


def count(facts: dict) -> int:
    """How many facts a person holds."""
    return 1 + len(facts["emails"]) + len(facts["phones"]) + bool(facts.get("title") or facts.get("titles")) + bool(facts["party"])


@dataclass
class ReleaseScore:
    """True positives, false positives and false negatives of one release, and its errors in words."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)  # (kind of error, detail)


def score_release(expected: list[dict], predicted: list[dict]) -> ReleaseScore:
    """Score one release's predicted people (predicted_facts) against its expected ones (raw ground truth)."""
    score = ReleaseScore()
    used: set[int] = set()
    for e in map(expected_facts, expected):
        match = next(
            (i for i, p in enumerate(predicted) if i not in used and (p["name"] == e["name"] or p["emails"] & e["emails"])),
            None,
        )
        if match is None:
            if not e["optional"]:
                score.fn += count(e)
                score.errors.append(("missed person", e["shown"]))
            continue
        used.add(match)
        p = predicted[match]
        _compare(score, e, p)
    for i, p in enumerate(predicted):
        if i not in used:
            score.fp += count(p)
            score.errors.append(("not a contact", p["shown"]))
    return score


def _compare(score: ReleaseScore, e: dict, p: dict) -> None:
    """Add one matched pair's facts to the score."""
    title_hit = bool(e["title"]) and any(title_matches(t, e["title"]) for t in p["titles"])
    party_hit = bool(e["party"]) and p["party"] == e["party"]
    hit = (p["name"] == e["name"]) + len(p["emails"] & e["emails"]) + len(p["phones"] & e["phones"]) + title_hit + party_hit
    score.tp += hit
    score.fp += max(0, count(p) - hit)
    if not e["optional"]:
        score.fn += max(0, count(e) - hit)
    who = e["shown"]
    if p["name"] != e["name"]:
        score.errors.append(("name differs", f"{p['shown']!r} for {who!r}"))
    for kind, key in (("email", "emails"), ("number", "phones")):
        for value in sorted(e[key] - p[key]):
            score.errors.append((f"missed {kind}", f"{who}: {value}"))
        for value in sorted(p[key] - e[key]):
            score.errors.append((f"extra {kind}", f"{who}: {value}"))
    if e["title"] and not title_hit:
        score.errors.append(("missed title" if not p["titles"] else "title differs", f"{who}: {p['titles']} for {e['title']!r}"))
    elif p["titles"] and not e["title"]:
        score.errors.append(("extra title", f"{who}: {p['titles']}"))
    if e["party"] != p["party"]:
        score.errors.append(("party differs", f"{who}: {p['party']} for {e['party']}"))


def totals(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """(F1, precision, recall)."""
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f1, precision, recall

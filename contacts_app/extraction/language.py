"""The language a release is written in, from its commonest small words (no model to download)."""

from __future__ import annotations

import re
from collections import Counter

#: Small words frequent in one language and rare in the others.
_MARKERS = {
    "sv": "och att det som för med är på inte av till om har kommer också kan från vid mer även under eller detta".split(),
    "en": "the and of to in is for that with on are be by this will from at has have which".split(),
    "nb": "og er det som på til ikke med av har skal vil også kan fra etter ved om eller ble".split(),
    "da": "og er det som på til ikke med af har skal vil også kan fra efter ved om eller blev".split(),
    "fi": "ja on että ei hän ovat oli myös kun mutta tai joka sekä kanssa mukaan vuoden tämä".split(),
}
_WORDS = re.compile(r"[^\W\d_]+")


def language_of_text(lines: tuple[str, ...] | list[str], default: str = "sv", least: int = 1) -> str:
    """sv, en, nb, da or fi: the language whose marker words the lines use most (at least `least` of them,
    else the default: a short passage says little)."""
    counts = Counter(w for line in lines for w in _WORDS.findall(line.lower()))
    scores = {lang: sum(counts[w] for w in words) for lang, words in _MARKERS.items()}
    # Norwegian and Danish share most small words; "af", "efter", "blev" against "av", "etter", "ble" tell them apart.
    best = max(scores, key=scores.get)
    return best if scores[best] >= least else default

"""Did you mean …: the nearest words of the directory's names and titles to a misspelt word of a search.

Built once per snapshot with its search index. The words are compared by rapidfuzz's edit distance in C,
two letters swapped counting as one edit (optimal string alignment: a misspelt surname is one or two edits
from the right one: Burmann, Karstedt, Öbreg), the commoner word winning a tie; a word is shown as the file writes it (Burman, Carstedt), not folded.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable

from rapidfuzz import process
from rapidfuzz.distance import OSA

from contacts_app.normalise import name_match

_WORD = re.compile(r"[^\W\d_]+")
#: Words shorter than this are never corrected: too many words lie one edit from them.
SHORTEST = 4
#: The nearest word must be at least this much longer than the edits that make it (so 'mats' is not 'hans').
LETTERS_PER_EDIT = 4


class Suggester:
    """The folded words of the names and titles, commonest first, and how the file writes each."""

    def __init__(self, texts: Iterable[str]):
        counts: Counter[str] = Counter()
        written: dict[str, str] = {}
        for text in texts:
            for word in _WORD.findall(text):
                folded = name_match.fold(word)
                if len(folded) >= SHORTEST:
                    counts[folded] += 1
                    written.setdefault(folded, word)
        self.words = [word for word, _ in counts.most_common()]
        self.written = written

    def nearest(self, word: str) -> str | None:
        """The directory's word nearest to a folded `word` within a few edits (as the file writes it), or None."""
        if len(word) < SHORTEST or not self.words:
            return None
        edits = max(1, min(2, len(word) // LETTERS_PER_EDIT))
        found = process.extractOne(word, self.words, scorer=OSA.distance, score_cutoff=edits)
        return self.written[found[0]] if found else None

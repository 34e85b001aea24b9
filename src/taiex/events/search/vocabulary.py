"""The words of the index with the number of events that use each (document frequency), kept
in each process, from which the search corrects typos, splits compounds ("crossborder" ->
"cross border") and joins them ("health care" -> "healthcare").

The vocabulary only proposes: whether a word needs correcting is decided by the database (the
word matches no event). So a vocabulary a few minutes old is harmless, and at the scale of the
whole history (tens of thousands of events, a second to read) it is rebuilt at most every
`MAX_AGE` seconds; a small catalogue is rebuilt whenever the events change."""

import math
import threading
import time
from collections import Counter

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .text import WORD, fold

MAX_AGE = 600.0
QUICK_BUILD = 0.05  # seconds: a vocabulary this quick to read follows every change
_lock = threading.Lock()
_cache = {"version": None, "built_at": 0.0, "seconds": 0.0, "vocabulary": None}


class Vocabulary:
    def __init__(self, frequencies: Counter):
        self.frequencies = frequencies
        self.words = list(frequencies)

    def __contains__(self, word):
        return word in self.frequencies

    def frequency(self, word):
        return self.frequencies.get(word, 0)

    def closest(self, word, *, at_least=1):
        """The indexed word nearest to `word` (edit distance with transpositions, ties broken
        by frequency), used by at least `at_least` events, or None. Short words are not
        corrected: at four letters too many words are one edit apart."""
        if len(word) < 5 or not word.isalpha():
            return None
        limit = 1 if len(word) < 9 else 2
        found = process.extract(word, self.words, scorer=OSA.distance, score_cutoff=limit, limit=50)
        best = None
        for candidate, distance, _ in found:
            count = self.frequencies[candidate]
            if candidate == word or count < at_least:
                continue
            # Each tenfold of frequency is worth a third of an edit.
            cost = distance - math.log10(count) / 3
            if best is None or cost < best[0]:
                best = (cost, candidate)
        return best[1] if best else None

    def split(self, word):
        """`word` as two indexed words ("crossborder" -> ("cross", "border")), the split whose
        rarer part is most used, or None."""
        best = None
        for cut in range(3, len(word) - 2):
            left, right = word[:cut], word[cut:]
            count = min(self.frequency(left), self.frequency(right))
            if count and (best is None or count > best[0]):
                best = (count, (left, right))
        return best[1] if best else None


def texts_of_events():
    """The indexed texts of every public event, one string per event."""
    from ..queries import public_events

    columns = ["title", "summary", "legislation", "beneficiary_institutions", "place"]
    columns += ["keywords", "original_title", "original_summary"]
    # Public events only: a correction must not reveal a word of an event not yet public.
    for row in public_events().values_list(*columns).iterator(chunk_size=2000):
        yield " ".join(value for value in row if value)


def read_vocabulary():
    from taiex.reference.models import Country

    frequencies = Counter()
    for text in texts_of_events():
        frequencies.update(set(WORD.findall(fold(text))))
    for name in Country.objects.values_list("name", flat=True):
        frequencies.update(set(WORD.findall(fold(name))))
    return Vocabulary(frequencies)


def vocabulary(version=None):
    """The vocabulary, current with the events within MAX_AGE (`version`: the events' version
    when the caller has read it)."""
    from ..queries.facet_index import events_version

    version = events_version() if version is None else version
    with _lock:
        cache = _cache
        stale = cache["version"] != version
        if cache["vocabulary"] is None or (
            stale
            and (cache["seconds"] < QUICK_BUILD or time.monotonic() - cache["built_at"] > MAX_AGE)
        ):
            started = time.monotonic()
            built = read_vocabulary()
            cache.update(
                version=version,
                built_at=time.monotonic(),
                seconds=time.monotonic() - started,
                vocabulary=built,
            )
        return cache["vocabulary"]


def forget():
    """Drop the vocabulary (tests that change the events and search at once)."""
    with _lock:
        _cache.update(version=None, vocabulary=None, built_at=0.0, seconds=0.0)

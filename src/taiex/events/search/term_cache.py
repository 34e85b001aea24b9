"""What each term matched, kept in memory beside the facet index: the same words come back in
search after search ("asylum", "data protection", a country's name), and asking the database
for a common word's thousands of events was a third of a public search's time under load
(docs/bench.md). A search engine keeps its postings in memory; this keeps the recent ones.

A `TermCache` belongs to one facet index (`queries.facet_index.FacetIndex.term_cache`), so it is
dropped with it: when an event is added or saved, and at the latest after the index's
`MAX_AGE`, which is how long any other change to the search index (a bulk update, another
beneficiary) may take to show. It is bounded by the number of terms and of ids it holds,
forgetting the least recently used first."""

import threading
from collections import OrderedDict

import numpy as np

MAX_TERMS = 2048
MAX_IDS = 4_000_000  # about 64 MB of ids and field classes at most


class TermCache:
    def __init__(self, *, max_terms=MAX_TERMS, max_ids=MAX_IDS):
        self.max_terms, self.max_ids = max_terms, max_ids
        self._hits = OrderedDict()  # term's forms -> (ids, classes), read-only arrays
        self._size = 0  # ids held
        self._lock = threading.Lock()
        self.lookups = self.misses = 0

    def over(self, backend):
        """`backend` (a search backend module) whose term hits are read from here first."""
        return CachedBackend(backend, self)

    def hits(self, backend, term):
        key = term.forms
        with self._lock:
            self.lookups += 1
            found = self._hits.get(key)
            if found is not None:
                self._hits.move_to_end(key)
                return found
        ids, classes = backend.term_hits(term)
        found = (frozen(ids), frozen(classes))
        with self._lock:
            self.misses += 1
            if key not in self._hits:
                self._hits[key] = found
                self._size += len(found[0])
                while self._hits and (
                    len(self._hits) > self.max_terms or self._size > self.max_ids
                ):
                    _, (old, _) = self._hits.popitem(last=False)
                    self._size -= len(old)
        return found

    def __len__(self):
        return len(self._hits)


def frozen(values):
    array = np.array(values, dtype=np.int64)
    array.flags.writeable = False
    return array


class CachedBackend:
    """A search backend whose `term_hits` go through `cache`; everything else is the
    backend's own."""

    def __init__(self, backend, cache):
        self._backend, self._cache = backend, cache

    def term_hits(self, term):
        return self._cache.hits(self._backend, term)

    def __getattr__(self, name):
        return getattr(self._backend, name)

"""An in-process inverted index of the experts' expertise terms, kept fresh by one cheap query.

Tokenising 60,000 profiles on every ranking costs over a second; the index does it once per
process and afterwards re-reads only the profiles saved since the last look (`updated_at`).
Extension point: once `Expert.search_terms` (the normalised terms, written by the profile
service) exists, `refresh` reads that column instead of tokenising, and a database-side term table
(or PostgreSQL `tsvector`) can replace this module without changing its callers.
"""

import math
import threading
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np

from taiex.experts.models import Expert

from .terms import terms_of


@dataclass
class TermIndex:
    terms_by_expert: dict[int, frozenset[str]] = field(default_factory=dict)
    postings: dict[str, set[int]] = field(default_factory=dict)
    arrays: dict[str, np.ndarray] = field(default_factory=dict)  # postings as sorted arrays
    seen_until: datetime | None = None
    largest_id: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def refresh(self):
        """Index the profiles saved since the last refresh (all of them the first time).

        Always exactly one query, so callers issue a constant number of queries."""
        rows = Expert.objects.all()
        if self.seen_until is not None:
            rows = rows.filter(updated_at__gte=self.seen_until)
        rows = rows.values_list("id", "updated_at", "expertise", "keywords").iterator(
            chunk_size=5000
        )
        with self.lock:
            newest = self.seen_until
            for expert_id, updated_at, expertise, keywords in rows:
                self.replace(expert_id, frozenset(terms_of(expertise, keywords)))
                if newest is None or updated_at > newest:
                    newest = updated_at
            self.seen_until = newest

    def replace(self, expert_id: int, terms: frozenset[str]):
        old = self.terms_by_expert.get(expert_id, frozenset())
        if old == terms:
            return
        for term in old - terms:
            self.postings[term].discard(expert_id)
            self.arrays.pop(term, None)
        for term in terms - old:
            self.postings.setdefault(term, set()).add(expert_id)
            self.arrays.pop(term, None)
        self.terms_by_expert[expert_id] = terms
        self.largest_id = max(self.largest_id, expert_id)

    def weight(self, term: str) -> float:
        """Inverse document frequency: a term few experts share says more than a common one."""
        return math.log(1 + len(self.terms_by_expert) / (1 + len(self.postings.get(term, ()))))

    @property
    def size(self) -> int:
        """The largest indexed expert id plus one (the length of per-expert arrays)."""
        return self.largest_id + 1

    def experts_with(self, term: str) -> set[int]:
        return self.postings.get(term, set())

    def array_of(self, term: str) -> np.ndarray:
        """The experts whose profile has `term`, as a sorted array (built once per change)."""
        found = self.arrays.get(term)
        if found is None:
            found = np.array(sorted(self.postings.get(term, ())), dtype=np.int64)
            self.arrays[term] = found
        return found


TERM_INDEX = TermIndex()


def term_index() -> TermIndex:
    """The process's term index, brought up to date."""
    index = TERM_INDEX
    index.refresh()
    return index


def reset_term_index():
    """Forget everything indexed (tests whose database rolled back between them)."""
    global TERM_INDEX  # noqa: PLW0603 - the one process-wide index is replaced as a whole
    TERM_INDEX = TermIndex()

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
from .vocabulary import vocabulary


@dataclass
class TermIndex:
    terms_by_expert: dict[int, frozenset[str]] = field(default_factory=dict)
    postings: dict[str, set[int]] = field(default_factory=dict)
    arrays: dict[str, np.ndarray] = field(default_factory=dict)  # postings as sorted arrays
    seen_until: datetime | None = None
    largest_id: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    # Each expert's field in EuroVoc (a unit vector per row, by expert id; vocabulary.py).
    fields: np.ndarray = field(default_factory=lambda: np.zeros((0, vocabulary().width), "f4"))

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
            changed = []
            for expert_id, updated_at, expertise, keywords in rows:
                if self.replace(expert_id, frozenset(terms_of(expertise, keywords))):
                    changed.append(expert_id)
                if newest is None or updated_at > newest:
                    newest = updated_at
            self.update_fields(changed)
            self.seen_until = newest

    def update_fields(self, expert_ids: list[int]):
        """Recompute the EuroVoc field of `expert_ids`, all in one sparse product (per-expert
        numpy calls would make the first build of 60,000 profiles take seconds)."""
        if not expert_ids:
            return
        if self.largest_id >= len(self.fields):
            grown = np.zeros((max(self.largest_id + 1, 2 * len(self.fields)), self.width), "f4")
            grown[: len(self.fields)] = self.fields
            self.fields = grown
        self.fields[expert_ids] = vocabulary().fields_of(
            [self.terms_by_expert[expert_id] for expert_id in expert_ids]
        )

    @property
    def width(self) -> int:
        return self.fields.shape[1]

    def replace(self, expert_id: int, terms: frozenset[str]) -> bool:
        """Index `terms` as the expert's; False when they are what was indexed already."""
        old = self.terms_by_expert.get(expert_id, frozenset())
        if old == terms and expert_id in self.terms_by_expert:
            return False
        for term in old - terms:
            self.postings[term].discard(expert_id)
            self.arrays.pop(term, None)
        for term in terms - old:
            self.postings.setdefault(term, set()).add(expert_id)
            self.arrays.pop(term, None)
        self.terms_by_expert[expert_id] = terms
        self.largest_id = max(self.largest_id, expert_id)
        return True

    def field_similarity(self, vector: np.ndarray, ids: np.ndarray, size: int) -> np.ndarray:
        """The cosine of the field of each expert of `ids` with `vector`, in an array indexed
        by expert id (`size` long, 0 for the others)."""
        similarity = np.zeros(size, dtype=np.float32)
        ids = ids[ids < len(self.fields)]
        if len(ids):
            similarity[ids] = self.fields[ids] @ vector
        return similarity

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


def warm_term_index():
    """Build the process's index in a background thread at start-up (wsgi, asgi), so that no
    request pays for the first build; a ranking that comes first waits on the index's lock."""

    def build():
        from django.db import connection

        try:
            term_index()
        finally:
            connection.close()

    threading.Thread(target=build, name="term-index", daemon=True).start()


def reset_term_index():
    """Forget everything indexed (tests whose database rolled back between them)."""
    global TERM_INDEX  # noqa: PLW0603 - the one process-wide index is replaced as a whole
    TERM_INDEX = TermIndex()

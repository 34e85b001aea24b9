"""The relevance set of the public search: events and graded queries (JSON files beside this
module, graded by reading before any run), the metrics (nDCG@10, MRR, queries with no result)
and a plain BM25 engine over the same fields to compare with."""

import json
import math
import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

HERE = Path(__file__).parent
EVENTS = json.loads((HERE / "events.json").read_text(encoding="utf-8"))
QUERIES = json.loads((HERE / "queries.json").read_text(encoding="utf-8"))
CUTOFF = 10


def dcg(gains):
    return sum((2**gain - 1) / math.log2(rank + 2) for rank, gain in enumerate(gains))


def ndcg(ranking, grades, k=CUTOFF):
    ideal = dcg(sorted(grades.values(), reverse=True)[:k])
    return dcg([grades.get(key, 0) for key in ranking[:k]]) / ideal if ideal else 0.0


def reciprocal_rank(ranking, grades):
    for rank, key in enumerate(ranking, start=1):
        if grades.get(key, 0) > 0:
            return 1 / rank
    return 0.0


@dataclass(frozen=True)
class Figures:
    ndcg: float
    mrr: float
    zero_results: int
    by_kind: dict

    def line(self):
        return f"nDCG@10 {self.ndcg:.3f}, MRR {self.mrr:.3f}, {self.zero_results} with no result"


def evaluate(search):
    """`search(text)` -> the keys of the events found, best first."""
    ndcgs, rrs, zero, by_kind = [], [], 0, {}
    for query in QUERIES:
        ranking = search(query["q"])
        ndcgs.append(ndcg(ranking, query["grades"]))
        rrs.append(reciprocal_rank(ranking, query["grades"]))
        zero += not ranking
        by_kind.setdefault(query["kind"], []).append(ndcgs[-1])
    return Figures(
        ndcg=sum(ndcgs) / len(ndcgs),
        mrr=sum(rrs) / len(rrs),
        zero_results=zero,
        by_kind={kind: round(sum(v) / len(v), 3) for kind, v in by_kind.items()},
    )


def start_of(event):
    return date.fromisoformat(event["start"])


# The fields both engines index (the places: place, venue country and beneficiary names).
BM25_FIELDS = (
    "title", "summary", "legislation", "institutions", "places", "keywords", "original_title",
    "original_summary", "kind",
)  # fmt: skip


class PlainBM25:
    """What a plain engine gives: SQLite FTS5 (Porter stemming, accents folded) over the same
    fields, any word of the query (OR), ordered by bm25() with FTS5's default weights."""

    def __init__(self, country_names):
        self.connection = sqlite3.connect(":memory:")
        self.connection.execute(
            f"CREATE VIRTUAL TABLE docs USING fts5(key UNINDEXED, {', '.join(BM25_FIELDS)},"
            " tokenize = 'porter unicode61 remove_diacritics 2')"
        )
        for event in EVENTS:
            places = " ".join(
                [event["place"], country_names.get(event.get("venue"), ""),
                 country_names[event["beneficiary"]]]
            )  # fmt: skip
            row = {**event, "places": places, "kind": event["type"].replace("_", " ")}
            self.connection.execute(
                f"INSERT INTO docs VALUES (?, {', '.join('?' for _ in BM25_FIELDS)})",
                [event["key"], *(row[name] for name in BM25_FIELDS)],
            )

    def search(self, text):
        folded = unicodedata.normalize("NFKC", text).lower()
        words = re.findall(r"[^\W_]+", folded)
        if not words:
            return []
        expression = " OR ".join(f'"{word}"' for word in words)
        rows = self.connection.execute(
            "SELECT key FROM docs WHERE docs MATCH ? ORDER BY bm25(docs), rowid", [expression]
        )
        return [row[0] for row in rows]

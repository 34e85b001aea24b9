"""Ranking the relevance set's requests with the project's ranking and with two textbook
baselines over the same texts, and scoring each list against the grades (no tests of its own).

The baselines read exactly what the ranking reads: the expert's expertise and keywords, and the
request's title, expertise wished and objectives. They share the ranking's tokeniser and light
stemmer but use a general English stop list, so they differ from it in the weighting alone."""

import json
import math
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from taiex.reference.models import Chapter, Language
from taiex.staffing.ranking.scoring import experts_ranked_for
from taiex.staffing.ranking.terms import WORD, stem
from tests.factories import ApplicationFactory, EventFactory, ExpertFactory

HERE = Path(__file__).parent
EXPERTS = json.loads((HERE / "experts.json").read_text())
REQUESTS = json.loads((HERE / "requests.json").read_text())

ENGLISH_STOP_WORD_TEXT = """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers him his how i if in into is it its itself just
    me more most my no nor not now of off on once only or other our ours out over own same she
    should so some such than that the their them then there these they this those through to
    too under until up very was we were what when where which while who whom why will with would
    you your"""
ENGLISH_STOP_WORDS = frozenset(ENGLISH_STOP_WORD_TEXT.split())


def plain_terms(text: str) -> list[str]:
    return [stem(word) for word in WORD.findall(text.lower()) if word not in ENGLISH_STOP_WORDS]


def request_text(request) -> str:
    return " ".join([request["title"], request["wished"], request["objectives"]])


def expert_text(expert) -> str:
    return f"{expert['expertise']} {expert['keywords']}"


def tf_idf_ranking(request) -> list[str]:
    """Cosine similarity of (1 + log tf) * idf vectors."""
    documents = {expert["id"]: Counter(plain_terms(expert_text(expert))) for expert in EXPERTS}
    frequency = Counter(term for counts in documents.values() for term in counts)
    total = len(documents)

    def vector(counts):
        weights = {
            term: (1 + math.log(count)) * math.log(total / frequency[term])
            for term, count in counts.items()
            if frequency[term]
        }
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {term: w / norm for term, w in weights.items()}

    query = vector(Counter(plain_terms(request_text(request))))
    scores = {
        expert_id: sum(query.get(term, 0) * w for term, w in vector(counts).items())
        for expert_id, counts in documents.items()
    }
    return ordered(scores)


def bm25_ranking(request, *, k1=1.2, b=0.75) -> list[str]:
    documents = {expert["id"]: Counter(plain_terms(expert_text(expert))) for expert in EXPERTS}
    frequency = Counter(term for counts in documents.values() for term in counts)
    total = len(documents)
    average = sum(sum(counts.values()) for counts in documents.values()) / total
    query = set(plain_terms(request_text(request)))
    scores = {}
    for expert_id, counts in documents.items():
        length = sum(counts.values())
        score = 0.0
        for term in query & counts.keys():
            idf = math.log(1 + (total - frequency[term] + 0.5) / (frequency[term] + 0.5))
            tf = counts[term]
            score += idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * length / average))
        scores[expert_id] = score
    return ordered(scores)


def ordered(scores) -> list[str]:
    return [key for key, score in sorted(scores.items(), key=lambda i: (-i[1], i[0])) if score > 0]


def create_set():
    """The set's experts (verified, English at C1) and one planned event per request."""
    english = Language.objects.get(code="en")
    chapters = {chapter.number: chapter for chapter in Chapter.objects.all()}
    slug_by_id = {}
    for expert in EXPERTS:
        created = ExpertFactory(
            expertise=expert["expertise"],
            keywords=expert["keywords"],
            chapters=[chapters[number] for number in expert["chapters"]],
        )
        slug_by_id[created.pk] = expert["id"]
    events = {}
    for number, request in enumerate(REQUESTS):
        application = ApplicationFactory(
            title=request["title"],
            expertise_wished=request["wished"],
            objectives=request["objectives"],
            legislation="",
            chapters=[chapters[n] for n in request["chapters"]],
            working_languages=[english],
        )
        event = EventFactory(
            reference=f"WS-2027-{number + 1:04d}",
            application=application,
            state="planned",
            title=request["title"],
            summary="",
            legislation="",
            start_date=date(2027, 3, 1),
            end_date=date(2027, 3, 2),
            experts_needed=1,
        )
        event.chapters.set([chapters[n] for n in request["chapters"]])
        events[request["id"]] = event
    return slug_by_id, events


def ours_ranking(event, slug_by_id) -> list[str]:
    return [slug_by_id[row.expert_id] for row in experts_ranked_for(event, limit=10)]


def ndcg_at(ranking, grades, k=10) -> float:
    gained = sum(grades.get(key, 0) / math.log2(i + 2) for i, key in enumerate(ranking[:k]))
    ideal = sorted(grades.values(), reverse=True)[:k]
    best = sum(grade / math.log2(i + 2) for i, grade in enumerate(ideal))
    return gained / best


def recall_at(ranking, grades, k=3) -> float:
    fitting = {key for key, grade in grades.items() if grade == 2}
    return len(fitting & set(ranking[:k])) / len(fitting)


@dataclass
class Figures:
    ndcg10: float
    recall3: float
    misses: list[str]  # requests whose grade-2 expert is not first


def figures_of(rankings: dict[str, list[str]]) -> Figures:
    ndcg = [ndcg_at(rankings[r["id"]], r["grades"]) for r in REQUESTS]
    recall = [recall_at(rankings[r["id"]], r["grades"]) for r in REQUESTS]
    misses = [
        r["id"]
        for r in REQUESTS
        if not rankings[r["id"]] or r["grades"].get(rankings[r["id"]][0]) != 2
    ]
    return Figures(round(sum(ndcg) / len(ndcg), 3), round(sum(recall) / len(recall), 3), misses)


def evaluate() -> dict[str, Figures]:
    slug_by_id, events = create_set()
    return {
        "ours": figures_of({key: ours_ranking(event, slug_by_id) for key, event in events.items()}),
        "tf-idf": figures_of({r["id"]: tf_idf_ranking(r) for r in REQUESTS}),
        "bm25": figures_of({r["id"]: bm25_ranking(r) for r in REQUESTS}),
    }

"""Ranking experts for an event: who may be proposed, how relevant each one is, and why.

`experts_ranked_for(event)` is the public entry point; `rank_need` is shared with the staffing
of many events at once (`staffing.py`), which reads the same `Need` and `Pool` for all events.
"""

from dataclasses import dataclass, field

import numpy as np

from taiex.evaluations.queries import expert_rating_summary
from taiex.experts.enums import LEVEL_RANK
from taiex.experts.models import Expert
from taiex.reference.models import Chapter

from .candidates import Need, Pool, needs_of, pool_for
from .explain import date_span
from .index import NOT_PROPOSABLE, TermIndex, term_index
from .vocabulary import vocabulary

EXPERTISE_POINTS = 60
TELLING_TERMS = 6  # full expertise points when the profile shares the six weightiest terms
# The field in EuroVoc: the cosine of the request's and the profile's fields, times 15. It lets
# a profile in other words than the request's come up, without outweighing shared terms.
FIELD_POINTS = 15
# A matching chapter is worth less than a sixth of the expertise: the applicant's chapters are
# often broad or off, and the chapter alone must never put an expert above one whose expertise
# fits clearly better (more than 10 points). docs/decisions.md, "Expert matching".
CHAPTER_POINTS = 10
LEVEL_POINTS = {"B2": 0, "C1": 5, "C2": 8}
RANK_LEVEL = {LEVEL_RANK[level]: level for level in LEVEL_POINTS}
RANK_POINTS = np.zeros(max(LEVEL_RANK.values()) + 1)
for _level, _points in LEVEL_POINTS.items():
    RANK_POINTS[LEVEL_RANK[_level]] = _points
LOAD_POINTS = -5
LOAD_FLOOR = -25
# Participants' ratings of the expert (1 poor to 5 excellent): 5 points per point above or below
# "satisfactory" (3), bounded to -10..+10, and only from MIN_RATINGS on, so a new expert or one
# rated once is never punished for it.
RATING_POINTS = 5
RATING_BOUND = 10
MIN_RATINGS = 5


@dataclass
class RankedExpert:
    """An expert proposed for an event, with the parts of the score that put them there."""

    expert_id: int
    score: float
    parts: dict[str, float]
    matched_terms: list[str]
    matched_chapters: list[Chapter]
    similarity: float  # the cosine of the request's and the profile's fields in EuroVoc
    language: tuple[str, str] | None  # (name, level) of the best working language
    is_preferred_member_state: bool
    load: int
    availability: str
    member_state: str
    expert: Expert | None = field(default=None, repr=False)


def proposable_mask(ids: np.ndarray, need: Need, pool: Pool) -> np.ndarray:
    """Which of `ids` may be proposed for `need`: verified, active and not erased; speaking a
    working language at the dated minimum level or better (C1 by default); not from the
    beneficiary's Member State in a peer-to-peer window; not employed by a requesting
    institution; free on the dates."""
    member_states = pool.member_state[ids]
    keep = member_states != NOT_PROPOSABLE
    if need.language_ids:
        keep &= pool.level_ranks(ids, need.language_ids) >= need.minimum_rank
    if need.is_peer_to_peer:
        keep &= member_states != need.event.beneficiary_id
    if need.requesting_institution_ids:
        keep &= ~np.isin(pool.employer[ids], list(need.requesting_institution_ids))
    if need.start:
        blocked = pool.unavailable_on(need.start, need.end)
        blocked += pool.busy_on(need.start, need.end, need.event.pk)
        if blocked:
            keep &= ~np.isin(ids, blocked)
    return keep


@dataclass
class Relevance:
    """How much each expert's profile has in common with a request, before the hard rules.
    Arrays are indexed by expert id."""

    weights: dict[str, float]  # the request's terms and their weights
    points: np.ndarray  # expertise + field + chapter points
    expertise: np.ndarray
    field: np.ndarray  # points
    similarity: np.ndarray  # the field's cosine
    chapters: np.ndarray
    candidates: np.ndarray  # experts with any points, by id


def relevance_for(need: Need, index: TermIndex, pool: Pool) -> Relevance:
    weights = {term: index.weight(term) * factor for term, factor in need.terms.items()}
    postings = [(index.array_of(term), weight) for term, weight in weights.items()]
    chapter_postings = [pool.experts_in_chapter(chapter_id) for chapter_id in need.chapter_ids]
    size = max(
        pool.size,
        1 + max((int(ids[-1]) for ids, _w in postings if len(ids)), default=0),
        1 + max((int(ids[-1]) for ids in chapter_postings if len(ids)), default=0),
    )
    matched = np.zeros(size)
    for ids, weight in postings:
        matched[ids] += weight
    reference = sum(sorted(weights.values(), reverse=True)[:TELLING_TERMS]) or 1.0
    expertise = np.round(EXPERTISE_POINTS * np.minimum(1.0, matched / reference), 1)
    hits = np.zeros(size)
    for ids in chapter_postings:
        hits[ids] += 1
    chapters = np.round(CHAPTER_POINTS * hits / (len(need.chapter_ids) or 1), 1)
    # The field is computed for the experts who share a term or a chapter with the request:
    # over all 60,000 profiles it cost tens of milliseconds per request (a full year's staffing
    # ranks 1,000), and an expert with neither is no proposal.
    candidates = np.flatnonzero(expertise + chapters > 0)
    similarity = index.field_similarity(vocabulary().field_of(need.terms), candidates, size)
    field = np.round(FIELD_POINTS * similarity, 1)
    points = expertise + field + chapters
    return Relevance(weights, points, expertise, field, similarity, chapters, candidates)


def evaluation_points(ids, base, limit):
    """The evaluations part of each expert in `ids` (see RATING_POINTS). Ratings are read only
    for the experts who could still be in the first `limit` once it is added: those whose score
    without it is within twice the bound of the `limit`-th best."""
    points = np.zeros(len(ids))
    if not len(ids):
        return points
    within = np.ones(len(ids), dtype=bool)
    if limit is not None and len(ids) > limit:
        threshold = np.sort(base)[::-1][limit - 1] - 2 * RATING_BOUND
        within = base >= threshold
    summary = expert_rating_summary(ids[within].tolist())
    for position in np.flatnonzero(within).tolist():
        average, count = summary.get(int(ids[position]), (None, 0))
        if count >= MIN_RATINGS:
            value = RATING_POINTS * (float(average) - 3)
            points[position] = round(max(-RATING_BOUND, min(RATING_BOUND, value)), 1)
    return points


def rank_need(need: Need, pool: Pool, index: TermIndex, *, limit: int | None = 50, relevance=None):
    """The proposable experts for `need`, best first (the first `limit`), with their score parts.

    Only experts whose expertise shares a term or a chapter with the request are ranked: an
    expert with nothing in common with the request is not a proposal, however free."""
    relevance = relevance or relevance_for(need, index, pool)
    ids = relevance.candidates
    ids = ids[proposable_mask(ids, need, pool)]
    ranks = pool.level_ranks(ids, need.language_ids)
    language = RANK_POINTS[ranks] if need.language_ids else np.zeros(len(ids))
    preferred = np.isin(pool.member_state[ids], list(need.preferred_member_state_ids))
    loads = pool.loads(need.start) if need.start else {}
    load_counts = np.array([loads.get(expert_id, 0) for expert_id in ids.tolist()], dtype=float)
    if not loads:
        load_counts = np.zeros(len(ids))
    load_points = np.maximum(LOAD_FLOOR, LOAD_POINTS * load_counts)
    base = relevance.expertise[ids] + relevance.field[ids] + relevance.chapters[ids]
    base = base + language + load_points
    evaluations = evaluation_points(ids, base, limit)
    scores = np.round(base + evaluations, 1)
    # The applicant's preferred Member State breaks ties between equal scores and nothing else:
    # it is a key after the score, never points in it (rules of the instrument, issue 10).
    order = np.lexsort((ids, ~preferred, -scores))
    if limit is not None:
        order = order[:limit]
    ranked = []
    for position in order.tolist():
        expert_id = int(ids[position])
        rank = int(ranks[position])
        parts = {
            "expertise": float(relevance.expertise[expert_id]),
            "field": float(relevance.field[expert_id]),
            "chapters": float(relevance.chapters[expert_id]),
            "language": float(language[position]),
            "load": float(load_points[position]) + 0.0,  # + 0.0 turns -0.0 into 0.0 for display
            "evaluations": float(evaluations[position]) + 0.0,
        }
        ranked.append(
            explained(
                need,
                pool,
                index,
                relevance,
                expert_id=expert_id,
                score=float(scores[position]),
                parts=parts,
                level=RANK_LEVEL.get(rank),
                is_preferred=bool(preferred[position]),
                load=int(load_counts[position]),
            )
        )
    return ranked


def explained(need, pool, index, relevance, *, expert_id, score, parts, level, is_preferred, load):
    weights = relevance.weights
    shared = index.terms_by_expert.get(expert_id, frozenset()) & weights.keys()
    language = None
    if level:
        spoken = [
            language_id
            for language_id in need.language_ids
            if language_id in pool.levels
            and pool.levels[language_id][expert_id] == LEVEL_RANK[level]
        ]
        language = (pool.languages[spoken[0]], level)
    return RankedExpert(
        expert_id=expert_id,
        score=score,
        parts=parts,
        matched_terms=[
            need.words.get(term, term)
            for term in sorted(shared, key=lambda term: (-weights[term], term))
        ],
        similarity=round(float(relevance.similarity[expert_id]), 2),
        matched_chapters=sorted(
            (
                pool.chapters[chapter_id]
                for chapter_id in need.chapter_ids
                if pool.covers(chapter_id, expert_id)
            ),
            key=lambda chapter: chapter.number,
        ),
        language=language,
        is_preferred_member_state=is_preferred,
        load=load,
        availability=f"free on {date_span(need.start, need.end)}" if need.start else "no dates",
        member_state=pool.countries.get(int(pool.member_state[expert_id]), ""),
    )


def attach_experts(ranked: list[RankedExpert]):
    """Put the Expert (with user, Member State and employer) on each ranked row: one query."""
    experts = Expert.objects.select_related("user", "member_state", "employer").in_bulk(
        [row.expert_id for row in ranked]
    )
    for row in ranked:
        row.expert = experts[row.expert_id]
    return ranked


def experts_ranked_for(event, *, limit=50) -> list[RankedExpert]:
    """The verified, active experts who may be proposed for `event`, best first, each with the
    parts of the score and the matched terms and chapters that explain the place.

    The experts' terms and facts are the process's term index (kept current from `updated_at`),
    so a ranking reads the event, who is busy around its dates, the ratings of the best and
    the rows it shows: a fixed number of queries, whatever the number of experts."""
    needs = needs_of([event])
    if not needs:
        return []
    need = needs[0]
    index = term_index()
    pool = pool_for(needs, index)
    return attach_experts(rank_need(need, pool, index, limit=limit))

"""Ranking experts for an event: who may be proposed, how relevant each one is, and why.

`experts_ranked_for(event)` is the public entry point; `rank_need` is shared with the staffing
of many events at once (`staffing.py`), which reads the same `Need` and `Pool` for all events.
"""

from dataclasses import dataclass, field

import numpy as np

from taiex.experts.enums import LEVEL_RANK
from taiex.experts.models import Expert
from taiex.reference.models import Chapter

from .candidates import NOT_PROPOSABLE, Need, Pool, load_experts, needs_of, pool_for
from .explain import date_span
from .index import TermIndex, term_index

EXPERTISE_POINTS = 60
TELLING_TERMS = 6  # full expertise points when the profile shares the six weightiest terms
CHAPTER_POINTS = 25
LEVEL_POINTS = {"B2": 0, "C1": 5, "C2": 8}
RANK_LEVEL = {LEVEL_RANK[level]: level for level in LEVEL_POINTS}
RANK_POINTS = np.zeros(max(LEVEL_RANK.values()) + 1)
for _level, _points in LEVEL_POINTS.items():
    RANK_POINTS[LEVEL_RANK[_level]] = _points
PREFERENCE_POINTS = 10
LOAD_POINTS = -5
LOAD_FLOOR = -25
FIRST_BATCH = 500


@dataclass
class RankedExpert:
    """An expert proposed for an event, with the parts of the score that put them there."""

    expert_id: int
    score: float
    parts: dict[str, float]
    matched_terms: list[str]
    matched_chapters: list[Chapter]
    language: tuple[str, str] | None  # (name, level) of the best working language
    is_preferred_member_state: bool
    load: int
    availability: str
    member_state: str
    expert: Expert | None = field(default=None, repr=False)


def proposable_mask(ids: np.ndarray, need: Need, pool: Pool) -> np.ndarray:
    """Which of `ids` may be proposed for `need`: verified, active and not erased; speaking a
    working language at B2 or better; not from the beneficiary's Member State in a peer-to-peer
    window; not employed by a requesting institution; free on the dates."""
    member_states = pool.member_state[ids]
    keep = member_states != NOT_PROPOSABLE
    if need.language_ids:
        keep &= pool.level_ranks(ids, need.language_ids) > 0
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
    points: np.ndarray  # expertise + chapter points
    expertise: np.ndarray
    chapters: np.ndarray
    candidates: np.ndarray  # experts with any points, by id


def relevance_for(need: Need, index: TermIndex, pool: Pool) -> Relevance:
    weights = {term: index.weight(term) * factor for term, factor in need.terms.items()}
    postings = [(index.array_of(term), weight) for term, weight in weights.items()]
    chapter_postings = [
        pool.experts_by_chapter[chapter_id]
        for chapter_id in need.chapter_ids
        if chapter_id in pool.experts_by_chapter
    ]
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
    points = expertise + chapters
    return Relevance(weights, points, expertise, chapters, np.flatnonzero(points > 0))


def max_bonus_for(need: Need) -> float:
    """The most an expert can add to their relevance: the language and the preference."""
    return max(LEVEL_POINTS.values()) + (
        PREFERENCE_POINTS if need.preferred_member_state_ids else 0
    )


def rank_need(need: Need, pool: Pool, index: TermIndex, *, limit: int | None = 50, relevance=None):
    """The proposable experts for `need`, best first, with their score parts; and whether the
    list is certain (False when experts whose facts are not yet in `pool` could enter it).

    Only experts whose expertise shares a term or a chapter with the request are ranked: an
    expert with nothing in common with the request is not a proposal, however free."""
    relevance = relevance or relevance_for(need, index, pool)
    pool.grow(len(relevance.points))
    everyone = relevance.candidates
    if len(everyone) and everyone[-1] >= pool.size:
        pool.grow(int(everyone.max()) + 1)
    is_loaded = pool.loaded[everyone]
    ids = everyone[is_loaded]
    ids = ids[proposable_mask(ids, need, pool)]
    ranks = pool.level_ranks(ids, need.language_ids)
    language = RANK_POINTS[ranks] if need.language_ids else np.zeros(len(ids))
    preferred = np.isin(pool.member_state[ids], list(need.preferred_member_state_ids))
    loads = pool.loads(need.start) if need.start else {}
    load_counts = np.array([loads.get(expert_id, 0) for expert_id in ids.tolist()], dtype=float)
    if not loads:
        load_counts = np.zeros(len(ids))
    load_points = np.maximum(LOAD_FLOOR, LOAD_POINTS * load_counts)
    # Extension point: past evaluations of the expert (average rating, attendance) add to the
    # score once the evaluations module records them; nothing is recorded yet, so the part is
    # 0 for everyone rather than an invented figure.
    evaluations = np.zeros(len(ids))
    scores = np.round(
        relevance.expertise[ids]
        + relevance.chapters[ids]
        + language
        + PREFERENCE_POINTS * preferred
        + load_points
        + evaluations,
        1,
    )
    order = np.lexsort((ids, -scores))
    if limit is not None:
        order = order[:limit]
    is_certain = True
    waiting = everyone[~is_loaded]
    if len(waiting):
        reachable = relevance.points[waiting] + max_bonus_for(need)
        is_certain = bool(
            limit is not None and len(order) >= limit and reachable.max() < scores[order[-1]]
        )
    ranked = []
    for position in order.tolist():
        expert_id = int(ids[position])
        rank = int(ranks[position])
        parts = {
            "expertise": float(relevance.expertise[expert_id]),
            "chapters": float(relevance.chapters[expert_id]),
            "language": float(language[position]),
            "preference": PREFERENCE_POINTS if preferred[position] else 0,
            "load": float(load_points[position]) + 0.0,  # + 0.0 turns -0.0 into 0.0 for display
            "evaluations": 0,
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
    return ranked, is_certain


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

    The facts (languages, Member State, employer) of the best-matching experts are read in
    batches: the first batch holds every expert whose relevance comes within the bonuses of the
    50th best, which settles nearly every ranking, so the queries do not grow with the experts."""
    needs = needs_of([event])
    if not needs:
        return []
    need = needs[0]
    index = term_index()
    pool = pool_for(needs, size=index.size, expert_ids=())
    relevance = relevance_for(need, index, pool)
    candidates = relevance.candidates[
        np.lexsort((relevance.candidates, -relevance.points[relevance.candidates]))
    ]
    points = relevance.points[candidates]
    if limit and len(candidates) > limit:
        within = int(np.count_nonzero(points >= points[limit - 1] - max_bonus_for(need)))
    else:
        within = len(candidates)
    batch, done = max(FIRST_BATCH, int(within * 1.2)), 0
    while True:
        load_experts(pool, needs, expert_ids=candidates[done:batch].tolist())
        done = min(batch, len(candidates))
        ranked, is_certain = rank_need(need, pool, index, limit=limit, relevance=relevance)
        if is_certain or done >= len(candidates):
            return attach_experts(ranked)
        batch *= 4

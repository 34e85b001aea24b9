"""Ranking experts for an event: who may be proposed, how relevant each one is, and why.

`experts_ranked_for(event)` is the public entry point; `rank_need` is shared with the staffing
of many events at once (`staffing.py`), which reads the same `Need` and `Pool` for all events.
"""

from dataclasses import dataclass, field

import numpy as np
from django.utils.translation import gettext

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
    """An expert proposed for an event, with the parts of the score that put them there and
    what explains them (filled by `explain`)."""

    expert_id: int
    score: float
    parts: dict[str, float]
    is_preferred_member_state: bool
    load: int
    level: str | None  # the best level in a working language (B2, C1, C2), if any
    matched_terms: list[str] = field(default_factory=list)
    matched_chapters: list[Chapter] = field(default_factory=list)
    similarity: float = 0.0  # the cosine of the request's and the profile's fields in EuroVoc
    language: tuple[str, str] | None = None  # (name, level) of the best working language
    availability: str = ""
    member_state: str = ""
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
        blocked = np.concatenate([
            pool.unavailable_on(need.start, need.end),
            pool.busy_on(need.start, need.end, need.event.pk),
        ])  # fmt: skip
        if len(blocked):
            keep &= ~np.isin(ids, blocked)
    return keep


@dataclass
class Relevance:
    """How much each expert's profile has in common with a request, before the hard rules: the
    experts with anything in common (`candidates`, sorted ids) and their points, in arrays
    aligned with them (a year's staffing keeps a thousand of these: no array per expert)."""

    weights: dict[str, float]  # the request's terms and their weights
    candidates: np.ndarray  # experts with any points, by id
    expertise: np.ndarray
    field: np.ndarray  # points
    similarity: np.ndarray  # the field's cosine
    chapters: np.ndarray

    def position_of(self, expert_id: int) -> int:
        return int(np.searchsorted(self.candidates, expert_id))


def relevance_for(need: Need, index: TermIndex, pool: Pool, *, fields=None) -> Relevance:
    """How relevant each expert is to `need`. `fields`: the cosine of every expert's field with
    the need's, by expert id, when the caller computed it for many needs at once
    (`fields_of_needs`)."""
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
    hits = np.zeros(size)
    for ids in chapter_postings:
        hits[ids] += 1
    touched = np.flatnonzero((matched > 0) | (hits > 0))
    expertise = np.round(EXPERTISE_POINTS * np.minimum(1.0, matched[touched] / reference), 1)
    chapters = np.round(CHAPTER_POINTS * hits[touched] / (len(need.chapter_ids) or 1), 1)
    # The field counts for the experts who share a term or a chapter with the request only:
    # an expert with neither is no proposal.
    keep = expertise + chapters > 0
    candidates, expertise, chapters = touched[keep], expertise[keep], chapters[keep]
    if fields is None:
        similarity = index.field_similarity(vocabulary().field_of(need.terms), candidates)
    else:
        similarity = np.zeros(len(candidates), dtype=np.float32)
        known = candidates < len(fields)
        similarity[known] = fields[candidates[known]]
    field = np.round(FIELD_POINTS * similarity, 1)
    return Relevance(weights, candidates, expertise, field, similarity, chapters)


def fields_of_needs(needs: list[Need], index: TermIndex, *, chunk=100):
    """{event id: the cosine of every expert's field with the need's}, by one matrix product
    per `chunk` needs (a product per need would read all profiles' fields each time)."""
    found = {}
    for start in range(0, len(needs), chunk):
        part = needs[start : start + chunk]
        vectors = np.stack([vocabulary().field_of(need.terms) for need in part], axis=1)
        products = index.fields[: index.size] @ vectors
        for column, need in enumerate(part):
            found[need.event.pk] = products[:, column]
    return found


def evaluation_points(ids, index: TermIndex):
    """The evaluations part of each expert in `ids` (see RATING_POINTS), from the ratings the
    index keeps."""
    average, count = index.ratings_of(ids)
    points = np.clip(np.round(RATING_POINTS * (average - 3), 1), -RATING_BOUND, RATING_BOUND)
    return np.where(count >= MIN_RATINGS, points, 0.0)


def rank_need(
    need: Need,
    pool: Pool,
    index: TermIndex,
    *,
    limit: int | None = 50,
    relevance=None,
    explain_rows=True,
):
    """The proposable experts for `need`, best first (the first `limit`), with their score parts
    (and what explains them unless `explain_rows` is False: the staffing of many events explains
    only the rows it proposes).

    Only experts whose expertise shares a term or a chapter with the request are ranked: an
    expert with nothing in common with the request is not a proposal, however free."""
    relevance = relevance or relevance_for(need, index, pool)
    positions = np.flatnonzero(proposable_mask(relevance.candidates, need, pool))
    ids = relevance.candidates[positions]
    ranks = pool.level_ranks(ids, need.language_ids)
    language = RANK_POINTS[ranks] if need.language_ids else np.zeros(len(ids))
    preferred = np.isin(pool.member_state[ids], list(need.preferred_member_state_ids))
    load_counts = pool.loads(need.start, ids) if need.start else np.zeros(len(ids))
    load_points = np.maximum(LOAD_FLOOR, LOAD_POINTS * load_counts)
    expertise = relevance.expertise[positions]
    field_points = relevance.field[positions]
    chapters = relevance.chapters[positions]
    base = expertise + field_points + chapters
    base = base + language + load_points
    evaluations = evaluation_points(ids, index)
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
            "expertise": float(expertise[position]),
            "field": float(field_points[position]),
            "chapters": float(chapters[position]),
            "language": float(language[position]),
            "load": float(load_points[position]) + 0.0,  # + 0.0 turns -0.0 into 0.0 for display
            "evaluations": float(evaluations[position]) + 0.0,
        }
        row = RankedExpert(
            expert_id=expert_id,
            score=float(scores[position]),
            parts=parts,
            is_preferred_member_state=bool(preferred[position]),
            load=int(load_counts[position]),
            level=RANK_LEVEL.get(rank),
        )
        if explain_rows:
            explain(row, need, pool, index, relevance)
        ranked.append(row)
    return ranked


def explain(row: RankedExpert, need: Need, pool: Pool, index: TermIndex, relevance: Relevance):
    """Fill in what explains `row`'s place: the shared terms (in the request's words), the
    field's similarity, the matching chapters, the working language, the dates and the Member
    State."""
    expert_id, weights = row.expert_id, relevance.weights
    shared = index.terms_by_expert.get(expert_id, frozenset()) & weights.keys()
    if row.level:
        spoken = [
            language_id
            for language_id in need.language_ids
            if language_id in pool.levels
            and pool.levels[language_id][expert_id] == LEVEL_RANK[row.level]
        ]
        row.language = (pool.languages[spoken[0]], row.level)
    row.matched_terms = [
        need.words.get(term, term)
        for term in sorted(shared, key=lambda term: (-weights[term], term))
    ]
    row.similarity = round(float(relevance.similarity[relevance.position_of(expert_id)]), 2)
    row.matched_chapters = sorted(
        (
            pool.chapters[chapter_id]
            for chapter_id in need.chapter_ids
            if pool.covers(chapter_id, expert_id)
        ),
        key=lambda chapter: chapter.number,
    )
    row.availability = (
        gettext("free on %(dates)s") % {"dates": date_span(need.start, need.end)}
        if need.start
        else gettext("no dates")
    )
    row.member_state = pool.countries.get(int(pool.member_state[expert_id]), "")
    return row


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

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
FIELD_MARGIN = 0.2  # more than the roundings to a tenth between a score and its parts
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
    chapters: np.ndarray
    vector: np.ndarray  # the request's field in EuroVoc
    index: TermIndex = field(repr=False)
    # The field's cosine, computed for the candidates who need it (NaN until then): see
    # `rank_need`, which leaves out the experts whom even a perfect field would not lift.
    similarity: np.ndarray = field(init=False, repr=False)

    def __post_init__(self):
        self.similarity = np.full(len(self.candidates), np.nan, dtype=np.float32)

    def position_of(self, expert_id: int) -> int:
        return int(np.searchsorted(self.candidates, expert_id))

    def similarity_at(self, positions: np.ndarray) -> np.ndarray:
        """The field's cosine of the candidates at `positions` (computed once each)."""
        found = self.similarity[positions]
        missing = np.isnan(found)
        if missing.any():
            computed = self.index.field_similarity(self.vector, self.candidates[positions[missing]])
            found[missing] = computed
            self.similarity[positions[missing]] = computed
        return found


def relevance_for(need: Need, index: TermIndex, pool: Pool) -> Relevance:
    """How relevant each expert is to `need` by the terms and chapters they share with it (the
    field in EuroVoc is computed by `rank_need`, for the experts it can matter to)."""
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
    vector = vocabulary().field_of(need.terms)
    return Relevance(weights, candidates, expertise, chapters, vector, index)


def evaluation_points(ids, index: TermIndex):
    """The evaluations part of each expert in `ids` (see RATING_POINTS), from the ratings the
    index keeps."""
    average, count = index.ratings_of(ids)
    points = np.clip(np.round(RATING_POINTS * (average - 3), 1), -RATING_BOUND, RATING_BOUND)
    return np.where(count >= MIN_RATINGS, points, 0.0)


def best_first(scores: np.ndarray, preferred: np.ndarray, ids: np.ndarray, limit) -> np.ndarray:
    """The positions of the first `limit` rows by score (highest first), then preferred Member
    State, then expert id. With thousands of candidates and a short list, the rows scoring below
    the `limit`-th best score are left out before sorting (one partition instead of sorting them
    all); ties with that score are all kept, so the order is the full sort's."""
    if limit and len(scores) > 2 * limit:
        threshold = -np.partition(-scores, limit - 1)[limit - 1]
        kept = np.flatnonzero(scores >= threshold)
        order = kept[np.lexsort((ids[kept], ~preferred[kept], -scores[kept]))]
    else:
        order = np.lexsort((ids, ~preferred, -scores))
    return order if limit is None else order[:limit]


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
    chapters = relevance.chapters[positions]
    if pool.evaluations is not None and len(pool.evaluations) >= index.size:
        evaluations = pool.evaluations[ids]
    else:
        evaluations = evaluation_points(ids, index)
    if limit and len(ids) > 2 * limit:
        # The field adds 0 to FIELD_POINTS: an expert whose score without it falls more than
        # FIELD_POINTS below a score that `limit` experts reach cannot make the list, so the
        # field (a product over each candidate's vector) is computed for the others only. That
        # floor is the best of: the `limit`-th best score without the field, and the `limit`-th
        # best full score among the best 2 x `limit` without it. The list is the one computing
        # the field for all would give.
        without = np.round(expertise + chapters + language + load_points + evaluations, 1)
        floor = -np.partition(-without, limit - 1)[limit - 1]
        first = np.argpartition(-without, 2 * limit - 1)[: 2 * limit]
        field_points = np.round(FIELD_POINTS * relevance.similarity_at(positions[first]), 1)
        base = expertise[first] + field_points + chapters[first]
        base = base + language[first] + load_points[first]
        scores = np.round(base + evaluations[first], 1)
        floor = max(floor, -np.partition(-scores, limit - 1)[limit - 1])
        kept = np.flatnonzero(without + FIELD_POINTS + FIELD_MARGIN >= floor)
        positions, ids, ranks, language, preferred = (
            array[kept] for array in (positions, ids, ranks, language, preferred)
        )
        load_counts, load_points, expertise, chapters, evaluations = (
            array[kept] for array in (load_counts, load_points, expertise, chapters, evaluations)
        )
    field_points = np.round(FIELD_POINTS * relevance.similarity_at(positions), 1)
    base = expertise + field_points + chapters
    base = base + language + load_points
    scores = np.round(base + evaluations, 1)
    # The applicant's preferred Member State breaks ties between equal scores and nothing else:
    # it is a key after the score, never points in it (rules of the instrument, issue 10).
    order = best_first(scores, preferred, ids, limit)
    ranked, availability = [], None
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
            availability = availability or availability_of(need)
            explain(row, need, pool, index, relevance, availability=availability)
        ranked.append(row)
    return ranked


def explain(
    row: RankedExpert,
    need: Need,
    pool: Pool,
    index: TermIndex,
    relevance: Relevance,
    *,
    availability: str | None = None,
):
    """Fill in what explains `row`'s place: the shared terms (in the request's words), the
    field's similarity, the matching chapters, the working language, the dates and the Member
    State. `availability`: the dates' sentence, when the caller wrote it once for the need's
    rows (formatting dates is most of the cost of explaining a row)."""
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
    position = np.array([relevance.position_of(expert_id)])
    row.similarity = round(float(relevance.similarity_at(position)[0]), 2)
    row.matched_chapters = sorted(
        (
            pool.chapters[chapter_id]
            for chapter_id in need.chapter_ids
            if pool.covers(chapter_id, expert_id)
        ),
        key=lambda chapter: chapter.number,
    )
    row.availability = availability or availability_of(need)
    row.member_state = pool.countries.get(int(pool.member_state[expert_id]), "")
    return row


def availability_of(need: Need) -> str:
    return (
        gettext("free on %(dates)s") % {"dates": date_span(need.start, need.end)}
        if need.start
        else gettext("no dates")
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

"""An in-process index of the experts: their expertise terms (an inverted index), their field
in EuroVoc, and the facts the rules read (proposable or not, Member State, employer, chapters,
language levels), kept fresh by one cheap query.

Reading 60,000 profiles on every ranking costs over a second; the index reads them once per
process and afterwards re-reads only the profiles saved since the last look (`updated_at`, which
every change of a profile, of its verification state, activity or erasure moves, since they
all save the expert). The look goes back a margin before the last one (its time, or the newest
`updated_at` seen if later), so that a profile saved in a transaction that committed after the
look is not missed; rows whose `updated_at` is the one already indexed are skipped.
Extension point: once `Expert.search_terms` (the normalised terms, written by the profile
service) exists, `refresh` reads that column instead of tokenising, and a database-side term table
(or PostgreSQL `tsvector`) can replace this module without changing its callers.
"""

import math
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import numpy as np
from django.db import connections
from django.utils import timezone

from taiex.evaluations.enums import EXPERT_RATING_KEY
from taiex.evaluations.models import Answer
from taiex.experts.enums import LEVEL_RANK, VerificationState
from taiex.experts.models import Expert, ExpertLanguage

from .terms import terms_of
from .vocabulary import vocabulary

NOT_PROPOSABLE = -1  # in `member_state`: not verified, not active, or erased
NO_EMPLOYER = -2
# How far before the last look a refresh looks again: longer than any transaction that saves a
# profile.
REFRESH_MARGIN = timedelta(minutes=5)
# Ratings are read by answer id; ids are handed out before their transaction commits, so each
# look goes back this many ids and skips the answers it counted already.
ANSWER_ID_MARGIN = 1000


def among(queryset, column: str, ids):
    """`queryset` limited to rows whose `column` is one of `ids`, the ids written into the SQL.

    Django prepares each parameter of an `__in` lookup on its own (about 13 us per id); for the
    thousands of ids of a refresh that cost more than the query. The ids are integers from the
    database (`int()` makes sure), so writing them into the SQL is safe."""
    listed = ",".join(str(int(expert_id)) for expert_id in ids) or "NULL"  # none: no row
    return queryset.extra(where=[f"{column} IN ({listed})"])  # noqa: S610


def rows_of(queryset):
    """The rows of a `values_list` queryset as plain tuples, without Django's per-row work
    (tens of thousands of rows: ids and codes only, no dates, which SQLite returns as text)."""
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def grown(array: np.ndarray, size: int, fill) -> np.ndarray:
    if len(array) >= size:
        return array
    bigger = np.full(max(size, 2 * len(array)), fill, dtype=array.dtype)
    bigger[: len(array)] = array
    return bigger


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
    stamps: dict[int, datetime] = field(default_factory=dict)  # updated_at indexed, by expert
    # The facts, by expert id. Arrays are replaced, never changed in place, so a ranking that
    # holds them keeps a consistent view while a refresh runs.
    member_state: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    employer: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    levels: dict[int, np.ndarray] = field(default_factory=dict)  # language: rank by expert
    chapters_by_expert: dict[int, frozenset[int]] = field(default_factory=dict)
    chapter_postings: dict[int, set[int]] = field(default_factory=dict)
    chapter_arrays: dict[int, np.ndarray] = field(default_factory=dict)
    # Participants' ratings of each expert (answers are never edited): their sum and number.
    ratings_sum: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float64))
    ratings_count: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    last_answer_id: int = 0
    recent_answer_ids: set[int] = field(default_factory=set)  # counted, within the margin

    def refresh(self):
        """Index the profiles saved since the last refresh (all of them the first time), and
        count the ratings given since.

        Two queries when no profile changed, four when some did, so callers issue a bounded
        number of queries."""
        self.refresh_profiles()
        self.refresh_ratings()

    def refresh_ratings(self):
        since = max(0, self.last_answer_id - ANSWER_ID_MARGIN)
        rows = rows_of(
            Answer.objects.filter(
                pk__gt=since,
                question__key=EXPERT_RATING_KEY,
                score__isnull=False,
                expert__isnull=False,
            )
            .order_by()
            .values_list("id", "expert_id", "score")
        )
        with self.lock:
            new = [row for row in rows if row[0] not in self.recent_answer_ids]
            if not new:
                return
            ids, experts, scores = (np.array(column) for column in zip(*new, strict=True))
            size = max(self.largest_id, int(experts.max())) + 1
            total = grown(self.ratings_sum.copy(), size, 0.0)
            count = grown(self.ratings_count.copy(), size, 0)
            np.add.at(total, experts, scores.astype(np.float64))
            np.add.at(count, experts, 1)
            self.ratings_sum, self.ratings_count = total, count
            self.last_answer_id = max(self.last_answer_id, int(ids.max()))
            floor = self.last_answer_id - ANSWER_ID_MARGIN
            self.recent_answer_ids = {i for i in self.recent_answer_ids if i > floor}
            self.recent_answer_ids.update(i for i in ids.tolist() if i > floor)

    def ratings_of(self, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The average rating (rounded to the hundredth, 0 without ratings) and the number of
        ratings of each expert of `ids`."""
        count = np.zeros(len(ids), dtype=np.int64)
        total = np.zeros(len(ids), dtype=np.float64)
        known = ids < len(self.ratings_count)
        count[known] = self.ratings_count[ids[known]]
        total[known] = self.ratings_sum[ids[known]]
        average = np.round(np.divide(total, count, out=np.zeros(len(ids)), where=count > 0), 2)
        return average, count

    def refresh_profiles(self):
        # The next look goes back a margin before this one's time, not before the newest
        # profile's: after a bulk import, the last minutes of saved profiles were otherwise
        # read again (and skipped) by every ranking.
        looked_at = timezone.now()
        rows = Expert.objects.all()
        if self.seen_until is not None:
            rows = rows.filter(updated_at__gte=self.seen_until - REFRESH_MARGIN)
        rows = rows.values_list(
            "id", "updated_at", "expertise", "keywords", "verification_state", "is_active",
            "erased_at", "member_state_id", "employer_id",
        ).iterator(chunk_size=5000)  # fmt: skip
        with self.lock:
            is_first = self.seen_until is None
            newest = self.seen_until
            changed, facts = [], []
            for row in rows:
                expert_id, updated_at, expertise, keywords = row[:4]
                if self.stamps.get(expert_id) == updated_at:
                    continue
                self.stamps[expert_id] = updated_at
                facts.append(row)
                if self.replace(expert_id, frozenset(terms_of(expertise, keywords))):
                    changed.append(expert_id)
                if newest is None or updated_at > newest:
                    newest = updated_at
            self.update_fields(changed)
            if facts:
                self.update_facts(facts, is_first=is_first)
            self.seen_until = newest if newest is None else max(newest, looked_at)

    def update_facts(self, rows, *, is_first: bool):
        """Store the facts of the experts of `rows` (Expert values, see `refresh`): two queries,
        for their chapters and their languages (of everyone on the first build)."""
        ids = [row[0] for row in rows]
        size = self.largest_id + 1
        member_state = grown(self.member_state.copy(), size, NOT_PROPOSABLE)
        employer = grown(self.employer.copy(), size, NO_EMPLOYER)
        for expert_id, *_text, state, is_active, erased_at, country_id, employer_id in rows:
            proposable = state == VerificationState.VERIFIED and is_active and erased_at is None
            member_state[expert_id] = country_id if proposable else NOT_PROPOSABLE
            employer[expert_id] = NO_EMPLOYER if employer_id is None else employer_id
        chapters = Expert.chapters.through.objects.order_by()
        languages = ExpertLanguage.objects.order_by()
        if not is_first:
            chapters = among(chapters, "expert_id", ids)
            languages = among(languages, "expert_id", ids)
        chapters_of = {expert_id: set() for expert_id in ids}
        for expert_id, chapter_id in rows_of(chapters.values_list("expert_id", "chapter_id")):
            chapters_of[expert_id].add(chapter_id)
        for expert_id, chapter_ids in chapters_of.items():
            self.replace_chapters(expert_id, frozenset(chapter_ids))
        levels = {language: grown(ranks.copy(), size, 0) for language, ranks in self.levels.items()}
        for ranks in levels.values():
            ranks[ids] = 0
        for expert_id, language_id, level in rows_of(
            languages.values_list("expert_id", "language_id", "level")
        ):
            if language_id not in levels:
                levels[language_id] = np.zeros(len(member_state), dtype=np.int8)
            levels[language_id][expert_id] = LEVEL_RANK[level]
        self.member_state, self.employer, self.levels = member_state, employer, levels

    def replace_chapters(self, expert_id: int, chapter_ids: frozenset[int]):
        old = self.chapters_by_expert.get(expert_id, frozenset())
        if old == chapter_ids:
            return
        for chapter_id in old - chapter_ids:
            self.chapter_postings[chapter_id].discard(expert_id)
            self.chapter_arrays.pop(chapter_id, None)
        for chapter_id in chapter_ids - old:
            self.chapter_postings.setdefault(chapter_id, set()).add(expert_id)
            self.chapter_arrays.pop(chapter_id, None)
        self.chapters_by_expert[expert_id] = chapter_ids

    def experts_in_chapter(self, chapter_id: int) -> np.ndarray:
        """The experts who named `chapter_id`, as a sorted array (built once per change)."""
        found = self.chapter_arrays.get(chapter_id)
        if found is None:
            found = np.array(sorted(self.chapter_postings.get(chapter_id, ())), dtype=np.int64)
            self.chapter_arrays[chapter_id] = found
        return found

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

    def field_similarity(self, vector: np.ndarray, ids: np.ndarray) -> np.ndarray:
        """The cosine of the field of each expert of `ids` with `vector` (0 for an expert not
        indexed yet)."""
        similarity = np.zeros(len(ids), dtype=np.float32)
        known = ids < len(self.fields)
        if not known.any():
            return similarity
        if 8 * len(ids) < len(self.fields):
            similarity[known] = self.fields[ids[known]] @ vector
        else:
            # Gathering many scattered rows costs more than the product over all of them
            # (one pass over contiguous memory).
            similarity[known] = (self.fields[: self.size] @ vector)[ids[known]]
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

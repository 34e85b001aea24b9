"""What events ask of experts (`Need`) and what the database knows about the experts who could
answer (`Pool`), each read with a fixed number of queries however many events or experts."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property

import numpy as np
from django.db import connections

from taiex.applications.models import Application
from taiex.events.models import Event
from taiex.experts.enums import LEVEL_RANK, VerificationState
from taiex.experts.models import Expert, ExpertLanguage, Unavailability
from taiex.reference.models import Chapter, Country, Language

from ..enums import InvitationState
from ..models import Invitation
from .terms import terms_of, words_by_term

PROPOSABLE_LEVELS = ("B2", "C1", "C2")
LOAD_WINDOW = timedelta(days=365)
# Terms of the title and of the expertise wished say more about the need than the objectives.
STRONG_TERM = 2.0
PLAIN_TERM = 1.0


@dataclass
class Need:
    """What one event asks for, in the terms the scoring compares."""

    event: Event
    terms: dict[str, float]
    words: dict[str, str]
    chapter_ids: set[int]
    language_ids: list[int]
    preferred_member_state_ids: set[int]
    requesting_institution_ids: set[int]

    @property
    def start(self) -> date | None:
        return self.event.start_date

    @property
    def end(self) -> date | None:
        return self.event.end_date or self.event.start_date

    @cached_property
    def is_peer_to_peer(self) -> bool:
        return bool(self.event.window_id and self.event.window.is_peer_to_peer)


def rows_of(queryset):
    """The rows of a `values_list` queryset as plain tuples, without Django's per-row work
    (tens of thousands of rows: ids and codes only, no dates, which SQLite returns as text)."""
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def among(queryset, column: str, ids):
    """`queryset` limited to rows whose `column` is one of `ids`, the ids written into the SQL.

    Django prepares each parameter of an `__in` lookup on its own (about 13 us per id); for the
    thousands of ids of a ranking batch that cost more than the query. The ids are integers
    from our own index (`int()` makes sure), so writing them into the SQL is safe."""
    listed = ",".join(str(int(expert_id)) for expert_id in ids)
    return queryset.extra(where=[f"{column} IN ({listed})"])  # noqa: S610


def pairs_by_first(rows) -> dict[int, list[int]]:
    grouped = defaultdict(list)
    for key, value in rows:
        grouped[key].append(value)
    return grouped


def needs_of(events) -> list[Need]:
    """The needs of `events` (a queryset or list of events), in seven queries."""
    events = list(
        Event.objects.filter(pk__in=[event.pk for event in events])
        .select_related("application", "window", "beneficiary")
        .order_by("start_date", "reference")
    )
    event_ids = [event.pk for event in events]
    application_ids = [event.application_id for event in events if event.application_id]
    event_chapters = pairs_by_first(
        Event.chapters.through.objects.filter(event_id__in=event_ids).values_list(
            "event_id", "chapter_id"
        )
    )
    application_chapters = pairs_by_first(
        Application.chapters.through.objects.filter(application_id__in=application_ids).values_list(
            "application_id", "chapter_id"
        )
    )
    languages = pairs_by_first(
        Application.working_languages.through.objects.filter(
            application_id__in=application_ids
        ).values_list("application_id", "language_id")
    )
    preferences = pairs_by_first(
        Application.member_state_preference.through.objects.filter(
            application_id__in=application_ids
        ).values_list("application_id", "country_id")
    )
    partners = pairs_by_first(
        Application.partner_institutions.through.objects.filter(
            application_id__in=application_ids
        ).values_list("application_id", "institution_id")
    )
    needs = []
    for event in events:
        application = event.application
        strong = [event.title]
        plain = [event.summary, event.legislation]
        if application:
            strong += [application.title, application.expertise_wished]
            plain += [application.objectives, application.legislation]
        terms = dict.fromkeys(terms_of(*plain), PLAIN_TERM)
        terms.update(dict.fromkeys(terms_of(*strong), STRONG_TERM))
        institutions = set(partners.get(event.application_id, []))
        if application and application.lead_institution_id:
            institutions.add(application.lead_institution_id)
        needs.append(
            Need(
                event=event,
                terms=terms,
                words=words_by_term(*strong, *plain),
                chapter_ids=set(event_chapters.get(event.pk, []))
                | set(application_chapters.get(event.application_id, [])),
                language_ids=sorted(languages.get(event.application_id, [])),
                preferred_member_state_ids=set(preferences.get(event.application_id, [])),
                requesting_institution_ids=institutions,
            )
        )
    return needs


NOT_PROPOSABLE = -1
NO_EMPLOYER = -2


@dataclass
class Pool:
    """The verified, active, not erased experts who could serve the needs, and their time.

    Per-expert facts are arrays indexed by expert id, so a ranking filters and scores tens of
    thousands of experts with a few vector operations."""

    size: int
    member_state: np.ndarray = field(init=False)  # NOT_PROPOSABLE unless verified and active
    employer: np.ndarray = field(init=False)
    levels: dict[int, np.ndarray] = field(default_factory=dict)  # language: level rank (B2+)
    loaded: np.ndarray = field(init=False)  # the experts whose facts were read
    experts_by_chapter: dict[int, np.ndarray] = field(default_factory=dict)  # sorted ids
    unavailable: dict[int, list[tuple[date, date]]] = field(default_factory=dict)
    # Accepted invitations: (start, end, event id) per expert.
    accepted: dict[int, list[tuple[date, date, int]]] = field(default_factory=dict)
    languages: dict[int, str] = field(default_factory=dict)
    chapters: dict[int, Chapter] = field(default_factory=dict)
    countries: dict[int, str] = field(default_factory=dict)

    def __post_init__(self):
        self.member_state = np.full(self.size, NOT_PROPOSABLE, dtype=np.int64)
        self.employer = np.full(self.size, NO_EMPLOYER, dtype=np.int64)
        self.loaded = np.zeros(self.size, dtype=bool)

    def grow(self, size: int):
        if size <= self.size:
            return
        extra = size - self.size
        self.member_state = np.concatenate(
            [self.member_state, np.full(extra, NOT_PROPOSABLE, dtype=np.int64)]
        )
        self.employer = np.concatenate([self.employer, np.full(extra, NO_EMPLOYER, np.int64)])
        self.loaded = np.concatenate([self.loaded, np.zeros(extra, dtype=bool)])
        for language, ranks in self.levels.items():
            self.levels[language] = np.concatenate([ranks, np.zeros(extra, dtype=np.int8)])
        self.size = size

    def level_ranks(self, ids: np.ndarray, language_ids) -> np.ndarray:
        """The best level rank of each expert of `ids` in `language_ids` (0: none at B2+)."""
        ranks = np.zeros(len(ids), dtype=np.int8)
        for language in language_ids:
            if language in self.levels:
                ranks = np.maximum(ranks, self.levels[language][ids])
        return ranks

    def covers(self, chapter_id, expert_id) -> bool:
        ids = self.experts_by_chapter.get(chapter_id)
        if ids is None:
            return False
        position = int(np.searchsorted(ids, expert_id))
        return position < len(ids) and int(ids[position]) == expert_id

    def unavailable_on(self, start, end) -> list[int]:
        return [
            expert
            for expert, periods in self.unavailable.items()
            if any(s <= end and start <= e for s, e in periods)
        ]

    def busy_on(self, start, end, event_id) -> list[int]:
        """Experts with an accepted invitation to another event overlapping [start, end]."""
        return [
            expert
            for expert, invitations in self.accepted.items()
            if any(s <= end and start <= e and other != event_id for s, e, other in invitations)
        ]

    def loads(self, start) -> dict[int, int]:
        """Accepted invitations per expert on events that started in the 12 months before
        `start` (experts without any are left out)."""
        since = start - LOAD_WINDOW
        counts = {}
        for expert, invitations in self.accepted.items():
            count = sum(1 for s, _e, _id in invitations if since <= s < start)
            if count:
                counts[expert] = count
        return counts


def proposable_experts():
    return Expert.objects.filter(
        verification_state=VerificationState.VERIFIED, is_active=True, erased_at__isnull=True
    )


def pool_for(needs: list[Need], *, size: int, expert_ids=None) -> Pool:
    """What the scoring needs to know about the experts, for all `needs` at once: chapters and
    time of everyone, and the languages, Member State and employer of the proposable experts
    (of `expert_ids` only when given; `load_experts` adds more later). `size`: the largest
    expert id plus one."""
    pool = Pool(
        size=size,
        languages=dict(Language.objects.values_list("id", "name")),
        chapters={chapter.pk: chapter for chapter in Chapter.objects.all()},
        countries=dict(Country.objects.values_list("id", "name")),
    )
    chapter_ids = {chapter for need in needs for chapter in need.chapter_ids}
    if chapter_ids:
        rows = rows_of(
            Expert.chapters.through.objects.filter(chapter_id__in=chapter_ids).values_list(
                "chapter_id", "expert_id"
            )
        )
        pool.experts_by_chapter = {
            chapter_id: np.array(sorted(expert_ids), dtype=np.int64)
            for chapter_id, expert_ids in pairs_by_first(rows).items()
        }
    dated = [need for need in needs if need.start]
    if dated:
        first = min(need.start for need in dated)
        last = max(need.end for need in dated)
        for expert_id, start, end in Unavailability.objects.filter(
            start__lte=last, end__gte=first
        ).values_list("expert_id", "start", "end"):
            pool.unavailable.setdefault(expert_id, []).append((start, end))
        # The load looks back a year, the quarterly limit to the start of the quarter.
        for expert_id, start, end, event_id in Invitation.objects.filter(
            state=InvitationState.ACCEPTED,
            event__start_date__lte=last,
            event__start_date__gte=first - LOAD_WINDOW - timedelta(days=92),
        ).values_list("expert_id", "event__start_date", "event__end_date", "event_id"):
            pool.accepted.setdefault(expert_id, []).append((start, end or start, event_id))
    load_experts(pool, needs, expert_ids=expert_ids)
    return pool


def load_experts(pool: Pool, needs: list[Need], *, expert_ids=None):
    """Read into `pool` the proposable experts among `expert_ids` (all when None): their levels
    in the working languages (B2 or better), Member State and employer. One query, two when an
    event asks for no language."""
    if expert_ids is not None and not len(expert_ids):
        return
    rows_by_query = []
    language_ids = {language for need in needs for language in need.language_ids}
    if language_ids:
        rows = ExpertLanguage.objects.filter(
            language_id__in=language_ids,
            level__in=PROPOSABLE_LEVELS,
            expert__verification_state=VerificationState.VERIFIED,
            expert__is_active=True,
            expert__erased_at__isnull=True,
        ).order_by()
        if expert_ids is not None:
            rows = among(rows, f"{ExpertLanguage._meta.db_table}.expert_id", expert_ids)
        rows_by_query.append(
            rows_of(
                rows.values_list(
                    "expert_id",
                    "expert__member_state_id",
                    "expert__employer_id",
                    "language_id",
                    "level",
                )
            )
        )
    if any(not need.language_ids for need in needs):
        # An event without working languages asks for no language: every proposable expert.
        rows = proposable_experts().order_by()
        if expert_ids is not None:
            rows = among(rows, f"{Expert._meta.db_table}.id", expert_ids)
        rows_by_query.append(rows_of(rows.values_list("id", "member_state_id", "employer_id")))
    largest = max((row[0] for rows in rows_by_query for row in rows), default=0)
    pool.grow(largest + 1)
    for rows in rows_by_query:
        if not rows:
            continue
        columns = list(zip(*rows, strict=True))
        ids = np.array(columns[0], dtype=np.int64)
        pool.member_state[ids] = columns[1]
        pool.employer[ids] = [NO_EMPLOYER if e is None else e for e in columns[2]]
        if len(columns) == 5:
            for language_id in set(columns[3]):
                pool.levels.setdefault(language_id, np.zeros(pool.size, dtype=np.int8))
            for expert_id, language_id, level in zip(
                ids.tolist(), columns[3], columns[4], strict=True
            ):
                pool.levels[language_id][expert_id] = LEVEL_RANK[level]
    if expert_ids is None:
        pool.loaded[:] = True
    else:
        pool.grow(max(expert_ids) + 1)
        pool.loaded[np.asarray(expert_ids, dtype=np.int64)] = True

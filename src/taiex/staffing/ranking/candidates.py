"""What events ask of experts (`Need`) and what the rules need to know about the experts who
could answer (`Pool`), each read with a fixed number of queries however many events or experts."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
from django.db.models import F
from django.utils import timezone

from taiex.applications.models import Application
from taiex.events.models import Event
from taiex.experts.enums import LEVEL_RANK
from taiex.experts.models import Unavailability
from taiex.reference.models import Chapter, Country, Language
from taiex.reference.queries import minimum_working_levels, working_level_on

from ..enums import InvitationState
from ..models import Invitation
from .index import TermIndex, among, rows_of
from .reading import weighted_terms
from .terms import words_by_term

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
    # The dated minimum level in a working language on the event's start (today without dates).
    minimum_level: str = "C1"
    is_peer_to_peer: bool = False  # the event's window is peer-to-peer

    @property
    def minimum_rank(self) -> int:
        return LEVEL_RANK[self.minimum_level]

    @property
    def start(self) -> date | None:
        return self.event.start_date

    @property
    def end(self) -> date | None:
        return self.event.end_date or self.event.start_date


def pairs_by_first(rows) -> dict[int, list[int]]:
    grouped = defaultdict(list)
    for key, value in rows:
        grouped[key].append(value)
    return grouped


def needs_of(events) -> list[Need]:
    """The needs of `events` (a queryset or list of events), in eight queries.

    The requests' texts and the windows' kind are read as values of the events' query: a year's
    staffing reads a thousand events, and building their applications, windows and
    beneficiaries as model instances took longer than scoring them."""
    events = list(
        among(Event.objects.all(), "events_event.id", [event.pk for event in events])
        .annotate(
            request_title=F("application__title"),
            request_expertise_wished=F("application__expertise_wished"),
            request_objectives=F("application__objectives"),
            request_legislation=F("application__legislation"),
            request_lead_institution_id=F("application__lead_institution_id"),
            window_is_peer_to_peer=F("window__is_peer_to_peer"),
        )
        .order_by("start_date", "reference")
    )
    event_ids = [event.pk for event in events]
    application_ids = [event.application_id for event in events if event.application_id]
    event_chapters = pairs_by_first(
        rows_of(among(Event.chapters.through.objects.order_by(), "event_id", event_ids).values_list(
            "event_id", "chapter_id"
        ))
    )  # fmt: skip
    in_applications = [
        among(model.objects.order_by(), "application_id", application_ids)
        for model in (
            Application.chapters.through,
            Application.working_languages.through,
            Application.member_state_preference.through,
            Application.partner_institutions.through,
        )
    ]
    application_chapters, languages, preferences, partners = (
        pairs_by_first(rows_of(rows.values_list("application_id", column)))
        for rows, column in zip(
            in_applications,
            ["chapter_id", "language_id", "country_id", "institution_id"],
            strict=True,
        )
    )
    level_rules = minimum_working_levels()
    today = timezone.localdate()
    needs = []
    for event in events:
        strong = [event.title]
        plain = [event.summary, event.legislation]
        institutions = set(partners.get(event.application_id, []))
        if event.application_id:
            strong += [event.request_title, event.request_expertise_wished]
            plain += [event.request_objectives, event.request_legislation]
            if event.request_lead_institution_id:
                institutions.add(event.request_lead_institution_id)
        terms = weighted_terms(
            [(text, STRONG_TERM) for text in strong] + [(text, PLAIN_TERM) for text in plain]
        )
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
                minimum_level=working_level_on(event.start_date or today, level_rules),
                is_peer_to_peer=bool(event.window_is_peer_to_peer),
            )
        )
    return needs


@dataclass
class Pool:
    """The experts' facts that the rules read, and their time around the needs' dates.

    Per-expert facts are the term index's arrays, indexed by expert id (read-only here: the
    index replaces them when a profile changes), so a ranking filters and scores tens of
    thousands of experts with a few vector operations and reads no profile."""

    size: int
    member_state: np.ndarray  # NOT_PROPOSABLE unless verified, active and not erased
    employer: np.ndarray
    levels: dict[int, np.ndarray]  # language: level rank by expert (0: none)
    index: TermIndex
    unavailable: dict[int, list[tuple[date, date]]] = field(default_factory=dict)
    # Accepted invitations: (start, end, event id) per expert.
    accepted: dict[int, list[tuple[date, date, int]]] = field(default_factory=dict)
    languages: dict[int, str] = field(default_factory=dict)
    chapters: dict[int, Chapter] = field(default_factory=dict)
    countries: dict[int, str] = field(default_factory=dict)
    period_arrays: dict[str, tuple] = field(default_factory=dict, repr=False)  # see periods()
    last_loads: tuple = field(default=(None, None), repr=False)  # see loads()
    # The evaluations part of every expert, by id, when many needs are ranked (staffing.py).
    evaluations: np.ndarray | None = field(default=None, repr=False)

    def experts_in_chapter(self, chapter_id: int) -> np.ndarray:
        return self.index.experts_in_chapter(chapter_id)

    def level_ranks(self, ids: np.ndarray, language_ids) -> np.ndarray:
        """The best level rank of each expert of `ids` in `language_ids` (0: none at B2+)."""
        ranks = np.zeros(len(ids), dtype=np.int8)
        for language in language_ids:
            if language in self.levels:
                ranks = np.maximum(ranks, self.levels[language][ids])
        return ranks

    def covers(self, chapter_id, expert_id) -> bool:
        return chapter_id in self.index.chapters_by_expert.get(expert_id, ())

    def unavailable_on(self, start, end) -> np.ndarray:
        """The experts who declared themselves unavailable on a day of [start, end]."""
        experts, starts, ends, _events = self.periods("unavailable")
        return experts[(starts <= np.datetime64(end)) & (np.datetime64(start) <= ends)]

    def busy_on(self, start, end, event_id) -> np.ndarray:
        """Experts with an accepted invitation to another event overlapping [start, end]."""
        experts, starts, ends, events = self.periods("accepted")
        overlapping = (starts <= np.datetime64(end)) & (np.datetime64(start) <= ends)
        return experts[overlapping & (events != event_id)]

    def periods(self, name) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The periods of `name` ("unavailable" or "accepted") as arrays of experts, starts,
        ends and events (-1 for an unavailability), built once per pool."""
        cache = self.period_arrays
        if name not in cache:
            rows = [
                (expert, period[0], period[1], period[2] if len(period) > 2 else -1)
                for expert, periods in getattr(self, name).items()
                for period in periods
            ]
            columns = list(zip(*rows, strict=True)) if rows else [[], [], [], []]
            cache[name] = (
                np.array(columns[0], dtype=np.int64),
                np.array(columns[1], dtype="datetime64[D]"),
                np.array(columns[2], dtype="datetime64[D]"),
                np.array(columns[3], dtype=np.int64),
            )
        return cache[name]

    def loads(self, start, ids: np.ndarray) -> np.ndarray:
        """The number of accepted invitations of each expert of `ids` to events that started
        in the 12 months before `start`."""
        counted_on, counts = self.last_loads
        if counted_on != start:
            # Kept for the last start day only: the needs come by start date, about three a day
            # in a year's staffing (one array of all experts per day would take 170 MB).
            experts, starts, _ends, _events = self.periods("accepted")
            since = np.datetime64(start - LOAD_WINDOW)
            counts = np.bincount(
                experts[(starts >= since) & (starts < np.datetime64(start))], minlength=self.size
            )
            self.last_loads = (start, counts)
        loads = np.zeros(len(ids))
        known = ids < len(counts)
        loads[known] = counts[ids[known]]
        return loads


def pool_for(needs: list[Need], index: TermIndex) -> Pool:
    """What the scoring needs to know about the experts, for all `needs` at once: the facts of
    everyone from the term `index`, and who is unavailable or busy around the needs' dates
    (five queries)."""
    pool = Pool(
        size=index.size,
        member_state=index.member_state,
        employer=index.employer,
        levels=index.levels,
        index=index,
        languages=dict(Language.objects.values_list("id", "name")),
        chapters={chapter.pk: chapter for chapter in Chapter.objects.all()},
        countries=dict(Country.objects.values_list("id", "name")),
    )
    dated = [need for need in needs if need.start]
    if dated:
        first = min(need.start for need in dated)
        last = max(need.end for need in dated)
        for expert_id, start, end in Unavailability.objects.filter(
            start__lte=last, end__gte=first
        ).values_list("expert_id", "start", "end"):
            pool.unavailable.setdefault(expert_id, []).append((start, end))
        # The load looks back a year, the quarterly limit to the start of the quarter. The
        # events of the period are found first (by their start date's index), then their
        # invitations: filtering the invitations by state first reads all of them.
        events = Event.objects.filter(
            start_date__lte=last, start_date__gte=first - LOAD_WINDOW - timedelta(days=92)
        ).values("pk")
        for expert_id, start, end, event_id in (
            Invitation.objects.filter(state=InvitationState.ACCEPTED, event_id__in=events)
            .order_by()
            .values_list("expert_id", "event__start_date", "event__end_date", "event_id")
        ):
            pool.accepted.setdefault(expert_id, []).append((start, end or start, event_id))
    return pool

"""Figures on requests for the managers, computed by the database in a fixed number of queries
whatever the number of requests (ten at most).

- Received: requests submitted (to the NCP) in the period, counted in the year of their last
  submission (`submitted_at`; a returned request resubmitted counts once, in the year of its
  resubmission). A draft never submitted, or withdrawn before submission, is not received.
- Outcome: the request's state today. Vetoed: rejected after a consulted service objected (an
  objection is a veto, docs/decisions.md); rejected: rejected by the head of unit's decision.
  Still open: submitted, returned, in consultation, in assessment, proposed or on hold.
- Medians, in days (elapsed time, one decimal): from the submission to the forwarding by the
  NCP, to the decision (approval, rejection or veto), and to the first day of the first event of
  an approved request (taken at 00:00 UTC; its follow-up events do not count). The database
  computes each request's durations (`DaysBetween`: julianday on SQLite, epoch seconds on
  PostgreSQL) and Python takes the medians of those numbers, so both databases give the same
  figures.
- Workload, today, under the same country, window, team and type filters (not the years): per
  team, the requests in consultation, in assessment and proposed, and the events in preparation
  (planned, confirmed, postponed); per case handler, the requests they proposed that wait for the
  decision or were sent back for a new assessment, and the events they handle in preparation. A
  request gets its case handler when it is proposed, so an assessment not proposed yet is the
  team's.
"""

import statistics
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.db import connections
from django.db.models import (
    Count,
    F,
    FloatField,
    Func,
    IntegerField,
    Max,
    OuterRef,
    Q,
    Subquery,
)
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from taiex.applications.enums import OPEN_STATES, Opinion
from taiex.applications.enums import ApplicationState as S
from taiex.applications.models import Application, Consultation
from taiex.core.maintenance import periodic
from taiex.events.enums import PREPARATION_STATES
from taiex.events.models import Event
from taiex.reference.enums import AssistanceType
from taiex.reference.models import Country, ThematicTeam, Window

GROUPINGS = {
    "year": _("Year"),
    "country": _("Beneficiary country"),
    "window": _("Window"),
    "team": _("Thematic team"),
    "type": _("Type"),
}
GROUP_FIELDS = {
    "year": "year",
    "country": "country_id",
    "window": "window_id",
    "team": "team_id",
    "type": "assistance_type",
}
OUTCOMES = [
    ("received", _("Received")),
    ("approved", _("Approved")),
    ("rejected", _("Rejected")),
    ("vetoed", _("Vetoed")),
    ("withdrawn", _("Withdrawn")),
    ("open", _("Still open")),
]
MEDIANS = [
    ("to_forwarding", _("Median days to forwarding")),
    ("to_decision", _("Median days to decision")),
    ("to_event", _("Median days to the event")),
]


class DaysBetween(Func):
    """The days (a float) from the moment `start` to the moment or date `end`."""

    output_field = FloatField()
    arity = 2

    def as_sqlite(self, compiler, connection, **extra):
        (start, start_params), (end, end_params) = (
            compiler.compile(expression) for expression in self.source_expressions
        )
        return f"(julianday({end}) - julianday({start}))", [*end_params, *start_params]

    def as_postgresql(self, compiler, connection, **extra):
        (start, start_params), (end, end_params) = (
            compiler.compile(expression) for expression in self.source_expressions
        )
        sql = (
            f"CAST(EXTRACT(EPOCH FROM (CAST({end} AS timestamptz) - CAST({start} AS timestamptz)))"
            " AS double precision) / 86400.0"
        )
        return sql, [*end_params, *start_params]


class LocalYear(Func):
    """The year of a moment in the site's time zone. PostgreSQL: EXTRACT with the time zone
    (Django's ExtractYear). SQLite: Django's ExtractYear calls a Python function per row (1.7 s
    for 50,000 requests); the local year is the UTC year of the moment shifted by the zone's
    offset on 1 January (+1 hour in Brussels), the same for every year of the data, so SQLite's
    own strftime() computes it. A zone whose New Year offset changed over the years falls back
    to ExtractYear."""

    output_field = IntegerField()
    arity = 1

    def as_sql(self, compiler, connection, **extra):
        return compiler.compile(ExtractYear(self.source_expressions[0]))

    def as_sqlite(self, compiler, connection, **extra):
        offsets = new_year_offsets()
        if len(offsets) != 1:
            return compiler.compile(ExtractYear(self.source_expressions[0]))
        moment, params = compiler.compile(self.source_expressions[0])
        seconds = int(next(iter(offsets)).total_seconds())
        return f"CAST(substr(datetime({moment}, '{seconds:+d} seconds'), 1, 4) AS integer)", params


def new_year_offsets(first=1990, last=2100):
    zone = timezone.get_current_timezone()
    return {datetime(year, 1, 1, tzinfo=zone).utcoffset() for year in range(first, last + 1)}


@dataclass(frozen=True)
class FigureFilters:
    year_from: int | None = None
    year_to: int | None = None
    country: int | None = None  # ids
    window: int | None = None
    team: int | None = None
    assistance_type: str = ""
    by: str = "year"


@dataclass
class FigureRow:
    label: object  # a year, a Country (for its footnote), or a name
    received: int = 0
    approved: int = 0
    rejected: int = 0
    vetoed: int = 0
    withdrawn: int = 0
    open: int = 0
    to_forwarding: float | None = None
    to_decision: float | None = None
    to_event: float | None = None

    @property
    def counts(self):
        return [getattr(self, name) for name, _label in OUTCOMES]

    @property
    def medians(self):
        return [getattr(self, name) for name, _label in MEDIANS]


@dataclass
class WorkloadRow:
    label: str
    consultations: int = 0
    assessments: int = 0
    proposed: int = 0
    events: int = 0

    @property
    def total(self):
        return self.consultations + self.assessments + self.proposed + self.events


@dataclass
class RequestFigures:
    filters: FigureFilters
    rows: list[FigureRow] = field(default_factory=list)
    total: FigureRow = field(default_factory=lambda: FigureRow("Total"))
    teams: list[WorkloadRow] = field(default_factory=list)
    handlers: list[WorkloadRow] = field(default_factory=list)

    @property
    def by_label(self):
        return str(GROUPINGS[self.filters.by])


def year_start(year):
    return timezone.make_aware(datetime(year, 1, 1))


def received_requests(filters: FigureFilters):
    rows = Application.objects.filter(submitted_at__isnull=False)
    if filters.year_from:
        rows = rows.filter(submitted_at__gte=year_start(filters.year_from))
    if filters.year_to:
        rows = rows.filter(submitted_at__lt=year_start(filters.year_to + 1))
    return filter_requests(rows, filters)


def filter_requests(rows, filters: FigureFilters):
    if filters.country:
        rows = rows.filter(country=filters.country)
    if filters.window:
        rows = rows.filter(window=filters.window)
    if filters.team:
        rows = rows.filter(team=filters.team)
    if filters.assistance_type:
        rows = rows.filter(assistance_type=filters.assistance_type)
    return rows


def vetoed_condition():
    objected = Consultation.objects.filter(opinion=Opinion.OBJECTION).values("application_id")
    return Q(state=S.REJECTED, pk__in=objected)


def with_group(rows, by):
    if by == "year":
        return rows.annotate(year=LocalYear("submitted_at"))
    return rows


def median(values):
    return round(statistics.median(values), 1) if values else None


def request_figures(filters: FigureFilters | None = None) -> RequestFigures:
    """The figures under `filters`, grouped by `filters.by` (a GROUPINGS key)."""
    filters = filters or FigureFilters()
    key = GROUP_FIELDS[filters.by]
    rows = with_group(received_requests(filters), filters.by)
    vetoed = vetoed_condition()
    counted = (
        rows.values(key)
        .annotate(
            received=Count("pk"),
            approved=Count("pk", filter=Q(state=S.APPROVED)),
            rejected=Count("pk", filter=Q(state=S.REJECTED) & ~vetoed),
            vetoed=Count("pk", filter=vetoed),
            withdrawn=Count("pk", filter=Q(state=S.WITHDRAWN)),
            open=Count("pk", filter=Q(state__in=OPEN_STATES)),
        )
        .order_by(key)
    )
    groups = {}
    for values in counted:
        group = values.pop(key)
        groups[group] = FigureRow(group, **values)
    first_event = (
        Event.objects.filter(application=OuterRef("pk"), start_date__isnull=False)
        .order_by("start_date")
        .values("start_date")[:1]
    )
    durations = (
        rows.annotate(first_event_start=Subquery(first_event))
        .annotate(
            to_forwarding=DaysBetween("submitted_at", "forwarded_at"),
            to_decision=DaysBetween("submitted_at", "decided_at"),
            to_event=DaysBetween("submitted_at", "first_event_start"),
        )
        .values_list(key, "to_forwarding", "to_decision", "to_event")
    )
    collected = {group: ([], [], []) for group in groups}
    everything = ([], [], [])
    # 50,000 rows of four numbers: read by the cursor, without the ORM's per-row converters.
    sql, params = durations.query.sql_with_params()
    with connections[durations.db].cursor() as cursor:
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
    for group, forwarding, decision, event in fetched:
        lists = collected[group]
        if forwarding is not None:
            lists[0].append(forwarding)
        if decision is not None:
            lists[1].append(decision)
        if event is not None:
            lists[2].append(event)
    for lists in collected.values():
        for index in range(3):
            everything[index].extend(lists[index])
    for group, lists in collected.items():
        row = groups[group]
        row.to_forwarding, row.to_decision, row.to_event = (median(v) for v in lists)
    labels = group_labels(filters.by, list(groups))
    ordered = sorted(groups.values(), key=lambda row: sort_key(filters.by, row.label, labels))
    for row in ordered:
        row.label = labels.get(row.label, row.label)
    total = FigureRow("Total")
    for name, _label in OUTCOMES:
        setattr(total, name, sum(getattr(row, name) for row in ordered))
    total.to_forwarding, total.to_decision, total.to_event = (median(v) for v in everything)
    teams, handlers = workload(filters)
    return RequestFigures(filters, ordered, total, teams, handlers)


NONE_LABELS = {
    "country": _("No country"),
    "window": _("No window"),
    "team": _("No team yet"),
    "type": _("No type"),
    "year": _("No year"),
}


def group_labels(by, keys):
    """{group key: label} in one query at most (a Country stays an object for its footnote)."""
    labels = {None: str(NONE_LABELS[by]), "": str(NONE_LABELS[by])}
    present = [key for key in keys if key not in (None, "")]
    if by == "country":
        labels |= {c.pk: c for c in Country.objects.filter(pk__in=present)}
    elif by == "window":
        labels |= {w.pk: str(w) for w in Window.objects.filter(pk__in=present)}
    elif by == "team":
        labels |= {t.pk: str(t) for t in ThematicTeam.objects.filter(pk__in=present)}
    elif by == "type":
        labels |= {key: str(AssistanceType(key).label) for key in present if key in AssistanceType}
    return labels


def sort_key(by, key, labels):
    if by == "year":
        return (key is None, key or 0)
    label = labels.get(key, key)
    return (key in (None, ""), str(getattr(label, "name", label)))


def workload(filters: FigureFilters):
    """(per team, per case handler): what they hold today (see the module's docstring)."""
    requests = filter_requests(Application.objects.all(), filters)
    events = Event.objects.filter(state__in=PREPARATION_STATES)
    if filters.country:
        events = events.filter(beneficiary=filters.country)
    if filters.window:
        events = events.filter(window=filters.window)
    if filters.team:
        events = events.filter(team=filters.team)
    if filters.assistance_type:
        events = events.filter(event_type=filters.assistance_type)
    by_team = {}
    for values in (
        requests.filter(state__in=[S.CONSULTATION, S.ASSESSMENT, S.PROPOSED])
        .values("team_id")
        .annotate(
            consultations=Count("pk", filter=Q(state=S.CONSULTATION)),
            assessments=Count("pk", filter=Q(state=S.ASSESSMENT)),
            proposed=Count("pk", filter=Q(state=S.PROPOSED)),
        )
        .order_by()
    ):
        team = values.pop("team_id")
        by_team[team] = WorkloadRow(team, **values)
    for team, count in events.values_list("team_id").annotate(n=Count("pk")).order_by():
        by_team.setdefault(team, WorkloadRow(team)).events = count
    by_handler = {}
    for handler, assessments, proposed in (
        requests.filter(state__in=[S.ASSESSMENT, S.PROPOSED], case_handler__isnull=False)
        .values_list("case_handler_id")
        .annotate(
            assessments=Count("pk", filter=Q(state=S.ASSESSMENT)),
            proposed=Count("pk", filter=Q(state=S.PROPOSED)),
        )
        .order_by()
    ):
        by_handler[handler] = WorkloadRow(handler, assessments=assessments, proposed=proposed)
    for handler, count in (
        events.filter(case_handler__isnull=False)
        .values_list("case_handler_id")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        by_handler.setdefault(handler, WorkloadRow(handler)).events = count
    team_names = {
        team.pk: str(team) for team in ThematicTeam.objects.filter(pk__in=[t for t in by_team if t])
    }
    people = dict(
        get_user_model()
        .objects.filter(pk__in=list(by_handler))
        .annotate(label=F("full_name"))
        .values_list("pk", "label")
    ) if by_handler else {}  # fmt: skip
    for team, row in by_team.items():
        row.label = team_names.get(team, str(NONE_LABELS["team"]))
    for handler, row in by_handler.items():
        row.label = people.get(handler) or gettext("User %(number)s") % {"number": handler}
    return (
        sorted(by_team.values(), key=lambda r: (r.label == str(NONE_LABELS["team"]), r.label)),
        sorted(by_handler.values(), key=lambda r: (-r.total, r.label)),
    )


# -- cached -------------------------------------------------------------------------------------

CACHE_SECONDS = 24 * 60 * 60
CACHE_PREFIX = "request-figures:1"


def figures_version():
    """Changes whenever a figure may change (two aggregates): the requests' number and latest
    `updated_at` (every state change saves it, a veto included), and the events' (their start
    dates and states of preparation)."""
    requests = Application.objects.aggregate(count=Count("id"), last=Max("updated_at"))
    events = Event.objects.aggregate(count=Count("id"), last=Max("updated_at"))
    parts = (requests["count"], requests["last"], events["count"], events["last"])
    return "|".join(str(part.timestamp() if hasattr(part, "timestamp") else part) for part in parts)


def cache_key(filters: FigureFilters, version):
    # The labels (groups, "No team yet") are in the reader's language: one entry per language.
    language = get_language() or "en"
    return f"{CACHE_PREFIX}:{language}:{filters}:{version}".replace(" ", "")


def figures_for(filters: FigureFilters | None = None, *, version=None) -> RequestFigures:
    """The figures under `filters` from the cache shared by all processes when nothing changed
    since they were computed (three queries: the version and the cache), else computed and
    cached (docs/decisions.md, "Statistics cached in a table every process shares")."""
    filters = filters or FigureFilters()
    version = figures_version() if version is None else version
    key = cache_key(filters, version)
    shared = caches["shared"]
    figures = shared.get(key)
    if figures is None:
        figures = request_figures(filters)
        shared.set(key, figures, CACHE_SECONDS)
    return figures


WARMED = {"version": None}


@periodic
def warm_request_figures():
    """In the worker: when a change made the default figures (every year, by year) stale,
    compute them again so the managers' page reads them from the cache."""
    version = figures_version()
    if version != WARMED["version"]:
        figures_for(FigureFilters(), version=version)
        WARMED["version"] = version

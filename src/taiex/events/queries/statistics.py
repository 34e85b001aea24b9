"""Aggregate reads behind the public statistics and the annual activity report.

What the figures mean (the same on the page, in the API, the CSV, the PDF and the XLSX):

- An event is counted when it is public (implemented or closed) and has a start date; its year
  and month are those of its start date. Planned, postponed and cancelled events never count.
- Participants: the sum of the events' `participants_count` (the number recorded when the event
  was marked implemented); an event without a recorded number adds 0.
- Expert participations: experts on counted events (accepted invitations), by the expert's
  Member State (an expert on two events counts twice); experts: the distinct experts among them.
- Beneficiary: the event's main beneficiary (a multi-country event counts once, for its main
  beneficiary). Window: the event's window ("No window" when it has none).
- Chapters: an event counts once in each of its chapters; a cluster counts an event once even
  when several of its chapters belong to the cluster; events without chapters are counted apart.

Every figure is computed by the database (GROUP BY) in a fixed number of queries, whatever the
amount of data; `statistics_for()` caches the result for every process (see
`statistics_version()`), and the worker computes it again after each change (`warm_statistics`).
"""

import json
from dataclasses import dataclass, field
from datetime import date

from django.core.cache import caches
from django.db import connection, connections, router
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce, ExtractMonth, ExtractYear, Substr
from django.utils.translation import gettext, gettext_noop, override

from taiex.core.maintenance import periodic
from taiex.reference.enums import AssistanceType, MissionKind
from taiex.reference.translation import translated

from ..enums import PUBLIC_STATES
from ..models import Event, EventExpert

# Years a filter may name: the instrument began in 1996; the bounds only keep input sane.
FIRST_YEAR = 1990
LAST_YEAR = 2100
# Cached statistics are keyed by a version that changes with the data (statistics_version), so
# the timeout only frees memory of filters nobody asks for any more.
CACHE_SECONDS = 24 * 60 * 60
CACHE_PREFIX = "statistics:1"


@dataclass(frozen=True)
class StatisticsFilters:
    """What the statistics are narrowed by; empty values mean "any"."""

    year_from: int | None = None
    year_to: int | None = None
    window: str = ""  # a window's code

    @property
    def cache_key(self):
        return f"{self.year_from or ''}-{self.year_to or ''}-{self.window}"


@dataclass(frozen=True)
class Label:
    """What a row is about: a type, window, country, chapter or cluster. Countries keep their
    official footnote, so that templates and CSV print it (`{% country %}`, csv_response)."""

    code: str
    name: str
    official_footnote: str = ""
    # The reference data's other languages ({"fr": ...} as pairs, so that a label hashes): a
    # label is shown in the reader's language (reference/translation.py), the cache keeps all.
    translations: tuple = field(default=(), compare=False)
    footnote_translations: tuple = field(default=(), compare=False)
    # True when `name` is an English text of the catalogue (types, "No window"): shown through
    # gettext. Names stay plain English strings, so that the cache, the API and CSV read them.
    catalogued: bool = field(default=False, compare=False)

    @property
    def name_translations(self):
        return dict(self.translations)

    @property
    def official_footnote_translations(self):
        return dict(self.footnote_translations)

    @property
    def footnote(self):
        """The official footnote in the reader's language, as a country's (`csv_response`)."""
        return translated(self, "official_footnote")

    def __str__(self):
        return gettext(self.name) if self.catalogued else str(translated(self))


@dataclass
class PeriodRow:
    """Events of a year (or of a month of it) and their participants, by type."""

    year: int
    month: int | None
    events_by_type: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(AssistanceType.values, 0)
    )
    participants_by_type: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(AssistanceType.values, 0)
    )
    # The expert missions among them, by kind (advice, peer review, assessment mission).
    events_by_mission_kind: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(MissionKind.values, 0)
    )
    participants_by_mission_kind: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(MissionKind.values, 0)
    )

    @property
    def events(self):
        return sum(self.events_by_type.values())

    @property
    def participants(self):
        return sum(self.participants_by_type.values())


@dataclass
class CountRow:
    label: Label
    events: int
    participants: int


@dataclass
class BeneficiaryRow:
    country: Label
    events_by_window: dict[str, int]  # window code ("" for none) -> events
    participants: int

    @property
    def events(self):
        return sum(self.events_by_window.values())


@dataclass
class ExpertRow:
    member_state: Label
    participations: int
    experts: int


@dataclass
class ChapterRow:
    chapter: Label
    cluster: Label
    events: int
    participants: int


@dataclass
class ClusterRow:
    label: Label
    events: int


@dataclass
class Statistics:
    filters: StatisticsFilters
    types: list[Label]
    windows: list[Label]  # the windows that have counted events, by name
    years: list[PeriodRow]  # every year from the first to the last counted one, gaps as zero
    months: list[PeriodRow]  # only months with events
    by_type: list[CountRow]
    by_mission_kind: list[CountRow]  # the expert missions of by_type, by kind
    by_window: list[CountRow]
    by_beneficiary: list[BeneficiaryRow]
    experts_by_member_state: list[ExpertRow]
    by_chapter: list[ChapterRow]
    by_cluster: list[ClusterRow]
    without_chapter: CountRow
    key_figures: dict[str, int] = field(default_factory=dict)


NO_WINDOW = Label("", gettext_noop("No window"), catalogued=True)
NO_CLUSTER = Label("", gettext_noop("No cluster"), catalogued=True)
NO_CHAPTER = Label("", gettext_noop("No chapter"), catalogued=True)


def type_label(kind):
    """A type of assistance (or a kind of expert mission) as a label: its English name, shown in
    the reader's language."""
    with override(None):  # the catalogue's English text, whatever language is active
        return Label(kind.value, str(kind.label), catalogued=True)


def counted_events_condition(filters: StatisticsFilters, prefix=""):
    """The Q of counted events under `filters`; `prefix` reaches Event from another model
    ("event__" from an expert on the event)."""
    condition = Q(**{f"{prefix}state__in": PUBLIC_STATES, f"{prefix}start_date__isnull": False})
    # Date bounds rather than __year lookups: the (state, start_date) index serves them.
    if filters.year_from:
        condition &= Q(**{f"{prefix}start_date__gte": date(filters.year_from, 1, 1)})
    if filters.year_to:
        condition &= Q(**{f"{prefix}start_date__lte": date(filters.year_to, 12, 31)})
    if filters.window:
        condition &= Q(**{f"{prefix}window__code": filters.window})
    return condition


def participants_sum(path="participants_count"):
    return Coalesce(Sum(Coalesce(path, 0)), 0)


def country_label(values, prefix):
    return Label(
        values[f"{prefix}code"],
        values[f"{prefix}name"],
        values[f"{prefix}official_footnote"],
        pairs(values[f"{prefix}name_translations"]),
        pairs(values[f"{prefix}official_footnote_translations"]),
    )


def pairs(translations):
    """A JSON column of translations as sorted (language, text) pairs (None: none)."""
    if isinstance(translations, str):  # a JSON column grouped by on some databases
        translations = json.loads(translations)
    return tuple(sorted((translations or {}).items()))


def year_and_month():
    """Year and month of the start date. SQLite stores dates as ISO text and runs Extract as
    a Python function per row (ten times slower at 40,000 events): cut the text there."""
    if connection.vendor == "sqlite":
        return {"year": Substr("start_date", 1, 4), "month": Substr("start_date", 6, 2)}
    return {"year": ExtractYear("start_date"), "month": ExtractMonth("start_date")}


def period_rows(filters):
    """Events by (year, month, type) in one query; years in between without events are kept
    as zeros so that a line over the years does not skip them."""
    rows = (
        Event.objects.filter(counted_events_condition(filters))
        .annotate(**year_and_month())
        .values("year", "month", "event_type", "mission_kind")
        .annotate(events=Count("id"), participants=participants_sum())
        .order_by()
    )
    years, months = {}, {}
    for row in rows:
        row["year"], row["month"] = int(row["year"]), int(row["month"])
        for key, table in (((row["year"], None), years), ((row["year"], row["month"]), months)):
            period = table.setdefault(key, PeriodRow(*key))
            kind = row["event_type"]
            period.events_by_type[kind] = period.events_by_type.get(kind, 0) + row["events"]
            period.participants_by_type[kind] = (
                period.participants_by_type.get(kind, 0) + row["participants"]
            )
            mission = row["mission_kind"]
            if kind == AssistanceType.EXPERT_MISSION and mission:
                period.events_by_mission_kind[mission] += row["events"]
                period.participants_by_mission_kind[mission] += row["participants"]
    if years:
        first, last = min(years)[0], max(years)[0]
        for year in range(first, last + 1):
            years.setdefault((year, None), PeriodRow(year, None))
    return [years[key] for key in sorted(years)], [months[key] for key in sorted(months)]


def beneficiary_rows(filters):
    """Events and participants by (main beneficiary, window) in one query."""
    rows = (
        Event.objects.filter(counted_events_condition(filters))
        .values(
            "beneficiary__code",
            "beneficiary__name",
            "beneficiary__official_footnote",
            "beneficiary__name_translations",
            "beneficiary__official_footnote_translations",
            "window__code",
            "window__name",
            "window__name_translations",
        )
        .annotate(events=Count("id"), participants=participants_sum())
        .order_by()
    )
    countries, windows = {}, {}
    for row in rows:
        code = row["beneficiary__code"]
        country = countries.setdefault(
            code, BeneficiaryRow(country_label(row, "beneficiary__"), {}, 0)
        )
        window = row["window__code"] or ""
        country.events_by_window[window] = country.events_by_window.get(window, 0) + row["events"]
        country.participants += row["participants"]
        label = (
            Label(window, row["window__name"], "", pairs(row["window__name_translations"]))
            if window
            else NO_WINDOW
        )
        total = windows.setdefault(window, CountRow(label, 0, 0))
        total.events += row["events"]
        total.participants += row["participants"]
    by_beneficiary = sorted(countries.values(), key=lambda r: (-r.events, r.country.name))
    by_window = sorted(windows.values(), key=lambda r: (r.label == NO_WINDOW, r.label.name))
    return by_beneficiary, by_window


def expert_rows(filters):
    rows = (
        EventExpert.objects.current()
        .filter(counted_events_condition(filters, prefix="event__"))
        .values(
            "expert__member_state__code",
            "expert__member_state__name",
            "expert__member_state__official_footnote",
            "expert__member_state__name_translations",
            "expert__member_state__official_footnote_translations",
        )
        .annotate(participations=Count("id"), experts=Count("expert_id", distinct=True))
        .order_by()
    )
    result = [
        ExpertRow(
            country_label(row, "expert__member_state__"), row["participations"], row["experts"]
        )
        for row in rows
    ]
    return sorted(result, key=lambda r: (-r.participations, r.member_state.name))


def cluster_label(values):
    number = values["chapter__cluster__number"]
    if number is None:
        return NO_CLUSTER
    return Label(
        str(number),
        values["chapter__cluster__name"],
        "",
        pairs(values["chapter__cluster__name_translations"]),
    )


def chapter_rows(filters):
    """Events by chapter, by cluster (each event once per cluster) and without any chapter:
    three queries. Participants are given by chapter only: summing them by cluster would count
    an event with two chapters of a cluster twice."""
    links = Event.chapters.through.objects.filter(
        counted_events_condition(filters, prefix="event__")
    )
    by_chapter = [
        ChapterRow(
            Label(
                str(row["chapter__number"]),
                row["chapter__name"],
                "",
                pairs(row["chapter__name_translations"]),
            ),
            cluster_label(row),
            row["events"],
            row["participants"],
        )
        for row in links.values(
            "chapter__number",
            "chapter__name",
            "chapter__name_translations",
            "chapter__cluster__number",
            "chapter__cluster__name",
            "chapter__cluster__name_translations",
        )
        .annotate(
            events=Count("event_id"), participants=participants_sum("event__participants_count")
        )
        .order_by("chapter__number")
    ]
    by_cluster = [
        ClusterRow(cluster_label(row), row["events"])
        for row in links.values(
            "chapter__cluster__number",
            "chapter__cluster__name",
            "chapter__cluster__name_translations",
        )
        .annotate(events=Count("event_id", distinct=True))
        .order_by("chapter__cluster__number")
    ]
    # A database sorts NULL first or last as it likes; "No cluster" goes last everywhere.
    by_cluster.sort(key=lambda row: row.label == NO_CLUSTER)
    without = Event.objects.filter(
        counted_events_condition(filters), chapters__isnull=True
    ).aggregate(events=Count("id"), participants=participants_sum())
    return by_chapter, by_cluster, CountRow(NO_CHAPTER, without["events"], without["participants"])


def totals_by_kind(years):
    """Events and participants by type of assistance and by kind of expert mission, summed
    over the year rows."""
    by_type = [
        CountRow(
            type_label(kind),
            sum(row.events_by_type.get(kind.value, 0) for row in years),
            sum(row.participants_by_type.get(kind.value, 0) for row in years),
        )
        for kind in AssistanceType
    ]
    by_mission_kind = [
        CountRow(
            type_label(kind),
            sum(row.events_by_mission_kind[kind.value] for row in years),
            sum(row.participants_by_mission_kind[kind.value] for row in years),
        )
        for kind in MissionKind
    ]
    return by_type, by_mission_kind


def compute_statistics(filters: StatisticsFilters) -> Statistics:
    """Every figure of the statistics under `filters`, from the database (six queries)."""
    years, months = period_rows(filters)
    by_beneficiary, by_window = beneficiary_rows(filters)
    experts = expert_rows(filters)
    by_chapter, by_cluster, without_chapter = chapter_rows(filters)
    by_type, by_mission_kind = totals_by_kind(years)
    return Statistics(
        filters=filters,
        types=[type_label(kind) for kind in AssistanceType],
        windows=[row.label for row in by_window],
        years=years,
        months=months,
        by_type=by_type,
        by_mission_kind=by_mission_kind,
        by_window=by_window,
        by_beneficiary=by_beneficiary,
        experts_by_member_state=experts,
        by_chapter=by_chapter,
        by_cluster=by_cluster,
        without_chapter=without_chapter,
        key_figures={
            "events": sum(row.events for row in years),
            "participants": sum(row.participants for row in years),
            "expert_participations": sum(row.participations for row in experts),
            "experts": sum(row.experts for row in experts),
            "beneficiaries": len(by_beneficiary),
        },
    )


def version_parts():
    """The events' number and latest `updated_at`, the experts' rows' number and latest
    `updated_at`: see `statistics_version`. One statement of four subqueries, each served by an
    index (a count and a maximum in one aggregate read every row: 31 ms instead of 8 on
    PostgreSQL at full scale, and every statistics request reads the version)."""
    database = connections[router.db_for_read(Event)]
    quote = database.ops.quote_name
    events, experts = quote(Event._meta.db_table), quote(EventExpert._meta.db_table)
    sql = (
        f"SELECT (SELECT COUNT(*) FROM {events}), (SELECT MAX(updated_at) FROM {events}), "  # noqa: S608 - the models' tables
        f"(SELECT COUNT(*) FROM {experts}), (SELECT MAX(updated_at) FROM {experts})"
    )
    with database.cursor() as cursor:
        cursor.execute(sql)
        event_count, event_last, expert_count, expert_last = cursor.fetchone()
    # As the ORM reads them: SQLite gives the datetimes as text.
    convert = getattr(database.ops, "convert_datetimefield_value", None)
    if convert is not None:
        event_last, expert_last = (
            None if value is None else convert(value, None, database)
            for value in (event_last, expert_last)
        )
    return (event_count, event_last, expert_count, expert_last)


def version_of(parts):
    return "|".join(str(part.timestamp() if hasattr(part, "timestamp") else part) for part in parts)


def statistics_version():
    """A value that changes whenever a counted figure may change (`version_parts`: one cheap
    statement).

    Events: their number and their latest `updated_at` (indexed). Every change of an event goes
    through `save()` (forms, the admin, the workflow's `transition()` that saves `updated_at`
    with the state), which sets `updated_at`; a deletion changes the number. Changing an
    event's chapters goes through its edit form, which saves the event too. Accepted experts:
    the number of `EventExpert` rows and their latest `updated_at`, since an expert joining or
    leaving does not touch the event. Chosen over signals (no logic in signals) and over an
    explicit bump (every writer would have to remember it).
    """
    return version_of(version_parts())


def statistics_for(filters: StatisticsFilters | None = None, *, version=None) -> Statistics:
    """The statistics under `filters`, from the cache shared by all processes when nothing
    changed since they were computed (two queries: the version and the cache), else from the
    process's facts brought up to date (`statistics_facts`: the changed events only, four small
    queries) and then cached. `version`: `statistics_version()`, when the caller has it."""
    from .statistics_facts import current_facts, statistics_of

    filters = filters or StatisticsFilters()
    parts = None
    if version is None:
        parts = version_parts()
        version = version_of(parts)
    key = f"{CACHE_PREFIX}:{filters.cache_key}:{version}"
    shared = caches["shared"]
    statistics = shared.get(key)
    if statistics is None:
        groups, labels = current_facts(parts or version_parts())
        statistics = statistics_of(filters, groups, labels)
        shared.set(key, statistics, CACHE_SECONDS)
    return statistics


WARMED = {"version": None}


@periodic
def warm_statistics():
    """In the worker, every few seconds: when a change made the statistics of the public page
    (no filter) stale, compute them again, so that its first visitor after the change reads them
    from the cache instead of waiting for them."""
    version = statistics_version()
    if version != WARMED["version"]:
        statistics_for(StatisticsFilters(), version=version)
        WARMED["version"] = version

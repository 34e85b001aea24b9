"""The facts behind the public statistics, kept in each process and brought up to date by
reading only what changed, so that the first request after a change does not recompute the
figures from the whole history (issue 13: the statistics page under 300 ms also then).

Each counted event (public, with a start date) is one `Fact`: its year and month, type, kind of
mission, main beneficiary, window, participants, chapters and current experts. The figures of any
filter are sums over the facts (`statistics_of`), the same as `statistics.compute_statistics`
computes with GROUP BY in the database (a test compares them), in a tenth of its time at full
history scale.

Bringing the facts up to date (`FactStore.refresh`, four small queries): the events and the
experts' rows whose `updated_at` is after the last reading began (or after the latest one
read, if later; less `LAG`, so that a transaction that committed late is not missed) are read
again with their chapters and experts. Every change
of a counted figure saves the event or the expert's row (`statistics_version`), which sets
`updated_at`. A deletion is seen from the counts: when the numbers of events or experts' rows
are not what the rows read explain, every fact is read again (about a second at full scale).
"""

import threading
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from django.db.models import Q
from django.utils import timezone

from taiex.reference.enums import AssistanceType

from ..enums import PUBLIC_STATES
from ..models import Event, EventExpert

LAG = timedelta(seconds=60)


@dataclass(frozen=True)
class Fact:
    start: date
    event_type: str
    mission_kind: str
    beneficiary: str  # country code
    window: str  # window code, "" for none
    participants: int
    chapters: tuple = ()  # chapter numbers
    experts: tuple = ()  # (expert id, member state code or None) of the current experts


@dataclass
class FactStore:
    facts: dict = field(default_factory=dict)  # event id -> Fact, counted events only
    labels: dict = field(default_factory=dict)  # "country", "window", "chapter" -> {code: row}
    events: int = -1  # the number of events and of experts' rows the facts account for
    experts: int = -1
    last_event: int = 0  # the highest ids read, to tell new rows from changed ones
    last_expert: int = 0
    since: object = None  # the latest updated_at read (events and experts' rows)
    looked_at: object = None  # when the last reading began (this process's clock)
    groups: "Groups" = None  # the facts summed by year and window (and what each table shows)

    def refresh(self, counts):
        """Bring the facts up to `counts` (events, their latest update, experts' rows, their
        latest update: `statistics.version_parts()`)."""
        events, last_event_update, experts, last_expert_update = counts
        if self.since is None:
            self.reload(counts)
            return
        # LAG before the last reading (or before the latest update read, if later): a row
        # committed since then was saved at most LAG before it. Not LAG before the latest
        # update: after a bulk load, every row saved in the minute before its end was read again
        # at each change (a second at full scale; docs/bench.md).
        started = timezone.now()
        since = max(self.since, self.looked_at or self.since) - LAG
        changed = list(
            Event.objects.filter(updated_at__gte=since).values_list("id", flat=True).order_by()
        )
        rows = list(EventExpert.objects.filter(updated_at__gte=since).values_list("id", "event_id"))
        new_events = sum(1 for pk in changed if pk > self.last_event)
        new_experts = sum(1 for pk, _ in rows if pk > self.last_expert)
        if events != self.events + new_events or experts != self.experts + new_experts:
            self.reload(counts)  # a deletion
            return
        touched = set(changed) | {event for _, event in rows}
        fresh = read_facts(Q(pk__in=touched)) if touched else {}
        if self.unknown_labels(fresh.values()):
            self.labels = read_labels()
        for pk in touched:
            old = self.facts.pop(pk, None)
            if old is not None:
                self.groups.add(old, self.labels, -1)
        for pk, fact in fresh.items():
            self.facts[pk] = fact
            self.groups.add(fact, self.labels, 1)
        self.events, self.experts = events, experts
        self.last_event = max([self.last_event, *changed])
        self.last_expert = max([self.last_expert, *(pk for pk, _ in rows)])
        self.since = max(
            [self.since, *(when for when in (last_event_update, last_expert_update) if when)]
        )
        self.looked_at = started

    def reload(self, counts):
        events, last_event_update, experts, last_expert_update = counts
        self.looked_at = timezone.now()
        self.labels = read_labels()
        self.facts = read_facts(Q())
        self.groups = Groups()
        for fact in self.facts.values():
            self.groups.add(fact, self.labels, 1)
        self.events, self.experts = events, experts
        self.last_event = Event.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        self.last_expert = (
            EventExpert.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        )
        whens = [when for when in (last_event_update, last_expert_update) if when]
        self.since = max(whens) if whens else datetime(1900, 1, 1, tzinfo=UTC)

    def unknown_labels(self, facts):
        countries, windows, chapters = (
            self.labels["country"], self.labels["window"], self.labels["chapter"],
        )  # fmt: skip
        return any(
            fact.beneficiary not in countries
            or (fact.window and fact.window not in windows)
            or any(number not in chapters for number in fact.chapters)
            or any(state is not None and state not in countries for _, state in fact.experts)
            for fact in facts
        )


class Groups:
    """The facts summed by what a filter can select (year, window) and what each table shows,
    kept by adding and subtracting facts: the statistics of any filter read a few thousand
    groups instead of every event."""

    def __init__(self):
        # (year, month, type, mission kind, window) -> [events, participants]
        self.periods = {}
        # (year, window, beneficiary) -> [events, participants]
        self.beneficiaries = {}
        # (year, window, member state) -> {expert id: participations}
        self.experts = {}
        # (year, window, chapter) -> [events, participants]; (year, window, cluster) -> events
        self.chapters = {}
        self.clusters = {}
        self.without_chapter = {}  # (year, window) -> [events, participants]

    def add(self, fact, labels, sign):
        year, window, people = fact.start.year, fact.window, fact.participants
        key = (year, fact.start.month, fact.event_type, fact.mission_kind, window)
        bump(self.periods, key, sign, people)
        bump(self.beneficiaries, (year, window, fact.beneficiary), sign, people)
        for expert, state in fact.experts:
            by = self.experts.setdefault((year, window, state), {})
            by[expert] = by.get(expert, 0) + sign
            if not by[expert]:
                del by[expert]
        for number in fact.chapters:
            bump(self.chapters, (year, window, number), sign, people)
        for cluster in {labels["chapter"][number]["cluster__number"] for number in fact.chapters}:
            key = (year, window, cluster)
            self.clusters[key] = self.clusters.get(key, 0) + sign
            if not self.clusters[key]:
                del self.clusters[key]
        if not fact.chapters:
            bump(self.without_chapter, (year, window), sign, people)


def bump(table, key, sign, people):
    counts = table.get(key)
    if counts is None:
        counts = table[key] = [0, 0]
    counts[0] += sign
    counts[1] += sign * people
    if not counts[0]:
        del table[key]


def read_facts(condition):
    """The facts of the counted events matching `condition` (three queries)."""
    rows = (
        Event.objects.filter(condition, state__in=PUBLIC_STATES, start_date__isnull=False)
        .values_list(
            "id", "start_date", "event_type", "mission_kind", "beneficiary__code",
            "window__code", "participants_count",
        )
        .order_by()
    )  # fmt: skip
    base = {row[0]: row[1:] for row in rows}
    if not base:
        return {}
    restrict = {} if not condition else {"event_id__in": list(base)}
    chapters, experts = {}, {}
    links = Event.chapters.through.objects.filter(**restrict)
    for event, number in links.values_list("event_id", "chapter__number").order_by():
        if event in base:
            chapters.setdefault(event, []).append(number)
    places = EventExpert.objects.current().filter(**restrict)
    for event, expert, state in places.values_list(
        "event_id", "expert_id", "expert__member_state__code"
    ).order_by():
        if event in base:
            experts.setdefault(event, []).append((expert, state))
    return {
        pk: Fact(
            start,
            kind,
            mission or "",
            beneficiary,
            window or "",
            participants or 0,
            tuple(sorted(chapters.get(pk, ()))),
            tuple(sorted(experts.get(pk, ()), key=str)),
        )
        for pk, (start, kind, mission, beneficiary, window, participants) in base.items()
    }


def read_labels():
    from taiex.reference.models import Chapter, Country, Window

    return {
        "country": {row["code"]: row for row in Country.objects.values(
            "code", "name", "official_footnote", "name_translations",
            "official_footnote_translations",
        )},
        "window": {row["code"]: row for row in Window.objects.values(
            "code", "name", "name_translations"
        )},
        "chapter": {row["number"]: row for row in Chapter.objects.values(
            "number", "name", "name_translations", "cluster__number", "cluster__name",
            "cluster__name_translations",
        )},
    }  # fmt: skip


_lock = threading.Lock()
_store = FactStore()


def current_facts(counts):
    """The process's facts, brought up to `counts` (`statistics.version_parts()`)."""
    with _lock:
        _store.refresh(counts)
        return _store.groups, _store.labels


def forget():
    with _lock:
        _store.__init__()


def statistics_of(filters, groups, labels):
    """The statistics under `filters` from the groups of facts: the figures and the order of
    rows of `statistics.compute_statistics`."""
    from .statistics import (
        NO_CHAPTER,
        NO_CLUSTER,
        NO_WINDOW,
        BeneficiaryRow,
        ChapterRow,
        ClusterRow,
        CountRow,
        ExpertRow,
        Label,
        PeriodRow,
        Statistics,
        pairs,
        totals_by_kind,
        type_label,
    )  # fmt: skip

    def chosen(year, window):
        return (
            (not filters.year_from or year >= filters.year_from)
            and (not filters.year_to or year <= filters.year_to)
            and (not filters.window or window == filters.window)
        )

    years, months, countries, windows = {}, {}, {}, {}
    experts, chapters, clusters = {}, {}, {}
    without = [0, 0]
    for (year, month, kind, mission, window), (events, people) in groups.periods.items():
        if not chosen(year, window):
            continue
        for key, table in (((year, None), years), ((year, month), months)):
            period = table.get(key) or table.setdefault(key, PeriodRow(*key))
            period.events_by_type[kind] = period.events_by_type.get(kind, 0) + events
            period.participants_by_type[kind] = period.participants_by_type.get(kind, 0) + people
            if kind == AssistanceType.EXPERT_MISSION and mission:
                period.events_by_mission_kind[mission] += events
                period.participants_by_mission_kind[mission] += people
    for (year, window, code), (events, people) in groups.beneficiaries.items():
        if not chosen(year, window):
            continue
        country = countries.get(code)
        if country is None:
            country = countries[code] = BeneficiaryRow(
                country_label(labels["country"][code]), {}, 0
            )
        country.events_by_window[window] = country.events_by_window.get(window, 0) + events
        country.participants += people
        total = windows.get(window)
        if total is None:
            row = labels["window"].get(window)
            label = (
                Label(window, row["name"], "", pairs(row["name_translations"]))
                if window
                else NO_WINDOW
            )
            total = windows[window] = CountRow(label, 0, 0)
        total.events += events
        total.participants += people
    for (year, window, state), by in groups.experts.items():
        if by and chosen(year, window):
            counts = experts.setdefault(state, [0, set()])
            counts[0] += sum(by.values())
            counts[1].update(by)
    for (year, window, number), (events, people) in groups.chapters.items():
        if chosen(year, window):
            counts = chapters.setdefault(number, [0, 0])
            counts[0] += events
            counts[1] += people
    for (year, window, cluster), events in groups.clusters.items():
        if chosen(year, window):
            clusters[cluster] = clusters.get(cluster, 0) + events
    for (year, window), (events, people) in groups.without_chapter.items():
        if chosen(year, window):
            without[0] += events
            without[1] += people
    if years:
        for year in range(min(years)[0], max(years)[0] + 1):
            years.setdefault((year, None), PeriodRow(year, None))
    years = [years[key] for key in sorted(years)]
    months = [months[key] for key in sorted(months)]
    by_beneficiary = sorted(countries.values(), key=lambda r: (-r.events, r.country.name))
    by_window = sorted(windows.values(), key=lambda r: (r.label == NO_WINDOW, r.label.name))
    no_state = {"code": None, "name": None, "official_footnote": None}
    by_expert = sorted(
        (
            ExpertRow(
                country_label(labels["country"].get(state, no_state)), participations, len(ids)
            )
            for state, (participations, ids) in experts.items()
        ),
        key=lambda r: (-r.participations, r.member_state.name),
    )
    by_chapter = []
    for number in sorted(chapters):
        row = labels["chapter"][number]
        by_chapter.append(
            ChapterRow(
                Label(str(number), row["name"], "", pairs(row["name_translations"])),
                cluster_label(row, NO_CLUSTER),
                *chapters[number],
            )
        )
    cluster_rows = {
        row["cluster__number"]: row for row in labels["chapter"].values()
    }  # fmt: skip
    by_cluster = [
        ClusterRow(cluster_label(cluster_rows[number], NO_CLUSTER), clusters[number])
        for number in sorted(clusters, key=lambda number: (number is None, number or 0))
    ]
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
        experts_by_member_state=by_expert,
        by_chapter=by_chapter,
        by_cluster=by_cluster,
        without_chapter=CountRow(NO_CHAPTER, *without),
        key_figures={
            "events": sum(row.events for row in years),
            "participants": sum(row.participants for row in years),
            "expert_participations": sum(row.participations for row in by_expert),
            "experts": sum(row.experts for row in by_expert),
            "beneficiaries": len(by_beneficiary),
        },
    )


def country_label(row):
    from .statistics import Label, pairs

    return Label(
        row["code"],
        row["name"],
        row["official_footnote"],
        pairs(row.get("name_translations")),
        pairs(row.get("official_footnote_translations")),
    )


def cluster_label(row, none):
    from .statistics import Label, pairs

    if row["cluster__number"] is None:
        return none
    return Label(
        str(row["cluster__number"]),
        row["cluster__name"],
        "",
        pairs(row["cluster__name_translations"]),
    )


def warm_statistics_facts():
    """Read the facts in a background thread at start-up (wsgi, asgi), so that no request pays
    for the first read (about a second at full history scale); a request that comes first waits
    on the store's lock."""

    def read():
        from django.db import connection

        from .statistics import version_parts

        try:
            current_facts(version_parts())
        finally:
            connection.close()

    threading.Thread(target=read, name="statistics-facts", daemon=True).start()

"""The public search of events: filters combined with full text, facet counts, sorting and
pages. Only public events (implemented or closed) are ever searched."""

from dataclasses import dataclass, field, replace

from django.db.models import Count, F, Q
from django.db.models.functions import ExtractYear, Substr

from taiex.reference.enums import AssistanceType, Modality
from taiex.reference.models import Country, Window

from .. import search
from ..models import Event
from . import public_events, with_public_columns

SORTS = {
    "relevance": None,  # best match first; with no words it means newest first
    "-date": [F("start_date").desc(nulls_last=True), F("id").desc()],
    "date": [F("start_date").asc(nulls_last=True), F("id").asc()],
    "title": [F("title").asc(), F("id").asc()],
}
FACETS = ("country", "window", "type", "modality", "chapter", "cluster", "year")
OtherBeneficiary = Event.other_beneficiaries.through
EventChapter = Event.chapters.through


@dataclass(frozen=True)
class SearchFilters:
    """What the public narrows the catalogue by; each facet takes several values (any of
    them), facets combine (all of them), `q` is the full-text query."""

    q: str = ""
    country: tuple[str, ...] = ()  # beneficiary codes, main or other beneficiary
    window: tuple[str, ...] = ()  # window codes
    type: tuple[str, ...] = ()
    modality: tuple[str, ...] = ()
    chapter: tuple[int, ...] = ()  # chapter numbers
    cluster: tuple[int, ...] = ()  # cluster numbers
    year: tuple[int, ...] = ()  # the year the event started
    sort: str = "relevance"

    @property
    def query(self):
        return search.parse_query(self.q)

    @property
    def effective_sort(self):
        """Relevance needs words; without them the newest events come first."""
        if self.sort == "relevance" and not self.query:
            return "-date"
        return self.sort if self.sort in SORTS else "-date"

    def without(self, facet):
        return replace(self, **{facet: ()})


def facet_conditions(filters: SearchFilters) -> dict[str, Q]:
    """The condition on events of each facet that has chosen values (any of its values)."""
    conditions = {}
    if filters.country:
        countries = Country.objects.filter(code__in=filters.country).values("pk")
        conditions["country"] = Q(beneficiary_id__in=countries) | Q(
            pk__in=OtherBeneficiary.objects.filter(country_id__in=countries).values("event_id")
        )
    if filters.window:
        conditions["window"] = Q(
            window_id__in=Window.objects.filter(code__in=filters.window).values("pk")
        )
    if filters.type:
        conditions["type"] = Q(event_type__in=filters.type)
    if filters.modality:
        conditions["modality"] = Q(modality__in=filters.modality)
    if filters.chapter:
        conditions["chapter"] = Q(
            pk__in=EventChapter.objects.filter(chapter__number__in=filters.chapter).values(
                "event_id"
            )
        )
    if filters.cluster:
        conditions["cluster"] = Q(
            pk__in=EventChapter.objects.filter(chapter__cluster__number__in=filters.cluster).values(
                "event_id"
            )
        )
    if filters.year:
        years = Q()
        for year in filters.year:
            years |= Q(start_date__year=year)
        conditions["year"] = years
    return conditions


def filtered_events(filters: SearchFilters, *, leaving_out=None):
    """The public events that pass every filter (but facet `leaving_out`'s), unordered (ids
    and columns of Event)."""
    events = public_events()
    for name, condition in facet_conditions(filters).items():
        if name != leaving_out:
            events = events.filter(condition)
    return search.matching(events, filters.query).order_by()


class SearchResults:
    """The events of a search in their order, sliceable and countable (Django's Paginator
    takes it); slices fetch only their own rows, with the columns a result shows."""

    def __init__(self, filters: SearchFilters):
        self.filters = filters
        self.events = filtered_events(filters)
        self._count = None

    def count(self):
        if self._count is None:
            self._count = self.events.count()
        return self._count

    def __len__(self):
        return self.count()

    def __getitem__(self, window):
        if not isinstance(window, slice):
            return self[window : window + 1][0]
        start, stop = window.start or 0, window.stop
        limit = None if stop is None else max(0, stop - start)
        return self.slice(start, limit)

    def slice(self, offset, limit):
        sort = self.filters.effective_sort
        if sort == "relevance":
            ids = search.ranked_ids(self.events, self.filters.query, limit=limit, offset=offset)
            by_id = with_public_columns(Event.objects.filter(pk__in=ids)).in_bulk()
            return [by_id[pk] for pk in ids if pk in by_id]
        ordered = with_public_columns(self.events.order_by(*SORTS[sort]))
        end = None if limit is None else offset + limit
        return list(ordered[offset:end])

    def iterate(self, chunk=1000):
        """Every event of the result in order, fetched `chunk` at a time (a download of tens of
        thousands of events stays within the database's limit of query parameters)."""
        offset = 0
        while True:
            events = self.slice(offset, chunk)
            yield from events
            if len(events) < chunk:
                return
            offset += chunk

    def page_after(self, position, limit):
        """Up to `limit` events after `position` (None: from the start), and the position of
        the last one when more follow (else None). Positions are keys of the sort (date or
        title, then id) so that pages stay stable when events are added; with relevance, the
        number of events before the page."""
        sort = self.filters.effective_sort
        if sort == "relevance":
            offset = position or 0
            events = self.slice(offset, limit + 1)
            return events[:limit], (offset + limit if len(events) > limit else None)
        events = self.ordered_queryset()
        if position is not None:
            events = events.filter(after_key(sort, position))
        events = list(events[: limit + 1])
        if len(events) <= limit:
            return events, None
        return events[:limit], key_of(sort, events[limit - 1])

    def ordered_queryset(self):
        """For sorts other than relevance: the whole result as an ordered queryset (keyset
        pagination of the API builds on it)."""
        return with_public_columns(self.events.order_by(*SORTS[self.filters.effective_sort]))


def key_of(sort, event):
    if sort == "title":
        return [event.title, event.pk]
    return [event.start_date.isoformat() if event.start_date else None, event.pk]


def after_key(sort, position):
    """The events after `position` in `sort` (undated events come last in both directions)."""
    value, pk = position
    if sort == "title":
        return Q(title__gt=value) | Q(title=value, pk__gt=pk)
    later = "lt" if sort == "-date" else "gt"
    if value is None:
        return Q(start_date__isnull=True, **{f"pk__{later}": pk})
    return (
        Q(**{f"start_date__{later}": value})
        | Q(start_date=value, **{f"pk__{later}": pk})
        | Q(start_date__isnull=True)
    )


def search_events(filters: SearchFilters) -> SearchResults:
    return SearchResults(filters)


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    is_selected: bool = False
    footnote: str = ""
    toggle: str = ""  # set by a page: its address with this value chosen or unchosen


@dataclass
class Facets:
    country: list[FacetValue] = field(default_factory=list)
    window: list[FacetValue] = field(default_factory=list)
    type: list[FacetValue] = field(default_factory=list)
    modality: list[FacetValue] = field(default_factory=list)
    chapter: list[FacetValue] = field(default_factory=list)
    cluster: list[FacetValue] = field(default_factory=list)
    year: list[FacetValue] = field(default_factory=list)


def year_of_start():
    """The start year as a GROUP BY key; SQLite stores dates as text, so its first four
    characters avoid a Python function call per row."""
    from django.db import connection

    if connection.vendor == "sqlite":
        return Substr("start_date", 1, 4)
    return ExtractYear("start_date")


def facet_counts(filters: SearchFilters) -> Facets:
    """For each facet, how many events each value would give: counted with every other
    filter applied but not the facet's own, so a person sees the alternatives (one GROUP BY
    query per facet, two for countries)."""
    facets = Facets()
    selected = {name: {str(value) for value in getattr(filters, name)} for name in FACETS}

    def ids(name):
        return filtered_events(filters, leaving_out=name).values("pk")

    main = (
        filtered_events(filters, leaving_out="country")
        .values("beneficiary__code", "beneficiary__name", "beneficiary__official_footnote")
        .annotate(n=Count("pk"))
    )
    countries = {
        row["beneficiary__code"]: [
            row["beneficiary__name"],
            row["n"],
            row["beneficiary__official_footnote"],
        ]
        for row in main
    }
    others = (
        OtherBeneficiary.objects.filter(event_id__in=ids("country"))
        .exclude(country_id=F("event__beneficiary_id"))
        .values("country__code", "country__name", "country__official_footnote")
        .annotate(n=Count("event_id", distinct=True))
    )
    for row in others:
        entry = countries.setdefault(
            row["country__code"], [row["country__name"], 0, row["country__official_footnote"]]
        )
        entry[1] += row["n"]
    facets.country = sorted(
        (
            FacetValue(code, name, n, code in selected["country"], footnote)
            for code, (name, n, footnote) in countries.items()
        ),
        key=lambda value: value.label,
    )

    windows = (
        filtered_events(filters, leaving_out="window")
        .filter(window__isnull=False)
        .values("window__code", "window__name")
        .annotate(n=Count("pk"))
        .order_by("window__name")
    )
    facets.window = [
        FacetValue(
            row["window__code"],
            row["window__name"],
            row["n"],
            row["window__code"] in selected["window"],
        )
        for row in windows
    ]

    for name, column, choices in (
        ("type", "event_type", AssistanceType),
        ("modality", "modality", Modality),
    ):
        rows = dict(
            filtered_events(filters, leaving_out=name)
            .values_list(column)
            .annotate(n=Count("pk"))
            .values_list(column, "n")
        )
        setattr(
            facets,
            name,
            [
                FacetValue(value, label, rows[value], value in selected[name])
                for value, label in choices.choices
                if rows.get(value)
            ],
        )

    chapters = (
        EventChapter.objects.filter(event_id__in=ids("chapter"))
        .values("chapter__number", "chapter__name")
        .annotate(n=Count("event_id"))
        .order_by("chapter__number")
    )
    facets.chapter = [
        FacetValue(
            str(row["chapter__number"]),
            f"{row['chapter__number']}. {row['chapter__name']}",
            row["n"],
            str(row["chapter__number"]) in selected["chapter"],
        )
        for row in chapters
    ]

    clusters = (
        EventChapter.objects.filter(event_id__in=ids("cluster"), chapter__cluster__isnull=False)
        .values("chapter__cluster__number", "chapter__cluster__name")
        .annotate(n=Count("event_id", distinct=True))
        .order_by("chapter__cluster__number")
    )
    facets.cluster = [
        FacetValue(
            str(row["chapter__cluster__number"]),
            row["chapter__cluster__name"],
            row["n"],
            str(row["chapter__cluster__number"]) in selected["cluster"],
        )
        for row in clusters
    ]

    years = (
        filtered_events(filters, leaving_out="year")
        .filter(start_date__isnull=False)
        .annotate(start_year=year_of_start())
        .values("start_year")
        .annotate(n=Count("pk"))
        .order_by("-start_year")
    )
    facets.year = [
        FacetValue(
            str(row["start_year"]),
            str(row["start_year"]),
            row["n"],
            str(row["start_year"]) in selected["year"],
        )
        for row in years
    ]
    # A chosen value that no event has any more stays listed, so it can be unchosen.
    for name in FACETS:
        values = getattr(facets, name)
        present = {value.value for value in values}
        values.extend(FacetValue(v, v, 0, True) for v in sorted(selected[name] - present))
    return facets


def upcoming_public_events(today):
    """Confirmed events that have not ended: the public calendar (public facts only)."""
    return (
        Event.objects.filter(state="confirmed", start_date__isnull=False)
        .filter(Q(end_date__gte=today) | Q(end_date__isnull=True, start_date__gte=today))
        .select_related("beneficiary", "venue_country")
        .order_by("start_date", "id")
    )

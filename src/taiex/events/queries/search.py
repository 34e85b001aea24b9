"""The public search of events: filters combined with full text, facet counts, sorting and
pages. Only public events (implemented or closed) are ever searched."""

from dataclasses import dataclass, field, replace

import numpy as np
from django.db.models import F, Q
from django.db.models.functions import ExtractYear, Substr
from django.utils.translation import get_language, gettext

from taiex.reference.enums import AssistanceType, MissionKind, Modality
from taiex.reference.models import Country, Window

from .. import search
from ..models import Event
from . import public_events, with_public_columns
from .facet_index import KINDS, MODALITIES, TYPES, counts, facet_index, masks_of, passing

SORTS = {
    "relevance": None,  # best match first; with no words it means newest first
    "-date": [F("start_date").desc(nulls_last=True), F("id").desc()],
    "date": [F("start_date").asc(nulls_last=True), F("id").asc()],
    "title": [F("title").asc(), F("id").asc()],
}
FACETS = ("country", "window", "type", "kind", "modality", "chapter", "cluster", "year")
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
    kind: tuple[str, ...] = ()  # kinds of expert mission: advice, peer review, assessment
    chapter: tuple[int, ...] = ()  # chapter numbers
    cluster: tuple[int, ...] = ()  # cluster numbers
    year: tuple[int, ...] = ()  # the year the event started
    sort: str = "relevance"
    exact: bool = False  # the words as typed: no correction of typos

    @property
    def query(self):
        return search.parse_query(self.q, exact=self.exact)

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
    if filters.kind:
        conditions["kind"] = Q(mission_kind__in=filters.kind)
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


def filtered_events(filters: SearchFilters, *, leaving_out=None, hits=None):
    """The public events that pass every filter (but facet `leaving_out`'s), unordered (ids
    and columns of Event); `hits`: what the words found, when already searched."""
    events = public_events()
    for name, condition in facet_conditions(filters).items():
        if name != leaving_out:
            events = events.filter(condition)
    if hits is not None:
        return events.filter(pk__in=search.backend().ids_condition(hits.ids)).order_by()
    return search.matching(events, filters.query).order_by()


class SearchResults:
    """The events of a search in their order, sliceable and countable (Django's Paginator
    takes it); slices fetch only their own rows, with the columns a result shows."""

    def __init__(self, filters: SearchFilters, *, rows=None):
        self.filters = filters
        # What a slice's events carry (their columns and related rows): every public column
        # by default; a page that shows less passes its own (the search page).
        self.rows = rows or with_public_columns
        self._count = None
        self._index = self._masks = self._hits = None

    @property
    def index(self):
        """The facet index, what the words found and the masks of the filters over the index
        (all computed on first use)."""
        if self._index is None:
            index = facet_index()
            query = self.filters.query
            self._hits = (
                search.find(
                    query, total=index.size, version=index.version, term_cache=index.term_cache
                )
                if query
                else None
            )
            found = None if self._hits is None else self._hits.ids
            self._masks = masks_of(index, self.filters, found)
            self._index = index
        return self._index

    @property
    def hits(self):
        """What the words found (None without words): scores, and the query as searched."""
        _ = self.index
        return self._hits

    @property
    def query(self):
        """The query as searched: with its corrections and suggestion."""
        return self.hits.query if self.hits is not None else self.filters.query

    @property
    def events(self):
        return filtered_events(self.filters, hits=self.hits)

    @property
    def masks(self):
        _ = self.index  # builds the masks with the index
        return self._masks

    def count(self):
        if self._count is None:
            self._count = int(passing(self.index, self.masks).sum())
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
        end = None if limit is None else offset + limit
        if sort == "relevance":
            positions = np.flatnonzero(passing(self.index, self.masks))
            ordered = self.hits.order(self.index.ids[positions], self.index.recency[positions])
            ids = ordered[offset:end].tolist()
            by_id = self.rows(Event.objects.filter(pk__in=ids)).in_bulk()
            return [by_id[pk] for pk in ids if pk in by_id]
        if sort in ("-date", "date"):
            # In date order the facet index knows the page: fetch only its rows.
            order = self.index.newest_first if sort == "-date" else self.index.oldest_first
            chosen = order[passing(self.index, self.masks)[order]][offset:end]
            ids = self.index.ids[chosen].tolist()
            by_id = self.rows(Event.objects.filter(pk__in=ids)).in_bulk()
            return [by_id[pk] for pk in ids if pk in by_id]
        ordered = self.rows(self.events.order_by(*SORTS[sort]))
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
        return self.rows(self.events.order_by(*SORTS[self.filters.effective_sort]))


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


def search_events(filters: SearchFilters, *, rows=None) -> SearchResults:
    """The events of `filters`; `rows(queryset)`: the columns and related rows the events of a
    slice carry (default: every public one, `with_public_columns`)."""
    return SearchResults(filters, rows=rows)


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    is_selected: bool = False
    footnote: str = ""
    toggle: str = ""  # set by a page: its address with this value chosen or unchosen
    # A country's ended periods in another group than its own: [(window name, end date)].
    earlier: list = field(default_factory=list)


@dataclass
class FacetGroup:
    """Values of the Beneficiary facet under a heading: a window, the peer-to-peer strands, or
    the countries of no window."""

    key: str
    title: str
    values: list[FacetValue]


PEER_TO_PEER_GROUP = "peer-to-peer"
NO_WINDOW_GROUP = "no-window"


@dataclass
class Facets:
    country: list[FacetValue] = field(default_factory=list)
    # The same values as `country`, grouped by window (country_groups below).
    country_groups: list[FacetGroup] = field(default_factory=list)
    window: list[FacetValue] = field(default_factory=list)
    type: list[FacetValue] = field(default_factory=list)
    modality: list[FacetValue] = field(default_factory=list)
    kind: list[FacetValue] = field(default_factory=list)
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


def matched_ids(filters: SearchFilters, index):
    """The ids of the events that match the words of `filters` (None: no words); the facet
    `index` keeps the public ones."""
    if not filters.query:
        return None
    return search.find(
        filters.query, total=index.size, version=index.version, term_cache=index.term_cache
    ).ids


def country_groups(index, values, local):
    """The Beneficiary facet's `values` grouped as the dated reference data says
    (BeneficiaryPeriod): each country under the window of its latest period, the peer-to-peer
    strands together (EU Member States), a country of no window last. The groups follow the
    windows' order of loading (enlargement, neighbourhood east and south, partnership
    instrument...), each sorted by name as `values` are; a country that was in another group
    before (Croatia in enlargement until its accession) says so with the end date."""

    def group_of(window_id):
        return PEER_TO_PEER_GROUP if window_id in index.peer_to_peer else window_id

    groups = {}
    for value in values:
        periods = index.country_periods.get(index.country_ids[value.value], [])
        key = group_of(periods[-1][0]) if periods else NO_WINDOW_GROUP
        value.earlier = [
            (local("window", window_id, index.windows[window_id][1]), valid_to)
            for window_id, _, valid_to in periods
            if valid_to is not None and group_of(window_id) != key
        ]
        groups.setdefault(key, []).append(value)

    def title(key):
        if key == PEER_TO_PEER_GROUP:
            return gettext("EU Member States (peer-to-peer strands)")
        if key == NO_WINDOW_GROUP:
            return gettext("Countries of no window")
        return local("window", key, index.windows[key][1])

    order = sorted(key for key in groups if isinstance(key, int))
    order += [key for key in (PEER_TO_PEER_GROUP, NO_WINDOW_GROUP) if key in groups]
    return [
        FacetGroup(
            key=index.windows[key][0] if isinstance(key, int) else key,
            title=title(key),
            values=groups[key],
        )
        for key in order
    ]


def facet_counts(filters: SearchFilters, results: SearchResults | None = None) -> Facets:
    """For each facet, how many events each value would give: counted with every other
    filter applied but not the facet's own, so a person sees the alternatives.

    Counted in memory from the columnar facet index (`facet_index`), with the ids that match
    the words from the database: two queries (the index's version and the matching ids),
    whatever the number of events."""
    if results is not None and results.filters == filters:
        index, masks = results.index, results.masks  # the search's own, already computed
    else:
        index = facet_index()
        masks = masks_of(index, filters, matched_ids(filters, index))
    facets = Facets()
    language = (get_language() or "en").split("-")[0]

    def local(kind, pk, english):  # the label in the reader's language (reference/translation)
        return (index.translations.get((kind, pk)) or {}).get(language) or english

    selected = {name: {str(value) for value in getattr(filters, name)} for name in FACETS}

    mask = passing(index, masks, leaving_out="country")
    countries = {}
    main = counts(index.beneficiary, mask)
    others = counts(index.other_country, mask, pairs_position=index.other_position)
    for country_id in main.keys() | others.keys():
        code, name, footnote = index.countries[country_id]
        n = main.get(country_id, 0) + others.get(country_id, 0)
        countries[code] = (
            local("country", country_id, name),
            n,
            footnote and local("footnote", country_id, footnote),
        )
    facets.country = sorted(
        (
            FacetValue(code, name, n, code in selected["country"], footnote)
            for code, (name, n, footnote) in countries.items()
        ),
        key=lambda value: value.label,
    )

    facets.country_groups = country_groups(index, facets.country, local)

    windows = counts(index.window, passing(index, masks, leaving_out="window"))
    facets.window = sorted(
        (
            FacetValue(code, local("window", pk, name), windows[pk], code in selected["window"])
            for pk, (code, name) in index.windows.items()
            if windows.get(pk)
        ),
        key=lambda value: value.label,
    )

    for name, column, choices, values in (
        ("type", index.type, AssistanceType, TYPES),
        ("modality", index.modality, Modality, MODALITIES),
        ("kind", index.kind, MissionKind, KINDS),
    ):
        found = counts(column, passing(index, masks, leaving_out=name))
        rows = {values[position]: n for position, n in found.items()}
        setattr(
            facets,
            name,
            [
                FacetValue(value, label, rows[value], value in selected[name])
                for value, label in choices.choices
                if rows.get(value)
            ],
        )

    chapters = counts(
        index.chapter_id,
        passing(index, masks, leaving_out="chapter"),
        pairs_position=index.chapter_position,
    )
    facets.chapter = [
        FacetValue(
            str(number),
            f"{number}. {local('chapter', pk, name)}",
            chapters[pk],
            str(number) in selected["chapter"],
        )
        for pk, (number, name) in sorted(index.chapters.items(), key=lambda item: item[1][0])
        if chapters.get(pk)
    ]

    clusters = counts(
        index.cluster_id,
        passing(index, masks, leaving_out="cluster"),
        pairs_position=index.cluster_position,
    )
    facets.cluster = [
        FacetValue(
            str(number),
            local("cluster", pk, name),
            clusters[pk],
            str(number) in selected["cluster"],
        )
        for pk, (number, name) in sorted(index.clusters.items(), key=lambda item: item[1][0])
        if clusters.get(pk)
    ]

    years = counts(index.year, passing(index, masks, leaving_out="year"))
    facets.year = [
        FacetValue(str(year), str(year), n, str(year) in selected["year"])
        for year, n in sorted(years.items(), reverse=True)
        if year > 0
    ]
    # A chosen value that no event has any more stays listed, so it can be unchosen.
    for name in FACETS:
        values = getattr(facets, name)
        present = {value.value for value in values}
        values.extend(FacetValue(v, v, 0, True) for v in sorted(selected[name] - present))
    return facets


def beneficiaries_of(index, events):
    """The beneficiaries of `events` ([(event id, main beneficiary id)]), {event id: [Country]}:
    the main one first, then the others by name (as `event.other_beneficiaries.all` lists
    them); the countries from the facet `index`, one query for the other beneficiaries (and
    one for countries the index does not know yet)."""
    others = {}
    for event_id, country_id in OtherBeneficiary.objects.filter(
        event_id__in=[pk for pk, _ in events]
    ).values_list("event_id", "country_id"):
        others.setdefault(event_id, []).append(country_id)
    rows = index.country_rows
    wanted = {main for _, main in events if main is not None}
    wanted.update(country for ids in others.values() for country in ids)
    if missing := wanted - rows.keys():
        rows = {**rows, **Country.objects.in_bulk(missing)}
    return {
        pk: ([rows[main]] if main is not None else [])
        + sorted((rows[c] for c in others.get(pk, ())), key=lambda country: country.name)
        for pk, main in events
    }


def upcoming_public_events(today):
    """Confirmed events that have not ended: the public calendar (public facts only)."""
    return (
        Event.objects.filter(state="confirmed", start_date__isnull=False)
        .filter(Q(end_date__gte=today) | Q(end_date__isnull=True, start_date__gte=today))
        .select_related("beneficiary", "venue_country")
        .order_by("start_date", "id")
    )

"""The cost of events: per kind (experts' fees, host fees, daily allowances, participants'
allowances and refunds on receipts, travel, and the logistics contractor's hotels, venue,
interpretation and catering), what is planned and what is paid, for one event and for the
events a person may see the money of,
aggregated by event, month, year, window, beneficiary country, type or chapter.

What the figures mean (the page, the CSV and the XLSX say the same):

- Planned: every fee statement of the event whatever its state (a draft is what the programme
  will owe, a rejected payment is owed again once reopened), and the cost of its booked travel
  (requested and cancelled bookings count nothing).
  The bookings (hotels, venue, interpretation, catering) count their planned cost once booked.
- Actual: what is paid, i.e. the paid statements and the bookings whose payment is recorded
  (their actual cost), and the invoiced cost of the booked travel (`Travel.actual_cost`, entered
  by the logistics contractor once the supplier's invoice is in; 0.00 until then).
- The difference is planned minus actual: what is still to pay.

Amounts are summed per event by the database and then in Python as `Decimal`s, to the cent;
`costs_by_event` takes six queries whatever the number of events.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.paginator import Paginator
from django.db.models import Count, DecimalField, Exists, F, OuterRef, Q, Sum
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils.translation import gettext_noop

from taiex.reference.enums import AssistanceType
from taiex.reference.models import Chapter, Country, Window
from taiex.reference.translation import translated

from ..enums import BookingKind, BookingState, StatementState
from ..models import Booking, Event, FeeStatement, Travel
from .fees import events_with_money_visible_to

ZERO = Decimal("0.00")
# The kinds of cost the models hold, in the order of the pages and exports. The labels (and those
# of GROUPINGS and the groups without a key) stay English strings: the exports write them as
# they are, the pages show them through gettext.
COST_KINDS = {
    "fees": gettext_noop("Experts' fees"),
    "host_fees": gettext_noop("Host fees"),
    "allowances": gettext_noop("Daily allowances"),
    "participant_allowances": gettext_noop("Participants' daily allowances"),
    "refunds": gettext_noop("Participants' refunds on receipts"),
    "travel": gettext_noop("Travel"),
    "hotels": gettext_noop("Hotels"),
    "venue": gettext_noop("Venue and rooms"),
    "interpretation": gettext_noop("Interpretation"),
    "catering": gettext_noop("Catering"),
}
# The cost kind of each kind of booking.
KIND_OF_BOOKING = {
    BookingKind.HOTEL: "hotels",
    BookingKind.VENUE: "venue",
    BookingKind.INTERPRETATION: "interpretation",
    BookingKind.CATERING: "catering",
}
GROUPINGS = {
    "event": gettext_noop("Event"),
    "year": gettext_noop("Year"),
    "month": gettext_noop("Month"),
    "window": gettext_noop("Window"),
    "country": gettext_noop("Beneficiary country"),
    "type": gettext_noop("Type"),
    "chapter": gettext_noop("Chapter"),
}
AMOUNT = DecimalField(max_digits=14, decimal_places=2)


@dataclass
class CostLine:
    kind: str
    label: str
    planned: Decimal
    actual: Decimal

    @property
    def difference(self):
        return self.planned - self.actual


@dataclass
class Cost:
    """Planned and actual amounts by kind (COST_KINDS), in EUR."""

    planned: dict[str, Decimal] = field(default_factory=lambda: dict.fromkeys(COST_KINDS, ZERO))
    actual: dict[str, Decimal] = field(default_factory=lambda: dict.fromkeys(COST_KINDS, ZERO))

    def add(self, other):
        for kind in COST_KINDS:
            self.planned[kind] += other.planned[kind]
            self.actual[kind] += other.actual[kind]

    @property
    def lines(self):
        return [
            CostLine(kind, label, self.planned[kind], self.actual[kind])
            for kind, label in COST_KINDS.items()
        ]

    @property
    def planned_total(self):
        return sum(self.planned.values(), ZERO)

    @property
    def actual_total(self):
        return sum(self.actual.values(), ZERO)

    @property
    def difference(self):
        return self.planned_total - self.actual_total


@dataclass(frozen=True)
class CostFilters:
    """What the staff cost page is narrowed by; empty values mean "any"."""

    year_from: int | None = None
    year_to: int | None = None
    window: str = ""  # a window's code
    country: str = ""  # the beneficiary's code
    event_type: str = ""
    chapter: int | None = None  # a chapter's number


def _amount(value):
    return ZERO if value is None else value.quantize(Decimal("0.01"))


def _costs_by_key(event_ids, key) -> dict[tuple, Cost]:
    """The cost of the events of the `event_ids` queryset summed by the database per value of
    `key` (three queries): `key(path)` gives the named expressions a row is grouped by, `path`
    leading from the summed model to its event ("event__"). An event with several values of the
    key (its chapters) counts in each."""
    costs = defaultdict(Cost)
    names = key("event__")
    expert, host = Q(event_expert__isnull=False), Q(host_institution__isnull=False)
    participant = Q(participant__isnull=False)
    paid = Q(state=StatementState.PAID)
    statements = (
        FeeStatement.objects.filter(event__in=event_ids)
        .order_by()
        .values(**names)
        .annotate(
            fees=Sum("fee_total", filter=expert, output_field=AMOUNT),
            host_fees=Sum("fee_total", filter=host, output_field=AMOUNT),
            allowances=Sum("allowance_total", filter=~participant, output_field=AMOUNT),
            participant_allowances=Sum("allowance_total", filter=participant, output_field=AMOUNT),
            refunds=Sum("refund_total", output_field=AMOUNT),
            paid_fees=Sum("fee_total", filter=expert & paid, output_field=AMOUNT),
            paid_host_fees=Sum("fee_total", filter=host & paid, output_field=AMOUNT),
            paid_allowances=Sum("allowance_total", filter=~participant & paid, output_field=AMOUNT),
            paid_participant_allowances=Sum(
                "allowance_total", filter=participant & paid, output_field=AMOUNT
            ),
            paid_refunds=Sum("refund_total", filter=paid, output_field=AMOUNT),
        )
    )
    for row in statements:
        cost = costs[tuple(row[name] for name in names)]
        for kind in ("fees", "host_fees", "allowances", "participant_allowances", "refunds"):
            cost.planned[kind] = _amount(row[kind])
            cost.actual[kind] = _amount(row[f"paid_{kind}"])
    travel = (
        Travel.objects.filter(event__in=event_ids, state=BookingState.BOOKED)
        .filter(Q(cost__isnull=False) | Q(actual_cost__isnull=False))
        .order_by()
        .values(**names)
        .annotate(
            travel=Sum("cost", output_field=AMOUNT),
            invoiced=Sum("actual_cost", output_field=AMOUNT),
        )
    )
    for row in travel:
        cost = costs[tuple(row[name] for name in names)]
        cost.planned["travel"] = _amount(row["travel"])
        cost.actual["travel"] = _amount(row["invoiced"])
    bookings = (
        Booking.objects.filter(event__in=event_ids)
        .order_by()
        .values("kind", **names)
        .annotate(
            planned=Sum("planned_cost", filter=Q(state=BookingState.BOOKED), output_field=AMOUNT),
            actual=Sum("actual_cost", filter=Q(paid_on__isnull=False), output_field=AMOUNT),
        )
    )
    for row in bookings:
        cost = costs[tuple(row[name] for name in names)]
        kind = KIND_OF_BOOKING[row["kind"]]
        cost.planned[kind] = _amount(row["planned"])
        cost.actual[kind] = _amount(row["actual"])
    return costs


def _costs_of(event_ids) -> dict[int, Cost]:
    """The cost of each event of the `event_ids` queryset (three queries)."""
    by_event = _costs_by_key(event_ids, lambda path: {"key_event": F(f"{path}id")})
    return {key[0]: cost for key, cost in by_event.items()}


def cost_of_event(event) -> Cost:
    """The cost of one event by kind (three queries)."""
    return _costs_of(Event.objects.filter(pk=event.pk).values("pk")).get(event.pk, Cost())


def events_in_scope(user, filters: CostFilters):
    """The events whose money `user` sees, narrowed by `filters`, with costs or not (their
    sums are the same: an event without costs adds nothing)."""
    events = events_with_money_visible_to(user)
    if filters.year_from:
        events = events.filter(start_date__year__gte=filters.year_from)
    if filters.year_to:
        events = events.filter(start_date__year__lte=filters.year_to)
    if filters.window:
        events = events.filter(window__code=filters.window)
    if filters.country:
        events = events.filter(beneficiary__code=filters.country)
    if filters.event_type:
        events = events.filter(event_type=filters.event_type)
    if filters.chapter:
        events = events.filter(chapters__number=filters.chapter)
    return events


def events_with_costs(user, filters: CostFilters):
    """The events whose money `user` sees, narrowed by `filters`, that have a fee statement, a
    booked travel with a cost or a booking with a cost, newest first."""
    events = events_in_scope(user, filters).filter(
        Exists(FeeStatement.objects.filter(event=OuterRef("pk")))
        | Exists(
            Travel.objects.filter(event=OuterRef("pk"), state=BookingState.BOOKED).filter(
                Q(cost__isnull=False) | Q(actual_cost__isnull=False)
            )
        )
        | Exists(
            Booking.objects.filter(event=OuterRef("pk")).filter(
                Q(state=BookingState.BOOKED, planned_cost__isnull=False) | Q(paid_on__isnull=False)
            )
        )
    )
    return events.order_by("-start_date", "reference")


@dataclass
class EventCostRow:
    event: Event
    chapters: list
    cost: Cost


# The long texts of an event, which no cost page or export reads: not loaded with the rows (at
# full history scale they are most of what the rows would weigh).
UNREAD_TEXTS = (
    "summary",
    "legislation",
    "keywords",
    "original_summary",
    "original_stems",
    "beneficiary_institutions",
    "cancellation_reason",
    "postponement_reason",
)


def costs_by_event(user, filters: CostFilters, *, with_chapters=True) -> list[EventCostRow]:
    """One row per event with costs (events, their chapters, statements, travel, bookings: 5
    queries; 4 without the chapters, which only the grouping by chapter and the exports by
    event read)."""
    selected = events_with_costs(user, filters)
    events = list(selected.select_related("beneficiary", "window").defer(*UNREAD_TEXTS))
    chapters = defaultdict(list)
    if with_chapters:
        for link in (
            Event.chapters.through.objects.filter(event__in=selected.values("pk"))
            .select_related("chapter")
            .order_by("chapter__number")
        ):
            chapters[link.event_id].append(link.chapter)
    costs = _costs_of(selected.order_by().values("pk"))
    return [
        EventCostRow(event, chapters[event.pk], costs.get(event.pk, Cost())) for event in events
    ]


@dataclass
class GroupRow:
    key: object  # for sorting
    label: object  # a string, or a country (printed with its footnote)
    events: int = 0
    cost: Cost = field(default_factory=Cost)


def _keys(row: EventCostRow, by):
    """The (sort key, label) pairs of the groups an event counts in: one, or one per chapter."""
    event = row.event
    start = event.start_date
    if by == "year":
        return [(start.year, str(start.year)) if start else (0, gettext_noop("No date"))]
    if by == "month":
        return [
            ((start.year, start.month), f"{start:%Y-%m}")
            if start
            else ((0, 0), gettext_noop("No date"))
        ]
    if by == "window":
        return [
            (event.window.name, translated(event.window))  # in the reader's language
            if event.window
            else ("~", gettext_noop("No window"))
        ]
    if by == "country":
        return [(event.beneficiary.name, event.beneficiary)]
    if by == "type":
        return [(event.event_type, str(AssistanceType(event.event_type).label))]
    if by == "chapter":
        return [(chapter.number, str(chapter)) for chapter in row.chapters] or [
            (1000, gettext_noop("No chapter"))
        ]
    raise ValueError(f"Unknown grouping {by!r}.")


def group_costs(rows: list[EventCostRow], by: str) -> list[GroupRow]:
    """The event rows summed by `by` (a key of GROUPINGS other than "event"). An event with
    several chapters counts in each of them, so the chapter rows may add up to more than the
    total."""
    groups = {}
    for row in rows:
        for key, label in _keys(row, by):
            group = groups.setdefault(key, GroupRow(key=key, label=label))
            group.events += 1
            group.cost.add(row.cost)
    return [groups[key] for key in sorted(groups)]


def total_of(rows: list[EventCostRow]) -> Cost:
    total = Cost()
    for row in rows:
        total.add(row.cost)
    return total


def cost_of_events_beginning_in(year: int) -> Cost:
    """The programme's cost of the events that began in `year`, summed over every event and
    kind-by-kind (three queries): the aggregate the public annual report may show."""
    total = Cost()
    for cost in _costs_of(Event.objects.filter(start_date__year=year).values("pk")).values():
        total.add(cost)
    return total


# What the database groups the costs by, for each grouping but "event" (see `_keys`, which
# groups event rows the same way in Python): named expressions from a path to the event.
GROUP_KEYS = {
    "year": lambda path: {"key_year": ExtractYear(f"{path}start_date")},
    "month": lambda path: {
        "key_year": ExtractYear(f"{path}start_date"),
        "key_month": ExtractMonth(f"{path}start_date"),
    },
    "window": lambda path: {"key_window": F(f"{path}window_id")},
    "country": lambda path: {"key_country": F(f"{path}beneficiary_id")},
    "type": lambda path: {"key_type": F(f"{path}event_type")},
    "chapter": lambda path: {"key_chapter": F(f"{path}chapters__number")},
}


@dataclass
class GroupedCosts:
    groups: list[GroupRow]
    total: Cost
    events: int  # the events with costs (each once, whatever its chapters)


def _group_labels(by, keys):
    """The (sort key, label) of each key tuple of `by`, as `_keys` gives them (one query for
    windows, countries and chapters)."""
    values = [key[0] for key in keys if key[0] is not None]
    if by == "window":
        windows = Window.objects.in_bulk(values)
        return {
            key: (windows[key[0]].name, translated(windows[key[0]]))
            if key[0] is not None
            else ("~", gettext_noop("No window"))
            for key in keys
        }
    if by == "country":
        countries = Country.objects.in_bulk(values)
        return {key: (countries[key[0]].name, countries[key[0]]) for key in keys}
    if by == "chapter":
        chapters = Chapter.objects.in_bulk(values, field_name="number")
        return {
            key: (key[0], str(chapters[key[0]]))
            if key[0] is not None
            else (1000, gettext_noop("No chapter"))
            for key in keys
        }
    labels = {}
    for key in keys:
        if by == "year":
            labels[key] = (key[0], str(key[0])) if key[0] else (0, gettext_noop("No date"))
        elif by == "month":
            labels[key] = (
                (key, f"{key[0]:04d}-{key[1]:02d}") if key[0] else ((0, 0), gettext_noop("No date"))
            )
        else:  # type
            labels[key] = (key[0], str(AssistanceType(key[0]).label))
    return labels


def grouped_costs(user, filters: CostFilters, by: str) -> GroupedCosts:
    """The costs of the events whose money `user` sees, narrowed by `filters`, summed by the
    database per `by` (a key of GROUPINGS other than "event"): the same groups as
    `group_costs(costs_by_event(user, filters), by)` without loading an event (the pages over
    the whole history would read every event). 4 queries, one more for the names of windows
    or countries, 9 by chapter (an event counts in each of its chapters, so the total is
    summed apart)."""
    selected = events_with_costs(user, filters).order_by().values("pk")
    in_scope = events_in_scope(user, filters).order_by().values("pk")  # cheaper, same sums
    key = GROUP_KEYS[by]
    costs = _costs_by_key(in_scope, key)
    counts = {
        tuple(row[name] for name in key("")): row["events"]
        for row in Event.objects.filter(pk__in=selected)
        .order_by()
        .values(**key(""))
        .annotate(events=Count("pk", distinct=True))
    }
    labels = _group_labels(by, counts.keys())
    groups = sorted(
        (
            GroupRow(key=labels[k][0], label=labels[k][1], events=n, cost=costs.get(k, Cost()))
            for k, n in counts.items()
        ),
        key=lambda group: group.key,
    )
    if by == "chapter":
        every = _costs_by_key(in_scope, GROUP_KEYS["type"]).values()
        events = Event.objects.filter(pk__in=selected).count()
    else:
        every, events = [group.cost for group in groups], sum(group.events for group in groups)
    total = Cost()
    for cost in every:
        total.add(cost)
    return GroupedCosts(groups, total, events)


def costs_page_by_event(user, filters: CostFilters, number, size):
    """Page `number` (as given: `Paginator.get_page` copes with a bad one) of the event rows of
    `costs_by_event`, without their chapters, with the total and the number of events of every
    page: the rows of that page only are read (the whole history holds tens of thousands).
    (page, total)."""
    events = events_with_costs(user, filters).select_related("beneficiary", "window")
    page = Paginator(events.defer(*UNREAD_TEXTS), size).get_page(number)
    costs = _costs_of(Event.objects.filter(pk__in=[event.pk for event in page]).values("pk"))
    page.object_list = [
        EventCostRow(event, [], costs.get(event.pk, Cost())) for event in page.object_list
    ]
    total = Cost()
    in_scope = events_in_scope(user, filters).order_by().values("pk")
    for cost in _costs_by_key(in_scope, GROUP_KEYS["type"]).values():
        total.add(cost)
    return page, total

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

from django.db.models import DecimalField, Exists, OuterRef, Q, Sum
from django.utils.translation import gettext_noop

from taiex.reference.enums import AssistanceType
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


def _costs_of(event_ids) -> dict[int, Cost]:
    """The cost of each event of the `event_ids` queryset (three queries)."""
    costs = defaultdict(Cost)
    expert, host = Q(event_expert__isnull=False), Q(host_institution__isnull=False)
    participant = Q(participant__isnull=False)
    paid = Q(state=StatementState.PAID)
    statements = (
        FeeStatement.objects.filter(event__in=event_ids)
        .order_by()
        .values("event_id")
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
        cost = costs[row["event_id"]]
        for kind in ("fees", "host_fees", "allowances", "participant_allowances", "refunds"):
            cost.planned[kind] = _amount(row[kind])
            cost.actual[kind] = _amount(row[f"paid_{kind}"])
    travel = (
        Travel.objects.filter(event__in=event_ids, state=BookingState.BOOKED)
        .filter(Q(cost__isnull=False) | Q(actual_cost__isnull=False))
        .order_by()
        .values("event_id")
        .annotate(
            travel=Sum("cost", output_field=AMOUNT),
            invoiced=Sum("actual_cost", output_field=AMOUNT),
        )
    )
    for row in travel:
        costs[row["event_id"]].planned["travel"] = _amount(row["travel"])
        costs[row["event_id"]].actual["travel"] = _amount(row["invoiced"])
    bookings = (
        Booking.objects.filter(event__in=event_ids)
        .order_by()
        .values("event_id", "kind")
        .annotate(
            planned=Sum("planned_cost", filter=Q(state=BookingState.BOOKED), output_field=AMOUNT),
            actual=Sum("actual_cost", filter=Q(paid_on__isnull=False), output_field=AMOUNT),
        )
    )
    for row in bookings:
        cost, kind = costs[row["event_id"]], KIND_OF_BOOKING[row["kind"]]
        cost.planned[kind] = _amount(row["planned"])
        cost.actual[kind] = _amount(row["actual"])
    return costs


def cost_of_event(event) -> Cost:
    """The cost of one event by kind (three queries)."""
    return _costs_of(Event.objects.filter(pk=event.pk).values("pk")).get(event.pk, Cost())


def events_with_costs(user, filters: CostFilters):
    """The events whose money `user` sees, narrowed by `filters`, that have a fee statement, a
    booked travel with a cost or a booking with a cost, newest first."""
    events = events_with_money_visible_to(user).filter(
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

"""The money of the history: for every expert on a held event a fee statement (daily fee by the
period's rule, allowance at a host-country rate) in the state such an old statement is in (paid,
with its approval, sending and payment dates and references; the last months' still approved,
sent or waiting), the expert's booked travel (planned and invoiced cost), and the contractor's
venue and catering of the workshops on site (planned, and paid for all but the last months).
The host of every held study visit gets its host fee statement (the daily fee of the period for
each day), and every travelling participant (each approved member of a study visit's group; on
a multi-country event, each approved participant from another country than the venue's) gets an
allowance statement, a fifth of them with a train ticket refunded, and their booked travel.

The amounts are plausible, not published figures: the fee is the rule of DOMAIN.md (250 EUR a
day before 8 March 2017, 350 EUR since), the rest are drawn within ranges (docs/decisions.md,
"Costs in the generated history"). Rows are produced lazily from one random stream, so the same
seed gives the same money."""

import json
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from taiex.events.enums import BookingKind, BookingState, EventState, StatementState
from taiex.events.models import Booking, FeeStatement, Travel
from taiex.reference.enums import AssistanceType, Modality

from .bulk import Table
from .population import stamp

FEE_CHANGE = date(2017, 3, 8)
# Statements of events that ended in the last RECENT days before the history's day are still
# on their way: a share of them waits for approval, is approved or sent for payment.
RECENT = 120
CENT = Decimal("0.01")

STATEMENT_COLUMNS = [
    "event_id", "event_expert_id", "host_institution_id", "participant_id", "state", "lines",
    "fee_total", "allowance_total", "refund_total", "total", "computed_at", "approved_by_id",
    "approved_at", "payment_reference", "sent_for_payment_by_id", "sent_for_payment_at",
    "paid_on", "bank_reference",
]  # fmt: skip
# A fifth of the travelling participants claim a train ticket (refunded on the statement).
REFUND_SHARE = 0.2
ZERO = Decimal("0.00")
TRAVEL_COLUMNS = [
    "event_id", "event_expert_id", "participant_id", "from_place", "to_place", "outbound_date",
    "outbound_departure", "return_date", "return_arrival", "hotel_nights", "state", "cost",
    "actual_cost", "supplier_reference", "updated_at",
]  # fmt: skip
BOOKING_COLUMNS = [
    "event_id", "kind", "supplier", "supplier_reference", "starts_on", "ends_on", "quantity",
    "state", "planned_cost", "actual_cost", "paid_on", "created_at", "updated_at",
]  # fmt: skip


def tables():
    return {
        "fee statements": Table(FeeStatement, STATEMENT_COLUMNS),
        "travel": Table(Travel, TRAVEL_COLUMNS),
        "travellers' statements": Table(FeeStatement, STATEMENT_COLUMNS),
        "travellers' travel": Table(Travel, TRAVEL_COLUMNS),
        "bookings": Table(Booking, BOOKING_COLUMNS),
    }


def daily_fee(start):
    return Decimal(350 if start >= FEE_CHANGE else 250)


def money(value):
    return Decimal(value).quantize(CENT)


class CostRows:
    """The statements, travel and bookings of the held events (`events`: PlannedEvent, numbered
    from `first_event_id`); `places` lists (event expert id, event id) as loaded. Payment
    references continue the yearly counters of `sequences`; `counters` holds their new values."""

    def __init__(self, events, places, rng, *, first_event_id, as_of, sequences):
        self.by_id = {first_event_id + event.id: event for event in events}
        self.places, self.rng, self.as_of = places, rng, as_of
        self.sequences = sequences
        self.counters = {}
        self.numbers = defaultdict(int)
        self.statements, self.travels = [], []
        self.travel_number = 0
        self._built = False

    def held(self, event):
        return event is not None and event.state in (EventState.IMPLEMENTED, EventState.CLOSED)

    def payment(self, event):
        """The state of one statement of `event` and the columns from `computed_at` to
        `bank_reference`: paid long ago, or on its way for the last months' events."""
        draw, as_of = self.rng.random, self.as_of
        computed = event.end + timedelta(days=1 + int(draw() * 5))
        approved = computed + timedelta(days=1 + int(draw() * 14))
        sent = approved + timedelta(days=1 + int(draw() * 7))
        paid = sent + timedelta(days=5 + int(draw() * 20))
        recent = (as_of - event.end).days < RECENT
        roll = draw()
        if not recent or roll < 0.25:
            state = StatementState.PAID if paid < as_of else StatementState.SENT_FOR_PAYMENT
        elif roll < 0.5:
            state = StatementState.SENT_FOR_PAYMENT
        elif roll < 0.75:
            state = StatementState.APPROVED
        else:
            state = StatementState.DRAFT
        done = state != StatementState.DRAFT
        reference = ""
        if done:
            key = f"PAY-{approved.year}"
            self.numbers[key] += 1
            number = self.sequences.get(key, 0) + self.numbers[key]
            reference = f"{key}-{number:05d}"
            self.counters[key] = number
        out = state in (StatementState.SENT_FOR_PAYMENT, StatementState.PAID)
        is_paid = state == StatementState.PAID
        return state, (
            stamp(computed, 11), event.case_handler_id if done else None,
            stamp(approved, 15) if done else None, reference,
            event.case_handler_id if out else None, stamp(sent, 10) if out else None,
            paid.isoformat() if is_paid else None, f"BNK-{reference}" if is_paid else "",
        )  # fmt: skip

    def allowance(self, event):
        """The daily allowance lines of a traveller: a host-country rate drawn once per
        traveller, for the event's days and the day of travel."""
        days = (event.end - event.start).days + 1
        rate = Decimal(120 + int(self.rng.random() * 131))
        total = money(rate * (days + 1))
        line = {"label": "Daily subsistence allowance", "quantity": str(days + 1),
                "rate": str(rate), "amount": str(total)}  # fmt: skip
        return total, [line]

    def travel_row(self, event_id, event, *, expert_place=None, participant=None, home):
        """A booked journey: planned cost, and the invoice unless the event is recent."""
        draw = self.rng.random
        days = (event.end - event.start).days + 1
        cost = money(180 + int(draw() * 52100) / 100)
        recent = (self.as_of - event.end).days < RECENT
        invoiced = money(cost * Decimal(94 + int(draw() * 9)) / 100) if not recent else None
        self.travel_number += 1
        return (
            event_id, expert_place, participant, home, event.place,
            (event.start - timedelta(days=1)).isoformat(), "10:00:00",
            (event.end + timedelta(days=1)).isoformat(), "18:00:00", days + 1,
            BookingState.BOOKED, cost, invoiced, f"TRV-{event.reference}-{self.travel_number}",
            stamp(event.start - timedelta(days=14), 12),
        )  # fmt: skip

    def build(self):
        """Draw the statements and travel of every expert on a held event and the host fee
        statement of every held study visit (in memory: one row each, about 100,000 at full
        scale)."""
        if self._built:
            return self
        for place_id, event_id in self.places:
            event = self.by_id.get(event_id)
            if not self.held(event):
                continue
            days = (event.end - event.start).days + 1
            fee = daily_fee(event.start)
            fee_total = money(fee * days)
            allowance_total, allowance_lines = self.allowance(event)
            lines = [
                {"label": "Daily fee", "quantity": str(days), "rate": str(fee),
                 "amount": str(fee_total)},
                *allowance_lines,
            ]  # fmt: skip
            state, paying = self.payment(event)
            self.statements.append((
                event_id, place_id, None, None, state, json.dumps(lines), fee_total,
                allowance_total, ZERO, fee_total + allowance_total, *paying,
            ))  # fmt: skip
            if event.modality != Modality.ONLINE:
                self.travels.append(
                    self.travel_row(event_id, event, expert_place=place_id,
                                    home="Member State capital")
                )  # fmt: skip
        for event_id, event in self.by_id.items():
            if not self.held(event) or event.host_institution_id is None:
                continue
            days = (event.end - event.start).days + 1
            fee = daily_fee(event.start)
            total = money(fee * days)
            lines = [{"label": "Host fee (event days)", "quantity": str(days), "rate": str(fee),
                      "amount": str(total)}]  # fmt: skip
            state, paying = self.payment(event)
            self.statements.append((
                event_id, None, event.host_institution_id, None, state, json.dumps(lines),
                total, ZERO, ZERO, total, *paying,
            ))  # fmt: skip
        self._built = True
        return self

    def travels_by_rule(self, event, country_id):
        """Whether a participant from `country_id` travels at the programme's cost (the rule
        of `events.queries.fees.travels_by_rule`)."""
        if event.event_type == AssistanceType.STUDY_VISIT:
            return True
        venue = event.venue_country_id or event.country.pk
        return bool(event.others) and country_id != venue

    def participant_rows(self, travellers):
        """The statements and travel of the travelling participants: `travellers` lists
        (participant id, event id, country id, country name) of the approved participants
        as loaded. Returns (statement rows, travel rows)."""
        statements, travels = [], []
        draw = self.rng.random
        for participant_id, event_id, country_id, home in travellers:
            event = self.by_id.get(event_id)
            if not self.held(event) or not self.travels_by_rule(event, country_id):
                continue
            if event.modality == Modality.ONLINE:
                continue
            allowance_total, lines = self.allowance(event)
            refund = ZERO
            if draw() < REFUND_SHARE:
                refund = money(Decimal(1500 + int(draw() * 10500)) / 100)
                lines.append({"label": "Train ticket (receipt)", "quantity": "1",
                              "rate": str(refund), "amount": str(refund)})  # fmt: skip
            state, paying = self.payment(event)
            statements.append((
                event_id, None, None, participant_id, state, json.dumps(lines), ZERO,
                allowance_total, refund, allowance_total + refund, *paying,
            ))  # fmt: skip
            travels.append(self.travel_row(event_id, event, participant=participant_id, home=home))
        return statements, travels

    def booking_rows(self):
        """A venue and catering for every workshop held on site (or hybrid): planned, and paid
        with an actual cost within a few percent unless the event is recent."""
        draw = self.rng.random
        for event_id, event in self.by_id.items():
            if not self.held(event) or event.event_type != AssistanceType.WORKSHOP:
                continue
            if event.modality == Modality.ONLINE:
                continue
            days = (event.end - event.start).days + 1
            recent = (self.as_of - event.end).days < RECENT
            people = max(event.approved, 10)
            made = stamp(event.start - timedelta(days=30), 11)
            for kind, supplier, quantity, planned in (
                (BookingKind.VENUE, f"Conference centre, {event.place}", 1 + int(draw() * 2),
                 money((900 + int(draw() * 2600)) * days)),
                (BookingKind.CATERING, f"Catering, {event.place}", people,
                 money(people * days * (18 + int(draw() * 17)))),
            ):  # fmt: skip
                paid_on = None if recent else event.end + timedelta(days=20 + int(draw() * 30))
                if paid_on is not None and paid_on >= self.as_of:
                    paid_on = None
                actual = money(planned * Decimal(95 + int(draw() * 8)) / 100) if paid_on else None
                yield (
                    event_id, kind, supplier, f"{kind[:3].upper()}-{event.reference}",
                    event.start.isoformat(), event.end.isoformat(), quantity,
                    BookingState.BOOKED, planned, actual, paid_on and paid_on.isoformat(), made,
                    made,
                )  # fmt: skip

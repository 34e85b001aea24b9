"""The fee computation: pure functions that turn an event, a traveller's travel and the dated
rate tables into the lines of a fee statement. Nothing here reads or writes the database.

Choices (DOMAIN.md, "Experts: money and logistics"):
- Working days are the calendar days from the event's start to its end: an event is scheduled
  on the days it works, so a Saturday inside its dates counts because the event runs on it.
  An expert is paid for the event days between their outbound and return dates.
- A travel day outside the event's days counts in full, as a half day or not at all, by the
  outbound departure time (half after `half_day_departure_after`, none after
  `no_day_departure_after`) or the return arrival time (half before `half_day_return_before`,
  none before `no_day_return_before`), strictly after/before. A travel day that is also an
  event day is just an event day. Days between a travel day and the event are not paid.
- The daily subsistence allowance is paid per calendar day away, from the outbound date to the
  return date, at the rate of the host country (the venue's country, else the beneficiary)
  valid on that day. Hotel nights provided are the nights from the outbound date on; breakfasts
  the mornings after them; lunches and dinners the event days first. Each provision deducts the
  percentage of that day's allowance set by the fee rules valid that day, never more than the
  day's allowance.
- Nothing of the allowance in the expert's own country; nothing at all for EU staff; no
  allowance for an online event (no travel either).
- Every amount is looked up by the date it falls on, so a change of rate in the middle of an
  event applies from its first day; except the daily fee and the host fee of a rule marked
  `fee_by_approval_date` (350 EUR since 8 March 2017): an activity approved before that rule's
  first day keeps the fee of the rules valid on its approval date (`approved_on`, the day the
  request was accepted), a note line says so. The travel-day times stay those of the day.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from taiex.core.dates import day_label
from taiex.reference.enums import Modality

CENT = Decimal("0.01")
HUNDRED = Decimal(100)


class NotComputable(Exception):
    """A statement that cannot be computed: no dates, or no rate valid on a day it needs one; the
    message names what and when."""


@dataclass(frozen=True)
class Line:
    kind: str  # fee, host_fee, allowance, deduction, refund or note
    label: str
    quantity: Decimal
    rate: Decimal
    amount: Decimal
    is_demo: bool = False

    def as_json(self):
        return {
            "kind": self.kind,
            "label": self.label,
            "quantity": str(self.quantity),
            "rate": str(self.rate),
            "amount": str(self.amount),
            "is_demo": self.is_demo,
        }


@dataclass(frozen=True)
class Computation:
    lines: list

    @property
    def fee_total(self):
        return sum(
            (line.amount for line in self.lines if line.kind in ("fee", "host_fee")), CENT * 0
        )

    @property
    def allowance_total(self):
        return sum(
            (line.amount for line in self.lines if line.kind in ("allowance", "deduction")),
            CENT * 0,
        )

    @property
    def refund_total(self):
        return sum((line.amount for line in self.lines if line.kind == "refund"), CENT * 0)

    @property
    def total(self):
        return self.fee_total + self.allowance_total + self.refund_total

    def lines_as_json(self):
        return [line.as_json() for line in self.lines]


def money(value) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def percent_label(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return f"{text}%"


def days_between(first: date, last: date):
    return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]


def event_days(event):
    if event.start_date is None or event.end_date is None:
        raise NotComputable("The event has no dates yet.")
    return days_between(event.start_date, event.end_date)


def host_country(event):
    """Where the allowance is paid: the venue's country, else the beneficiary."""
    return event.venue_country or event.beneficiary


def _rule_on(rates, day):
    rule = rates.fee_rule_on(day)
    if rule is None:
        raise NotComputable(f"No fee rules are valid on {day_label(day)}.")
    return rule


def fee_rule_paying(rates, rule, approved_on):
    """The rule whose fee amounts are paid on a day of `rule`: `rule` itself, or the rule valid on
    the activity's approval date when `rule` pays by approval date and the activity was approved
    before it began."""
    if not rule.fee_by_approval_date or approved_on is None or approved_on >= rule.valid_from:
        return rule
    earlier = rates.fee_rule_on(approved_on)
    if earlier is None:
        raise NotComputable(
            f"No fee rules are valid on {day_label(approved_on)}, the day the activity was "
            "approved."
        )
    return earlier


def _fee_line(rule, quantity, label, paying):
    """A fee line of a day of `rule`, at the daily fee of `paying` (the same rule, or the rule of
    the approval date: `fee_rule_paying`)."""
    quantity = Decimal(quantity)
    return Line(
        kind="fee",
        label=label,
        quantity=quantity,
        rate=paying.daily_fee,
        amount=money(paying.daily_fee * quantity),
        is_demo=rule.is_demo or paying.is_demo,
    )


def _outbound_day_line(rule, day, departure, paying):
    when = f"Travel day {day_label(day)}, outbound flight {departure:%H:%M}"
    if departure > rule.no_day_departure_after:
        return _fee_line(
            rule, 0, f"{when} after {rule.no_day_departure_after:%H:%M}: not counted", paying
        )
    if departure > rule.half_day_departure_after:
        return _fee_line(
            rule, "0.5", f"{when} after {rule.half_day_departure_after:%H:%M}: half day", paying
        )
    return _fee_line(rule, 1, f"{when}: full day", paying)


def _return_day_line(rule, day, arrival, paying):
    when = f"Travel day {day_label(day)}, return flight lands {arrival:%H:%M}"
    if arrival < rule.no_day_return_before:
        return _fee_line(
            rule, 0, f"{when} before {rule.no_day_return_before:%H:%M}: not counted", paying
        )
    if arrival < rule.half_day_return_before:
        return _fee_line(
            rule, "0.5", f"{when} before {rule.half_day_return_before:%H:%M}: half day", paying
        )
    return _fee_line(rule, 1, f"{when}: full day", paying)


def _approval_note(paying_rules, approved_on, field):
    """A note when an earlier rule's fee is paid because of the approval date (else None). The
    rules paid instead are all the rule of the approval date: one amount."""
    if not paying_rules:
        return None
    amount = getattr(next(iter(paying_rules)), field)
    return _note(
        f"{'Daily fee' if field == 'daily_fee' else 'Host fee'} of {amount} EUR: the activity "
        f"was approved on {day_label(approved_on)}, before the fee rules that followed."
    )


def fee_lines(event, travel, rates, approved_on=None):
    """The daily fee: each event day the traveller is there, and the travel days around it, at
    the fee of the day (or of the approval date, `fee_rule_paying`)."""
    days = event_days(event)
    if travel is not None:
        days = [day for day in days if travel.outbound_date <= day <= travel.return_date]
    earlier = set()

    def paying_on(rule):
        paying = fee_rule_paying(rates, rule, approved_on)
        if paying is not rule:
            earlier.add(paying)
        return paying

    lines = []
    for day in days:
        rule = _rule_on(rates, day)
        lines.append(_fee_line(rule, 1, f"Fee, {day_label(day)} (event day)", paying_on(rule)))
    if travel is not None and travel.outbound_date < event.start_date:
        day = travel.outbound_date
        rule = _rule_on(rates, day)
        lines.insert(0, _outbound_day_line(rule, day, travel.outbound_departure, paying_on(rule)))
    if travel is not None and travel.return_date > event.end_date:
        day = travel.return_date
        rule = _rule_on(rates, day)
        lines.append(_return_day_line(rule, day, travel.return_arrival, paying_on(rule)))
    note = _approval_note(earlier, approved_on, "daily_fee")
    return [*lines, note] if note else lines


def _allocate(count, days):
    """The first `count` of `days` (provisions beyond the days of the stay are not counted)."""
    return days[: max(count, 0)]


def allowance_lines(event, travel, rates, country, day_share=None):
    """The daily allowance of `country` for each day away, minus what the programme provided.

    `day_share(day)` gives the share of a day's allowance paid and what the label says of it,
    (Decimal, str), or None for a full day (every day when `day_share` is None); no deduction
    goes beyond what the day pays."""
    stay = days_between(travel.outbound_date, travel.return_date)
    event_day_set = set(event_days(event))
    event_first = [day for day in stay if day in event_day_set] + [
        day for day in stay if day not in event_day_set
    ]
    provided = {
        "hotel": _allocate(travel.hotel_nights, stay),
        "breakfast": _allocate(travel.breakfasts_provided, stay[1:] + stay[:1]),
        "lunch": _allocate(travel.lunches_provided, event_first),
        "dinner": _allocate(travel.dinners_provided, event_first),
    }
    names = {
        "hotel": "Hotel night of {day} provided",
        "breakfast": "Breakfast of {day} provided",
        "lunch": "Lunch of {day} provided",
        "dinner": "Dinner of {day} provided",
    }
    lines = []
    for day in stay:
        rate = rates.subsistence_rate_on(country.pk, day)
        if rate is None:
            raise NotComputable(
                f"No daily subsistence allowance of {country.name} is valid on {day_label(day)}."
            )
        share = day_share(day) if day_share else None
        quantity, said = share if share else (Decimal(1), "")
        lines.append(
            Line(
                kind="allowance",
                label=f"Daily allowance, {day_label(day)} ({country.name}){said}",
                quantity=quantity,
                rate=rate.daily_amount,
                amount=money(rate.daily_amount * quantity),
                is_demo=rate.is_demo,
            )
        )
        remaining = money(rate.daily_amount * quantity)
        rule = None
        for kind in ("hotel", "breakfast", "lunch", "dinner"):
            if day not in provided[kind]:
                continue
            rule = rule or _rule_on(rates, day)
            percent = getattr(rule, f"{kind}_deduction_percent")
            if quantity == 0:
                continue
            deduction = min(money(rate.daily_amount * percent / HUNDRED), remaining)
            remaining -= deduction
            lines.append(
                Line(
                    kind="deduction",
                    label=(
                        f"{names[kind].format(day=day_label(day))}: {percent_label(percent)} "
                        f"of {money(rate.daily_amount)}"
                    ),
                    quantity=Decimal(1),
                    rate=-deduction,
                    amount=-deduction,
                    is_demo=rate.is_demo or rule.is_demo,
                )
            )
    return lines


def _note(label):
    return Line(kind="note", label=label, quantity=Decimal(0), rate=CENT * 0, amount=CENT * 0)


def compute_expert_statement(event, expert, travel, rates, approved_on=None) -> Computation:
    """The lines of an expert's statement. `travel` may be None (not recorded yet, or an online
    event); a cancelled travel counts as none; `approved_on` is the day the activity was
    approved, if known. Raises NotComputable when a rate is missing."""
    if travel is not None and travel.state == "cancelled":
        travel = None
    if expert.is_eu_staff:
        return Computation(
            [
                _note(
                    f"No fee and no daily allowance: {expert.user.full_name} is staff of an EU "
                    "institution."
                )
            ]
        )
    if expert.is_eu_body_official:
        first_day = event_days(event)[0]
        if not _rule_on(rates, first_day).pays_eu_body_officials:
            return Computation(
                [
                    _note(
                        f"No fee and no daily allowance: {expert.user.full_name} is an official "
                        f"of {expert.employer.name}, an EU agency or institution (fee rules of "
                        f"{day_label(first_day)})."
                    )
                ]
            )
    lines = fee_lines(event, travel, rates, approved_on)
    country = host_country(event)
    if event.modality == Modality.ONLINE:
        lines.append(_note("No daily allowance: the event is held online."))
    elif expert.member_state_id == country.pk:
        lines.append(
            _note(
                "No daily allowance: the event takes place in the expert's own country "
                f"({country.name})."
            )
        )
    elif travel is None:
        lines.append(_note("Daily allowance: computed once the travel is recorded."))
    else:
        lines.extend(allowance_lines(event, travel, rates, country))
    return Computation(lines)


def participant_day_share(event, travel, rates):
    """The `day_share` of a travelling participant: a travel day outside the event, on a day
    whose rules say `participant_travel_days`, counts as the experts' travel day for the fee."""

    def share(day):
        if day < event.start_date and day == travel.outbound_date:
            rule = _rule_on(rates, day)
            if not rule.participant_travel_days:
                return None
            line = _outbound_day_line(rule, day, travel.outbound_departure, rule)
        elif day > event.end_date and day == travel.return_date:
            rule = _rule_on(rates, day)
            if not rule.participant_travel_days:
                return None
            line = _return_day_line(rule, day, travel.return_arrival, rule)
        else:
            return None
        # "Travel day 13 Apr 2026, outbound flight 15:20 after 14:00: half day" -> its reason.
        return line.quantity, ": " + line.label.split(", ", 1)[1]

    return share


def refund_lines(receipts):
    """One line per approved receipt (train or local transport), at the amount claimed."""
    return [
        Line(
            kind="refund",
            label=(
                f"{receipt.get_kind_display()} receipt no. {receipt.pk}"
                + (f": {receipt.description}" if receipt.description else "")
            ),
            quantity=Decimal(1),
            rate=money(receipt.amount),
            amount=money(receipt.amount),
        )
        for receipt in sorted(receipts, key=lambda receipt: receipt.pk)
        if receipt.state == "approved"
    ]


def compute_participant_statement(event, participant, travel, receipts, rates) -> Computation:
    """The lines of a travelling participant's statement: the daily allowance of the host
    country for the days of `travel` (None, or cancelled: not yet), and the refund of the
    approved `receipts`. Raises NotComputable when a rate is missing."""
    if travel is not None and travel.state == "cancelled":
        travel = None
    country = host_country(event)
    lines = []
    if event.modality == Modality.ONLINE:
        lines.append(_note("No daily allowance: the event is held online."))
    elif travel is None:
        lines.append(_note("Daily allowance: computed once the travel is recorded."))
    else:
        share = participant_day_share(event, travel, rates)
        lines.extend(allowance_lines(event, travel, rates, country, share))
    lines.extend(refund_lines(receipts))
    return Computation(lines)


def compute_host_statement(event, rates, approved_on=None) -> Computation:
    """The host fee of a study visit: the daily host fee for each working day of the event (of
    the approval date's rules where `fee_rule_paying` says so)."""
    lines = []
    earlier = set()
    for day in event_days(event):
        rule = _rule_on(rates, day)
        paying = fee_rule_paying(rates, rule, approved_on)
        if paying is not rule:
            earlier.add(paying)
        lines.append(
            Line(
                kind="host_fee",
                label=f"Host fee, {day_label(day)} (event day)",
                quantity=Decimal(1),
                rate=paying.host_daily_fee,
                amount=money(paying.host_daily_fee),
                is_demo=rule.is_demo or paying.is_demo,
            )
        )
    note = _approval_note(earlier, approved_on, "host_daily_fee")
    return Computation([*lines, note] if note else lines)


def period_of(event, travels, approved_on=None):
    """The first and last day any rate of the event's statements may be needed (from the
    approval date when it is earlier: its fee may be paid)."""
    days = event_days(event)
    first, last = days[0], days[-1]
    if approved_on is not None:
        first = min(first, approved_on)
    for travel in travels:
        if travel is not None:
            first, last = min(first, travel.outbound_date), max(last, travel.return_date)
    return first, last

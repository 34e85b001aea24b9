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

from django.utils.translation import gettext

from taiex.reference.enums import Modality

from . import line_texts
from .line_texts import local_day

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
    # The label's key and values (`line_texts`), to show it in the reader's language.
    text: dict | None = None

    def as_json(self):
        return {
            "kind": self.kind,
            "label": self.label,
            "quantity": str(self.quantity),
            "rate": str(self.rate),
            "amount": str(self.amount),
            "is_demo": self.is_demo,
            **({"text": self.text} if self.text else {}),
        }


def same_lines(these, those):
    """Whether two statements' stored lines say the same, their texts aside (lines computed
    before the texts were kept have only the English label)."""

    def said(lines):
        return [{key: value for key, value in line.items() if key != "text"} for line in lines]

    return said(these) == said(those)


def labelled(value):
    """The fields `label` (English) and `text` of a line of `value` (`line_texts.text`)."""
    return {"label": line_texts.english(value), "text": value}


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


def days_between(first: date, last: date):
    return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]


def event_days(event):
    if event.start_date is None or event.end_date is None:
        raise NotComputable(gettext("The event has no dates yet."))
    return days_between(event.start_date, event.end_date)


def host_country(event):
    """Where the allowance is paid: the venue's country, else the beneficiary."""
    return event.venue_country or event.beneficiary


def _rule_on(rates, day):
    rule = rates.fee_rule_on(day)
    if rule is None:
        raise NotComputable(gettext("No fee rules are valid on %(day)s.") % {"day": local_day(day)})
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
            gettext("No fee rules are valid on %(approved_on)s, the day the activity was approved.")
            % {"approved_on": local_day(approved_on)}
        )
    return earlier


def _fee_line(rule, quantity, value, paying):
    """A fee line of a day of `rule`, at the daily fee of `paying` (the same rule, or the rule of
    the approval date: `fee_rule_paying`)."""
    quantity = Decimal(quantity)
    return Line(
        kind="fee",
        **labelled(value),
        quantity=quantity,
        rate=paying.daily_fee,
        amount=money(paying.daily_fee * quantity),
        is_demo=rule.is_demo or paying.is_demo,
    )


def _outbound_reason(rule, departure):
    """How much an outbound travel day counts, and why: (quantity, text)."""
    time = f"{departure:%H:%M}"
    if departure > rule.no_day_departure_after:
        limit = f"{rule.no_day_departure_after:%H:%M}"
        return 0, line_texts.text("outbound_none", time=time, limit=limit)
    if departure > rule.half_day_departure_after:
        limit = f"{rule.half_day_departure_after:%H:%M}"
        return "0.5", line_texts.text("outbound_half", time=time, limit=limit)
    return 1, line_texts.text("outbound_full", time=time)


def _return_reason(rule, arrival):
    """How much a return travel day counts, and why: (quantity, text)."""
    time = f"{arrival:%H:%M}"
    if arrival < rule.no_day_return_before:
        limit = f"{rule.no_day_return_before:%H:%M}"
        return 0, line_texts.text("return_none", time=time, limit=limit)
    if arrival < rule.half_day_return_before:
        limit = f"{rule.half_day_return_before:%H:%M}"
        return "0.5", line_texts.text("return_half", time=time, limit=limit)
    return 1, line_texts.text("return_full", time=time)


def _outbound_day_line(rule, on, departure, paying):
    quantity, reason = _outbound_reason(rule, departure)
    return _fee_line(
        rule, quantity, line_texts.text("travel_day", day=line_texts.day(on), reason=reason), paying
    )


def _return_day_line(rule, on, arrival, paying):
    quantity, reason = _return_reason(rule, arrival)
    return _fee_line(
        rule, quantity, line_texts.text("travel_day", day=line_texts.day(on), reason=reason), paying
    )


def _approval_note(paying_rules, approved_on, field):
    """A note when an earlier rule's fee is paid because of the approval date (else None). The
    rules paid instead are all the rule of the approval date: one amount."""
    if not paying_rules:
        return None
    fee = getattr(next(iter(paying_rules)), field)
    key = "approval_daily_fee" if field == "daily_fee" else "approval_host_fee"
    return _note(
        line_texts.text(key, amount=line_texts.amount(fee), day=line_texts.day(approved_on))
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
    for on in days:
        rule = _rule_on(rates, on)
        lines.append(
            _fee_line(rule, 1, line_texts.text("fee_day", day=line_texts.day(on)), paying_on(rule))
        )
    if travel is not None and travel.outbound_date < event.start_date:
        on = travel.outbound_date
        rule = _rule_on(rates, on)
        lines.insert(0, _outbound_day_line(rule, on, travel.outbound_departure, paying_on(rule)))
    if travel is not None and travel.return_date > event.end_date:
        on = travel.return_date
        rule = _rule_on(rates, on)
        lines.append(_return_day_line(rule, on, travel.return_arrival, paying_on(rule)))
    note = _approval_note(earlier, approved_on, "daily_fee")
    return [*lines, note] if note else lines


def _allocate(count, days):
    """The first `count` of `days` (provisions beyond the days of the stay are not counted)."""
    return days[: max(count, 0)]


def allowance_lines(event, travel, rates, country, day_share=None):
    """The daily allowance of `country` for each day away, minus what the programme provided.

    `day_share(day)` gives the share of a day's allowance paid and why (a `line_texts.text`),
    (Decimal, text), or None for a full day (every day when `day_share` is None); no deduction
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
    lines = []
    for day in stay:
        rate = rates.subsistence_rate_on(country.pk, day)
        if rate is None:
            raise NotComputable(
                gettext("No daily subsistence allowance of %(name)s is valid on %(day)s.")
                % {"name": country.name, "day": local_day(day)}
            )
        share = day_share(day) if day_share else None
        quantity, reason = share if share else (Decimal(1), None)
        where = {"day": line_texts.day(day), "country": line_texts.names(country)}
        if reason is None:
            value = line_texts.text("allowance", **where)
        else:
            value = line_texts.text("allowance_share", **where, reason=reason)
        lines.append(
            Line(
                kind="allowance",
                **labelled(value),
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
                    **labelled(
                        line_texts.text(
                            kind,
                            day=line_texts.day(day),
                            percent=line_texts.percent(percent),
                            amount=line_texts.amount(money(rate.daily_amount)),
                        )
                    ),
                    quantity=Decimal(1),
                    rate=-deduction,
                    amount=-deduction,
                    is_demo=rate.is_demo or rule.is_demo,
                )
            )
    return lines


def _note(value):
    return Line(kind="note", **labelled(value), quantity=Decimal(0), rate=CENT * 0, amount=CENT * 0)


def compute_expert_statement(event, expert, travel, rates, approved_on=None) -> Computation:
    """The lines of an expert's statement. `travel` may be None (not recorded yet, or an online
    event); a cancelled travel counts as none; `approved_on` is the day the activity was
    approved, if known. Raises NotComputable when a rate is missing."""
    if travel is not None and travel.state == "cancelled":
        travel = None
    if expert.is_eu_staff:
        return Computation([_note(line_texts.text("eu_staff", name=expert.user.full_name))])
    if expert.is_eu_body_official:
        first_day = event_days(event)[0]
        if not _rule_on(rates, first_day).pays_eu_body_officials:
            return Computation(
                [
                    _note(
                        line_texts.text(
                            "eu_body_official",
                            name=expert.user.full_name,
                            employer=expert.employer.name,
                            day=line_texts.day(first_day),
                        )
                    )
                ]
            )
    lines = fee_lines(event, travel, rates, approved_on)
    country = host_country(event)
    if event.modality == Modality.ONLINE:
        lines.append(_note(line_texts.text("online")))
    elif expert.member_state_id == country.pk:
        lines.append(_note(line_texts.text("own_country", country=line_texts.names(country))))
    elif travel is None:
        lines.append(_note(line_texts.text("no_travel")))
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
            quantity, reason = _outbound_reason(rule, travel.outbound_departure)
        elif day > event.end_date and day == travel.return_date:
            rule = _rule_on(rates, day)
            if not rule.participant_travel_days:
                return None
            quantity, reason = _return_reason(rule, travel.return_arrival)
        else:
            return None
        return Decimal(quantity), reason

    return share


def refund_lines(receipts):
    """One line per approved receipt (train or local transport), at the amount claimed."""
    return [
        Line(
            kind="refund",
            **labelled(
                line_texts.text(
                    f"{receipt.kind}_receipt_described"
                    if receipt.description
                    else f"{receipt.kind}_receipt",
                    number=str(receipt.pk),
                    **({"description": receipt.description} if receipt.description else {}),
                )
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
        lines.append(_note(line_texts.text("online")))
    elif travel is None:
        lines.append(_note(line_texts.text("no_travel")))
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
                **labelled(line_texts.text("host_fee_day", day=line_texts.day(day))),
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

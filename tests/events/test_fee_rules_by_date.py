"""The fee rules by the date they fall on, at the boundary of the shipped rows (issue 15): the
travel-day rules before 8 March 2017 are their own dated row (1 January 1996 - 7 March 2017, the
same times as the later row: no source gives other ones, docs/decisions.md), and weekend days
follow the rule of their period. The day before (7 March 2017) and the day of the change
(8 March 2017), each as a travel day out and back; a weekend inside the event and a weekend
between a travel day and the event, before and after the change."""

from datetime import date, time
from decimal import Decimal

import pytest

from taiex.events.services.fee_computation import compute_expert_statement
from taiex.reference.models import Country, FeeRule
from taiex.reference.rates import rate_table_for
from tests.factories import EventFactory
from tests.factories.money import SubsistenceRateFactory, TravelFactory

pytestmark = pytest.mark.django_db

D = Decimal
DAY_BEFORE, DAY_OF = date(2017, 3, 7), date(2017, 3, 8)


@pytest.fixture(autouse=True)
def rate():
    return SubsistenceRateFactory(daily_amount=D("100.00"))


def fees(start, end, out, back):
    """The fee lines of an expert of a Belgrade workshop from `start` to `end` (no approved
    request: paid by the day), travelling out on `out` and back on `back` ((date, time))."""
    event = EventFactory(
        start_date=start,
        end_date=end,
        state="confirmed",
        beneficiary=Country.objects.get(code="RS"),
    )
    travel = TravelFactory(
        event_expert__event=event,
        outbound_date=out[0],
        outbound_departure=out[1],
        return_date=back[0],
        return_arrival=back[1],
    )
    rates = rate_table_for(out[0], back[0], [event.beneficiary.pk])
    computation = compute_expert_statement(event, travel.event_expert.expert, travel, rates)
    return [(line.label, line.amount) for line in computation.lines if line.kind == "fee"]


def test_the_day_before_and_the_day_of_the_change_each_have_their_own_dated_row():
    before = FeeRule.objects.valid_on(DAY_BEFORE).get()
    after = FeeRule.objects.valid_on(DAY_OF).get()

    times = ["half_day_departure_after", "no_day_departure_after"]
    times += ["half_day_return_before", "no_day_return_before"]
    assert (before.valid_from, before.valid_to, before.daily_fee) == (
        date(1996, 1, 1),
        DAY_BEFORE,
        D("250.00"),
    )
    assert (after.valid_from, after.valid_to, after.daily_fee) == (DAY_OF, None, D("350.00"))
    assert [getattr(before, name) for name in times] == [
        time(14, 0),
        time(18, 30),
        time(12, 0),
        time(9, 0),
    ]
    assert [getattr(before, name) for name in times] == [getattr(after, name) for name in times]
    assert (before.participant_travel_days, after.participant_travel_days) == (None, None)


def test_a_return_half_day_on_7_march_2017_is_half_of_the_earlier_rule():
    assert fees(
        date(2017, 3, 6),
        date(2017, 3, 6),
        (date(2017, 3, 6), time(7, 0)),
        (DAY_BEFORE, time(11, 0)),
    ) == [
        ("Fee, 6 Mar 2017 (event day)", D("250.00")),
        ("Travel day 7 Mar 2017, return flight lands 11:00 before 12:00: half day", D("125.00")),
    ]


def test_a_return_half_day_on_8_march_2017_is_half_of_the_later_rule():
    assert fees(DAY_BEFORE, DAY_BEFORE, (DAY_BEFORE, time(7, 0)), (DAY_OF, time(11, 0))) == [
        ("Fee, 7 Mar 2017 (event day)", D("250.00")),
        ("Travel day 8 Mar 2017, return flight lands 11:00 before 12:00: half day", D("175.00")),
    ]


def test_an_outbound_day_on_7_march_2017_follows_the_earlier_rule_and_on_8_march_the_later():
    assert fees(DAY_OF, DAY_OF, (DAY_BEFORE, time(15, 0)), (DAY_OF, time(22, 0))) == [
        ("Travel day 7 Mar 2017, outbound flight 15:00 after 14:00: half day", D("125.00")),
        ("Fee, 8 Mar 2017 (event day)", D("350.00")),
    ]
    assert fees(
        date(2017, 3, 9), date(2017, 3, 9), (DAY_OF, time(19, 0)), (date(2017, 3, 9), time(22, 0))
    ) == [
        ("Travel day 8 Mar 2017, outbound flight 19:00 after 18:30: not counted", D("0.00")),
        ("Fee, 9 Mar 2017 (event day)", D("350.00")),
    ]


@pytest.mark.parametrize(
    ("saturday", "fee"),
    [(date(2017, 3, 4), D("250.00")), (date(2017, 3, 11), D("350.00"))],
)
def test_weekend_event_days_follow_the_rule_of_their_period(saturday, fee):
    sunday = date(saturday.year, saturday.month, saturday.day + 1)

    lines = fees(saturday, sunday, (saturday, time(7, 0)), (sunday, time(22, 0)))

    assert lines == [
        (f"Fee, {saturday.day} Mar 2017 (event day)", fee),
        (f"Fee, {sunday.day} Mar 2017 (event day)", fee),
    ]


@pytest.mark.parametrize(
    ("saturday", "fee"),
    [(date(2017, 3, 4), D("250.00")), (date(2017, 3, 11), D("350.00"))],
)
def test_a_weekend_between_the_travel_day_and_the_event_is_not_paid_in_either_period(saturday, fee):
    monday = date(saturday.year, saturday.month, saturday.day + 2)
    tuesday = date(saturday.year, saturday.month, saturday.day + 3)

    lines = fees(monday, monday, (saturday, time(10, 0)), (tuesday, time(15, 0)))

    assert lines == [
        (f"Travel day {saturday.day} Mar 2017, outbound flight 10:00: full day", fee),
        (f"Fee, {monday.day} Mar 2017 (event day)", fee),
        (f"Travel day {tuesday.day} Mar 2017, return flight lands 15:00: full day", fee),
    ]

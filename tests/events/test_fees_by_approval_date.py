"""The daily fee by the activity's approval date (DOMAIN.md: 350 EUR since 8 March 2017, 250 EUR
before; the Commission's change applies to activities approved from that day), with the travel-day
rules of the day worked, on the shipped rules."""

from datetime import date, datetime, time
from decimal import Decimal

import pytest
from django.utils import timezone

from taiex.events.models import FeeStatement
from taiex.events.services.fee_computation import (
    compute_expert_statement,
    compute_host_statement,
)
from taiex.events.services.fees import approval_date_of, refresh_statements
from taiex.reference.models import Country, FeeRule
from taiex.reference.rates import rate_table_for
from tests.factories import ApplicationFactory, EventFactory, InstitutionFactory
from tests.factories.money import SubsistenceRateFactory, TravelFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def rate():
    return SubsistenceRateFactory(daily_amount=Decimal("100.00"))


def april_2017_workshop(**fields):
    """A workshop in Belgrade on Thursday and Friday 13-14 April 2017, after the change."""
    return EventFactory(
        start_date=date(2017, 4, 13),
        end_date=date(2017, 4, 14),
        state="confirmed",
        beneficiary=Country.objects.get(code="RS"),
        **fields,
    )


def travel_to(event):
    """Out the day before at 15:30 (half day), back the day after landing at 17:00 (full)."""
    return TravelFactory(
        event_expert__event=event,
        outbound_date=date(2017, 4, 12),
        outbound_departure=time(15, 30),
        return_date=date(2017, 4, 15),
        return_arrival=time(17, 0),
    )


def fees_of(event, travel, approved_on):
    first = min(travel.outbound_date, approved_on or travel.outbound_date)
    rates = rate_table_for(first, travel.return_date, [event.beneficiary.pk])
    computation = compute_expert_statement(
        event, travel.event_expert.expert, travel, rates, approved_on
    )
    return [
        (line.label, line.amount)
        for line in computation.lines
        if line.kind in ("fee", "note") and "allowance" not in line.label
    ]


def test_the_shipped_rules_say_which_fee_follows_the_approval_date():
    rules = list(FeeRule.objects.order_by("valid_from").values_list(
        "valid_from", "valid_to", "daily_fee", "fee_by_approval_date"
    ))  # fmt: skip

    assert rules == [
        (date(1996, 1, 1), date(2017, 3, 7), Decimal("250.00"), False),
        (date(2017, 3, 8), None, Decimal("350.00"), True),
    ]


def test_an_activity_approved_before_8_march_2017_keeps_the_fee_of_250(rate):
    event = april_2017_workshop()
    travel = travel_to(event)

    assert fees_of(event, travel, date(2017, 3, 7)) == [
        ("Travel day 12 Apr 2017, outbound flight 15:30 after 14:00: half day", Decimal("125.00")),
        ("Fee, 13 Apr 2017 (event day)", Decimal("250.00")),
        ("Fee, 14 Apr 2017 (event day)", Decimal("250.00")),
        ("Travel day 15 Apr 2017, return flight lands 17:00: full day", Decimal("250.00")),
        (
            "Daily fee of 250.00 EUR: the activity was approved on 7 Mar 2017, before the fee "
            "rules that followed.",
            Decimal("0.00"),
        ),
    ]


@pytest.mark.parametrize("approved_on", [date(2017, 3, 8), date(2017, 4, 1), None])
def test_an_activity_approved_from_8_march_2017_or_of_unknown_approval_gets_350(rate, approved_on):
    event = april_2017_workshop()
    travel = travel_to(event)

    assert fees_of(event, travel, approved_on) == [
        ("Travel day 12 Apr 2017, outbound flight 15:30 after 14:00: half day", Decimal("175.00")),
        ("Fee, 13 Apr 2017 (event day)", Decimal("350.00")),
        ("Fee, 14 Apr 2017 (event day)", Decimal("350.00")),
        ("Travel day 15 Apr 2017, return flight lands 17:00: full day", Decimal("350.00")),
    ]


def test_an_event_held_before_the_change_is_paid_250_whatever_its_approval(rate):
    event = EventFactory(
        start_date=date(2016, 11, 10),
        end_date=date(2016, 11, 10),
        state="confirmed",
        beneficiary=Country.objects.get(code="RS"),
    )
    travel = TravelFactory(
        event_expert__event=event,
        outbound_date=date(2016, 11, 10),
        outbound_departure=time(7, 0),
        return_date=date(2016, 11, 10),
        return_arrival=time(22, 0),
    )

    assert fees_of(event, travel, date(2016, 6, 1)) == [
        ("Fee, 10 Nov 2016 (event day)", Decimal("250.00"))
    ]


def test_the_host_fee_follows_the_approval_date_too():
    event = april_2017_workshop(event_type="study_visit", host_institution=InstitutionFactory())
    rates = rate_table_for(date(2017, 2, 1), date(2017, 4, 14))

    computation = compute_host_statement(event, rates, date(2017, 2, 1))

    assert [(line.label, line.amount) for line in computation.lines] == [
        ("Host fee, 13 Apr 2017 (event day)", Decimal("250.00")),
        ("Host fee, 14 Apr 2017 (event day)", Decimal("250.00")),
        (
            "Host fee of 250.00 EUR: the activity was approved on 1 Feb 2017, before the fee "
            "rules that followed.",
            Decimal("0.00"),
        ),
    ]
    assert computation.total == Decimal("500.00")


def test_the_statement_service_takes_the_approval_date_from_the_request(rate, case_handler):
    decided = timezone.make_aware(datetime(2017, 2, 20, 11, 0))
    event = april_2017_workshop(application=ApplicationFactory(decided_at=decided))
    travel = travel_to(event)

    refresh_statements(event, actor=case_handler)

    statement = FeeStatement.objects.get(event_expert=travel.event_expert)
    assert approval_date_of(event) == date(2017, 2, 20)
    assert statement.fee_total == Decimal("875.00")  # 125 + 250 + 250 + 250
    assert (
        "Daily fee of 250.00 EUR: the activity was approved on 20 Feb 2017, before the fee rules "
        "that followed."
    ) in [line["label"] for line in statement.lines]

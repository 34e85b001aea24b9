"""The fee computation on the cases of DOMAIN.md, with exact amounts in EUR."""

from datetime import date, time
from decimal import Decimal

import pytest

from taiex.events.services.fee_computation import (
    NotComputable,
    compute_expert_statement,
    compute_host_statement,
)
from taiex.reference.models import Country
from taiex.reference.rates import rate_table_for
from tests.factories import EventFactory, ExpertFactory, InstitutionFactory
from tests.factories.money import SubsistenceRateFactory, TravelFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def serbia():
    return Country.objects.get(code="RS")


@pytest.fixture
def rate(serbia):
    return SubsistenceRateFactory(country=serbia, daily_amount=Decimal("100.00"))


def workshop(start=date(2019, 11, 13), end=date(2019, 11, 14), **fields):
    return EventFactory(start_date=start, end_date=end, state="confirmed", **fields)


def compute(event, travel, expert=None):
    expert = expert or travel.event_expert.expert
    rates = rate_table_for(
        min(event.start_date, travel.outbound_date),
        max(event.end_date, travel.return_date),
        [(event.venue_country or event.beneficiary).pk],
    )
    return compute_expert_statement(event, expert, travel, rates)


def summary(computation):
    return [(line.label, line.amount) for line in computation.lines]


def fee_lines(computation):
    return [(line.label, line.amount) for line in computation.lines if line.kind == "fee"]


def test_full_travel_days_event_days_and_allowance(rate):
    event = workshop()
    travel = TravelFactory(
        event_expert__event=event,
        outbound_date=date(2019, 11, 12),
        outbound_departure=time(10, 5),
        return_date=date(2019, 11, 15),
        return_arrival=time(15, 0),
    )

    computation = compute(event, travel)

    assert summary(computation) == [
        ("Travel day 12 Nov 2019, outbound flight 10:05: full day", Decimal("350.00")),
        ("Fee, 13 Nov 2019 (event day)", Decimal("350.00")),
        ("Fee, 14 Nov 2019 (event day)", Decimal("350.00")),
        ("Travel day 15 Nov 2019, return flight lands 15:00: full day", Decimal("350.00")),
        ("Daily allowance, 12 Nov 2019 (Serbia)", Decimal("100.00")),
        ("Daily allowance, 13 Nov 2019 (Serbia)", Decimal("100.00")),
        ("Daily allowance, 14 Nov 2019 (Serbia)", Decimal("100.00")),
        ("Daily allowance, 15 Nov 2019 (Serbia)", Decimal("100.00")),
    ]
    assert (computation.fee_total, computation.allowance_total, computation.total) == (
        Decimal("1400.00"),
        Decimal("400.00"),
        Decimal("1800.00"),
    )


@pytest.mark.parametrize(
    ("departure", "label", "amount"),
    [
        (time(14, 0), "Travel day 12 Nov 2019, outbound flight 14:00: full day", "350.00"),
        (
            time(15, 20),
            "Travel day 12 Nov 2019, outbound flight 15:20 after 14:00: half day",
            "175.00",
        ),
        (
            time(18, 30),
            "Travel day 12 Nov 2019, outbound flight 18:30 after 14:00: half day",
            "175.00",
        ),
        (
            time(19, 5),
            "Travel day 12 Nov 2019, outbound flight 19:05 after 18:30: not counted",
            "0.00",
        ),
    ],
)
def test_outbound_day_by_departure_time(rate, departure, label, amount):
    event = workshop()
    travel = TravelFactory(
        event_expert__event=event,
        outbound_date=date(2019, 11, 12),
        outbound_departure=departure,
        return_date=date(2019, 11, 14),
        return_arrival=time(20, 0),
    )

    assert fee_lines(compute(event, travel))[0] == (label, Decimal(amount))


@pytest.mark.parametrize(
    ("arrival", "label", "amount"),
    [
        (time(12, 0), "Travel day 15 Nov 2019, return flight lands 12:00: full day", "350.00"),
        (
            time(11, 15),
            "Travel day 15 Nov 2019, return flight lands 11:15 before 12:00: half day",
            "175.00",
        ),
        (
            time(9, 0),
            "Travel day 15 Nov 2019, return flight lands 09:00 before 12:00: half day",
            "175.00",
        ),
        (
            time(8, 30),
            "Travel day 15 Nov 2019, return flight lands 08:30 before 09:00: not counted",
            "0.00",
        ),
    ],
)
def test_return_day_by_arrival_time(rate, arrival, label, amount):
    event = workshop()
    travel = TravelFactory(
        event_expert__event=event,
        outbound_date=date(2019, 11, 13),
        outbound_departure=time(6, 0),
        return_date=date(2019, 11, 15),
        return_arrival=arrival,
    )

    assert fee_lines(compute(event, travel))[-1] == (label, Decimal(amount))


def test_travel_day_that_is_an_event_day_is_an_event_day(rate):
    event = workshop()
    travel = TravelFactory(
        event_expert__event=event,
        outbound_date=date(2019, 11, 13),
        outbound_departure=time(19, 0),
        return_date=date(2019, 11, 14),
        return_arrival=time(8, 0),
    )

    assert fee_lines(compute(event, travel)) == [
        ("Fee, 13 Nov 2019 (event day)", Decimal("350.00")),
        ("Fee, 14 Nov 2019 (event day)", Decimal("350.00")),
    ]


def test_event_in_the_experts_own_country_gives_no_allowance(serbia, rate):
    event = workshop()
    expert = ExpertFactory(member_state=serbia)
    travel = TravelFactory(event_expert__event=event, event_expert__expert=expert)

    computation = compute(event, travel)

    assert computation.lines[-1].label == (
        "No daily allowance: the event takes place in the expert's own country (Serbia)."
    )
    assert (computation.fee_total, computation.allowance_total) == (
        Decimal("1400.00"),
        Decimal("0.00"),
    )


def test_venue_country_decides_the_allowance(rate):
    slovenia = Country.objects.get(code="SI")
    belgium = Country.objects.get(code="BE")
    SubsistenceRateFactory(country=belgium, daily_amount=Decimal("150.00"))
    event = workshop(venue_country=belgium)
    travel = TravelFactory(event_expert__event=event, event_expert__expert__member_state=slovenia)

    computation = compute(event, travel)

    assert computation.allowance_total == Decimal("600.00")
    assert computation.lines[-1].label == "Daily allowance, 15 Nov 2019 (Belgium)"


def test_hotel_nights_provided_are_deducted(rate):
    event = workshop()
    travel = TravelFactory(event_expert__event=event, hotel_nights=3)

    computation = compute(event, travel)

    deductions = [
        (line.label, line.amount) for line in computation.lines if line.kind == "deduction"
    ]
    assert deductions == [
        ("Hotel night of 12 Nov 2019 provided: 50% of 100.00", Decimal("-50.00")),
        ("Hotel night of 13 Nov 2019 provided: 50% of 100.00", Decimal("-50.00")),
        ("Hotel night of 14 Nov 2019 provided: 50% of 100.00", Decimal("-50.00")),
    ]
    assert computation.allowance_total == Decimal("250.00")


def test_meals_provided_are_deducted(rate):
    event = workshop()
    travel = TravelFactory(
        event_expert__event=event, breakfasts_provided=1, lunches_provided=2, dinners_provided=1
    )

    computation = compute(event, travel)

    deductions = [
        (line.label, line.amount) for line in computation.lines if line.kind == "deduction"
    ]
    assert deductions == [
        ("Breakfast of 13 Nov 2019 provided: 10% of 100.00", Decimal("-10.00")),
        ("Lunch of 13 Nov 2019 provided: 15% of 100.00", Decimal("-15.00")),
        ("Dinner of 13 Nov 2019 provided: 15% of 100.00", Decimal("-15.00")),
        ("Lunch of 14 Nov 2019 provided: 15% of 100.00", Decimal("-15.00")),
    ]
    assert computation.allowance_total == Decimal("345.00")


def test_eu_staff_receive_nothing(rate):
    event = workshop()
    travel = TravelFactory(event_expert__event=event, event_expert__expert__is_eu_staff=True)

    computation = compute(event, travel)

    name = travel.event_expert.expert.user.full_name
    assert summary(computation) == [
        (f"No fee and no daily allowance: {name} is staff of an EU institution.", Decimal("0.00"))
    ]
    assert computation.total == Decimal("0.00")


def test_daily_fee_changes_on_8_march_2017_by_date(serbia):
    SubsistenceRateFactory(country=serbia)
    event = workshop(start=date(2017, 3, 7), end=date(2017, 3, 8))
    travel = TravelFactory(
        event_expert__event=event,
        outbound_date=date(2017, 3, 6),
        outbound_departure=time(15, 0),
        return_date=date(2017, 3, 9),
        return_arrival=time(10, 0),
    )

    assert fee_lines(compute(event, travel)) == [
        ("Travel day 6 Mar 2017, outbound flight 15:00 after 14:00: half day", Decimal("125.00")),
        ("Fee, 7 Mar 2017 (event day)", Decimal("250.00")),
        ("Fee, 8 Mar 2017 (event day)", Decimal("350.00")),
        (
            "Travel day 9 Mar 2017, return flight lands 10:00 before 12:00: half day",
            Decimal("175.00"),
        ),
    ]


def test_subsistence_rate_change_in_the_middle_of_the_year_applies_by_date(serbia):
    SubsistenceRateFactory(
        country=serbia, daily_amount=Decimal("85.00"), valid_to=date(2019, 6, 30)
    )
    SubsistenceRateFactory(
        country=serbia, daily_amount=Decimal("95.00"), valid_from=date(2019, 7, 1)
    )
    event = workshop(start=date(2019, 6, 30), end=date(2019, 7, 1))
    travel = TravelFactory(
        event_expert__event=event,
        outbound_date=date(2019, 6, 30),
        return_date=date(2019, 7, 1),
        hotel_nights=1,
    )

    computation = compute(event, travel)

    assert [(line.label, line.amount) for line in computation.lines if line.kind != "fee"] == [
        ("Daily allowance, 30 Jun 2019 (Serbia)", Decimal("85.00")),
        ("Hotel night of 30 Jun 2019 provided: 50% of 85.00", Decimal("-42.50")),
        ("Daily allowance, 1 Jul 2019 (Serbia)", Decimal("95.00")),
    ]
    assert computation.allowance_total == Decimal("137.50")


def test_missing_rate_names_the_country_and_the_date():
    event = workshop()
    travel = TravelFactory(event_expert__event=event)

    with pytest.raises(NotComputable) as error:
        compute(event, travel)

    assert str(error.value) == "No daily subsistence allowance of Serbia is valid on 12 Nov 2019."


def test_online_event_pays_the_event_days_without_allowance():
    event = workshop(modality="online")
    expert = ExpertFactory()
    rates = rate_table_for(event.start_date, event.end_date, [event.beneficiary_id])

    computation = compute_expert_statement(event, expert, None, rates)

    assert summary(computation) == [
        ("Fee, 13 Nov 2019 (event day)", Decimal("350.00")),
        ("Fee, 14 Nov 2019 (event day)", Decimal("350.00")),
        ("No daily allowance: the event is held online.", Decimal("0.00")),
    ]


def test_study_visit_host_fee_for_each_working_day():
    host = InstitutionFactory(country=Country.objects.get(code="SI"))
    event = workshop(
        start=date(2017, 3, 7), end=date(2017, 3, 9), event_type="study_visit",
        host_institution=host,
    )  # fmt: skip
    rates = rate_table_for(event.start_date, event.end_date)

    computation = compute_host_statement(event, rates)

    assert summary(computation) == [
        ("Host fee, 7 Mar 2017 (event day)", Decimal("250.00")),
        ("Host fee, 8 Mar 2017 (event day)", Decimal("350.00")),
        ("Host fee, 9 Mar 2017 (event day)", Decimal("350.00")),
    ]
    assert computation.fee_total == Decimal("950.00")

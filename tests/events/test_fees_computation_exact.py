"""The fee computation line by line as a statement stores it (kind, label, quantity, rate, amount,
demo flag), rounding to the cent half up, the rule that pays each travel day, and the period of
rates a statement needs. Written to pin the module (`make mutation`, docs/decisions.md)."""

from datetime import date, time
from decimal import Decimal

import pytest

from taiex.events.models import Travel, TravelReceipt
from taiex.events.services.fee_computation import (
    NotComputable,
    compute_expert_statement,
    compute_host_statement,
    compute_participant_statement,
    money,
    period_of,
)
from taiex.experts.models import EU_BODY_KIND
from taiex.reference.models import Country, FeeRule, InstitutionKind
from taiex.reference.rates import rate_table_for
from tests.factories import EventFactory, ExpertFactory, InstitutionFactory
from tests.factories.money import SubsistenceRateFactory, TravelFactory

pytestmark = pytest.mark.django_db

SHIPPED_2017_RULE = date(2017, 3, 8)


@pytest.fixture(autouse=True)
def published_rules():
    """The shipped rules are flagged as demonstration figures (their deduction percentages are
    not published); here they count as published, so that each test sets the flags it checks."""
    FeeRule.objects.update(is_demo=False)


def line(kind, label, quantity, rate, amount, is_demo=False):
    return {
        "kind": kind,
        "label": label,
        "quantity": quantity,
        "rate": rate,
        "amount": amount,
        "is_demo": is_demo,
    }


def stored(computation):
    """The lines as stored, less the key and values of each label's text (`line_texts`, pinned
    by tests/events/test_french_money.py): the label is the English of that text."""
    return [
        {name: value for name, value in entry.items() if name != "text"}
        for entry in computation.lines_as_json()
    ]


def statement_of(event, travel, approved_on=None):
    first = min(event.start_date, travel.outbound_date, approved_on or event.start_date)
    rates = rate_table_for(first, max(event.end_date, travel.return_date), [event.beneficiary.pk])
    return compute_expert_statement(event, travel.event_expert.expert, travel, rates, approved_on)


def serbian_workshop(start, end, **fields):
    return EventFactory(
        start_date=start,
        end_date=end,
        state="confirmed",
        beneficiary=Country.objects.get(code="RS"),
        **fields,
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [("15.045", "15.05"), ("15.044", "15.04"), ("0.005", "0.01"), ("-0.005", "-0.01")],
)
def test_money_rounds_half_a_cent_up_away_from_zero(value, expected):
    assert money(Decimal(value)) == Decimal(expected)


def test_every_line_of_a_statement_as_it_is_stored():
    """Half travel days at both ends, a hotel night and three lunches on a demonstration rate of
    100.30 EUR: 15% of it is 15.045, paid as 15.05 (half a cent rounds up)."""
    SubsistenceRateFactory(daily_amount=Decimal("100.30"), is_demo=True)
    event = serbian_workshop(date(2019, 11, 13), date(2019, 11, 14))
    travel = TravelFactory(
        event_expert__event=event,
        outbound_date=date(2019, 11, 12),
        outbound_departure=time(15, 0),
        return_date=date(2019, 11, 15),
        return_arrival=time(10, 0),
        hotel_nights=1,
        lunches_provided=3,
    )

    computation = statement_of(event, travel)

    lunch = "Lunch of {} provided: 15% of 100.30"
    assert stored(computation) == [
        line(
            "fee",
            "Travel day 12 Nov 2019, outbound flight 15:00 after 14:00: half day",
            "0.5",
            "350.00",
            "175.00",
        ),
        line("fee", "Fee, 13 Nov 2019 (event day)", "1", "350.00", "350.00"),
        line("fee", "Fee, 14 Nov 2019 (event day)", "1", "350.00", "350.00"),
        line(
            "fee",
            "Travel day 15 Nov 2019, return flight lands 10:00 before 12:00: half day",
            "0.5",
            "350.00",
            "175.00",
        ),
        line("allowance", "Daily allowance, 12 Nov 2019 (Serbia)", "1", "100.30", "100.30", True),
        line(
            "deduction",
            "Hotel night of 12 Nov 2019 provided: 50% of 100.30",
            "1",
            "-50.15",
            "-50.15",
            True,
        ),
        # Lunches go to the event days first, then to the other days of the stay in order.
        line("deduction", lunch.format("12 Nov 2019"), "1", "-15.05", "-15.05", True),
        line("allowance", "Daily allowance, 13 Nov 2019 (Serbia)", "1", "100.30", "100.30", True),
        line("deduction", lunch.format("13 Nov 2019"), "1", "-15.05", "-15.05", True),
        line("allowance", "Daily allowance, 14 Nov 2019 (Serbia)", "1", "100.30", "100.30", True),
        line("deduction", lunch.format("14 Nov 2019"), "1", "-15.05", "-15.05", True),
        line("allowance", "Daily allowance, 15 Nov 2019 (Serbia)", "1", "100.30", "100.30", True),
    ]
    assert (computation.fee_total, computation.allowance_total, computation.total) == (
        Decimal("1050.00"),
        Decimal("305.90"),  # 4 x 100.30 - 50.15 - 3 x 15.05
        Decimal("1355.90"),
    )


def test_a_note_is_stored_with_nothing_to_pay():
    event = serbian_workshop(date(2019, 11, 13), date(2019, 11, 13), modality="online")
    travel = TravelFactory(event_expert__event=event, state="cancelled")

    computation = statement_of(event, travel)

    assert stored(computation) == [
        line("fee", "Fee, 13 Nov 2019 (event day)", "1", "350.00", "350.00"),
        line("note", "No daily allowance: the event is held online.", "0", "0.00", "0.00"),
    ]


OUT = "Travel day 12 Apr 2017, outbound flight "
BACK = "Travel day 14 Apr 2017, return flight lands "


@pytest.mark.parametrize(
    ("departure", "arrival", "outbound", "back"),
    [
        (
            time(10, 0),
            time(17, 0),
            (OUT + "10:00: full day", "1", "250.00"),
            (BACK + "17:00: full day", "1", "250.00"),
        ),
        (
            time(15, 0),
            time(11, 0),
            (OUT + "15:00 after 14:00: half day", "0.5", "125.00"),
            (BACK + "11:00 before 12:00: half day", "0.5", "125.00"),
        ),
        (
            time(19, 0),
            time(8, 0),
            (OUT + "19:00 after 18:30: not counted", "0", "0.00"),
            (BACK + "08:00 before 09:00: not counted", "0", "0.00"),
        ),
    ],
)
def test_travel_days_are_paid_at_the_fee_of_the_approval_date(departure, arrival, outbound, back):
    """Approved on 1 March 2017, held in April: every day, travel days included, at 250 EUR;
    the days not counted carry the rate of the rule that pays them too."""
    SubsistenceRateFactory()
    event = serbian_workshop(date(2017, 4, 13), date(2017, 4, 13))
    travel = TravelFactory(
        event_expert__event=event,
        outbound_date=date(2017, 4, 12),
        outbound_departure=departure,
        return_date=date(2017, 4, 14),
        return_arrival=arrival,
    )

    fees = [
        entry for entry in stored(statement_of(event, travel, date(2017, 3, 1)))
        if entry["kind"] == "fee"
    ]  # fmt: skip

    assert fees == [
        line("fee", outbound[0], outbound[1], "250.00", outbound[2]),
        line("fee", "Fee, 13 Apr 2017 (event day)", "1", "250.00", "250.00"),
        line("fee", back[0], back[1], "250.00", back[2]),
    ]


def test_a_day_is_demonstration_when_its_rule_or_the_paying_rule_is():
    """The 2017 rule marked as demonstration figures: the days it governs are flagged even when
    the 1996 rule (not demonstration) pays them by the approval date."""
    FeeRule.objects.filter(valid_from=SHIPPED_2017_RULE).update(is_demo=True)
    host = InstitutionFactory(country=Country.objects.get(code="SI"))
    event = serbian_workshop(
        date(2017, 4, 13), date(2017, 4, 13), event_type="study_visit", host_institution=host
    )
    rates = rate_table_for(date(2017, 3, 1), date(2017, 4, 13))

    approved_before = compute_host_statement(event, rates, date(2017, 3, 1))
    approved_after = compute_host_statement(event, rates, date(2017, 3, 9))

    assert stored(approved_before) == [
        line("host_fee", "Host fee, 13 Apr 2017 (event day)", "1", "250.00", "250.00", True),
        line(
            "note",
            "Host fee of 250.00 EUR: the activity was approved on 1 Mar 2017, before the fee "
            "rules that followed.",
            "0",
            "0.00",
            "0.00",
        ),
    ]
    assert stored(approved_after) == [
        line("host_fee", "Host fee, 13 Apr 2017 (event day)", "1", "350.00", "350.00", True)
    ]


def test_an_expert_fee_day_is_demonstration_when_its_rule_is():
    FeeRule.objects.filter(valid_from=SHIPPED_2017_RULE).update(is_demo=True)
    SubsistenceRateFactory()
    event = serbian_workshop(date(2017, 4, 13), date(2017, 4, 13))
    travel = TravelFactory(
        event_expert__event=event,
        outbound_date=date(2017, 4, 13),
        return_date=date(2017, 4, 13),
    )

    fees = [
        (entry["rate"], entry["is_demo"])
        for entry in stored(statement_of(event, travel, date(2017, 3, 1)))
        if entry["kind"] == "fee"
    ]

    assert fees == [("250.00", True)]


def test_period_of_a_statement_spans_the_event_its_travels_and_an_earlier_approval():
    event = serbian_workshop(date(2019, 11, 12), date(2019, 11, 14))
    before = TravelFactory(
        event_expert__event=event, outbound_date=date(2019, 11, 10), return_date=date(2019, 11, 13)
    )
    after = TravelFactory(
        event_expert__event=event, outbound_date=date(2019, 11, 12), return_date=date(2019, 11, 16)
    )

    assert period_of(event, []) == (date(2019, 11, 12), date(2019, 11, 14))
    assert period_of(event, [None]) == (date(2019, 11, 12), date(2019, 11, 14))
    assert period_of(event, [before, None, after]) == (date(2019, 11, 10), date(2019, 11, 16))
    assert period_of(event, [], approved_on=date(2019, 6, 1)) == (
        date(2019, 6, 1),
        date(2019, 11, 14),
    )
    assert period_of(event, [], approved_on=date(2019, 11, 13)) == (
        date(2019, 11, 12),
        date(2019, 11, 14),
    )


def test_a_day_without_fee_rules_cannot_be_computed_and_says_which():
    SubsistenceRateFactory(valid_from=date(1990, 1, 1))
    event = serbian_workshop(date(1995, 12, 30), date(1995, 12, 30))
    travel = TravelFactory(
        event_expert__event=event,
        outbound_date=date(1995, 12, 30),
        return_date=date(1995, 12, 30),
    )

    with pytest.raises(NotComputable) as error:
        statement_of(event, travel)

    assert str(error.value) == "No fee rules are valid on 30 Dec 1995."


def test_the_deductions_of_a_day_never_exceed_its_allowance():
    """Hotel 80% and lunch 30% of 100 EUR: the lunch takes the 20 EUR left, not 30."""
    FeeRule.objects.update(hotel_deduction_percent=80, lunch_deduction_percent=30)
    SubsistenceRateFactory()
    event = serbian_workshop(date(2019, 11, 13), date(2019, 11, 13))
    travel = TravelFactory(
        event_expert__event=event,
        outbound_date=date(2019, 11, 13),
        return_date=date(2019, 11, 13),
        hotel_nights=1,
        lunches_provided=1,
        breakfasts_provided=0,
    )

    computation = statement_of(event, travel)

    assert [(entry.label, entry.amount) for entry in computation.lines if entry.kind != "fee"] == [
        ("Daily allowance, 13 Nov 2019 (Serbia)", Decimal("100.00")),
        ("Hotel night of 13 Nov 2019 provided: 80% of 100.00", Decimal("-80.00")),
        ("Lunch of 13 Nov 2019 provided: 30% of 100.00", Decimal("-20.00")),
    ]
    assert computation.allowance_total == Decimal("0.00")


def test_the_allowance_waits_for_the_travel_to_be_recorded():
    event = serbian_workshop(date(2019, 11, 13), date(2019, 11, 13))
    rates = rate_table_for(event.start_date, event.end_date, [event.beneficiary.pk])

    computation = compute_expert_statement(event, ExpertFactory(), None, rates)

    assert stored(computation) == [
        line("fee", "Fee, 13 Nov 2019 (event day)", "1", "350.00", "350.00"),
        line("note", "Daily allowance: computed once the travel is recorded.", "0", "0.00", "0.00"),
    ]


def eu_body_official():
    kind = InstitutionKind.objects.get(code=EU_BODY_KIND)
    frontex = InstitutionFactory(name="Frontex", country=Country.objects.get(code="PL"), kind=kind)
    return ExpertFactory(employer=frontex, user__full_name="Ana Official")


def test_an_official_of_an_eu_body_is_paid_nothing_by_the_rules_of_the_first_day():
    event = serbian_workshop(date(2019, 11, 13), date(2019, 11, 14))
    rates = rate_table_for(event.start_date, event.end_date, [event.beneficiary.pk])

    computation = compute_expert_statement(event, eu_body_official(), None, rates)

    assert stored(computation) == [
        line(
            "note",
            "No fee and no daily allowance: Ana Official is an official of Frontex, an EU agency "
            "or institution (fee rules of 13 Nov 2019).",
            "0",
            "0.00",
            "0.00",
        )
    ]


def test_an_official_of_an_eu_body_is_paid_where_the_rules_of_the_first_day_say_so():
    """Rules paying them from 14 November: an event starting on the 13th pays nothing, one
    starting on the 14th pays the fee like any expert's."""
    FeeRule.objects.filter(valid_from=SHIPPED_2017_RULE).update(valid_to=date(2019, 11, 13))
    FeeRule.objects.create(
        **{
            **FeeRule.objects.filter(valid_from=SHIPPED_2017_RULE).values().get(),
            "id": None,
            "valid_from": date(2019, 11, 14),
            "valid_to": None,
            "pays_eu_body_officials": True,
        }
    )
    official = eu_body_official()
    starting_13 = serbian_workshop(date(2019, 11, 13), date(2019, 11, 14))
    starting_14 = serbian_workshop(date(2019, 11, 14), date(2019, 11, 14))
    rates = rate_table_for(date(2019, 11, 13), date(2019, 11, 14), [starting_13.beneficiary.pk])

    unpaid = compute_expert_statement(starting_13, official, None, rates)
    paid = compute_expert_statement(starting_14, official, None, rates)

    assert [entry.kind for entry in unpaid.lines] == ["note"]
    assert [(entry.label, entry.amount) for entry in paid.lines] == [
        ("Fee, 14 Nov 2019 (event day)", Decimal("350.00")),
        ("Daily allowance: computed once the travel is recorded.", Decimal("0.00")),
    ]


@pytest.mark.parametrize(
    "dates", [(None, None), (date(2019, 11, 13), None), (None, date(2019, 11, 13))]
)
def test_an_event_without_both_dates_cannot_be_computed(dates):
    host = InstitutionFactory(country=Country.objects.get(code="SI"))
    event = serbian_workshop(*dates, event_type="study_visit", host_institution=host)
    rates = rate_table_for(date(2019, 11, 1), date(2019, 11, 30))

    with pytest.raises(NotComputable) as error:
        compute_host_statement(event, rates)

    assert str(error.value) == "The event has no dates yet."


def a_receipt(pk, kind, amount, state="approved", description=""):
    return TravelReceipt(
        pk=pk, kind=kind, amount=Decimal(amount), state=state, description=description
    )


def test_a_travelling_participants_statement_line_by_line():
    """Travel days by the experts' times where the rules say so (full out, half back), the
    approved receipts refunded in the order they came, half a cent up."""
    FeeRule.objects.update(participant_travel_days=True)
    SubsistenceRateFactory()
    event = serbian_workshop(date(2019, 11, 13), date(2019, 11, 14))
    travel = Travel(
        outbound_date=date(2019, 11, 12),
        outbound_departure=time(10, 0),
        return_date=date(2019, 11, 15),
        return_arrival=time(11, 0),
        state="booked",
    )
    receipts = [
        a_receipt(7, "train", "12.345", description="Belgrade to Novi Sad"),
        a_receipt(5, "train", "99.00", state="refused"),
        a_receipt(6, "train", "20.00", state="submitted"),
        a_receipt(3, "local_transport", "2.50"),
    ]
    rates = rate_table_for(date(2019, 11, 12), date(2019, 11, 15), [event.beneficiary.pk])

    computation = compute_participant_statement(event, None, travel, receipts, rates)

    assert stored(computation) == [
        line(
            "allowance",
            "Daily allowance, 12 Nov 2019 (Serbia): outbound flight 10:00: full day",
            "1",
            "100.00",
            "100.00",
        ),
        line("allowance", "Daily allowance, 13 Nov 2019 (Serbia)", "1", "100.00", "100.00"),
        line("allowance", "Daily allowance, 14 Nov 2019 (Serbia)", "1", "100.00", "100.00"),
        line(
            "allowance",
            "Daily allowance, 15 Nov 2019 (Serbia): return flight lands 11:00 before 12:00: "
            "half day",
            "0.5",
            "100.00",
            "50.00",
        ),
        line("refund", "Local transport receipt no. 3", "1", "2.50", "2.50"),
        line("refund", "Train receipt no. 7: Belgrade to Novi Sad", "1", "12.35", "12.35"),
    ]
    assert (computation.fee_total, computation.allowance_total, computation.refund_total) == (
        Decimal("0.00"),
        Decimal("350.00"),
        Decimal("14.85"),
    )
    assert computation.total == Decimal("364.85")


def test_a_participants_travel_days_are_full_days_where_the_rules_do_not_say_otherwise():
    SubsistenceRateFactory()
    event = serbian_workshop(date(2019, 11, 13), date(2019, 11, 13))
    travel = Travel(
        outbound_date=date(2019, 11, 12),
        outbound_departure=time(19, 0),
        return_date=date(2019, 11, 14),
        return_arrival=time(8, 0),
        state="booked",
    )
    rates = rate_table_for(date(2019, 11, 12), date(2019, 11, 14), [event.beneficiary.pk])

    computation = compute_participant_statement(event, None, travel, [], rates)

    assert [(entry.label, entry.amount) for entry in computation.lines] == [
        ("Daily allowance, 12 Nov 2019 (Serbia)", Decimal("100.00")),
        ("Daily allowance, 13 Nov 2019 (Serbia)", Decimal("100.00")),
        ("Daily allowance, 14 Nov 2019 (Serbia)", Decimal("100.00")),
    ]


@pytest.mark.parametrize(
    ("modality", "travel_state", "note"),
    [
        ("online", "booked", "No daily allowance: the event is held online."),
        ("on_site", "cancelled", "Daily allowance: computed once the travel is recorded."),
        ("on_site", None, "Daily allowance: computed once the travel is recorded."),
    ],
)
def test_a_participants_statement_without_allowance_still_refunds(modality, travel_state, note):
    event = serbian_workshop(date(2019, 11, 13), date(2019, 11, 13), modality=modality)
    travel = (
        Travel(
            outbound_date=date(2019, 11, 13),
            outbound_departure=time(7, 0),
            return_date=date(2019, 11, 13),
            return_arrival=time(22, 0),
            state=travel_state,
        )
        if travel_state
        else None
    )
    rates = rate_table_for(date(2019, 11, 13), date(2019, 11, 13), [event.beneficiary.pk])

    computation = compute_participant_statement(
        event, None, travel, [a_receipt(1, "train", "4.20")], rates
    )

    assert stored(computation) == [
        line("note", note, "0", "0.00", "0.00"),
        line("refund", "Train receipt no. 1", "1", "4.20", "4.20"),
    ]


def test_an_approval_date_without_fee_rules_cannot_be_computed_and_says_which():
    SubsistenceRateFactory()
    event = serbian_workshop(date(2017, 4, 13), date(2017, 4, 13))
    rates = rate_table_for(date(1995, 6, 1), date(2017, 4, 13), [event.beneficiary.pk])

    with pytest.raises(NotComputable) as error:
        compute_expert_statement(event, ExpertFactory(), None, rates, date(1995, 6, 1))

    assert str(error.value) == (
        "No fee rules are valid on 1 Jun 1995, the day the activity was approved."
    )


def test_only_the_travel_days_outside_the_event_take_the_travel_rules_of_a_participant():
    """Out two days early at 19:00 (a travel day not counted; the day after is a full day away),
    back on the event's last day late in the evening (an event day, full)."""
    FeeRule.objects.update(participant_travel_days=True)
    SubsistenceRateFactory()
    event = serbian_workshop(date(2019, 11, 13), date(2019, 11, 14))
    travel = Travel(
        outbound_date=date(2019, 11, 11),
        outbound_departure=time(19, 0),
        return_date=date(2019, 11, 14),
        return_arrival=time(8, 0),
        state="booked",
    )
    rates = rate_table_for(date(2019, 11, 11), date(2019, 11, 14), [event.beneficiary.pk])

    computation = compute_participant_statement(event, None, travel, [], rates)

    assert [(entry.label, entry.amount) for entry in computation.lines] == [
        (
            "Daily allowance, 11 Nov 2019 (Serbia): outbound flight 19:00 after 18:30: not counted",
            Decimal("0.00"),
        ),
        ("Daily allowance, 12 Nov 2019 (Serbia)", Decimal("100.00")),
        ("Daily allowance, 13 Nov 2019 (Serbia)", Decimal("100.00")),
        ("Daily allowance, 14 Nov 2019 (Serbia)", Decimal("100.00")),
    ]


def test_a_participant_leaving_on_the_first_event_day_and_back_two_days_late():
    FeeRule.objects.update(participant_travel_days=True)
    SubsistenceRateFactory()
    event = serbian_workshop(date(2019, 11, 13), date(2019, 11, 13))
    travel = Travel(
        outbound_date=date(2019, 11, 13),
        outbound_departure=time(19, 0),
        return_date=date(2019, 11, 15),
        return_arrival=time(8, 0),
        state="booked",
    )
    rates = rate_table_for(date(2019, 11, 13), date(2019, 11, 15), [event.beneficiary.pk])

    computation = compute_participant_statement(event, None, travel, [], rates)

    assert [(entry.label, entry.amount) for entry in computation.lines] == [
        ("Daily allowance, 13 Nov 2019 (Serbia)", Decimal("100.00")),
        ("Daily allowance, 14 Nov 2019 (Serbia)", Decimal("100.00")),
        (
            "Daily allowance, 15 Nov 2019 (Serbia): return flight lands 08:00 before 09:00: not "
            "counted",
            Decimal("0.00"),
        ),
    ]

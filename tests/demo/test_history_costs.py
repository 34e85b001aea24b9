"""generate_history's money at a small scale: a fee statement for every expert on a held event,
for the host of every held study visit and for every travelling participant, in a state with its
dates and references, the fee by the period's rule to the cent, travel with planned and invoiced
costs, the workshops' venue and catering; the same seed gives the same money; the payment
counters continue after the generated references; a head of unit and a finance officer."""

import re
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Sum

from taiex.accounts.enums import Role
from taiex.accounts.models import User
from taiex.core.models import Sequence
from taiex.events.enums import EventState
from taiex.events.models import Booking, Event, EventExpert, FeeStatement, Travel
from taiex.events.queries.costs import cost_of_event
from taiex.events.queries.fees import travelling_participants

SMALL = ["--events", "120", "--experts", "80", "--participations", "2500", "--requests", "150"]
AS_OF = date(2026, 1, 1)
HELD = [EventState.IMPLEMENTED, EventState.CLOSED]


def generate(seed):
    call_command("generate_history", *SMALL, "--seed", str(seed), stdout=StringIO())


def money_snapshot():
    return {
        "statements": list(
            FeeStatement.objects.order_by(
                "event__reference", "event_expert__expert__user__email", "participant__email",
                "host_institution",
            ).values_list(
                "event__reference", "state", "fee_total", "allowance_total", "total",
                "payment_reference", "paid_on", "bank_reference",
            )
        ),
        "travel": list(
            Travel.objects.order_by(
                "event__reference", "event_expert__expert__user__email", "participant__email"
            )
            .values_list("event__reference", "cost", "actual_cost")
        ),
        "bookings": list(
            Booking.objects.order_by("event__reference", "kind").values_list(
                "event__reference", "kind", "planned_cost", "actual_cost", "paid_on"
            )
        ),
    }  # fmt: skip


@pytest.fixture
def history(db):
    generate(7)


def test_every_expert_on_a_held_event_has_one_statement_and_no_one_else(history):
    held = EventExpert.objects.filter(event__state__in=HELD)
    experts = FeeStatement.objects.filter(event_expert__isnull=False)

    assert experts.count() == held.count() > 0
    assert set(experts.values_list("event_expert", flat=True)) == set(
        held.values_list("pk", flat=True)
    )


def test_the_host_of_every_held_study_visit_has_its_host_fee_statement(history):
    visits = Event.objects.filter(state__in=HELD, event_type="study_visit")
    hosts = FeeStatement.objects.filter(host_institution__isnull=False).select_related("event")

    assert sorted((s.event_id, s.host_institution_id) for s in hosts) == sorted(
        visits.values_list("pk", "host_institution")
    )
    assert hosts.count() > 0
    for statement in hosts:
        event = statement.event
        days = (event.end_date - event.start_date).days + 1
        fee = Decimal(350 if event.start_date >= date(2017, 3, 8) else 250)
        assert (statement.fee_total, statement.allowance_total) == (fee * days, Decimal("0.00"))
        assert statement.total == statement.fee_total
        assert statement.lines == [
            {"label": "Host fee (event days)", "quantity": str(days), "rate": str(fee),
             "amount": str((fee * days).quantize(Decimal("0.01")))}
        ]  # fmt: skip


def test_every_travelling_participant_has_an_allowance_statement_and_travel(history):
    """The participants who travel by the application's own rule (a study visit's group, the
    participants of a multi-country event from another country than the venue's), on held
    events on site, each with one statement and one booked journey; nobody else."""
    expected = set()
    for event in Event.objects.filter(state__in=HELD).exclude(modality="online"):
        expected |= set(travelling_participants(event).values_list("pk", flat=True))
    statements = FeeStatement.objects.filter(participant__isnull=False)
    journeys = Travel.objects.filter(participant__isnull=False)

    assert set(statements.values_list("participant", flat=True)) == expected
    assert statements.count() == len(expected) > 0
    assert set(journeys.values_list("participant", flat=True)) == expected
    assert journeys.count() == len(expected)
    # Not only study visits: the multi-country workshops' participants from abroad too.
    assert statements.filter(event__event_type="workshop").exists()
    refunded = 0
    for statement in statements:
        amounts = [Decimal(line["amount"]) for line in statement.lines]
        assert statement.fee_total == Decimal("0.00")
        assert statement.allowance_total == amounts[0]
        assert statement.refund_total == sum(amounts[1:], Decimal("0.00"))
        assert statement.total == statement.allowance_total + statement.refund_total
        refunded += statement.refund_total > 0
    assert 0 < refunded < statements.count() / 2


def test_the_history_has_a_head_of_unit_and_a_finance_officer(history):
    for role in (Role.HEAD_OF_UNIT, Role.FINANCE):
        users = User.objects.filter(memberships__role=role)
        assert users.count() == 1
        assert users.get().email.endswith("@history.example.org")


def test_the_fee_follows_the_rule_of_the_period_to_the_cent(history):
    for statement in FeeStatement.objects.filter(event_expert__isnull=False).select_related(
        "event"
    ):
        event = statement.event
        days = (event.end_date - event.start_date).days + 1
        fee = Decimal(350 if event.start_date >= date(2017, 3, 8) else 250)
        assert statement.fee_total == fee * days
        assert statement.total == statement.fee_total + statement.allowance_total
        assert [line["amount"] for line in statement.lines] == [
            str(statement.fee_total),
            str(statement.allowance_total),
        ]
    assert FeeStatement.objects.filter(event__start_date__lt=date(2017, 3, 8)).exists()
    assert FeeStatement.objects.filter(event__start_date__gte=date(2017, 3, 8)).exists()


def test_states_carry_their_dates_and_references(history):
    statements = list(FeeStatement.objects.select_related("event"))
    pattern = re.compile(r"PAY-(\d{4})-(\d{5})")
    references = [s.payment_reference for s in statements if s.payment_reference]

    assert len(references) == len(set(references))
    for statement in statements:
        old = (AS_OF - statement.event.end_date).days >= 120
        if old:
            assert statement.state in {"paid", "sent_for_payment"}
        if statement.state == "draft":
            assert (statement.payment_reference, statement.approved_at) == ("", None)
            continue
        year, _ = pattern.fullmatch(statement.payment_reference).groups()
        assert int(year) == statement.approved_at.year
        assert statement.approved_at.date() > statement.event.end_date
        if statement.state == "paid":
            assert statement.sent_for_payment_at.date() > statement.approved_at.date()
            assert statement.sent_for_payment_at.date() < statement.paid_on < AS_OF
            assert statement.bank_reference
        else:
            assert (statement.paid_on, statement.bank_reference) == (None, "")
    shares = {
        state: sum(1 for s in statements if s.state == state) / len(statements)
        for state in ("paid", "sent_for_payment", "approved", "draft")
    }
    assert shares["paid"] > 0.9


def test_the_payment_counters_continue_after_the_generated_references(history):
    for key, value in Sequence.objects.filter(key__startswith="PAY-").values_list("key", "value"):
        numbers = [
            int(reference.rsplit("-", 1)[1])
            for reference in FeeStatement.objects.filter(
                payment_reference__startswith=f"{key}-"
            ).values_list("payment_reference", flat=True)
        ]
        assert value == max(numbers) == len(numbers)


def test_travel_and_bookings_have_planned_and_invoiced_costs(history):
    travels = Travel.objects.select_related("event")
    assert travels.count() > 0
    for travel in travels:
        assert travel.state == "booked"
        assert travel.cost >= Decimal("180.00")
        recent = (AS_OF - travel.event.end_date).days < 120
        assert (travel.actual_cost is None) == recent
    workshops = Event.objects.filter(
        state__in=HELD, event_type="workshop", modality__in=["on_site", "hybrid"]
    )
    assert Booking.objects.filter(kind="venue").count() == workshops.count() > 0
    assert Booking.objects.filter(kind="catering").count() == workshops.count()
    assert not Booking.objects.filter(paid_on__isnull=False, actual_cost__isnull=True).exists()


def test_an_events_cost_is_the_sum_of_its_parts_to_the_cent(history):
    event = (
        Event.objects.filter(bookings__kind="venue", fee_statements__isnull=False)
        .distinct()
        .order_by("pk")
        .first()
    )
    statements = event.fee_statements.aggregate(total=Sum("total"))["total"]
    travel = event.travels.aggregate(total=Sum("cost"))["total"] or Decimal("0.00")
    bookings = event.bookings.aggregate(total=Sum("planned_cost"))["total"]

    assert cost_of_event(event).planned_total == statements + travel + bookings


def test_the_same_seed_gives_the_same_money(db):
    taken = []
    for _ in range(2):
        with transaction.atomic():
            generate(11)
            taken.append(money_snapshot())
            transaction.set_rollback(True)

    assert taken[0] == taken[1]
    assert taken[0]["statements"]

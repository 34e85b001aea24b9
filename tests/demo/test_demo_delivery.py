"""The showcase events of load_demo: delivered through the events services to the stages a case
handler meets (ready to close, a mission report to write, a full workshop ahead, a study visit
being prepared), with the demo rates labelled as demo data."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from taiex.events.models import (
    Event,
    FeeStatement,
    HostAgreement,
    MissionReport,
    Participant,
    Travel,
)
from taiex.events.services import closing_blockers
from taiex.events.services.hosting import host_has_agreed
from taiex.reference.models import SubsistenceRate


@pytest.fixture
def showcase(db):
    out = StringIO()
    call_command("load_demo", "--requests", "60", stdout=out)
    lines = [line for line in out.getvalue().splitlines() if line.startswith("Showcase: ")]
    references = [line.split()[1] for line in lines]
    # The multi-country workshop has its own tests (test_demo_money.py).
    events = Event.objects.filter(reference__in=references, other_beneficiaries__isnull=True)
    return {event.event_type + ":" + event.state: event for event in events}


def test_demo_rates_are_loaded_and_labelled_as_demo_data(showcase):
    assert SubsistenceRate.objects.count() == 191
    assert not SubsistenceRate.objects.filter(is_demo=False).exists()


def test_the_workshop_held_last_week_waits_only_for_its_fee_statements(showcase):
    event = showcase["workshop:implemented"]
    statements = FeeStatement.objects.filter(event=event)
    names = sorted(s.event_expert.expert.user.full_name for s in statements)

    assert event.end_date < timezone.localdate()
    assert [s.state for s in statements] == ["draft", "draft"]
    assert closing_blockers(event) == [
        f"The fee statement of {name} is not approved." for name in names
    ]
    assert Travel.objects.filter(event=event, state="booked").count() == 2
    states = sorted(Participant.objects.filter(event=event).values_list("state", flat=True))
    assert states == ["approved"] * 12 + ["cancelled"] + ["waitlisted"]
    # one no-show and one who left after the first day: 11 attended at least one day
    assert event.participants_count == 11


def test_the_mission_of_the_demo_expert_has_a_report_to_finish(showcase):
    event = showcase["expert_mission:implemented"]
    report = MissionReport.objects.get(event=event)

    assert event.invitations.filter(state="accepted", expert__user__email="expert@example.org")
    assert report.state == "draft"
    assert report.findings.startswith("The administration has adopted a risk analysis model")
    assert "The expert mission report has not been submitted." in closing_blockers(event)


def test_the_mission_statements_are_approved_and_the_demo_expert_is_sent_for_payment(showcase):
    event = showcase["expert_mission:implemented"]

    rows = sorted(
        (s.event_expert.expert.user.email == "expert@example.org", s.state, s.sent_for_payment_by)
        for s in FeeStatement.objects.filter(event=event).select_related(
            "event_expert__expert__user", "sent_for_payment_by"
        )
    )

    assert rows[-1][:2] == (True, "sent_for_payment")
    assert rows[-1][2].email == "finance@example.org"
    assert {state for _, state, _ in rows[:-1]} <= {"approved"}


def test_the_demo_contractor_organises_the_hybrid_workshop_and_the_study_visit(showcase):
    from taiex.events.models import Booking

    workshop, visit = showcase["workshop:confirmed"], showcase.get("study_visit:planned")
    organised = [event for event in (workshop, visit) if event is not None]

    assert {e.contractor_assignment.contractor.name for e in organised} == {"Balkan Events Ltd"}
    rows = sorted(
        (b.event_id == workshop.pk, b.kind, b.state, b.created_by.email)
        for b in Booking.objects.filter(event__in=organised).select_related("created_by")
    )
    contractor = "logistics@example.org"
    assert rows == [
        *([(False, "hotel", "requested", contractor)] if visit else []),
        (True, "catering", "requested", contractor),
        (True, "hotel", "booked", contractor),
        (True, "venue", "booked", contractor),
    ]


@pytest.fixture
def larger_showcase(db):
    """A demo large enough to hold a planned study visit for the showcase."""
    out = StringIO()
    call_command("load_demo", "--requests", "200", stdout=out)
    line = next(line for line in out.getvalue().splitlines() if line.startswith("Showcase: SV-"))
    return Event.objects.get(reference=line.split()[1])


def test_the_study_visit_being_prepared_has_a_host_that_agreed_and_no_experts(larger_showcase):
    event = larger_showcase
    agreement = HostAgreement.objects.get(event=event)

    assert (agreement.state, agreement.institution) == ("agreed", event.host_institution)
    assert host_has_agreed(event)
    assert event.experts_needed == 0
    assert not event.invitations.exists()
    assert event.venue_country == event.host_institution.country


def test_the_workshop_held_last_week_is_followed_up_by_a_mission_of_the_same_request(showcase):
    workshop = showcase["workshop:implemented"]
    follow_up = showcase["expert_mission:planned"]

    assert (follow_up.follows, follow_up.application) == (workshop, workshop.application)
    assert (follow_up.mission_kind, follow_up.experts_needed) == ("advice", 1)
    assert follow_up.title == f"Follow-up expert mission: {workshop.title}"
    assert follow_up.start_date == timezone.localdate() + timedelta(days=60)
    assert list(workshop.application.events.order_by("start_date")) == [workshop, follow_up]

"""Participants: every move of a registration, the capacity and the waiting list, study visit
groups, beneficiary countries, duplicates, the private link, replacements, and their e-mails."""

# The shared fixtures are imported by name, so their arguments look like redefinitions.
# ruff: noqa: F811

from datetime import date

import pytest
from django.core import mail

from taiex.core.models import ActivityLog
from taiex.core.workflow import TransitionNotAllowed
from taiex.events.enums import ParticipantState
from taiex.events.models import Event, Participant
from taiex.events.participant_workflow import MOVES, participant_workflow
from taiex.events.services.participants import (
    CHECK_CODE_ALPHABET,
    ParticipantError,
    approve_participant,
    cancel_participant,
    change_registration_link,
    register_participant,
    reject_participant,
    replace_participant,
    set_capacity,
)
from taiex.reference.models import Country, Window
from tests.events.participant_fixtures import (  # noqa: F401 (fixtures)
    committed,
    details,
    form_data,
    log_of,
    participant,
    sent,
    serbia,
    workshop,
)
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db
S = ParticipantState


ALL_PAIRS = [(a, b) for a in S.values for b in S.values if a != b]


@pytest.mark.parametrize(("from_state", "to_state"), ALL_PAIRS)
def test_every_move_of_a_registration(workshop, case_handler, from_state, to_state):
    person = participant(workshop, state=from_state)

    if (from_state, to_state) in MOVES:
        participant_workflow.transition(person, to_state, actor=case_handler, note="why")
        person.refresh_from_db()
        assert person.state == to_state
        assert log_of(person) == [(MOVES[(from_state, to_state)], from_state, to_state)]
    else:
        with pytest.raises(TransitionNotAllowed):
            participant_workflow.transition(person, to_state, actor=case_handler)
        person.refresh_from_db()
        assert person.state == from_state
        assert log_of(person) == []


def test_the_move_table():
    assert MOVES == {
        (S.REQUESTED, S.APPROVED): "approve",
        (S.REQUESTED, S.REJECTED): "reject",
        (S.REQUESTED, S.CANCELLED): "cancel",
        (S.WAITLISTED, S.APPROVED): "move_up",
        (S.WAITLISTED, S.REJECTED): "reject",
        (S.WAITLISTED, S.CANCELLED): "cancel",
        (S.APPROVED, S.CANCELLED): "cancel",
        (S.APPROVED, S.REPLACED): "replace",
    }


def test_registration_waits_for_approval_with_a_check_code(workshop, applicant, committed):
    with committed():
        person = register_participant(workshop, actor=applicant, **details(1))

    assert (person.state, person.registered_by, person.full_name) == (
        "requested",
        applicant,
        "Milica Petrović 1",
    )
    assert len(person.check_code) == 12
    assert set(person.check_code) <= set(CHECK_CODE_ALPHABET)
    assert log_of(person) == [("register", "", "requested")]
    assert mail.outbox == []


def test_check_codes_differ(workshop, applicant):
    codes = {
        register_participant(workshop, actor=applicant, **details(n)).check_code for n in range(5)
    }

    assert len(codes) == 5


def test_capacity_waiting_list_and_moving_up(workshop, case_handler, applicant, committed):
    with committed():
        set_capacity(workshop, actor=case_handler, capacity=2)
        first = register_participant(workshop, actor=applicant, **details(1))
        second = register_participant(workshop, actor=applicant, **details(2))
        third = register_participant(workshop, actor=applicant, **details(3))
        fourth = register_participant(workshop, actor=applicant, **details(4))
        approve_participant(first, actor=case_handler)

    assert [p.state for p in (first, second, third, fourth)] == [
        "approved",
        "requested",
        "waitlisted",
        "waitlisted",
    ]
    assert sent() == [
        (["milica3@mup.gov.rs"], "[taiex] WS-2027-0007: you are on the waiting list"),
        (["milica4@mup.gov.rs"], "[taiex] WS-2027-0007: you are on the waiting list"),
        (["milica1@mup.gov.rs"], "[taiex] WS-2027-0007: your participation is confirmed"),
    ]
    mail.outbox.clear()

    with committed():
        cancel_participant(first, actor=applicant, reason="Ill.")

    third.refresh_from_db()
    fourth.refresh_from_db()
    assert (first.state, third.state, fourth.state) == ("cancelled", "approved", "waitlisted")
    assert sent() == [
        (["milica1@mup.gov.rs"], "[taiex] WS-2027-0007: your registration is cancelled"),
        (
            ["milica3@mup.gov.rs"],
            "[taiex] WS-2027-0007: a seat became free: your participation is confirmed",
        ),
    ]
    assert log_of(third) == [("register", "", "waitlisted"), ("move_up", "waitlisted", "approved")]
    assert "Reason:\nIll." in mail.outbox[0].body


def test_rejecting_a_seated_registration_moves_the_waiting_list_up(
    workshop, case_handler, applicant, committed
):
    set_capacity(workshop, actor=case_handler, capacity=1)
    first = register_participant(workshop, actor=applicant, **details(1))
    second = register_participant(workshop, actor=applicant, **details(2))

    with committed():
        reject_participant(first, actor=case_handler, reason="Not from the ministry concerned.")

    second.refresh_from_db()
    assert (first.state, second.state) == ("rejected", "approved")
    assert sent() == [
        (["milica1@mup.gov.rs"], "[taiex] WS-2027-0007: your registration is not accepted"),
        (
            ["milica2@mup.gov.rs"],
            "[taiex] WS-2027-0007: a seat became free: your participation is confirmed",
        ),
    ]
    assert "Not from the ministry concerned." in mail.outbox[0].body


def test_rejection_needs_a_reason(workshop, case_handler):
    person = participant(workshop, state="requested")

    with pytest.raises(ParticipantError, match=r"^Give the reason for the rejection\.$"):
        reject_participant(person, actor=case_handler, reason="  ")

    person.refresh_from_db()
    assert person.state == "requested"


def test_cancelling_a_waitlisted_registration_moves_nobody(workshop, case_handler, applicant):
    set_capacity(workshop, actor=case_handler, capacity=1)
    register_participant(workshop, actor=applicant, **details(1))
    second = register_participant(workshop, actor=applicant, **details(2))
    third = register_participant(workshop, actor=applicant, **details(3))

    cancel_participant(second, actor=case_handler)

    third.refresh_from_db()
    assert third.state == "waitlisted"


def test_raising_the_capacity_moves_the_waiting_list_up(workshop, case_handler, applicant):
    set_capacity(workshop, actor=case_handler, capacity=1)
    register_participant(workshop, actor=applicant, **details(1))
    second = register_participant(workshop, actor=applicant, **details(2))
    third = register_participant(workshop, actor=applicant, **details(3))

    set_capacity(workshop, actor=case_handler, capacity=2)

    second.refresh_from_db()
    third.refresh_from_db()
    assert (second.state, third.state) == ("approved", "waitlisted")
    assert (
        ActivityLog.objects.filter(action="set_capacity").values_list("note", flat=True)[1]
        == "Capacity: 1 -> 2."
    )


def test_approving_beyond_the_capacity_is_refused(workshop, case_handler, committed):
    workshop.capacity = 1
    workshop.save()
    participant(workshop, 1, state="approved")
    requested = participant(workshop, 2, state="requested")

    with committed(), pytest.raises(ParticipantError) as error:
        approve_participant(requested, actor=case_handler)

    assert str(error.value) == (
        "No seat is free; all 1 seats are taken. Cancel a registration or raise the capacity first."
    )
    requested.refresh_from_db()
    assert requested.state == "requested"
    assert mail.outbox == []


def test_approval_mail_of_an_online_event_has_the_meeting_link(workshop, case_handler, committed):
    workshop.modality = "online"
    workshop.meeting_link = "https://meet.example.eu/ws-2027-0007"
    workshop.save()
    person = participant(workshop, state="requested")

    with committed():
        approve_participant(person, actor=case_handler)

    assert "https://meet.example.eu/ws-2027-0007" in mail.outbox[0].body
    assert f"/events/verify/{person.check_code}/" in mail.outbox[0].body


def test_approval_mail_on_site_has_no_meeting_link(workshop, case_handler, committed):
    workshop.meeting_link = "https://meet.example.eu/ws-2027-0007"
    workshop.save()
    person = participant(workshop, state="requested")

    with committed():
        approve_participant(person, actor=case_handler)

    assert "meet.example.eu" not in mail.outbox[0].body


@pytest.fixture
def study_visit(db, case_handler):
    return EventFactory(
        reference="SV-2027-0003",
        event_type="study_visit",
        state="confirmed",
        start_date=date(2027, 5, 3),
        end_date=date(2027, 5, 5),
        window=Window.objects.get(code="enlargement"),
        case_handler=case_handler,
    )


def test_study_visit_group_above_the_type_limit_is_refused(study_visit, case_handler, committed):
    for n in range(5):
        register_participant(study_visit, actor=case_handler, **details(n))

    with committed(), pytest.raises(ParticipantError) as error:
        register_participant(study_visit, actor=case_handler, **details(6))

    assert str(error.value) == (
        "The study visit group is full: a study visit takes at most 5 participants, and 5 are "
        "registered."
    )
    assert Participant.objects.filter(event=study_visit).count() == 5
    assert mail.outbox == []


def test_peer_to_peer_study_visit_takes_three(study_visit, case_handler):
    study_visit.window = Window.objects.get(code="eir-peer-2-peer")
    study_visit.save()
    for n in range(3):
        register_participant(study_visit, actor=case_handler, **details(n))

    with pytest.raises(ParticipantError, match="takes at most 3 participants, and 3 are"):
        register_participant(study_visit, actor=case_handler, **details(4))


def test_registering_a_country_that_is_not_a_beneficiary_is_refused(workshop, applicant):
    with pytest.raises(ParticipantError) as error:
        register_participant(
            workshop, actor=applicant, **details(1, country=Country.objects.get(code="AL"))
        )

    assert (str(error.value), error.value.field) == (
        "Albania is not a beneficiary of this event; participants come from: Serbia.",
        "country",
    )
    assert not Participant.objects.exists()


def test_multi_country_workshop_takes_every_beneficiary(workshop, ncp_albania):
    workshop.other_beneficiaries.add(Country.objects.get(code="AL"))

    person = register_participant(
        workshop, actor=ncp_albania, **details(1, country=Country.objects.get(code="AL"))
    )

    assert (person.country.code, person.state) == ("AL", "requested")


def test_duplicate_email_is_refused(workshop, applicant, ncp):
    register_participant(workshop, actor=applicant, **details(1))

    with pytest.raises(ParticipantError) as error:
        register_participant(
            workshop, actor=ncp, **details(2, email="MILICA1@mup.gov.rs", full_name="Milica")
        )

    assert (str(error.value), error.value.field) == (
        "MILICA1@mup.gov.rs is already registered for this event.",
        "email",
    )
    assert Participant.objects.count() == 1


def test_a_cancelled_person_may_register_again(workshop, applicant):
    first = register_participant(workshop, actor=applicant, **details(1))
    cancel_participant(first, actor=applicant)

    again = register_participant(workshop, actor=applicant, **details(1))

    assert again.state == "requested"


@pytest.mark.parametrize("state", ["implemented", "closed", "cancelled"])
def test_registration_only_while_the_event_is_prepared(workshop, applicant, state):
    Event.objects.filter(pk=workshop.pk).update(state=state, cancellation_reason="x")

    with pytest.raises(ParticipantError) as error:
        register_participant(workshop, actor=applicant, **details(1))

    assert str(error.value) == (
        "Registrations can change only while the event is being prepared (planned, confirmed "
        "or postponed)."
    )
    assert not Participant.objects.exists()


def test_registration_through_a_closed_link_is_refused(workshop):
    with pytest.raises(ParticipantError, match=r"^Registration through this link is closed\.$"):
        register_participant(workshop, actor=None, via_link=True, **details(1))

    assert not Participant.objects.exists()


def test_registration_link_open_close_reset(workshop, case_handler):
    change_registration_link(workshop, actor=case_handler, action="open")
    workshop.refresh_from_db()
    first_token = workshop.registration_token
    assert (workshop.registration_open, len(first_token)) == (True, 43)

    change_registration_link(workshop, actor=case_handler, action="close")
    change_registration_link(workshop, actor=case_handler, action="open")
    workshop.refresh_from_db()
    assert (workshop.registration_open, workshop.registration_token) == (True, first_token)

    change_registration_link(workshop, actor=case_handler, action="reset")
    workshop.refresh_from_db()
    assert workshop.registration_open is True
    assert workshop.registration_token != first_token
    assert list(
        ActivityLog.objects.filter(object_id=str(workshop.pk), content_type__model="event")
        .order_by("id")
        .values_list("action", flat=True)
    ) == [
        "open_registration_link",
        "close_registration_link",
        "open_registration_link",
        "reset_registration_link",
    ]


def test_replacement_takes_the_seat(workshop, case_handler, committed):
    old = participant(workshop, state="approved")

    with committed():
        new = replace_participant(old, actor=case_handler, **details(9))

    old.refresh_from_db()
    assert (old.state, new.state, new.replaces, new.registered_by) == (
        "replaced",
        "approved",
        old,
        case_handler,
    )
    assert log_of(old) == [("replace", "approved", "replaced")]
    assert log_of(new) == [("register", "", "approved")]
    assert sent() == [
        (["milica9@mup.gov.rs"], "[taiex] WS-2027-0007: your participation is confirmed")
    ]


def test_replacement_only_of_an_approved_participant(workshop, case_handler):
    waiting = participant(workshop, state="requested")

    with pytest.raises(TransitionNotAllowed):
        replace_participant(waiting, actor=case_handler, **details(9))

    assert Participant.objects.count() == 1


def test_replacement_after_the_event_is_refused(workshop, case_handler):
    old = participant(workshop, state="approved")
    Event.objects.filter(pk=workshop.pk).update(state="implemented")

    with pytest.raises(ParticipantError, match="only while the event is being prepared"):
        replace_participant(old, actor=case_handler, **details(9))

    old.refresh_from_db()
    assert (old.state, Participant.objects.count()) == ("approved", 1)


@pytest.mark.django_db(transaction=True)
def test_two_registrations_at_once_never_share_the_last_seat(case_handler):
    """The event row is locked while a seat is counted and taken (PostgreSQL runs the two
    registrations really at once; SQLite serialises writers anyway)."""
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent writers (PostgreSQL)")
    event = EventFactory(
        state="planned", capacity=1, start_date=date(2027, 6, 1), end_date=date(2027, 6, 2)
    )

    def register(n):
        try:
            return register_participant(event, actor=case_handler, **details(n)).state
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=2) as pool:
        states = sorted(pool.map(register, [1, 2]))

    assert states == ["requested", "waitlisted"]
    assert sorted(Participant.objects.values_list("state", flat=True)) == states

"""Who hears about each move of an event, and what the e-mail says (meeting link only to the
people registered for the event)."""

from datetime import date

import pytest
from django.core import mail
from django.utils import timezone

from taiex.accounts.enums import Role
from taiex.events import services
from taiex.events.models import MissionReport
from taiex.reference.models import Country
from tests.factories import ApplicationFactory, EventFactory, make_user
from tests.factories.lifecycle import AgendaSessionFactory, accept_expert
from tests.factories.participants import ParticipantFactory


@pytest.fixture
def people(applicant, ncp, ncp_albania, case_handler):
    """A multi-country workshop (Serbia with Montenegro) and everybody around it."""
    application = ApplicationFactory(created_by=applicant)
    event = EventFactory(
        reference="WS-2019-0011",
        state="planned",
        modality="hybrid",
        meeting_link="https://meet.example.org/ws-2019-0011",
        title="Treatment of vulnerable groups",
        application=application,
        start_date=date(2019, 11, 13),
        end_date=date(2019, 11, 14),
        place="Podgorica",
        experts_needed=1,
        case_handler=case_handler,
    )
    event.other_beneficiaries.set([Country.objects.get(code="ME")])
    ncp_montenegro = make_user(
        Role.NCP, country="ME", full_name="Milena NCP Montenegro", email="ncp@gov.me"
    )
    gone = make_user(Role.NCP, country="RS", full_name="Gone NCP", email="gone@gov.rs")
    gone.is_active = False
    gone.save()
    accept_expert(event, full_name="Eva Expert", email="eva@gov.si")
    invited = accept_expert(event, full_name="Ivo Invited", email="ivo@gov.hr")
    invited.delete()  # only invited: not on the event
    AgendaSessionFactory(event=event, title="Opening")
    for state in ["approved", "requested", "waitlisted", "rejected", "cancelled"]:
        ParticipantFactory(
            event=event, state=state, email=f"{state}@mup.gov.rs", full_name=f"P {state}"
        )
    return {"event": event, "ncp_montenegro": ncp_montenegro}


def sent():
    return sorted((message.to[0], message.subject) for message in mail.outbox)


def body_for(address):
    return next(message.body for message in mail.outbox if message.to == [address])


def users_concerned(request, subject, *, without=()):
    names = {
        "applicant": request.getfixturevalue("applicant").email,
        "ncp": request.getfixturevalue("ncp").email,
        "case_handler": request.getfixturevalue("case_handler").email,
    }
    addresses = [address for name, address in names.items() if name not in without]
    return [(address, subject) for address in [*addresses, "ncp@gov.me", "eva@gov.si"]]


def test_confirm_tells_everybody_concerned_but_the_actor(
    request, people, case_handler, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.confirm_event(people["event"], actor=case_handler)

    subject = "[taiex] WS-2019-0011: confirmed"
    participants = [
        (f"{state}@mup.gov.rs", subject) for state in ["approved", "requested", "waitlisted"]
    ]
    assert sent() == sorted(
        users_concerned(request, subject, without=["case_handler"]) + participants
    )
    expert_mail = body_for("eva@gov.si")
    assert (
        'The event WS-2019-0011 "Treatment of vulnerable groups" is confirmed: '
        "it takes place 13 Nov 2019 to 14 Nov 2019."
    ) in expert_mail
    assert "Meeting link: https://meet.example.org/ws-2019-0011" in expert_mail
    assert "Meeting link" in body_for("approved@mup.gov.rs")
    for address in [
        "requested@mup.gov.rs",
        "ncp@gov.me",
        request.getfixturevalue("applicant").email,
    ]:
        assert "meet.example.org" not in body_for(address)
    assert f"/events/{people['event'].pk}/" in body_for("ncp@gov.me")
    assert "/events/" not in body_for("approved@mup.gov.rs")


def test_postpone_gives_the_new_dates_and_the_reason(
    request, people, head_of_unit, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.postpone_event(
            people["event"],
            actor=head_of_unit,
            start_date=date(2019, 12, 4),
            end_date=date(2019, 12, 5),
            reason="The venue is being renovated.",
        )

    subject = "[taiex] WS-2019-0011: postponed"
    participants = [
        (f"{state}@mup.gov.rs", subject) for state in ["approved", "requested", "waitlisted"]
    ]
    assert sent() == sorted(users_concerned(request, subject) + participants)
    body = body_for("requested@mup.gov.rs")
    assert "is postponed to 4 Dec 2019 to 5 Dec 2019." in body
    assert "Reason for the postponement:\nThe venue is being renovated." in body


def test_cancel_tells_the_reason(request, people, case_handler, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_event(people["event"], actor=case_handler, reason="No venue.")

    subject = "[taiex] WS-2019-0011: cancelled"
    participants = [
        (f"{state}@mup.gov.rs", subject) for state in ["approved", "requested", "waitlisted"]
    ]
    assert sent() == sorted(
        users_concerned(request, subject, without=["case_handler"]) + participants
    )
    assert "Reason for the cancellation:\nNo venue." in body_for("ncp@gov.me")
    assert "Current state: Cancelled" in body_for("ncp@gov.me")


def test_implemented_and_closed_do_not_reach_participants(
    request, people, case_handler, head_of_unit, django_capture_on_commit_callbacks
):
    event = people["event"]
    event.event_type = "expert_mission"
    event.state = "confirmed"
    event.save()
    MissionReport.objects.create(event=event, state="accepted")
    event.event_experts.update(left_at=timezone.now())  # they all declined

    with django_capture_on_commit_callbacks(execute=True):
        services.mark_event_implemented(event, actor=case_handler)
    implemented = sent()
    mail.outbox.clear()
    event.participants.filter(state="approved").update(state="cancelled")  # no attendance due
    with django_capture_on_commit_callbacks(execute=True):
        services.close_event(event, actor=head_of_unit)

    applicant = request.getfixturevalue("applicant").email
    ncp = request.getfixturevalue("ncp").email
    assert implemented == sorted(
        [
            (address, "[taiex] WS-2019-0011: implemented")
            for address in [applicant, ncp, "ncp@gov.me"]
        ]
    )
    assert sent() == sorted(
        [
            (address, "[taiex] WS-2019-0011: closed")
            for address in [applicant, ncp, "ncp@gov.me", case_handler.email]
        ]
    )


def test_a_refused_move_sends_nothing(people, case_handler, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(services.EventError):
        services.cancel_event(people["event"], actor=case_handler, reason="")

    assert mail.outbox == []

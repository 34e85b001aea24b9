"""Calls for experts: who sees a call (profile fit, peer-to-peer rule) and expressing interest."""

# The shared fixtures are imported by name, so their arguments look like redefinitions.
# ruff: noqa: F811

import pytest

from taiex.reference.models import Country
from taiex.staffing.models import ExpertCall, Interest
from taiex.staffing.queries.calls import calls_fitting
from taiex.staffing.services.calls import CallError, express_interest, publish_call
from tests.staffing.invitation_fixtures import (  # noqa: F401 (fixtures)
    chapter,
    event,
    expert_named,
    fitting_expert,
    other_expert,
    peer_to_peer_window,
    planned_event,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(event, case_handler):
    return publish_call(event, actor=case_handler, description="Asylum interview techniques")


def test_publish_call_needs_a_description(event, case_handler):
    with pytest.raises(CallError) as error:
        publish_call(event, actor=case_handler, description="  ")

    assert (str(error.value), error.value.field) == (
        "Describe the expertise the event needs.",
        "description",
    )
    assert not ExpertCall.objects.exists()


def test_publish_call_refuses_an_event_that_is_not_planned(event, case_handler):
    event.state = "cancelled"
    event.cancellation_reason = "No venue."
    event.save(update_fields=["state", "cancellation_reason"])

    with pytest.raises(CallError) as error:
        publish_call(event, actor=case_handler, description="Asylum")

    assert (
        str(error.value)
        == "A call for experts can be published only for a planned or postponed event."
    )


def test_publish_again_updates_the_call(call, event, case_handler):
    again = publish_call(event, actor=case_handler, description="Reception conditions")

    assert (again.pk, again.description) == (call.pk, "Reception conditions")


def test_call_fits_by_keyword_in_the_wished_expertise(call, case_handler):
    expert = expert_named("Olga Officer", keywords="officers")

    assert list(calls_fitting(expert)) == [call]


def test_call_fits_by_shared_chapter(call, event):
    event.chapters.set([chapter(24)])
    expert = expert_named("Jana Justice", keywords="", chapters=[chapter(24)])
    outsider = expert_named("Fero Fish", keywords="", chapters=[chapter(13)])

    assert (list(calls_fitting(expert)), list(calls_fitting(outsider))) == ([call], [])


def test_call_does_not_fit_an_expert_without_common_ground(call, other_expert):
    assert list(calls_fitting(other_expert)) == []


@pytest.mark.parametrize("state", ["pending", "rejected"])
def test_call_is_hidden_from_an_expert_not_verified(call, state):
    expert = expert_named("Petra Pending", verification_state=state)

    assert list(calls_fitting(expert)) == []


def test_peer_to_peer_call_is_hidden_from_the_beneficiary_member_state(case_handler):
    event = planned_event(
        title="Asylum funds",
        beneficiary=Country.objects.get(code="SI"),
        window=peer_to_peer_window(),
    )
    call = publish_call(event, actor=case_handler, description="Asylum funds management")
    slovenian = expert_named("Sara Slovenska")
    croatian = expert_named("Hana Hrvatska", member_state=Country.objects.get(code="HR"))

    assert (list(calls_fitting(slovenian)), list(calls_fitting(croatian))) == ([], [call])


def test_closed_call_is_hidden(call, fitting_expert):
    call.is_open = False
    call.save(update_fields=["is_open"])

    assert list(calls_fitting(fitting_expert)) == []


@pytest.mark.parametrize("state", ["invited", "accepted"])
def test_call_is_not_offered_to_an_expert_already_invited(
    call, fitting_expert, case_handler, state
):
    from datetime import timedelta

    from django.utils import timezone

    from taiex.staffing.models import Invitation

    other_call = publish_call(
        planned_event(title="Asylum reception centres"), actor=case_handler, description="Asylum"
    )
    now = timezone.now()
    Invitation.objects.create(
        event=call.event,
        expert=fitting_expert,
        role="expert",
        state=state,
        invited_by=case_handler,
        invited_at=now,
        expires_at=now + timedelta(days=14),
    )

    assert list(calls_fitting(fitting_expert)) == [other_call]
    with pytest.raises(CallError) as error:
        express_interest(call, expert=fitting_expert, motivation="Me too.")
    assert str(error.value) == "You are already invited to this event."
    assert not Interest.objects.exists()


@pytest.mark.parametrize("state", ["declined", "withdrawn", "expired"])
def test_call_is_offered_again_after_an_invitation_that_ended(
    call, fitting_expert, case_handler, state
):
    from datetime import timedelta

    from django.utils import timezone

    from taiex.staffing.models import Invitation

    now = timezone.now()
    Invitation.objects.create(
        event=call.event,
        expert=fitting_expert,
        role="expert",
        state=state,
        invited_by=case_handler,
        invited_at=now,
        expires_at=now + timedelta(days=14),
    )

    assert list(calls_fitting(fitting_expert)) == [call]


def test_express_interest_records_the_motivation(call, fitting_expert):
    express_interest(call, expert=fitting_expert, motivation="  I train interviewers. ")

    assert list(Interest.objects.values_list("call", "expert", "motivation")) == [
        (call.pk, fitting_expert.pk, "I train interviewers.")
    ]
    assert list(calls_fitting(fitting_expert).values_list("has_interest", flat=True)) == [True]


@pytest.mark.parametrize(
    ("arrange", "motivation", "message"),
    [
        ("nothing", "", "Say in a few words why you are interested."),
        ("twice", "Again", "You already said you are interested in this call."),
        ("closed", "Yes", "This call for experts is closed."),
        ("unverified", "Yes", "Only a verified expert can express interest in a call."),
        ("unfit", "Yes", "This call does not fit your profile."),
    ],
)
def test_express_interest_refusals(
    call, fitting_expert, other_expert, arrange, motivation, message
):
    expert = fitting_expert
    if arrange == "twice":
        express_interest(call, expert=expert, motivation="First")
    elif arrange == "closed":
        call.is_open = False
        call.save(update_fields=["is_open"])
    elif arrange == "unverified":
        expert.verification_state = "pending"
        expert.save(update_fields=["verification_state"])
    elif arrange == "unfit":
        expert = other_expert
    before = list(Interest.objects.values_list("expert", "motivation"))

    with pytest.raises(CallError) as error:
        express_interest(call, expert=expert, motivation=motivation)

    assert str(error.value) == message
    assert list(Interest.objects.values_list("expert", "motivation")) == before

"""A study visit has a host, not experts: no expert is invited, called or accepted for one, and
its page offers neither the ranking nor the invitation form."""

# The shared fixtures are imported by name, so their arguments look like redefinitions.
# ruff: noqa: F811
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from taiex.events.models import Event
from taiex.events.services.hosting import NO_EXPERTS_ON_STUDY_VISIT
from taiex.staffing.enums import INVITATION_VALID_DAYS
from taiex.staffing.models import ExpertCall, Interest, Invitation
from taiex.staffing.queries.calls import calls_fitting
from taiex.staffing.services.calls import CallError, express_interest, publish_call
from taiex.staffing.services.invitations import (
    InvitationError,
    accept_invitation,
    invite_expert,
)
from tests.staffing.invitation_fixtures import (  # noqa: F401 (fixtures)
    event,
    expert_named,
    fitting_expert,
    in_days,
    planned_event,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def study_visit(event):
    Event.objects.filter(pk=event.pk).update(event_type="study_visit", experts_needed=0)
    event.refresh_from_db()
    return event


def test_no_expert_is_invited_to_a_study_visit(study_visit, fitting_expert, case_handler):
    with pytest.raises(InvitationError) as error:
        invite_expert(study_visit, fitting_expert, actor=case_handler, role="expert")

    assert str(error.value) == NO_EXPERTS_ON_STUDY_VISIT
    assert str(error.value) == (
        "A study visit has no Member State experts: a Member State administration hosts the "
        "visiting group. Ask the host on the event's page instead."
    )
    assert Invitation.objects.count() == 0


def test_no_call_for_experts_is_published_for_a_study_visit(study_visit, case_handler):
    with pytest.raises(CallError) as error:
        publish_call(study_visit, actor=case_handler, description="Asylum practitioners.")

    assert str(error.value) == NO_EXPERTS_ON_STUDY_VISIT
    assert ExpertCall.objects.count() == 0


def test_an_old_call_of_a_study_visit_is_neither_offered_nor_answered(
    study_visit, fitting_expert, case_handler
):
    call = ExpertCall.objects.create(
        event=study_visit, description="Asylum practitioners.", published_by=case_handler
    )

    offered = list(calls_fitting(fitting_expert))
    with pytest.raises(CallError) as error:
        express_interest(call, expert=fitting_expert, motivation="I know asylum.")

    assert offered == []
    assert str(error.value) == "This call for experts is closed."
    assert Interest.objects.count() == 0


def test_an_invitation_made_before_the_rule_cannot_be_accepted(
    study_visit, fitting_expert, case_handler
):
    now = timezone.now()
    invitation = Invitation.objects.create(
        event=study_visit,
        expert=fitting_expert,
        role="expert",
        invited_by=case_handler,
        invited_at=now,
        expires_at=now + timedelta(days=INVITATION_VALID_DAYS),
    )

    with pytest.raises(InvitationError) as error:
        accept_invitation(invitation, actor=fitting_expert.user)

    invitation.refresh_from_db()
    assert (str(error.value), invitation.state) == (NO_EXPERTS_ON_STUDY_VISIT, "invited")
    assert not study_visit.event_experts.exists()


def test_the_call_page_refuses_a_study_visit_with_the_message(client, study_visit, case_handler):
    client.force_login(case_handler)

    response = client.post(
        reverse("staffing:call_publish", args=[study_visit.pk]),
        {"call-description": "Asylum practitioners."},
    )

    assert (response.status_code, response.url) == (
        302,
        reverse("events:detail", args=[study_visit.pk]),
    )
    assert [str(m) for m in get_messages(response.wsgi_request)] == [NO_EXPERTS_ON_STUDY_VISIT]
    assert ExpertCall.objects.count() == 0


def test_the_invite_page_refuses_a_study_visit_with_the_message(
    client, study_visit, fitting_expert, case_handler
):
    client.force_login(case_handler)

    response = client.post(
        reverse("staffing:invite", args=[study_visit.pk]),
        {"invite-expert": fitting_expert.pk, "invite-role": "expert"},
    )

    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [NO_EXPERTS_ON_STUDY_VISIT]
    assert Invitation.objects.count() == 0


def test_the_ranking_of_a_study_visit_is_not_offered(client, study_visit, case_handler):
    client.force_login(case_handler)

    response = client.get(reverse("staffing:ranking", args=[study_visit.pk]))

    assert response.status_code == 302
    assert response.url == reverse("events:detail", args=[study_visit.pk])
    assert [str(m) for m in get_messages(response.wsgi_request)] == [NO_EXPERTS_ON_STUDY_VISIT]


def test_a_workshop_still_offers_its_ranking(client, event, case_handler):
    client.force_login(case_handler)

    assert client.get(reverse("staffing:ranking", args=[event.pk])).status_code == 200

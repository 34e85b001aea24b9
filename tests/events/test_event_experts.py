"""The experts of an event (`EventExpert`): an accepted invitation adds the expert, a withdrawal
or a later decline ends their place (the row stays for their travel and statement), and a new
acceptance takes the same row again."""

import pytest

from taiex.events.models import EventExpert
from taiex.events.queries import experts_of
from taiex.staffing.services.invitations import (
    accept_invitation,
    decline_invitation,
    invite_expert,
    withdraw_invitation,
)
from tests.factories import EventFactory, ExpertFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(case_handler):
    return EventFactory(state="planned", case_handler=case_handler)


def places(event):
    return list(
        EventExpert.objects.filter(event=event).values_list("expert__user__full_name", "role")
    )


def test_accepting_makes_the_expert_one_of_the_event(event, case_handler):
    expert = ExpertFactory(user=UserFactory(full_name="Ana Novak"))
    invitation = invite_expert(event, expert, actor=case_handler, role="lead_expert")

    accept_invitation(invitation, actor=expert.user)

    assert places(event) == [("Ana Novak", "lead_expert")]
    assert [place.expert for place in experts_of(event)] == [expert]


def test_an_invitation_not_yet_accepted_makes_no_place(event, case_handler):
    invite_expert(event, ExpertFactory(), actor=case_handler, role="expert")

    assert places(event) == []


@pytest.mark.parametrize("how", ["withdrawn", "declined"])
def test_leaving_keeps_the_row_and_ends_the_place(event, case_handler, how):
    expert = ExpertFactory()
    invitation = accept_invitation(
        invite_expert(event, expert, actor=case_handler, role="expert"), actor=expert.user
    )

    if how == "withdrawn":
        withdraw_invitation(invitation, actor=case_handler, reason="Online now.")
    else:
        decline_invitation(invitation, actor=expert.user, reason="Ill.")

    place = EventExpert.objects.get(event=event, expert=expert)
    assert place.left_at is not None
    assert list(experts_of(event)) == []


def test_a_new_acceptance_takes_the_same_row_again(event, case_handler):
    expert = ExpertFactory()
    first = accept_invitation(
        invite_expert(event, expert, actor=case_handler, role="expert"), actor=expert.user
    )
    place = EventExpert.objects.get(event=event, expert=expert)
    withdraw_invitation(first, actor=case_handler, reason="Dates moved.")

    again = invite_expert(event, expert, actor=case_handler, role="speaker")
    accept_invitation(again, actor=expert.user)

    place_again = EventExpert.objects.get(event=event, expert=expert)
    assert (place_again.pk, place_again.role, place_again.left_at) == (place.pk, "speaker", None)

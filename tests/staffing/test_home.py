"""The expert's home: invitations waiting for an answer, calls that fit, coming and past
events; nobody else has one."""

# The shared fixtures are imported by name, so their arguments look like redefinitions.
# ruff: noqa: F811

from datetime import timedelta

import pytest
from django.utils import timezone

from taiex.events.services.experts import add_expert_to_event
from taiex.staffing.enums import INVITATION_VALID_DAYS
from taiex.staffing.models import ExpertCall, Interest, Invitation
from taiex.staffing.services.invitations import accept_invitation, invite_expert
from tests.staffing.invitation_fixtures import (  # noqa: F401 (fixtures)
    event,
    expert_named,
    fitting_expert,
    in_days,
    planned_event,
)

pytestmark = pytest.mark.django_db


def invitation_for(event, expert, inviter, **fields):
    now = timezone.now()
    values = {
        "role": "expert",
        "invited_by": inviter,
        "invited_at": now,
        "expires_at": now + timedelta(days=INVITATION_VALID_DAYS),
        **fields,
    }
    invitation = Invitation.objects.create(event=event, expert=expert, **values)
    if invitation.state == "accepted":  # as accept_invitation leaves it
        add_expert_to_event(event, expert, role=invitation.role)
    return invitation


@pytest.mark.parametrize("who", ["applicant", "ncp", "case_handler", "head_of_unit", "expert"])
def test_home_is_not_found_for_people_without_an_expert_profile(client, request, who):
    # The `expert` fixture holds the expert role but has no profile yet.
    client.force_login(request.getfixturevalue(who))

    assert client.get("/experts/home/").status_code == 404


def test_home_asks_anonymous_people_to_log_in(client):
    response = client.get("/experts/home/")

    assert (response.status_code, response.url) == (302, "/accounts/login/?next=/experts/home/")


def test_home_shows_the_waiting_invitation_the_fitting_call_and_the_events(
    client, event, fitting_expert, case_handler
):
    waiting = invitation_for(event, fitting_expert, case_handler, role="chair")
    # A call for another asylum event: the invited event's own call is not offered again.
    call = ExpertCall.objects.create(
        event=planned_event(title="Asylum reception", start_date=in_days(120), end_date=None),
        description="Asylum interviewers",
        published_by=case_handler,
    )
    future_event = planned_event(reference="WS-FUTURE", start_date=in_days(90), end_date=None)
    past_event = planned_event(
        reference="WS-PAST", state="implemented", start_date=in_days(-30), end_date=in_days(-29)
    )
    future = invitation_for(future_event, fitting_expert, case_handler, state="accepted")
    past = invitation_for(past_event, fitting_expert, case_handler, state="accepted")
    client.force_login(fitting_expert.user)

    response = client.get("/experts/home/")

    context = response.context
    assert (context["waiting"], context["calls"], context["future"], context["past"]) == (
        [waiting],
        [call],
        [future],
        [past],
    )
    page = response.content.decode()
    assert f'action="/experts/invitations/{waiting.pk}/accept/"' in page
    assert f'action="/experts/calls/{call.pk}/interest/"' in page
    assert 'href="/experts/profile/"' in page


def test_home_hides_invitations_past_their_deadline(client, event, fitting_expert, case_handler):
    invitation_for(
        event, fitting_expert, case_handler, expires_at=timezone.now() - timedelta(hours=1)
    )
    client.force_login(fitting_expert.user)

    assert client.get("/experts/home/").context["waiting"] == []


def test_home_shows_the_event_after_accepting(client, event, fitting_expert, case_handler):
    invitation = invite_expert(event, fitting_expert, actor=case_handler, role="expert")
    accept_invitation(invitation, actor=fitting_expert.user)
    client.force_login(fitting_expert.user)

    context = client.get("/experts/home/").context

    assert (context["waiting"], context["future"]) == ([], [invitation])


def test_express_interest_from_the_home(client, event, fitting_expert, case_handler):
    call = ExpertCall.objects.create(event=event, description="Asylum", published_by=case_handler)
    client.force_login(fitting_expert.user)

    response = client.post(
        f"/experts/calls/{call.pk}/interest/", {f"interest-{call.pk}-motivation": "I can help."}
    )

    assert (response.status_code, response.url) == (302, "/experts/home/")
    assert list(Interest.objects.values_list("expert", "motivation")) == [
        (fitting_expert.pk, "I can help.")
    ]
    assert client.get("/experts/home/").context["calls"][0].has_interest is True


def test_express_interest_without_motivation_is_refused(
    client, event, fitting_expert, case_handler
):
    call = ExpertCall.objects.create(event=event, description="Asylum", published_by=case_handler)
    client.force_login(fitting_expert.user)

    response = client.post(f"/experts/calls/{call.pk}/interest/", {})

    assert response.status_code == 400
    assert response.context["calls"][0].interest_form.errors == {
        "motivation": ["Say in a few words why you are interested."]
    }
    assert not Interest.objects.exists()


@pytest.mark.parametrize("who", ["applicant", "case_handler", "unverified"])
def test_express_interest_is_for_verified_experts(client, request, event, case_handler, who):
    call = ExpertCall.objects.create(event=event, description="Asylum", published_by=case_handler)
    if who == "unverified":
        user = expert_named("Petra Pending", verification_state="pending").user
    else:
        user = request.getfixturevalue(who)
    client.force_login(user)

    response = client.post(
        f"/experts/calls/{call.pk}/interest/", {f"interest-{call.pk}-motivation": "Me"}
    )

    assert response.status_code == (403 if who == "unverified" else 404)
    assert not Interest.objects.exists()


def arrange_home(expert, case_handler, count):
    """`count` waiting invitations, fitting calls, coming and past events."""
    for number in range(count):
        waiting_event = planned_event(
            title=f"Asylum reception {number}",
            start_date=in_days(100 + 10 * number),
            end_date=in_days(100 + 10 * number),
        )
        invitation_for(waiting_event, expert, case_handler)
        called = planned_event(
            title=f"Asylum interviews {number}",
            start_date=in_days(200 + 10 * number),
            end_date=in_days(200 + 10 * number),
        )
        ExpertCall.objects.create(event=called, description="Asylum", published_by=case_handler)
        coming = planned_event(start_date=in_days(300 + 10 * number), end_date=None)
        invitation_for(coming, expert, case_handler, state="accepted")
        past = planned_event(
            state="implemented",
            start_date=in_days(-100 - 10 * number),
            end_date=in_days(-100 - 10 * number),
        )
        invitation_for(past, expert, case_handler, state="accepted")


# Session, user, roles (twice: the view and the menu), the expert, then one query each for the
# waiting invitations, the calls and the accepted invitations.
HOME_QUERIES = 8


@pytest.mark.parametrize("count", [1, 3])
def test_home_query_count_is_constant(
    client, fitting_expert, case_handler, count, django_assert_num_queries
):
    arrange_home(fitting_expert, case_handler, count)
    client.force_login(fitting_expert.user)

    with django_assert_num_queries(HOME_QUERIES):
        response = client.get("/experts/home/")

    context = response.context
    assert [len(context[key]) for key in ("waiting", "calls", "future", "past")] == [count] * 4


def test_home_shows_the_kosovo_footnote_of_an_invitation_in_kosovo(client, db):
    from datetime import timedelta

    from django.utils import timezone

    from taiex.reference.models import Country
    from taiex.staffing.models import Invitation
    from tests.factories import EventFactory, ExpertFactory, UserFactory

    kosovo = Country.objects.get(code="XK")
    expert = ExpertFactory()
    event = EventFactory(state="planned", beneficiary=kosovo, reference="EM-2027-0777")
    Invitation.objects.create(
        event=event,
        expert=expert,
        invited_by=UserFactory(),
        expires_at=timezone.now() + timedelta(days=5),
    )
    client.force_login(expert.user)

    page = client.get("/experts/home/").content.decode()

    assert kosovo.official_footnote in page

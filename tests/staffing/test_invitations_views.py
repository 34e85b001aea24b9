"""Invitation and call pages: the permission matrix of the staff actions, the answer and the
event's experts section; the signed link page; query counts of the staff section."""

# The shared fixtures are imported by name, so their arguments look like redefinitions.
# ruff: noqa: F811

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from taiex.accounts.enums import Role
from taiex.events.services.experts import add_expert_to_event
from taiex.reference.models import Country
from taiex.staffing.enums import INVITATION_VALID_DAYS
from taiex.staffing.models import ExpertCall, Interest, Invitation
from taiex.staffing.services.invitations import link_path
from tests.factories import ExpertFactory, make_user
from tests.staffing.invitation_fixtures import (  # noqa: F401 (fixtures)
    event,
    expert_named,
    fitting_expert,
    in_days,
    other_expert,
    planned_event,
)

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "applicant_of_event",
    "applicant_elsewhere",
    "ncp_of_country",
    "ncp_elsewhere",
    "another_expert",
    "case_handler",
    "head_of_unit",
]


@pytest.fixture
def person(request, applicant, ncp, ncp_albania, case_handler, head_of_unit):
    """The user of the role named by the test's `role` parameter (None for anonymous)."""
    role = request.getfixturevalue("role")
    return {
        "anonymous": lambda: None,
        "applicant_of_event": lambda: applicant,
        "applicant_elsewhere": lambda: make_user(Role.APPLICANT, full_name="Other Applicant"),
        "ncp_of_country": lambda: ncp,
        "ncp_elsewhere": lambda: ncp_albania,
        "another_expert": lambda: ExpertFactory().user,
        "case_handler": lambda: case_handler,
        "head_of_unit": lambda: head_of_unit,
    }[role]()


def logged_in(client, user):
    if user is not None:
        client.force_login(user)
    return client


def invitation_for(event, expert, case_handler, **fields):
    now = timezone.now()
    values = {
        "role": "lead_expert",
        "invited_by": case_handler,
        "invited_at": now,
        "expires_at": now + timedelta(days=INVITATION_VALID_DAYS),
        **fields,
    }
    invitation = Invitation.objects.create(event=event, expert=expert, **values)
    if invitation.state == "accepted":  # as accept_invitation leaves it
        add_expert_to_event(event, expert, role=invitation.role)
    return invitation


# status of a staff action per role: login redirect, hidden event, forbidden, done
STAFF_ACTION_STATUS = {
    "anonymous": 302,
    "applicant_of_event": 403,
    "applicant_elsewhere": 404,
    "ncp_of_country": 403,
    "ncp_elsewhere": 404,
    "another_expert": 404,
    "case_handler": 302,
    "head_of_unit": 302,
}
STAFF = {"case_handler", "head_of_unit"}


@pytest.mark.parametrize("role", ROLES)
def test_publish_call_permissions(client, event, person, role):
    response = logged_in(client, person).post(
        f"/experts/events/{event.pk}/call/", {"call-description": "Asylum interviews"}
    )

    assert response.status_code == STAFF_ACTION_STATUS[role]
    if role in STAFF:
        assert response.url == f"/events/{event.pk}/"
        assert list(ExpertCall.objects.values_list("description", flat=True)) == [
            "Asylum interviews"
        ]
    else:
        assert not ExpertCall.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_invite_permissions(client, event, fitting_expert, person, role):
    response = logged_in(client, person).post(
        f"/experts/events/{event.pk}/invite/",
        {"invite-expert": fitting_expert.pk, "invite-role": "speaker"},
    )

    assert response.status_code == STAFF_ACTION_STATUS[role]
    if role in STAFF:
        assert list(Invitation.objects.values_list("expert", "role", "state")) == [
            (fitting_expert.pk, "speaker", "invited")
        ]
    else:
        assert not Invitation.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_withdraw_permissions(client, event, fitting_expert, case_handler, person, role):
    invitation = invitation_for(event, fitting_expert, case_handler)

    response = logged_in(client, person).post(
        f"/experts/invitations/{invitation.pk}/withdraw/", {"withdraw-reason": "Online now."}
    )

    assert response.status_code == STAFF_ACTION_STATUS[role]
    invitation.refresh_from_db()
    assert invitation.state == ("withdrawn" if role in STAFF else "invited")


@pytest.mark.parametrize("role", ROLES)
def test_answer_permissions(client, event, fitting_expert, case_handler, person, role):
    invitation = invitation_for(event, fitting_expert, case_handler)

    response = logged_in(client, person).post(f"/experts/invitations/{invitation.pk}/accept/")

    assert response.status_code == (302 if role == "anonymous" else 404)
    assert Invitation.objects.get(pk=invitation.pk).state == "invited"


def test_invited_expert_accepts_on_the_home(client, event, fitting_expert, case_handler):
    invitation = invitation_for(event, fitting_expert, case_handler)

    response = logged_in(client, fitting_expert.user).post(
        f"/experts/invitations/{invitation.pk}/accept/"
    )

    assert (response.status_code, response.url) == (302, "/experts/home/")
    invitation.refresh_from_db()
    assert (invitation.state, invitation.link_used_at) == ("accepted", None)


def test_invited_expert_declines_with_a_reason(client, event, fitting_expert, case_handler):
    invitation = invitation_for(event, fitting_expert, case_handler)

    logged_in(client, fitting_expert.user).post(
        f"/experts/invitations/{invitation.pk}/decline/",
        {f"decline-{invitation.pk}-reason": "Another mission."},
    )

    invitation.refresh_from_db()
    assert (invitation.state, invitation.decline_reason) == ("declined", "Another mission.")


@pytest.mark.parametrize("role", ROLES)
def test_event_experts_section_by_role(client, event, fitting_expert, case_handler, person, role):
    fitting_expert.user.phone = "+386 1 234 5678"
    fitting_expert.user.save()
    invitation_for(event, fitting_expert, case_handler, state="accepted")

    response = logged_in(client, person).get(f"/events/{event.pk}/")

    expected_status = {
        "anonymous": 302,
        "applicant_elsewhere": 404,
        "ncp_elsewhere": 404,
        "another_expert": 404,
    }.get(role, 200)
    assert response.status_code == expected_status
    if expected_status != 200:
        return
    page = response.content.decode()
    row = "<tr><td>Sara Slovenska</td><td>Slovenia</td><td>Lead expert</td></tr>"
    assert row in page
    assert ("sara@gov.example" in page) == (role in STAFF)
    assert "+386 1 234 5678" not in page
    assert "/cv/" not in page
    assert ("Invite an expert" in page) == (role in STAFF)


def test_staff_section_shows_the_call_and_interested_experts(
    client, event, fitting_expert, case_handler
):
    call = ExpertCall.objects.create(event=event, description="Asylum", published_by=case_handler)
    Interest.objects.create(call=call, expert=fitting_expert, motivation="I train interviewers.")

    page = logged_in(client, case_handler).get(f"/events/{event.pk}/").content.decode()

    assert "Sara Slovenska (Slovenia) &lt;sara@gov.example&gt;" in page
    assert "I train interviewers." in page


def test_staff_section_prefills_the_call_with_the_wished_expertise(client, event, case_handler):
    response = logged_in(client, case_handler).get(f"/events/{event.pk}/")

    form = response.context["call_form"]
    assert form["description"].value() == "Interview techniques for asylum officers"


def test_invite_refusal_is_shown_next_to_the_field(client, event, case_handler):
    pending = expert_named("Petra Pending", verification_state="pending")

    response = logged_in(client, case_handler).post(
        f"/experts/events/{event.pk}/invite/",
        {"invite-expert": pending.pk, "invite-role": "expert"},
    )

    assert response.status_code == 400
    assert response.context["invite_form"].errors == {
        "expert": ["Petra Pending is not a verified expert: only verified experts can be invited."]
    }
    assert not Invitation.objects.exists()


def test_invite_of_an_unknown_expert_number(client, event, case_handler):
    response = logged_in(client, case_handler).post(
        f"/experts/events/{event.pk}/invite/", {"invite-expert": 999999, "invite-role": "expert"}
    )

    assert response.context["invite_form"].errors == {"expert": ["No expert has this number."]}


def test_publish_call_without_description_shows_the_error(client, event, case_handler):
    response = logged_in(client, case_handler).post(
        f"/experts/events/{event.pk}/call/", {"call-description": ""}
    )

    assert response.status_code == 400
    assert response.context["call_form"].errors == {"description": ["This field is required."]}


def test_public_page_shows_member_states_and_roles_without_names(
    client, event, fitting_expert, case_handler
):
    event.state = "implemented"
    event.save(update_fields=["state"])
    invitation_for(event, fitting_expert, case_handler, state="accepted")
    invitation_for(event, expert_named("Ivo Declined"), case_handler, state="declined")

    page = client.get(f"/public/events/{event.reference}/").content.decode()

    assert "<li>Slovenia: lead expert</li>" in page
    assert page.count("<li>Slovenia") == 1
    assert "Sara Slovenska" not in page
    assert "Ivo Declined" not in page


# -- the signed link --------------------------------------------------------------------------


def test_link_page_shows_the_invitation_and_accepts(
    client, event, fitting_expert, case_handler, django_capture_on_commit_callbacks
):
    invitation = invitation_for(event, fitting_expert, case_handler)
    path = link_path(invitation)

    shown = client.get(path)
    with django_capture_on_commit_callbacks(execute=True):
        answered = client.post(path, {"answer": "accept", "reason": ""})

    assert shown.status_code == 200
    assert "Asylum interview techniques" in shown.content.decode()
    assert answered.context["done"] == (
        "You accepted the invitation. Thank you; the case handler will contact you."
    )
    invitation.refresh_from_db()
    assert invitation.state == "accepted"
    assert invitation.link_used_at is not None
    assert [message.to for message in mail.outbox] == [[case_handler.email]]


def test_link_page_reused(client, event, fitting_expert, case_handler):
    invitation = invitation_for(event, fitting_expert, case_handler)
    path = link_path(invitation)
    client.post(path, {"answer": "decline", "reason": "Busy"})

    response = client.post(path, {"answer": "accept", "reason": ""})

    assert (response.status_code, response.context["error"]) == (
        400,
        "This link was already used: your answer is recorded. Log in to see your invitations.",
    )
    assert Invitation.objects.get(pk=invitation.pk).state == "declined"


def test_link_page_expired(client, event, fitting_expert, case_handler):
    invitation = invitation_for(
        event, fitting_expert, case_handler, expires_at=timezone.now() - timedelta(hours=1)
    )

    response = client.get(link_path(invitation))

    assert response.status_code == 410
    assert response.context["error"].startswith("This invitation expired on ")
    assert Invitation.objects.get(pk=invitation.pk).state == "expired"


def test_link_page_of_a_withdrawn_invitation(client, event, fitting_expert, case_handler):
    invitation = invitation_for(event, fitting_expert, case_handler, state="withdrawn")

    response = client.get(link_path(invitation))

    assert response.context["error"] == (
        "This invitation is withdrawn by staff and can no longer be answered."
    )


# -- query counts ------------------------------------------------------------------------------


def arrange_staff_section(event, case_handler, count):
    """`count` interested experts, each invited (the first) or confirmed (the others)."""
    call = ExpertCall.objects.create(event=event, description="Asylum", published_by=case_handler)
    for number in range(count):
        expert = expert_named(f"Expert{number} Person", member_state=Country.objects.get(code="HR"))
        Interest.objects.create(call=call, expert=expert, motivation="Yes")
        invitation_for(event, expert, case_handler, state="accepted" if number else "invited")


# The event and its page (session, user, roles, event, history) plus the experts section:
# confirmed experts, the call, the interests and the invitations, one query each; the limits
# (the dated limit and granted exceptions for the confirmation, the limit and the exceptions
# for the limits section); the other events of the request's series; its interpretation pairs.
STAFF_PAGE_QUERIES = 22  # two of them the logistics section


@pytest.mark.parametrize("count", [1, 3])
def test_staff_experts_section_query_count_is_constant(
    client, event, case_handler, count, django_assert_num_queries
):
    from django.contrib.contenttypes.models import ContentType

    arrange_staff_section(event, case_handler, count)
    client.force_login(case_handler)
    ContentType.objects.get_for_model(event)  # the content-type cache is per process, not per page

    with django_assert_num_queries(STAFF_PAGE_QUERIES):
        response = client.get(f"/events/{event.pk}/")

    assert len(response.context["invitations"]) == count


def test_public_event_page_costs_the_same_queries_for_1_and_3_confirmed_experts(client, db):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import EventFactory, ExpertFactory, UserFactory
    from tests.factories.reports import expert_on_event

    event = EventFactory(reference="WS-2025-0777", state="implemented")
    staff = UserFactory()

    def confirm_one(code):
        expert = ExpertFactory(member_state=Country.objects.get(code=code))
        expert_on_event(event, expert=expert, invited_by=staff)

    def count():
        with CaptureQueriesContext(connection) as context:
            response = client.get(f"/public/events/{event.reference}/")
        assert response.status_code == 200
        return len(context.captured_queries), response.content.decode()

    confirm_one("SI")
    one, _ = count()
    confirm_one("BE")
    confirm_one("AT")
    three, page = count()

    assert one == three
    assert ["Slovenia: expert" in page, "Belgium: expert" in page] == [True, True]


def test_staff_invite_an_expert_from_the_ranking_page(client, case_handler, db):
    from django.urls import reverse

    from tests.staffing.ranking_fixtures import asylum_event

    event = asylum_event()
    asylum = ExpertFactory(expertise="Asylum procedures and asylum interviews.")
    client.force_login(case_handler)

    page = client.get(reverse("staffing:ranking", args=[event.pk]))
    response = client.post(
        reverse("staffing:invite", args=[event.pk]),
        {"invite-expert": asylum.pk, "invite-role": "lead_expert"},
    )

    assert (
        f'<input type="hidden" name="invite-expert" value="{asylum.pk}">' in page.content.decode()
    )
    assert response.status_code == 302
    assert list(Invitation.objects.values_list("expert", "role", "state")) == [
        (asylum.pk, "lead_expert", "invited")
    ]


def test_ranking_page_shows_who_answered_the_call(client, case_handler, db):
    from django.urls import reverse

    from taiex.staffing.services.calls import publish_call
    from tests.staffing.ranking_fixtures import asylum_event

    event = asylum_event(state="planned")
    asylum = ExpertFactory(expertise="Asylum procedures and asylum interviews.")
    outsider = ExpertFactory(expertise="Fisheries control.", keywords="fisheries", chapters=[])
    call = publish_call(event, actor=case_handler, description="Asylum procedures.")
    Interest.objects.create(call=call, expert=asylum, motivation="Ten years of asylum interviews.")
    Interest.objects.create(call=call, expert=outsider, motivation="Keen to learn.")
    client.force_login(case_handler)

    response = client.get(reverse("staffing:ranking", args=[event.pk]))

    page = response.content.decode()
    assert "Interested: Ten years of asylum interviews." in page
    assert [i.expert for i in response.context["interested_not_ranked"]] == [outsider]

"""Events and participants in the authenticated API (/api/v1/casework/events/): the pages'
visibility and permissions across roles with tokens; cancel through the service; query counts."""

import pytest

from taiex.accounts.enums import Role
from taiex.core.models import ActivityLog
from taiex.reference.models import ThematicTeam
from tests.factories import EventFactory, make_user
from tests.factories.participants import ParticipantFactory
from tests.factories.tokens import bearer

pytestmark = pytest.mark.django_db

ROLES = [
    "case_handler_of_team",
    "case_handler_other_team",
    "head_of_unit",
    "ncp_serbia",
    "ncp_albania",
    "applicant",
    "expert",
]
SEES = {"case_handler_of_team", "case_handler_other_team", "head_of_unit", "ncp_serbia"}
MANAGES = {"case_handler_of_team", "head_of_unit"}


@pytest.fixture
def people():
    return {
        "case_handler_of_team": make_user(Role.CASE_HANDLER, team="jfs"),
        "case_handler_other_team": make_user(Role.CASE_HANDLER, team="etet"),
        "head_of_unit": make_user(Role.HEAD_OF_UNIT),
        "ncp_serbia": make_user(Role.NCP, country="RS"),
        "ncp_albania": make_user(Role.NCP, country="AL"),
        "applicant": make_user(Role.APPLICANT, country="RS"),
        "expert": make_user(Role.EXPERT),
    }


@pytest.fixture
def event():
    return EventFactory(
        reference="WS-2026-0042", state="planned", team=ThematicTeam.objects.get(code="jfs")
    )


@pytest.mark.parametrize("role", ROLES)
def test_the_list_holds_the_events_the_pages_show(client, people, event, role):
    response = client.get("/api/v1/casework/events/", headers=bearer(people[role]))

    assert response.status_code == 200
    assert [item["reference"] for item in response.json()["items"]] == (
        ["WS-2026-0042"] if role in SEES else []
    )


@pytest.mark.parametrize("role", ROLES)
def test_one_event_and_its_participants_are_404_for_who_may_not_see_them(
    client, people, event, role
):
    ParticipantFactory(event=event, full_name="Jelena Petrović", email="jelena@example.rs")
    headers = bearer(people[role])

    detail = client.get(f"/api/v1/casework/events/{event.pk}", headers=headers)
    participants = client.get(f"/api/v1/casework/events/{event.pk}/participants", headers=headers)

    if role in SEES:
        assert (detail.status_code, detail.json()["state"]) == (200, "planned")
        assert [(p["full_name"], p["email"]) for p in participants.json()] == [
            ("Jelena Petrović", "jelena@example.rs")
        ]
    else:
        assert (detail.status_code, participants.status_code) == (404, 404)


@pytest.mark.parametrize("role", ROLES)
def test_cancelling_needs_the_pages_permission(client, people, event, role):
    headers = bearer(people[role], scope="write")
    logged = ActivityLog.objects.count()

    response = client.post(
        f"/api/v1/casework/events/{event.pk}/actions/cancel",
        {"reason": "The venue is closed."},
        content_type="application/json",
        headers=headers,
    )

    event.refresh_from_db()
    if role in MANAGES:
        assert (response.status_code, response.json()["state"], event.state) == (
            200,
            "cancelled",
            "cancelled",
        )
        assert event.cancellation_reason == "The venue is closed."
    else:
        assert response.status_code == (403 if role in SEES else 404)
        assert (event.state, ActivityLog.objects.count()) == ("planned", logged)


def test_a_cancellation_without_a_reason_names_the_field(client, people, event):
    response = client.post(
        f"/api/v1/casework/events/{event.pk}/actions/cancel",
        {"reason": " "},
        content_type="application/json",
        headers=bearer(people["head_of_unit"], scope="write"),
    )

    event.refresh_from_db()
    assert (response.status_code, response.json()["errors"], event.state) == (
        422,
        [{"field": "reason", "in": "body", "message": "Give the reason for the cancellation."}],
        "planned",
    )


def test_a_read_token_cannot_cancel(client, people, event):
    response = client.post(
        f"/api/v1/casework/events/{event.pk}/actions/cancel",
        {"reason": "The venue is closed."},
        content_type="application/json",
        headers=bearer(people["head_of_unit"], scope="read"),
    )

    event.refresh_from_db()
    assert (response.status_code, event.state) == (403, "planned")


def test_the_list_costs_the_same_for_one_and_three_events(
    client, people, django_assert_num_queries
):
    headers = bearer(people["head_of_unit"])
    client.get("/api/v1/casework/events/", headers=headers)  # records the token's first use
    EventFactory()
    with django_assert_num_queries(3):
        one = client.get("/api/v1/casework/events/", headers=headers)
    EventFactory.create_batch(2)
    with django_assert_num_queries(3):
        three = client.get("/api/v1/casework/events/", headers=headers)

    assert (len(one.json()["items"]), len(three.json()["items"])) == (1, 3)


def test_the_participants_list_costs_the_same_for_one_and_three(
    client, people, event, django_assert_num_queries
):
    headers = bearer(people["head_of_unit"])
    url = f"/api/v1/casework/events/{event.pk}/participants"
    client.get(url, headers=headers)
    ParticipantFactory(event=event)
    # the token, the roles, the event with its columns, its other beneficiaries and chapters
    # (for the permission), the participants
    with django_assert_num_queries(6):
        one = client.get(url, headers=headers)
    ParticipantFactory.create_batch(2, event=event)
    with django_assert_num_queries(6):
        three = client.get(url, headers=headers)

    assert (len(one.json()), len(three.json())) == (1, 3)

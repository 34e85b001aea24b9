"""Requests in the authenticated API: the same visibility and permissions as the pages, across
roles and tokens; the workflow moves through the services; query counts of the list."""

import pytest

from taiex.accounts.enums import Role
from taiex.applications import services
from taiex.core.models import ActivityLog
from tests.factories import make_user, submittable_application
from tests.factories.tokens import bearer

pytestmark = pytest.mark.django_db

ROLES = [
    "owner",
    "other_applicant",
    "ncp_serbia",
    "ncp_albania",
    "consultee",
    "case_handler",
    "head_of_unit",
    "expert",
]


@pytest.fixture
def people(applicant):
    return {
        "owner": applicant,
        "other_applicant": make_user(Role.APPLICANT, country="RS"),
        "ncp_serbia": make_user(Role.NCP, country="RS"),
        "ncp_albania": make_user(Role.NCP, country="AL"),
        "consultee": make_user(Role.CONSULTEE, group="eu_delegation"),
        "case_handler": make_user(Role.CASE_HANDLER, team="jfs"),
        "head_of_unit": make_user(Role.HEAD_OF_UNIT),
        "expert": make_user(Role.EXPERT),
    }


@pytest.fixture
def submitted(applicant):
    return services.submit_application(submittable_application(applicant), actor=applicant)


@pytest.fixture
def draft(applicant):
    return submittable_application(applicant, title="A draft nobody else sees")


SEES_SUBMITTED = {"owner", "ncp_serbia", "case_handler", "head_of_unit"}


@pytest.mark.parametrize("role", ROLES)
def test_the_list_holds_what_the_pages_show(client, people, submitted, draft, role):
    response = client.get("/api/v1/requests/", headers=bearer(people[role]))

    expected = []
    if role == "owner":
        expected = [draft.pk, submitted.pk]
    elif role in SEES_SUBMITTED:
        expected = [submitted.pk]
    assert response.status_code == 200
    assert [item["id"] for item in response.json()["items"]] == expected


@pytest.mark.parametrize("role", ROLES)
def test_one_request_is_404_for_who_may_not_see_it(client, people, submitted, role):
    response = client.get(f"/api/v1/requests/{submitted.pk}", headers=bearer(people[role]))

    if role in SEES_SUBMITTED:
        assert response.status_code == 200
        assert response.json() == {
            "id": submitted.pk,
            "reference": submitted.reference,
            "state": "submitted",
            "state_label": "Submitted to the NCP",
            "title": submitted.title,
            "country": "RS",
            "lead_institution": str(submitted.lead_institution),
            "team": None,
            "case_handler": None,
            "submitted_at": submitted.submitted_at.isoformat(timespec="milliseconds").replace(
                "+00:00", "Z"
            ),
            "forwarded_at": None,
            "interpretation": [],
            "interpretation_note": "",
        }
    else:
        assert (response.status_code, response.json()["title"]) == (404, "Not found")


# Who may return a submitted request: only the NCP of its country (404 for those who do not
# see it, 403 for those who see it without the permission), and only with a write token.
RETURN_OUTCOMES = {
    "owner": 403,
    "other_applicant": 404,
    "ncp_serbia": 200,
    "ncp_albania": 404,
    "consultee": 404,
    "case_handler": 403,
    "head_of_unit": 403,
    "expert": 404,
}


@pytest.mark.parametrize("role", ROLES)
def test_returning_a_request_needs_the_pages_permission(client, people, submitted, role):
    headers = bearer(people[role], scope="write")
    logged = ActivityLog.objects.count()

    response = client.post(
        f"/api/v1/requests/{submitted.pk}/actions/return",
        {"reason": "Add the legislation."},
        content_type="application/json",
        headers=headers,
    )

    submitted.refresh_from_db()
    assert response.status_code == RETURN_OUTCOMES[role]
    if RETURN_OUTCOMES[role] == 200:
        assert (response.json()["state"], submitted.state) == ("returned", "returned")
        assert ActivityLog.objects.filter(to_state="returned").count() == 1
    else:
        assert (submitted.state, ActivityLog.objects.count()) == ("submitted", logged)


@pytest.mark.parametrize("scope", ["read", None, "expired", "revoked"])
def test_a_move_needs_a_live_write_token(client, people, submitted, scope):
    ncp = people["ncp_serbia"]
    headers = bearer(ncp, scope="read" if scope == "read" else "write")
    if scope is None:
        headers = {}
    elif scope == "expired":
        ncp.api_tokens.update(expires_at="2020-01-01T00:00:00Z")
    elif scope == "revoked":
        ncp.api_tokens.update(revoked_at="2020-01-01T00:00:00Z")

    response = client.post(
        f"/api/v1/requests/{submitted.pk}/actions/return",
        {"reason": "Add the legislation."},
        content_type="application/json",
        headers=headers,
    )

    submitted.refresh_from_db()
    assert (response.status_code, submitted.state) == (403 if scope == "read" else 401, "submitted")


def test_a_return_without_a_reason_names_the_field(client, people, submitted):
    response = client.post(
        f"/api/v1/requests/{submitted.pk}/actions/return",
        {},
        content_type="application/json",
        headers=bearer(people["ncp_serbia"], scope="write"),
    )

    submitted.refresh_from_db()
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"] == [
        {"field": "reason", "in": "body", "message": "Say what the applicant should correct."}
    ]
    assert submitted.state == "submitted"


def test_a_move_the_workflow_does_not_have_now_is_a_conflict(client, people, submitted):
    headers = bearer(people["ncp_serbia"], scope="write")
    url = f"/api/v1/requests/{submitted.pk}/actions/return"
    client.post(url, {"reason": "Once."}, content_type="application/json", headers=headers)

    response = client.post(
        url, {"reason": "Twice."}, content_type="application/json", headers=headers
    )

    assert (response.status_code, response.json()["title"]) == (409, "Not possible now")
    assert response.json()["detail"].endswith("it cannot move to “Returned for correction”.")


def test_the_owner_submits_a_draft_through_the_api(client, applicant, draft):
    response = client.post(
        f"/api/v1/requests/{draft.pk}/actions/submit",
        {},
        content_type="application/json",
        headers=bearer(applicant, scope="write"),
    )

    draft.refresh_from_db()
    assert (response.status_code, draft.state, response.json()["reference"]) == (
        200,
        "submitted",
        draft.reference,
    )


def test_an_unknown_action_is_a_422_naming_it(client, applicant, draft):
    response = client.post(
        f"/api/v1/requests/{draft.pk}/actions/approve",
        {},
        content_type="application/json",
        headers=bearer(applicant, scope="write"),
    )

    assert (response.status_code, [e["field"] for e in response.json()["errors"]]) == (
        422,
        ["action"],
    )


def test_the_list_pages_with_a_cursor(client, applicant):
    drafts = [submittable_application(applicant) for _ in range(3)]
    headers = bearer(applicant)

    first = client.get("/api/v1/requests/?limit=2", headers=headers).json()
    second = client.get(
        f"/api/v1/requests/?limit=2&cursor={first['next_cursor']}", headers=headers
    ).json()

    assert [item["id"] for item in first["items"] + second["items"]] == [
        d.pk for d in reversed(drafts)
    ]
    assert second["next_cursor"] is None
    bad = client.get("/api/v1/requests/?cursor=not-a-cursor", headers=headers)
    assert (bad.status_code, bad.json()["errors"][0]["field"]) == (422, "cursor")


def test_the_list_costs_the_same_for_one_and_three_requests(
    client, applicant, case_handler, django_assert_num_queries
):
    headers = bearer(case_handler)
    client.get("/api/v1/requests/", headers=headers)  # records the token's first use
    services.submit_application(submittable_application(applicant), actor=applicant)
    # the token with its user, the roles, the page, the interpretation pairs of the page
    with django_assert_num_queries(4):
        one = client.get("/api/v1/requests/", headers=headers)
    for _ in range(2):
        services.submit_application(submittable_application(applicant), actor=applicant)
    with django_assert_num_queries(4):
        three = client.get("/api/v1/requests/", headers=headers)

    assert (len(one.json()["items"]), len(three.json()["items"])) == (1, 3)


def test_a_body_that_is_not_json_is_a_problem_document(client, applicant, draft):
    response = client.post(
        f"/api/v1/requests/{draft.pk}/actions/submit",
        b"\x0eR",
        content_type="application/json",
        headers=bearer(applicant, scope="write"),
    )

    draft.refresh_from_db()
    assert (response.status_code, response["Content-Type"], response.json()["detail"]) == (
        400,
        "application/problem+json",
        "Cannot parse request body",
    )
    assert draft.state == "draft"

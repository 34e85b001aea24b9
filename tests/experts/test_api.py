"""The expert database in the authenticated API: staff only (404 for everybody else, as the
search pages), read through experts' queries; query counts of the list."""

import pytest

from taiex.accounts.enums import Role
from tests.factories import ExpertFactory, make_user
from tests.factories.tokens import bearer

pytestmark = pytest.mark.django_db

ROLES = {
    Role.APPLICANT: 404,
    Role.NCP: 404,
    Role.CONSULTEE: 404,
    Role.EXPERT: 404,
    Role.CASE_HANDLER: 200,
    Role.HEAD_OF_UNIT: 200,
    Role.ADMINISTRATOR: 200,
}


@pytest.mark.parametrize(("role", "expected"), ROLES.items())
def test_only_staff_read_the_expert_database(client, role, expected):
    expert = ExpertFactory()
    headers = bearer(make_user(role))

    listed = client.get("/api/v1/experts/", headers=headers)
    one = client.get(f"/api/v1/experts/{expert.pk}", headers=headers)

    assert (listed.status_code, one.status_code) == (expected, expected)
    if expected == 200:
        assert [item["id"] for item in listed.json()["items"]] == [expert.pk]
        assert one.json()["email"] == expert.user.email


def test_the_expert_himself_gets_404_through_the_api(client):
    expert = ExpertFactory()

    response = client.get(f"/api/v1/experts/{expert.pk}", headers=bearer(expert.user))

    assert response.status_code == 404


def test_the_search_filters_by_words_and_state(client, case_handler):
    ExpertFactory(expertise="Asylum interviews", verification_state="verified")
    wanted = ExpertFactory(expertise="Asylum reception", verification_state="pending")
    ExpertFactory(expertise="Plant health", keywords="plants", verification_state="pending")

    response = client.get(
        "/api/v1/experts/?q=asylum&verification_state=pending", headers=bearer(case_handler)
    )

    assert [item["id"] for item in response.json()["items"]] == [wanted.pk]


def test_the_list_costs_the_same_for_one_and_three_experts(
    client, case_handler, django_assert_num_queries
):
    headers = bearer(case_handler)
    client.get("/api/v1/experts/", headers=headers)  # records the token's first use
    ExpertFactory()
    with django_assert_num_queries(5):
        one = client.get("/api/v1/experts/", headers=headers)
    ExpertFactory.create_batch(2)
    with django_assert_num_queries(5):
        three = client.get("/api/v1/experts/", headers=headers)

    assert (len(one.json()["items"]), len(three.json()["items"])) == (1, 3)

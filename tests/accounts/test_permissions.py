"""Who may open the pages of accounts: anonymous visitors log in first, only NCPs see newcomers."""

import pytest
from django.urls import reverse

from taiex.accounts.models import Institution, Membership, User

ROLES = [
    "applicant",
    "ncp",
    "ncp_albania",
    "case_handler",
    "head_of_unit",
    "administrator",
    "consultee",
    "expert",
    "contractor",
]


@pytest.fixture
def consultee(consultees):
    return consultees["eu_delegation"]


@pytest.mark.parametrize(
    "name", ["accounts:profile", "accounts:home", "accounts:personal_data_export"]
)
def test_anonymous_visitor_is_sent_to_login(client, db, name):
    url = reverse(name)

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={url}"


def test_anonymous_profile_post_changes_nothing(client, applicant):
    response = client.post(
        reverse("accounts:profile"), {"full_name": "Intruder", "position": "", "phone": ""}
    )

    applicant.refresh_from_db()
    assert response.status_code == 302
    assert applicant.full_name == "Ana Applicant"


@pytest.mark.parametrize("role", ROLES)
def test_every_role_sees_and_edits_only_their_own_profile(client, request, role):
    user = request.getfixturevalue(role)
    client.force_login(user)

    response = client.get(reverse("accounts:profile"))

    assert response.status_code == 200
    assert response.context["form"].initial["full_name"] == user.full_name
    assert list(response.context["memberships"]) == list(user.memberships.all())


@pytest.mark.parametrize("role", ROLES)
def test_home_opens_for_every_role(client, request, role):
    user = request.getfixturevalue(role)
    client.force_login(user)

    response = client.get(reverse("accounts:home"))

    assert response.status_code == 200
    assert user.email in response.content.decode()


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("applicant", False),
        ("ncp", True),
        ("ncp_albania", True),
        ("case_handler", False),
        ("head_of_unit", False),
        ("administrator", False),
        ("consultee", False),
        ("expert", False),
        ("contractor", False),
    ],
)
def test_only_ncps_find_the_new_people_page(client, request, role, allowed):
    user = request.getfixturevalue(role)
    client.force_login(user)
    before = (User.objects.count(), Institution.objects.count(), Membership.objects.count())

    response = client.get(reverse("accounts:new_people"))

    assert response.status_code == (200 if allowed else 404)
    assert ("applicants_page" in response.context) is allowed
    assert (User.objects.count(), Institution.objects.count(), Membership.objects.count()) == before


def test_superuser_without_a_country_does_not_find_the_new_people_page(client, db):
    root = User.objects.create_superuser("root@ec.europa.eu", "Rue-de-la-loi-200", full_name="Root")
    client.force_login(root)

    response = client.get(reverse("accounts:new_people"))

    assert response.status_code == 404
    assert "applicants_page" not in response.context

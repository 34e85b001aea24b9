"""Personal API tokens: created on the profile (secret shown once, hashed at rest), revoked,
expiring, scoped, and how the API answers each kind of token."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from taiex.accounts.api_tokens import create_api_token, hash_secret, token_for_secret
from taiex.accounts.enums import Role
from taiex.accounts.models import ApiToken
from taiex.core.models import ActivityLog
from tests.factories import make_user
from tests.factories.tokens import bearer

pytestmark = pytest.mark.django_db

REQUESTS = "/api/v1/requests/"


def test_a_token_is_created_on_the_profile_and_its_secret_shown_once(client, applicant):
    client.force_login(applicant)

    response = client.post(
        reverse("accounts:api_tokens"),
        {"name": "Weekly report", "scope": "write", "lifetime_days": "90"},
    )

    token = ApiToken.objects.get()
    secret = response.context["secret"]
    assert secret.startswith(f"taiex_{token.prefix}_")
    assert secret in response.content.decode()
    assert (token.user, token.name, token.scope, token.secret_hash) == (
        applicant,
        "Weekly report",
        "write",
        hash_secret(secret),
    )
    assert secret not in token.secret_hash
    assert timedelta(days=89, hours=23) < token.expires_at - timezone.now() <= timedelta(days=90)
    assert secret not in client.get(reverse("accounts:api_tokens")).content.decode()
    entry = ActivityLog.objects.get(action="api_token.create")
    assert (entry.actor, entry.object_id, entry.data) == (
        applicant,
        str(applicant.pk),
        {"token": token.prefix, "name": "Weekly report", "scope": "write"},
    )


def test_a_token_without_a_name_is_refused(client, applicant):
    client.force_login(applicant)

    response = client.post(
        reverse("accounts:api_tokens"), {"name": "  ", "scope": "read", "lifetime_days": "30"}
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {"name": ["This field is required."]}
    assert ApiToken.objects.count() == 0


def test_the_owner_revokes_a_token_and_the_api_refuses_it_at_once(client, applicant):
    headers = bearer(applicant)
    assert client.get(REQUESTS, headers=headers).status_code == 200
    token = ApiToken.objects.get()
    client.force_login(applicant)

    client.post(reverse("accounts:api_token_revoke", args=[token.pk]))

    token.refresh_from_db()
    assert token.revoked_at is not None
    response = client.get(REQUESTS, headers=headers)
    assert (response.status_code, response["Content-Type"], response.json()["title"]) == (
        401,
        "application/problem+json",
        "Unauthenticated",
    )
    entry = ActivityLog.objects.get(action="api_token.revoke")
    assert (entry.actor, entry.data) == (applicant, {"token": token.prefix, "name": "test"})


def test_nobody_revokes_somebody_elses_token(client, applicant, ncp):
    bearer(applicant)
    token = ApiToken.objects.get()
    client.force_login(ncp)

    response = client.post(reverse("accounts:api_token_revoke", args=[token.pk]))

    token.refresh_from_db()
    assert (response.status_code, token.revoked_at) == (404, None)
    assert not ActivityLog.objects.filter(action="api_token.revoke").exists()


def test_the_profile_lists_only_ones_own_tokens(client, applicant, ncp):
    create_api_token(applicant, actor=applicant, name="Mine", scope="read", lifetime_days=30)
    create_api_token(ncp, actor=ncp, name="Not mine", scope="read", lifetime_days=30)
    client.force_login(applicant)

    page = client.get(reverse("accounts:api_tokens")).content.decode()

    assert ("Mine" in page, "Not mine" in page) == (True, False)


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({}, 401),
        ({"Authorization": "Bearer taiex_000000000000_wrong"}, 401),
        ({"Authorization": "Bearer something-else"}, 401),
        ({"Authorization": "Basic YTpi"}, 401),
    ],
)
def test_requests_without_a_valid_token_are_unauthenticated(client, headers, expected):
    assert client.get(REQUESTS, headers=headers).status_code == expected


def test_a_guessed_secret_with_a_real_prefix_is_refused(applicant):
    token, secret = create_api_token(
        applicant, actor=applicant, name="t", scope="read", lifetime_days=30
    )

    assert token_for_secret(secret[:-1] + ("A" if secret[-1] != "A" else "B")) is None
    assert token_for_secret(secret) == token


def test_an_expired_token_is_refused(client, applicant):
    headers = bearer(applicant)
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    assert client.get(REQUESTS, headers=headers).status_code == 401


def test_a_token_of_a_deactivated_account_is_refused(client, applicant):
    headers = bearer(applicant)
    applicant.is_active = False
    applicant.save(update_fields=["is_active"])

    assert client.get(REQUESTS, headers=headers).status_code == 401


def test_using_a_token_records_when(client, applicant):
    headers = bearer(applicant)

    client.get(REQUESTS, headers=headers)

    used = ApiToken.objects.get().last_used_at
    assert timezone.now() - used < timedelta(seconds=10)


def test_a_session_alone_does_not_open_the_api(client, applicant):
    client.force_login(applicant)

    assert client.get(REQUESTS).status_code == 401


def test_a_read_token_cannot_move_anything(client, db):
    expert = make_user(Role.EXPERT)

    response = client.post(
        "/api/v1/requests/1/actions/submit",
        {},
        content_type="application/json",
        headers=bearer(expert, scope="read"),
    )

    assert (response.status_code, response.json()["detail"]) == (
        403,
        "This token may read but not change.",
    )

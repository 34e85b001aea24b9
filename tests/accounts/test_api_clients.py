"""OAuth2 client credentials for the API (django-oauth-toolkit): an application registered by an
administrator gets a token at /oauth/token/ and the API answers it as its service account, with
that account's permissions and the scope the administrator allowed."""

import base64
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from oauth2_provider.models import AccessToken, Application

from taiex.accounts.enums import Role
from taiex.accounts.models import ApiClient
from taiex.applications import services
from taiex.core.models import ActivityLog
from tests.factories import make_user, submittable_application
from tests.factories.tokens import bearer

pytestmark = pytest.mark.django_db
SECRET = "client-secret-for-the-tests"


def register(user, *, scope=None, grant=Application.GRANT_CLIENT_CREDENTIALS):
    application = Application.objects.create(
        name="Reporting service",
        user=user,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=grant,
        client_secret=SECRET,
    )
    if scope:
        ApiClient.objects.create(application=application, scope=scope)
    return application


def ask_token(client, application, scope="read"):
    basic = base64.b64encode(f"{application.client_id}:{SECRET}".encode()).decode()
    return client.post(
        "/oauth/token/",
        {"grant_type": "client_credentials", "scope": scope},
        headers={"Authorization": f"Basic {basic}"},
    )


def as_bearer(response):
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


@pytest.fixture
def submitted(applicant):
    return services.submit_application(submittable_application(applicant), actor=applicant)


def test_a_client_lists_what_its_service_account_may_see(client, applicant, submitted):
    ncp = make_user(Role.NCP, country="RS")
    other_ncp = make_user(Role.NCP, country="AL")

    granted = ask_token(client, register(ncp))
    seen = client.get("/api/v1/requests/", headers=as_bearer(granted))
    unseen = client.get(
        "/api/v1/requests/", headers=as_bearer(ask_token(client, register(other_ncp)))
    )
    personal = client.get("/api/v1/requests/", headers=bearer(ncp))

    assert (granted.status_code, granted.json()["scope"]) == (200, "read")
    assert seen.status_code == 200
    assert seen.json() == personal.json()
    assert [item["id"] for item in seen.json()["items"]] == [submitted.pk]
    assert unseen.json()["items"] == []


def test_a_read_client_cannot_ask_for_write(client):
    response = ask_token(client, register(make_user(Role.NCP, country="RS")), scope="read write")

    assert (response.status_code, response.json()["error"]) == (400, "invalid_scope")
    assert AccessToken.objects.count() == 0


@pytest.mark.parametrize(
    ("allowed", "asked", "status", "state"),
    [
        ("write", "read write", 200, "returned"),
        ("write", "read", 403, "submitted"),
    ],
)
def test_a_move_needs_a_write_token_of_a_client_allowed_to_write(
    client, submitted, allowed, asked, status, state
):
    ncp = make_user(Role.NCP, country="RS")
    token = ask_token(client, register(ncp, scope=allowed), scope=asked)

    response = client.post(
        f"/api/v1/requests/{submitted.pk}/actions/return",
        {"reason": "Add the legislation."},
        content_type="application/json",
        headers=as_bearer(token),
    )

    submitted.refresh_from_db()
    assert (response.status_code, submitted.state) == (status, state)


def test_an_expired_token_is_refused(client, submitted):
    token = ask_token(client, register(make_user(Role.NCP, country="RS")))
    AccessToken.objects.update(expires=timezone.now() - timedelta(seconds=1))

    response = client.get("/api/v1/requests/", headers=as_bearer(token))

    assert response.status_code == 401


def test_a_token_of_another_kind_of_application_is_refused(client, applicant):
    """A password-grant application would let a program sign in with a person's password and
    skip the second factor: the API takes only client-credentials tokens."""
    application = register(applicant, grant=Application.GRANT_PASSWORD)
    token = AccessToken.objects.create(
        user=applicant,
        application=application,
        token="a-password-grant-token",
        expires=timezone.now() + timedelta(hours=1),
        scope="read",
    )

    response = client.get("/api/v1/requests/", headers={"Authorization": f"Bearer {token.token}"})

    assert response.status_code == 401


def test_a_client_of_a_deactivated_account_is_refused(client):
    ncp = make_user(Role.NCP, country="RS")
    token = ask_token(client, register(ncp))
    ncp.is_active = False
    ncp.save()

    response = client.get("/api/v1/requests/", headers=as_bearer(token))

    assert response.status_code == 401


def test_an_administrator_registers_a_client_in_the_admin_and_the_audit_log_keeps_it(client):
    administrator = make_user(
        Role.ADMINISTRATOR, email="alma@example.org", is_staff=True, is_superuser=True
    )
    service = make_user(Role.HEAD_OF_UNIT, email="reports@example.org")
    client.force_login(administrator)
    page = client.get(reverse("admin:oauth2_provider_application_add"))
    form = page.context["adminform"].form

    response = client.post(
        reverse("admin:oauth2_provider_application_add"),
        {
            "client_id": "reporting",
            "client_secret": SECRET,
            "hash_client_secret": "on",
            "user": service.pk,
            "redirect_uris": "",
            "post_logout_redirect_uris": "",
            "allowed_origins": "",
            "client_type": "confidential",
            "authorization_grant_type": "client-credentials",
            "name": "Reporting service",
            "algorithm": "",
            "api_client-TOTAL_FORMS": "1",
            "api_client-INITIAL_FORMS": "0",
            "api_client-MIN_NUM_FORMS": "0",
            "api_client-MAX_NUM_FORMS": "1",
            "api_client-0-scope": "write",
        },
    )

    application = Application.objects.get(client_id="reporting")
    row = ActivityLog.objects.get(action="api_client.register")
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert [value for value, _ in form.fields["authorization_grant_type"].choices] == [
        "client-credentials"
    ]
    assert application.api_client.scope == "write"
    assert (row.actor, row.data) == (
        administrator,
        {"client_id": "reporting", "user": "reports@example.org", "scope": "write"},
    )
    assert ask_token(client, application, scope="read write").json()["scope"] == "read write"

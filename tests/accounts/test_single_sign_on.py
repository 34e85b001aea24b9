"""Single sign-on with OpenID Connect, end to end against a real provider: django-oauth-toolkit
with OIDC on, served over HTTP by the live server (tests/accounts/oidc/provider.py). The client
library (authlib) really fetches the discovery document, the token and the signing keys; only
the person's browser is played by the test client (a second one is signed in at the provider)."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse
from oauth2_provider.models import Application

from taiex.accounts import sso
from taiex.accounts.enums import Role
from taiex.core.models import ActivityLog
from tests.accounts.oidc.provider import forget_oauthlib_cores, provider_settings
from tests.factories import make_user
from tests.factories.second_factor import enrol

pytestmark = pytest.mark.django_db(transaction=True)
CLIENT_SECRET = "rp-secret-for-the-tests-only"
CALLBACK = "http://testserver/accounts/sso/callback/"


@pytest.fixture
def provider(live_server, settings, monkeypatch):
    """The provider at {live_server}/idp/ and taiex configured to use it."""
    monkeypatch.setenv("NO_PROXY", "localhost,127.0.0.1")
    settings.ROOT_URLCONF = "tests.accounts.oidc.provider"
    settings.OAUTH2_PROVIDER = provider_settings()
    application = Application.objects.create(
        name="taiex",
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=CALLBACK,
        client_secret=CLIENT_SECRET,
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )
    settings.TAIEX_OIDC_DISCOVERY_URL = f"{live_server.url}/idp/.well-known/openid-configuration"
    settings.TAIEX_OIDC_CLIENT_ID = application.client_id
    settings.TAIEX_OIDC_CLIENT_SECRET = CLIENT_SECRET
    settings.TAIEX_OIDC_PROVIDER_NAME = "Test Login"
    sso._clients.clear()
    forget_oauthlib_cores()
    yield live_server
    sso._clients.clear()
    forget_oauthlib_cores()


def sign_in_at_provider(client, person, *, start="/accounts/sso/"):
    """Click "Sign in with ...", sign in at the provider as `person`, come back: the callback's
    answer."""
    to_provider = client.get(start)
    assert to_provider.status_code == 302, to_provider.content
    authorize = urlsplit(to_provider["Location"])
    browser_at_provider = Client()
    browser_at_provider.force_login(person)
    back = browser_at_provider.get(f"{authorize.path}?{authorize.query}")
    assert back.status_code == 302, back.content
    assert back["Location"].startswith(CALLBACK)
    returned = urlsplit(back["Location"])
    return client.get(f"{returned.path}?{returned.query}")


def test_a_verified_address_signs_in_its_account_and_the_second_factor_is_still_asked(
    client, provider
):
    handler = make_user(Role.CASE_HANDLER, email="carla@example.org")
    enrol(handler)

    to_provider = client.get("/accounts/sso/?next=/requests/")
    query = parse_qs(urlsplit(to_provider["Location"]).query)
    answer = sign_in_at_provider(client, handler, start="/accounts/sso/?next=/requests/")

    assert to_provider["Location"].startswith(f"{provider.url}/idp/authorize/?")
    assert query["scope"] == ["openid email profile"]
    assert query["code_challenge_method"] == ["S256"]
    assert "nonce" in query
    assert (answer.status_code, answer["Location"]) == (302, "/requests/")
    assert client.session[SESSION_KEY] == str(handler.pk)
    assert client.get("/requests/")["Location"] == "/accounts/two-factor/?next=%2Frequests%2F"
    row = ActivityLog.objects.get(action="sign_in.sso")
    assert (row.object_id, row.data["issuer"], row.data["subject"]) == (
        str(handler.pk),
        f"{provider.url}/idp",
        str(handler.pk),
    )


def test_a_provider_trusted_for_the_second_factor_opens_the_site_at_once(
    client, provider, settings
):
    settings.TAIEX_OIDC_TRUSTED_FOR_SECOND_FACTOR = True
    handler = make_user(Role.CASE_HANDLER, email="carla@example.org")

    answer = sign_in_at_provider(client, handler)

    assert answer["Location"] == "/accounts/home/"
    assert client.get("/accounts/home/").status_code == 200


def test_an_unverified_address_is_refused(client, provider):
    person = make_user(Role.APPLICANT, email="unverified.ana@example.org")

    answer = sign_in_at_provider(client, person)

    assert answer.status_code == 403
    assert answer.context["message"] == (
        "Test Login has not verified the address unverified.ana@example.org, so taiex cannot "
        "trust it to open an account. Verify it there, or log in with your password."
    )
    assert SESSION_KEY not in client.session


def test_an_address_without_an_account_is_refused_and_no_account_is_made(client, provider):
    outsider = make_user(Role.APPLICANT, full_name="Outsider at the provider")
    users_before = sorted(type(outsider).objects.values_list("email", flat=True))

    answer = sign_in_at_provider(client, outsider)

    assert answer.status_code == 403
    assert answer.context["message"].startswith(
        "No taiex account has the address someone@elsewhere.example."
    )
    assert SESSION_KEY not in client.session
    assert sorted(type(outsider).objects.values_list("email", flat=True)) == users_before


def test_an_answer_with_another_state_is_refused(client, provider):
    handler = make_user(Role.CASE_HANDLER, email="carla@example.org")
    client.get("/accounts/sso/")

    answer = client.get("/accounts/sso/callback/?code=stolen&state=not-the-one-sent")

    assert answer.status_code == 403
    assert "did not complete" in answer.context["message"]
    assert SESSION_KEY not in client.session
    assert ActivityLog.objects.filter(action="sign_in.sso", object_id=str(handler.pk)).count() == 0


def test_the_login_page_offers_the_provider_only_when_configured(client, provider, settings):
    configured = client.get(reverse("accounts:login")).content.decode()
    settings.TAIEX_OIDC_DISCOVERY_URL = ""
    plain = client.get(reverse("accounts:login")).content.decode()
    start = client.get("/accounts/sso/")

    assert "Sign in with Test Login" in configured
    assert "Sign in with" not in plain
    assert start.status_code == 404

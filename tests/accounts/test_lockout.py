"""Repeated failed logins lock the account and the address (django-axes) with a clear page,
until the lockout time has passed or an administrator unlocks it."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.test import RequestFactory, override_settings
from django.urls import reverse
from django.utils import timezone

from taiex.accounts.signin import client_address
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Right-password-2026"
LOCKED_MESSAGE = (
    "There were 5 failed logins for this account or from your address, so taiex refuses logins "
    "for it for 30 minutes."
)


@pytest.fixture
def person(db):
    user = UserFactory(email="ana@example.org")
    user.set_password(PASSWORD)
    user.save()
    return user


def log_in(client, email, password, address="192.0.2.10"):
    return client.post(
        reverse("accounts:login"), {"username": email, "password": password}, REMOTE_ADDR=address
    )


def fail(client, email, times, address="192.0.2.10"):
    """Log in `times` with a wrong password; the status codes of the answers."""
    return [log_in(client, email, "wrong-password", address).status_code for _ in range(times)]


def test_four_failures_leave_the_account_open(client, person):
    failure = log_in(client, "ana@example.org", "wrong-password")
    assert "The e-mail address or the password is not right." in failure.content.decode()
    assert fail(client, "ana@example.org", 3) == [200, 200, 200]

    response = log_in(client, "ana@example.org", PASSWORD)

    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(person.pk)


def test_five_failures_in_any_letter_case_lock_the_account_even_with_the_right_password(
    client, person
):
    assert fail(client, "ana@example.org", 3) + fail(
        client, "ANA@Example.org", 2, address="198.51.100.7"
    ) == [200, 200, 200, 200, 429]

    response = log_in(client, "ana@example.org", PASSWORD, address="203.0.113.5")

    assert response.status_code == 429
    assert LOCKED_MESSAGE in response.content.decode()
    assert SESSION_KEY not in client.session


def test_five_failures_from_one_address_lock_that_address_for_every_account(client, person):
    statuses = [fail(client, f"someone{number}@example.org", 1)[0] for number in range(5)]
    assert statuses == [200, 200, 200, 200, 429]

    refused = log_in(client, "ana@example.org", PASSWORD)
    elsewhere = log_in(client, "ana@example.org", PASSWORD, address="203.0.113.5")

    assert refused.status_code == 429
    assert elsewhere.status_code == 302


def test_the_lockout_ends_after_its_time(client, person):
    fail(client, "ana@example.org", 5)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=31))

    response = log_in(client, "ana@example.org", PASSWORD)

    assert response.status_code == 302


def test_an_administrator_unlocks_the_account_in_the_admin(client, person, administrator):
    fail(client, "ana@example.org", 5)
    attempts = list(AccessAttempt.objects.values_list("pk", flat=True))
    client.force_login(administrator)
    administrator.is_superuser = True
    administrator.save()

    for pk in attempts:
        client.post(
            reverse("admin:axes_accessattempt_delete", args=[pk]), {"post": "yes"}, follow=True
        )
    client.logout()
    response = log_in(client, "ana@example.org", PASSWORD)

    assert AccessAttempt.objects.count() == 0
    assert response.status_code == 302


def test_a_successful_login_clears_the_failures_of_the_account(client, person):
    fail(client, "ana@example.org", 4)
    log_in(client, "ana@example.org", PASSWORD)
    client.logout()

    fail(client, "ana@example.org", 4)
    response = log_in(client, "ana@example.org", PASSWORD)

    assert response.status_code == 302


@pytest.mark.parametrize(
    ("proxies", "forwarded", "address"),
    [
        (0, "203.0.113.9", "10.0.0.2"),
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "198.51.100.1, 203.0.113.9", "203.0.113.9"),
        (2, "198.51.100.1, 203.0.113.9", "198.51.100.1"),
        (2, "203.0.113.9", "10.0.0.2"),
    ],
)
def test_client_address_behind_trusted_proxies(proxies, forwarded, address):
    request = RequestFactory().post(
        "/accounts/login/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded
    )

    with override_settings(TAIEX_PROXY_COUNT=proxies):
        assert client_address(request) == address

"""The demo's accounts whose role needs two factors hold the documented authenticator key, and
`manage.py demo_code` prints the code that completes their sign-in."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from taiex.accounts.second_factor import secret_of
from taiex.demo.people import DEMO_PASSWORD, DEMO_TOTP_SECRET, People

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(db):
    return People().create_all()


def test_demo_staff_ncps_and_services_hold_the_documented_key_and_applicants_none(people):
    enrolled = {
        device.user.email: secret_of(device)
        for device in TOTPDevice.objects.filter(confirmed=True).select_related("user")
    }

    for email in (
        "handler.jfs@example.org",
        "head@example.org",
        "admin@example.org",
        "finance@example.org",
        "logistics@example.org",
        "ncp.rs@example.org",
        "delegation@example.org",
    ):
        assert enrolled[email] == DEMO_TOTP_SECRET
    assert "applicant.rs@example.org" not in enrolled
    assert "expert@example.org" not in enrolled


def test_a_demo_case_handler_signs_in_with_the_printed_code(client, people):
    out = StringIO()
    call_command("demo_code", stdout=out)
    code = out.getvalue().split()[0]

    client.post(
        reverse("accounts:login"),
        {"username": "handler.jfs@example.org", "password": DEMO_PASSWORD},
    )
    held = client.get("/accounts/home/")
    answer = client.post("/accounts/two-factor/", {"code": code})

    assert held["Location"] == "/accounts/two-factor/?next=%2Faccounts%2Fhome%2F"
    assert (answer.status_code, answer["Location"]) == (302, "/accounts/home/")
    assert client.get("/accounts/home/").status_code == 200

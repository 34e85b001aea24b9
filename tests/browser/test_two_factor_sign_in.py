"""A case handler signs in with two factors: the first time they set up the authenticator app
(the code is computed here as the phone would), keep the recovery codes, and at the next
sign-in give the app's code after the password."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from taiex.accounts.enums import Role
from tests.factories import make_user
from tests.factories.second_factor import code_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct horse battery"


def password_step(page, base, email):
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")


def test_a_case_handler_signs_in_with_two_factors(live_server, browser_page, assert_accessible):
    page, base = browser_page, live_server.url
    page.set_default_timeout(90_000)  # the first answers of a live server are slow when loaded
    handler = make_user(Role.CASE_HANDLER, team="jfs", full_name="Carla Case Handler")

    password_step(page, base, handler.email)
    assert page.url == f"{base}/accounts/two-factor/setup/?next=%2Faccounts%2Fhome%2F"
    assert page.locator("h1").inner_text() == "Set up two-factor authentication"
    assert page.get_by_role(
        "img", name="QR code that adds taiex to an authenticator app"
    ).is_visible()
    assert_accessible(page)
    device = TOTPDevice.objects.get(user=handler)
    assert page.locator("#totp-secret").inner_text() != ""

    page.fill("input[name=code]", code_for(device))
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.locator("h1").inner_text() == "Your recovery codes"
    assert page.locator(".recovery-codes li").count() == 10
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Continue").click()
    assert page.url == f"{base}/accounts/home/"

    password_step(page, base, handler.email)
    assert page.url == f"{base}/accounts/two-factor/?next=%2Faccounts%2Fhome%2F"
    assert page.locator("h1").inner_text() == "Second step of the sign-in"
    page.fill("input[name=code]", "12345")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert (
        "This code is not right, or it was already used."
        in page.locator(".error-summary").inner_text()
    )
    assert_accessible(page)
    # A wrong code makes the device wait a second before it takes another.
    page.wait_for_timeout(1_100)
    page.fill("input[name=code]", code_for(device))
    with page.expect_navigation():
        page.click("main button[type=submit]")

    assert page.url == f"{base}/accounts/home/"
    page.goto(f"{base}/accounts/profile/")
    assert "10 unused recovery codes left." in page.locator("main").inner_text()
    assert_accessible(page)

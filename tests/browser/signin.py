"""Signing in through the pages as a person does: the password, then the second factor when the
account owes one (its first sign-in sets up the authenticator app through the setup page, whose
code is computed here as the phone would)."""

from django_otp.plugins.otp_totp.models import TOTPDevice

from taiex.accounts.models import User
from tests.factories.second_factor import code_for


def sign_in(page, base, email, password, *, landing="/accounts/home/"):
    """Log in as `email` in a fresh session and wait for `landing`."""
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    if page.url.startswith(f"{base}/accounts/two-factor/"):
        give_second_factor(page, email)
    page.wait_for_url(f"{base}{landing}")


def give_second_factor(page, email):
    user = User.objects.get(email=email)
    enrolling = "/two-factor/setup/" in page.url
    device = TOTPDevice.objects.filter(user=user, confirmed=not enrolling).latest("pk")
    page.fill("input[name=code]", code_for(device))
    with page.expect_navigation():
        page.click("main button[type=submit]")
    if enrolling:  # the recovery codes are shown once, then "Continue"
        with page.expect_navigation():
            page.get_by_role("link", name="Continue").click()

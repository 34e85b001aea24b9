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


def open_inventory_pages(page, base, data, failures, *, roles=None, viewport=None):
    """Open each page of the inventory (`tests.pages.pages`) as its role, at `viewport` (1280 px
    wide unless said), signing in once per role; yield (role, url) of each page that answered
    200, and note the others in `failures`. `roles`: only the pages of these roles (all when
    None)."""
    from tests.pages import ANONYMOUS, PASSWORD, pages

    signed_in = None
    for role, url in pages(data):
        if roles is not None and str(role) not in roles:
            continue
        if role != signed_in:
            if role != ANONYMOUS:
                sign_in(page, base, data.users[role].email, PASSWORD)
            signed_in = role
        page.set_viewport_size(viewport or DESKTOP)
        response = page.goto(f"{base}{url}")
        if response.status != 200:
            failures.append(f"{role} {url}: answered {response.status}")
            continue
        yield role, url


DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

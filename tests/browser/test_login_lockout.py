"""A person who keeps typing a wrong password is stopped: after five failures the login page
says logins are paused, and the right password does not open the account either."""

import pytest

from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct horse battery"


def submit(page, base, email, password):
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", password)
    page.click("main button[type=submit]")


def test_wrong_passwords_lock_the_account(browser_page, live_server, assert_accessible):
    page, base = browser_page, live_server.url
    # The first answers of a fresh live server are slow on a loaded machine.
    page.set_default_timeout(90_000)
    user = UserFactory(email="carla@example.org")
    user.set_password(PASSWORD)
    user.save()

    for _ in range(4):
        submit(page, base, user.email, "not my password")
        assert page.locator(".error-summary").inner_text().splitlines()[-1] == (
            "The e-mail address or the password is not right. Check both and try again, or "
            "reset your password."
        )
    submit(page, base, user.email, "not my password")
    assert page.locator("h1").inner_text() == "Logins paused"
    assert_accessible(page)

    submit(page, base, user.email, PASSWORD)

    assert page.locator("h1").inner_text() == "Logins paused"
    assert "There were 5 failed logins for this account or from your address" in (
        page.locator(".error-summary").inner_text()
    )
    assert page.url == f"{base}/accounts/login/"

"""The public front page loads in Chromium and passes the accessibility check."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_front_page_loads_in_chromium_and_is_accessible(
    live_server, browser_page, assert_accessible
):
    response = browser_page.goto(f"{live_server.url}/")

    assert response.status == 200
    assert browser_page.locator("main").count() == 1
    assert browser_page.locator("h1").first.inner_text().strip() != ""
    assert_accessible(browser_page)


def test_login_page_loads_in_chromium_and_is_accessible(
    live_server, browser_page, assert_accessible
):
    response = browser_page.goto(f"{live_server.url}/accounts/login/")

    assert response.status == 200
    assert browser_page.get_by_label("E-mail").count() == 1
    assert_accessible(browser_page)

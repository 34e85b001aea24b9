"""The ranking page on a 1280 px laptop screen: each Invite button is in view without
scrolling sideways."""

import pytest
from django.urls import reverse

from taiex.accounts.enums import Role
from tests.browser.signin import sign_in
from tests.factories import ExpertFactory, make_user
from tests.staffing.ranking_fixtures import asylum_event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct horse battery"


def test_invite_is_visible_at_1280_px_without_sideways_scrolling(live_server, browser_page):
    page, base = browser_page, live_server.url
    case_handler = make_user(Role.CASE_HANDLER, team="jfs", full_name="Carla Case Handler")
    event = asylum_event()
    for _ in range(3):
        ExpertFactory(expertise="Asylum procedures and asylum interviews.")

    sign_in(page, base, case_handler.email, PASSWORD)
    page.goto(base + reverse("staffing:ranking", args=[event.pk]))

    buttons = page.locator("form[action$='/invite/'] button[type=submit]")
    assert buttons.count() == 3
    for index in range(3):
        box = buttons.nth(index).bounding_box()
        assert box is not None
        assert box["x"] + box["width"] <= 1280
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280

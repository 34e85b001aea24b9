"""A person reads a notification in the in-app inbox, marks the rest read and chooses the daily
digest for one kind: desktop and 390 px, axe on each page, no page scrolling sideways."""

import pytest

from taiex.core.mail import notify
from taiex.core.models import NotificationPreference
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct horse battery"


def assert_no_sideways_scroll(page):
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow} px"


def show_menu(page):
    """On a phone the header menu is folded behind its "Menu" button: open it."""
    if not page.locator("details.site-menu").evaluate("(menu) => menu.open"):
        page.locator("details.site-menu > summary").click()


@pytest.mark.parametrize("width", [1280, 390])
def test_a_person_reads_the_inbox_and_chooses_the_digest(
    live_server, browser_page, assert_accessible, width
):
    page, base = browser_page, live_server.url
    page.set_viewport_size({"width": width, "height": 900})
    user = UserFactory(full_name="Ana Applicant")
    for subject in ("APP-2026-00001: submitted", "APP-2026-00001: returned for correction"):
        notify(
            [user],
            subject=subject,
            template="accounts/email/password_reset_subject.txt",
            context={},
        )

    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/accounts/home/")
    folded = page.locator("details.site-menu").evaluate("(menu) => !menu.open")
    assert folded == (width == 390)
    show_menu(page)
    page.get_by_role("link", name="Inbox 2 unread").click()

    page.wait_for_url(f"{base}/inbox/")
    assert_accessible(page)
    assert_no_sideways_scroll(page)
    page.get_by_role("link", name="APP-2026-00001: returned for correction").click()
    page.get_by_role("heading", name="APP-2026-00001: returned for correction").wait_for()
    assert_accessible(page)
    show_menu(page)
    assert page.get_by_role("link", name="Inbox 1 unread").is_visible()
    page.get_by_role("link", name="Back to the inbox").click()
    page.get_by_role("button", name="Mark all as read").click()
    assert "1 notification marked as read." in page.inner_text("main")
    show_menu(page)
    assert page.get_by_role("link", name="Inbox", exact=True).is_visible()

    page.get_by_role("link", name="Choose how each kind reaches you").click()
    assert_accessible(page)
    assert_no_sideways_scroll(page)
    page.get_by_label("Your requests: submitted, returned, forwarded, decided...").select_option(
        "daily_digest"
    )
    page.get_by_role("button", name="Save my choices").click()
    assert "Your choices are saved." in page.inner_text("main")
    assert list(NotificationPreference.objects.values_list("kind", "delivery")) == [
        ("applications/email/move", "daily_digest")
    ]

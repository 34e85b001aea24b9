"""The head of unit starts at their home, sees the proposals waiting with their count, follows
the first waiting item's action (deciding several at once) and does it: on a desktop viewport
and on a 390 px phone, with axe on each page and no page scrolling sideways."""

import pytest

from taiex.accounts.enums import Role
from taiex.applications.enums import ApplicationState as S
from taiex.applications.models import Application
from tests.browser.signin import sign_in
from tests.factories import make_user
from tests.portal.homes.helpers import proposed

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct horse battery"


def log_in(page, base, user):
    """The password, then the second factor a head of unit owes (tests/browser/signin.py)."""
    sign_in(page, base, user.email, PASSWORD)


def assert_no_sideways_scroll(page):
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow} px"


@pytest.mark.parametrize("width", [1280, 390])
def test_head_of_unit_decides_three_proposals_from_the_home(
    live_server, browser_page, assert_accessible, width
):
    page, base = browser_page, live_server.url
    page.set_viewport_size({"width": width, "height": 900})
    applicant = make_user(Role.APPLICANT, country="RS")
    ncp = make_user(Role.NCP, country="RS")
    case_handler = make_user(Role.CASE_HANDLER, team="jfs")
    for group in ("eu_delegation", "geographic_desk", "line_dg"):
        make_user(Role.CONSULTEE, group=group)
    head = make_user(Role.HEAD_OF_UNIT, full_name="Hugo Head")
    proposals = [proposed(applicant, ncp, case_handler, days_ago=d) for d in (4, 3, 2)]

    log_in(page, base, head)
    waiting = page.get_by_role("region", name="Proposals to decide 3")
    assert waiting.get_by_role("link").first.inner_text().startswith(proposals[0].reference)
    assert "waiting 4 days" in waiting.inner_text()
    assert_accessible(page)
    assert_no_sideways_scroll(page)

    waiting.get_by_role("link", name="Decide several at once").click()
    page.wait_for_url(f"{base}/accounts/home/decide-proposals/")
    assert_accessible(page)
    assert_no_sideways_scroll(page)
    for application, decision in zip(proposals, ("Approve", "Reject", "Approve"), strict=True):
        group = page.get_by_role("group", name=f"{application.reference} {application.title}")
        group.get_by_label("Decide this proposal").check()
        group.get_by_label(decision, exact=True).check()
        group.get_by_label("Reason (sent to the applicant and the NCP)").fill(f"{decision}d.")
    page.get_by_role("button", name="Review the decisions").click()

    page.get_by_role("heading", name="Confirm 3 decisions").wait_for()
    assert_accessible(page)
    assert_no_sideways_scroll(page)
    page.get_by_role("button", name="Record 3 decisions").click()
    page.wait_for_url(f"{base}/accounts/home/")

    assert "3 decisions recorded: 2 approved, 1 rejected." in page.inner_text("main")
    assert [Application.objects.get(pk=a.pk).state for a in proposals] == [
        S.APPROVED,
        S.REJECTED,
        S.APPROVED,
    ]
    assert page.get_by_role("region", name="Proposals to decide 0").is_visible()

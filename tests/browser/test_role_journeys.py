"""Each role starts at its home, follows the first item waiting for it to the page where the
action is done, and does it: on a 1280 px desktop and on a 390 px phone, with axe on each page
and no page scrolling sideways. The head of unit (test_home_journey.py) and the logistics
contractor (test_logistics_journey.py) have their own files; these are the NCP, the consulted
service, the case handler, the expert and the applicant."""

from datetime import timedelta

import pytest
from django.utils import timezone

from taiex.accounts.enums import Role
from taiex.accounts.models import Membership
from taiex.applications import services
from taiex.applications.enums import ApplicationState as S
from taiex.applications.models import Application, Consultation
from taiex.staffing.models import Invitation
from tests.browser.test_home_journey import log_in
from tests.factories import EventFactory, ExpertFactory, make_user, submittable_application
from tests.portal.homes.helpers import in_assessment, submitted

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDTHS = [1280, 390]
CRITERIA = (
    "Eligibility of the applicant and the country",
    "Link to EU law or to the partnership priorities",
    "Clarity and feasibility of the request",
    "No overlap with other assistance",
    "Realistic timing and organisation",
)


OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll("body *")]
    .filter((e) => e.getBoundingClientRect().right > width + 1)
    .filter((e) => !e.closest(".table-scroll, .visually-hidden, .skip-link"))
    .slice(0, 5)
    .map((e) => `${e.tagName.toLowerCase()}.${e.className} ${e.getBoundingClientRect().right}`);
}"""


def assert_no_sideways_scroll(page):
    """The page is no wider than the viewport; else the widest elements are named."""
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, (
        f"{page.url} scrolls sideways by {overflow} px: {page.evaluate(OVERFLOWING)}"
    )


def check(page, assert_accessible):
    assert_accessible(page)
    assert_no_sideways_scroll(page)


def follow_first(page, base, region, label, path, assert_accessible):
    """At the home: the region waits with its count, its first link leads to `path`."""
    waiting = page.get_by_role("region", name=region)
    check(page, assert_accessible)
    waiting.get_by_role("link").first.click()
    page.wait_for_url(f"{base}{path}")
    assert label in page.get_by_role("heading", level=1).inner_text()
    check(page, assert_accessible)


def people():
    applicant = make_user(Role.APPLICANT, country="RS", full_name="Ana Applicant")
    ncp = make_user(Role.NCP, country="RS", full_name="Nikola NCP")
    for group in ("eu_delegation", "geographic_desk", "line_dg"):
        make_user(Role.CONSULTEE, group=group)
    return applicant, ncp


@pytest.fixture(params=WIDTHS, ids=lambda width: f"{width}px")
def page(request, browser_page):
    browser_page.set_viewport_size({"width": request.param, "height": 900})
    return browser_page


def test_ncp_forwards_the_oldest_request_to_check(live_server, page, assert_accessible):
    base = live_server.url
    applicant, ncp = people()
    oldest = submitted(applicant, days_ago=6)
    submitted(applicant, days_ago=1)

    log_in(page, base, ncp)
    follow_first(
        page,
        base,
        "Requests to check 2",
        oldest.reference,
        f"/requests/{oldest.pk}/",
        assert_accessible,
    )
    page.get_by_label("Note").first.fill("Priority of the Ministry of Interior.")
    page.get_by_role("button", name="Forward", exact=True).click()
    page.get_by_text("the consultation of the services has started").wait_for()
    check(page, assert_accessible)

    assert Application.objects.get(pk=oldest.pk).state == S.CONSULTATION


def test_consulted_service_gives_its_opinion(live_server, page, assert_accessible):
    base = live_server.url
    applicant, ncp = people()
    forwarded = services.forward_application(submitted(applicant), actor=ncp)
    consultation = Consultation.objects.filter(application=forwarded).order_by("pk").first()
    consultee = (
        Membership.objects.filter(role=Role.CONSULTEE, consulted_service=consultation.service)
        .get()
        .user
    )

    log_in(page, base, consultee)
    follow_first(
        page,
        base,
        "Consultations waiting for your opinion 1",
        forwarded.reference,
        f"/requests/{forwarded.pk}/",
        assert_accessible,
    )
    form = page.locator("form", has=page.get_by_role("heading", name="Opinion of the"))
    form.get_by_label("No objection").check()
    form.get_by_label("Comment").fill("In line with the accession priorities.")
    form.get_by_role("button", name="Give the opinion").click()
    page.get_by_role("region", name="Consultations waiting for your opinion 0").or_(
        page.get_by_text("opinion was recorded")
    ).first.wait_for()
    check(page, assert_accessible)

    consultation.refresh_from_db()
    assert (consultation.opinion, consultation.comment) == (
        "no_objection",
        "In line with the accession priorities.",
    )


def test_case_handler_proposes_a_decision_on_the_request_to_assess(
    live_server, page, assert_accessible
):
    base = live_server.url
    applicant, ncp = people()
    case_handler = make_user(Role.CASE_HANDLER, team="jfs", full_name="Carla Case Handler")
    application = in_assessment(applicant, ncp)

    log_in(page, base, case_handler)
    follow_first(
        page,
        base,
        "Requests to assess 1",
        application.reference,
        f"/requests/{application.pk}/",
        assert_accessible,
    )
    form = page.locator("form", has=page.get_by_role("heading", name="Assessment and proposal"))
    form.get_by_label("Approve").check()
    for criterion in CRITERIA:
        form.get_by_label(criterion).check()
    form.get_by_label("Reason").fill("Clear link to the Return Directive.")
    form.get_by_role("button", name="Send the proposal").click()
    page.get_by_text("Your proposal was sent to the planning meeting").wait_for()
    check(page, assert_accessible)

    assert Application.objects.get(pk=application.pk).state == S.PROPOSED


def test_expert_accepts_the_invitation_waiting_for_an_answer(live_server, page, assert_accessible):
    base = live_server.url
    case_handler = make_user(Role.CASE_HANDLER, team="jfs")
    expert = ExpertFactory(user__full_name="Eva Novak")
    expert.user.memberships.get_or_create(role=Role.EXPERT)
    start = timezone.localdate() + timedelta(days=30)
    event = EventFactory(
        state="planned",
        title="Asylum interview techniques",
        start_date=start,
        end_date=start + timedelta(days=1),
        case_handler=case_handler,
    )
    invitation = Invitation.objects.create(
        event=event,
        expert=expert,
        invited_by=case_handler,
        expires_at=timezone.now() + timedelta(days=7),
    )

    log_in(page, base, expert.user)
    waiting = page.get_by_role("region", name="Invitations to answer 1")
    check(page, assert_accessible)
    waiting.get_by_role("link", name=f"{event.reference} Asylum interview techniques").click()
    page.wait_for_url(f"{base}/experts/home/#invitation-{invitation.pk}")
    check(page, assert_accessible)
    card = page.locator(f"#invitation-{invitation.pk}")
    card.get_by_role("button", name="Accept").click()
    page.get_by_role("region", name="Invitations waiting for your answer").get_by_text(
        "No invitation waits for your answer."
    ).wait_for()
    check(page, assert_accessible)

    invitation.refresh_from_db()
    assert invitation.state == "accepted"


def test_applicant_submits_the_draft_waiting_on_the_home(live_server, page, assert_accessible):
    base = live_server.url
    applicant, _ncp = people()
    draft = submittable_application(applicant, title="Workshop on detention standards")

    log_in(page, base, applicant)
    follow_first(
        page,
        base,
        "Drafts not submitted yet 1",
        "Workshop on detention standards",
        f"/requests/{draft.pk}/",
        assert_accessible,
    )
    page.get_by_role("button", name="Submit to the national contact point").click()
    page.get_by_text("was submitted to the national contact point").wait_for()
    check(page, assert_accessible)

    assert Application.objects.get(pk=draft.pk).state == S.SUBMITTED

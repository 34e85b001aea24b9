"""A request walks from draft to approved event in Chromium, each role in its own browser session:
applicant submits, NCP forwards, the consultation closes by silence, the case handler proposes,
the head of unit approves, the event appears."""

from datetime import date, timedelta

import pytest
from django.core import mail

from taiex.accounts.enums import Role
from taiex.applications.enums import ApplicationState as S
from taiex.applications.models import Application
from taiex.applications.services import close_silent_consultations
from taiex.core.audit import activity_of
from taiex.events.models import Event
from tests.browser.signin import sign_in
from tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct horse battery"


def log_in(page, base, user):
    sign_in(page, base, user.email, PASSWORD)


def open_request_from_home(page, base, reference):
    page.goto(f"{base}/accounts/home/")
    page.get_by_role("link", name=reference).first.click()
    page.wait_for_url(f"{base}/requests/*/")


def test_request_walks_from_draft_to_an_approved_event(
    live_server, browser_page, assert_accessible
):
    page, base = browser_page, live_server.url
    applicant = make_user(Role.APPLICANT, country="RS", full_name="Ana Applicant")
    ncp = make_user(Role.NCP, country="RS", full_name="Nikola NCP")
    case_handler = make_user(Role.CASE_HANDLER, team="jfs", full_name="Carla Case Handler")
    head = make_user(Role.HEAD_OF_UNIT, full_name="Hugo Head")
    for group in ("eu_delegation", "geographic_desk", "line_dg"):
        make_user(Role.CONSULTEE, group=group)
    start = date.today() + timedelta(days=75)

    # The applicant fills in the form and submits it.
    log_in(page, base, applicant)
    page.get_by_role("link", name="Start a new request for assistance").click()
    assert_accessible(page)
    page.get_by_label("Type of assistance").select_option("workshop")
    page.get_by_label("How it takes place").select_option("on_site")
    page.get_by_label("Title", exact=True).fill("Workshop on the detention of irregular migrants")
    page.get_by_label("Window (instrument)").select_option(label="Enlargement")
    page.get_by_label("Purpose and objectives").fill("Learn the EU standards on detention.")
    page.get_by_label("EU legislation concerned").fill("Return Directive")
    page.get_by_label("CELEX numbers").fill("32008L0115")
    page.locator("summary", has_text="Chapters").click()  # folded: one Tab stop, not 35
    page.get_by_label("24. Justice, freedom and security").check()
    page.get_by_label("Expected results").fill("Revised detention rules.")
    page.get_by_label("Preferred first day").fill(start.isoformat())
    page.get_by_label("Preferred last day").fill((start + timedelta(days=1)).isoformat())
    page.get_by_label("Place", exact=True).fill("Belgrade")
    page.get_by_label("Number of participants").fill("40")
    page.get_by_label("Profile of the participants").fill("Border police officers")
    page.get_by_label("Number of experts wished").fill("3")
    page.get_by_label("Expertise wished").fill("Detention centre management")
    page.locator("summary", has_text="Working languages").click()
    page.get_by_label("English").check()
    page.fill("#id_contacts-0-name", "Jelena Petrović")
    page.fill("#id_contacts-0-email", "jelena@example.org")
    page.get_by_role("button", name="Submit to the national contact point").click()
    page.get_by_text("was submitted to the national contact point").wait_for()
    assert_accessible(page)
    application = Application.objects.get()
    assert application.state == S.SUBMITTED

    # The NCP of Serbia forwards it.
    log_in(page, base, ncp)
    open_request_from_home(page, base, application.reference)
    page.get_by_label("Note").first.fill("Priority of the Ministry of Interior.")
    page.get_by_role("button", name="Forward").click()
    page.get_by_text("the consultation of the services has started").wait_for()
    application.refresh_from_db()
    assert application.state == S.CONSULTATION

    # Nobody answers: at the deadline the scheduled task closes the consultation by silence.
    close_silent_consultations(now=application.consultation_deadline + timedelta(seconds=1))

    # The case handler of the team assesses it and proposes approval.
    log_in(page, base, case_handler)
    open_request_from_home(page, base, application.reference)
    assert_accessible(page)
    form = page.locator("form", has=page.get_by_role("heading", name="Assessment and proposal"))
    form.get_by_label("Approve").check()
    for criterion in (
        "Eligibility of the applicant and the country",
        "Link to EU law or to the partnership priorities",
        "Clarity and feasibility of the request",
        "No overlap with other assistance",
        "Realistic timing and organisation",
    ):
        form.get_by_label(criterion).check()
    form.get_by_label("Reason").fill("Clear link to the Return Directive.")
    form.get_by_role("button", name="Send the proposal").click()
    page.get_by_text("Your proposal was sent to the planning meeting").wait_for()

    # The head of unit approves at the planning meeting; the event appears.
    log_in(page, base, head)
    open_request_from_home(page, base, application.reference)
    form = page.locator(
        "form", has=page.get_by_role("heading", name="Decision of the planning meeting")
    )
    form.get_by_label("Approve").check()
    form.get_by_label("Reason").fill("Approved at the planning meeting of this week.")
    form.get_by_role("button", name="Record the decision").click()
    page.get_by_text("The decision was recorded").wait_for()
    event = Event.objects.get()
    page.get_by_role("link", name=event.reference).click()
    page.get_by_role("heading", name="Workshop on the detention of irregular migrants").wait_for()
    assert page.url == f"{base}/events/{event.pk}/"
    assert event.reference in page.locator("main").inner_text()
    assert_accessible(page)

    application.refresh_from_db()
    assert (application.state, event.state, event.case_handler) == (
        S.APPROVED,
        "planned",
        case_handler,
    )
    assert event.reference == f"WS-{start.year}-0001"
    assert [(e.action, e.to_state) for e in activity_of(application) if e.to_state] == [
        ("create", S.DRAFT),
        ("submit", S.SUBMITTED),
        ("forward", S.CONSULTATION),
        ("close_consultation", S.ASSESSMENT),
        ("propose", S.PROPOSED),
        ("approve", S.APPROVED),
    ]
    assert f"{application.reference}" in mail.outbox[-1].body

"""Issue 11's "Done means" in Chromium: an implemented workshop sends its evaluation links; two
participants and the expert answer through their links; the case handler sees the results on
the event's evaluation page once the threshold (lowered to 2 here) is met. Axe on each page."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from taiex.accounts.enums import Role
from taiex.evaluations.models import EvaluationPolicy, EvaluationRequest
from taiex.evaluations.queries import active_questionnaire
from taiex.evaluations.services.links import link_path
from taiex.evaluations.services.sending import run_due_sends
from taiex.reference.models import ThematicTeam
from tests.browser.signin import sign_in
from tests.conftest import restore_reference_data
from tests.factories import EventFactory, ExpertFactory, UserFactory, make_user
from tests.factories.evaluations import accepted_expert_on, attending_participant

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct horse battery"


def field(questionnaire, key, suffix=""):
    return f"q{questionnaire.questions.get(key=key).pk}{suffix}"


def answer_participant(page, url, participants, expert, overall, assert_accessible):
    page.goto(url)
    assert_accessible(page)
    page.check(f"input[name={field(participants, 'overall')}][value='{overall}']")
    page.check(f"input[name={field(participants, 'expert_rating', f'_e{expert.pk}')}][value='5']")
    page.check(f"input[name={field(participants, 'organisation')}][value='4']")
    page.check(f"input[name={field(participants, 'usefulness')}][value='4']")
    page.check(f"input[name={field(participants, 'objectives_met')}][value='yes']")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.locator("[role=status]").inner_text() == "Thank you: your answers are recorded."
    assert_accessible(page)


def test_participants_and_expert_answer_and_staff_see_the_results(
    live_server, browser_page, assert_accessible
):
    page, base = browser_page, live_server.url
    restore_reference_data()
    EvaluationPolicy.objects.update(minimum_answers_shown=2)
    case_handler = make_user(Role.CASE_HANDLER, team="jfs", full_name="Carla Case Handler")
    yesterday = timezone.localdate() - timedelta(days=1)
    event = EventFactory(
        reference="WS-2026-0811",
        title="Workshop on asylum reception",
        state="implemented",
        start_date=yesterday,
        end_date=yesterday,
        team=ThematicTeam.objects.get(code="jfs"),
        case_handler=case_handler,
    )
    expert = ExpertFactory(user=UserFactory(full_name="Eda Expert", email="eda@gov.si"))
    accepted_expert_on(event, expert, invited_by=case_handler)
    for name in ("Petar Present", "Mila Present"):
        attending_participant(event, full_name=name, email=f"{name.split()[0].lower()}@gov.rs")

    run_due_sends()

    assert sorted(message.to[0] for message in mail.outbox) == [
        "eda@gov.si",
        "mila@gov.rs",
        "petar@gov.rs",
    ]
    links = {r.email: f"{base}{link_path(r)}" for r in EvaluationRequest.objects.all()}
    participants = active_questionnaire("participants")
    answer_participant(page, links["petar@gov.rs"], participants, expert, 5, assert_accessible)
    answer_participant(page, links["mila@gov.rs"], participants, expert, 4, assert_accessible)

    experts = active_questionnaire("experts")
    page.goto(links["eda@gov.si"])
    page.check(f"input[name={field(experts, 'preparation')}][value='4']")
    page.check(f"input[name={field(experts, 'engagement')}][value='5']")
    page.check(f"input[name={field(experts, 'organisation')}][value='4']")
    page.check(f"input[name={field(experts, 'follow_up_needed')}][value='no']")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.locator("[role=status]").inner_text() == "Thank you: your answers are recorded."

    page.goto(links["petar@gov.rs"])  # a used link
    assert page.locator("[role=alert]").inner_text() == (
        "This link was already used: your answers are recorded. Thank you."
    )
    assert_accessible(page)

    sign_in(page, base, case_handler.email, PASSWORD)
    page.goto(f"{base}/events/{event.pk}/")
    with page.expect_navigation():
        page.click("nav.tabs >> text=Evaluations")
    content = page.locator("main").inner_text()
    assert "Participants (2 answers)" in content
    assert "2 answers, average 4.5 of 5" in content
    assert "Eda Expert\t5.0\t2" in content or "Eda Expert\t5\t2" in content
    assert "Experts (1 answer)" in content
    assert "Petar Present" in content  # who was asked, with no answer beside the name
    assert_accessible(page)

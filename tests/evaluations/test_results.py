"""The staff's evaluation page of an event: the threshold, no participant answer with a name,
who may see and act; an expert's own averages; the rating summary of the ranking."""

# The shared fixtures are imported by name, so their arguments look like redefinitions.
# ruff: noqa: F811

import pytest
from django.contrib.admin.sites import site
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from taiex.evaluations.admin import QuestionInline
from taiex.evaluations.models import (
    EvaluationPolicy,
    EvaluationRequest,
    EventEvaluation,
    Question,
    Questionnaire,
)
from taiex.evaluations.queries import active_questionnaire, expert_rating_summary
from taiex.evaluations.services import questionnaires as versions
from taiex.evaluations.services.answers import submit_answers
from taiex.evaluations.services.sending import (
    close_event_evaluation,
    open_event_evaluation,
    resend_link,
)
from tests.evaluations.fixtures import (  # noqa: F401 (fixtures)
    event,
    participant_form,
    participants,
    rated_expert,
    sweep,
)
from tests.factories.evaluations import attending_participant

pytestmark = pytest.mark.django_db


def answer_as_participant(event, request, expert, *, overall, rating, missing=""):
    data = {}
    for slot in participant_form(event, None, experts=[expert]).slots:
        key = slot.question.key
        data[slot.name] = {
            "overall": overall,
            "expert_rating": rating,
            "organisation": 4,
            "usefulness": 4,
            "objectives_met": "no" if missing else "yes",
            "objectives_missed": missing,
            "will_apply": "",
        }[key]
    form = participant_form(event, data, experts=[expert])
    assert form.is_valid(), form.errors
    submit_answers(request, answers=form.answers())


@pytest.fixture
def answered(event, participants, rated_expert, sweep):
    """Five participants (the two of the fixture and three more) answered."""
    for number in range(3):
        attending_participant(event, full_name=f"Other Person {number}", email=f"o{number}@gov.rs")
    sweep()
    requests = EvaluationRequest.objects.filter(audience="participants").order_by("email")
    for request, (overall, rating) in zip(
        requests, [(5, 5), (4, 4), (5, 3), (3, 5), (5, 4)], strict=True
    ):
        answer_as_participant(
            event, request, rated_expert, overall=overall, rating=rating, missing="Case studies"
        )
    return requests


def page(client, user, event):
    client.force_login(user)
    return client.get(reverse("evaluations:event", args=[event.pk]))


def test_results_appear_from_the_threshold_without_any_name(client, case_handler, event, answered):
    response = page(client, case_handler, event)

    content = response.content.decode()
    sections = response.context["sections"]
    assert sections[0]["shown"] is True
    overall = next(
        r for r in sections[0]["results"] if r.text.startswith("How would you rate the event")
    )
    assert (overall.count, overall.average) == (5, 4.4)
    assert overall.distribution == [
        ("Poor", 0),
        ("Insufficient", 0),
        ("Satisfactory", 1),
        ("Good", 1),
        ("Excellent", 3),
    ]
    assert [(e.user.full_name, a, c) for e, a, c in response.context["expert_ratings"]] == [
        ("Eda Expert", 4.2, 5)
    ]
    missing = next(r for r in sections[0]["results"] if r.text == "What was missing?")
    assert missing.texts == ["Case studies"] * 5
    # The page lists who was asked, but never next to an answer: no answer carries a name.
    assert "Too few answers to show" not in content


def test_below_the_threshold_nothing_is_shown(client, case_handler, event, answered):
    EvaluationPolicy.objects.update(minimum_answers_shown=6)

    response = page(client, case_handler, event)

    assert response.context["sections"][0]["shown"] is False
    assert response.context["sections"][0]["results"] == []
    assert response.context["expert_ratings"] == []
    assert "Too few answers to show: results appear from 6 answers" in response.content.decode()


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("applicant", 404),
        ("ncp", 404),
        ("expert", 404),
        ("case_handler", 200),
        ("head_of_unit", 200),
    ],
)
def test_who_may_see_the_evaluation_page(client, request, event, answered, role, status):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))

    response = client.get(reverse("evaluations:event", args=[event.pk]))

    assert response.status_code == status


@pytest.mark.parametrize(
    ("role", "status", "sent"),
    [("applicant", 404, 0), ("ncp", 404, 0), ("case_handler", 302, 1)],
)
def test_who_may_resend_a_link(client, request, event, participants, sweep, role, status, sent):
    sweep()
    mail.outbox.clear()
    target = EvaluationRequest.objects.get(email="petar@gov.rs")
    client.force_login(request.getfixturevalue(role))

    response = client.post(reverse("evaluations:resend", args=[event.pk, target.pk]))

    assert response.status_code == status
    assert len(mail.outbox) == 0  # the e-mail waits for the commit the test never makes
    target.refresh_from_db()
    assert target.sent_count == 1 + sent


def test_close_early_closes_every_open_link(client, case_handler, event, participants, sweep):
    sweep()
    client.force_login(case_handler)

    client.post(reverse("evaluations:close", args=[event.pk]))

    assert set(EvaluationRequest.objects.values_list("state", flat=True)) == {"closed"}


def test_a_resent_closed_link_opens_again(case_handler, event, participants, sweep):
    sweep()
    close_event_evaluation(event, actor=case_handler)
    target = EvaluationRequest.objects.get(email="petar@gov.rs")

    resend_link(target, actor=case_handler)

    target.refresh_from_db()
    assert (target.state, target.sent_count) == ("open", 2)


def test_page_costs_the_same_queries_for_one_and_three_participants(
    client, case_handler, event, rated_expert, django_assert_num_queries, sweep
):
    attending_participant(event, full_name="One", email="one@gov.rs")
    sweep()
    client.force_login(case_handler)
    client.get(reverse("evaluations:event", args=[event.pk]))

    with CaptureQueriesContext(connection) as one:
        client.get(reverse("evaluations:event", args=[event.pk]))
    for number in range(2):
        attending_participant(event, full_name=f"More {number}", email=f"m{number}@gov.rs")
    EvaluationRequest.objects.all().delete()
    EventEvaluation.objects.all().delete()
    open_event_evaluation(event)

    with django_assert_num_queries(len(one.captured_queries)):
        client.get(reverse("evaluations:event", args=[event.pk]))


def test_expert_rating_summary_and_the_experts_own_page(client, event, answered, rated_expert):
    assert expert_rating_summary([rated_expert.pk, 999999]) == {rated_expert.pk: (4.2, 5)}

    client.force_login(rated_expert.user)
    response = client.get(reverse("evaluations:my_ratings"))

    assert response.context["summary"] == (4.2, 5)
    assert response.context["by_event"] == [
        {
            "reference": "WS-2026-0007",
            "title": "Asylum interview techniques",
            "average": 4.2,
            "count": 5,
        }
    ]


def test_editing_a_questionnaire_in_use_makes_a_new_version(case_handler, event, answered):
    used = active_questionnaire("participants")
    assert versions.is_in_use(used) is True

    copy = versions.new_version(used, actor=case_handler)
    Question.objects.filter(questionnaire=copy, key="overall").update(text="Overall?")
    versions.activate(copy, actor=case_handler)

    assert (copy.version, active_questionnaire("participants")) == (2, copy)
    assert used.questions.get(key="overall").text == "How would you rate the event overall?"
    follow = copy.questions.get(key="objectives_missed").shown_if_question
    assert (follow.questionnaire_id, follow.key) == (copy.pk, "objectives_met")
    assert versions.is_in_use(copy) is False


def test_expert_ratings_page_lists_averages_for_staff_only(
    client, case_handler, applicant, event, answered, rated_expert
):
    client.force_login(applicant)
    assert client.get(reverse("evaluations:expert_ratings")).status_code == 404

    client.force_login(case_handler)
    response = client.get(reverse("evaluations:expert_ratings"))

    assert response.context["rows"] == [(rated_expert, 4.2, 5)]


def test_admin_keeps_a_questionnaire_in_use_read_only(rf, administrator, event, answered):
    used = active_questionnaire("participants")
    unused = versions.new_version(used, actor=administrator)
    request = rf.get("/")
    request.user = administrator
    inline = QuestionInline(Questionnaire, site)

    assert inline.has_change_permission(request, used) is False
    assert inline.has_add_permission(request, used) is False
    assert inline.has_change_permission(request, unused) is True
    assert "title" in site._registry[Questionnaire].get_readonly_fields(request, used)
    assert "title" not in site._registry[Questionnaire].get_readonly_fields(request, unused)

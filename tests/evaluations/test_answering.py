"""Answering through the personal link: every kind and condition, single use, and bad input
(tampered, reused, closed, out of range, missing) refused with a message and nothing stored."""

# The shared fixtures are imported by name, so their arguments look like redefinitions.
# ruff: noqa: F811

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from taiex.evaluations.models import Answer, EvaluationRequest, Response
from taiex.evaluations.queries import active_questionnaire
from taiex.evaluations.services.links import link_path, link_token
from tests.evaluations.fixtures import (  # noqa: F401 (fixtures)
    answers_by_key,
    event,
    participants,
    rated_expert,
    sweep,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def links(event, participants, rated_expert, sweep):
    sweep()
    return {request.email: request for request in EvaluationRequest.objects.all()}


def full_answers(expert, **overrides):
    values = {
        "overall": "5",
        f"expert_rating__e{expert.pk}": "4",
        "organisation": "3",
        "usefulness": "5",
        "objectives_met": "no",
        "objectives_missed": "More practical cases.",
        "will_apply": "The checklist for interviews.",
        **overrides,
    }
    return answers_by_key(active_questionnaire("participants"), **values)


def test_participant_page_asks_each_question_and_the_expert_by_name(client, links):
    response = client.get(link_path(links["petar@gov.rs"]))

    content = response.content.decode()
    assert response.status_code == 200
    assert "How would you rate the expert Eda Expert?" in content
    assert "What was missing? (only if you answered “No” above)" in content
    assert "What will you apply in your work? (optional)" in content


def test_answers_are_stored_once_without_the_person(client, links, rated_expert):
    request = links["petar@gov.rs"]

    response = client.post(link_path(request), full_answers(rated_expert))

    assert response.status_code == 200
    assert "Thank you: your answers are recorded." in response.content.decode()
    stored = Response.objects.get()
    assert stored.audience == "participants"
    assert stored.questionnaire == active_questionnaire("participants")
    assert sorted(
        Answer.objects.values_list("question__key", "expert", "score", "value", "text")
    ) == [
        ("expert_rating", rated_expert.pk, 4, "", ""),
        ("objectives_met", None, None, "no", ""),
        ("objectives_missed", None, None, "", "More practical cases."),
        ("organisation", None, 3, "", ""),
        ("overall", None, 5, "", ""),
        ("usefulness", None, 5, "", ""),
        ("will_apply", None, None, "", "The checklist for interviews."),
    ]
    request.refresh_from_db()
    assert request.state == "answered"
    field_names = {field.name for field in Response._meta.get_fields()}
    assert field_names == {"id", "event", "questionnaire", "audience", "submitted_on", "answers"}


def test_the_follow_up_of_a_condition_not_met_is_not_kept(client, links, rated_expert):
    client.post(
        link_path(links["petar@gov.rs"]),
        full_answers(rated_expert, objectives_met="yes", objectives_missed="ignored"),
    )

    assert list(Answer.objects.filter(question__key="objectives_missed")) == []


def test_a_link_works_once(client, links, rated_expert):
    path = link_path(links["petar@gov.rs"])
    client.post(path, full_answers(rated_expert))

    again = client.post(path, full_answers(rated_expert, overall="1"))

    assert again.status_code == 400
    assert "This link was already used: your answers are recorded. Thank you." in (
        again.content.decode()
    )
    assert Response.objects.count() == 1
    assert list(Answer.objects.filter(question__key="overall").values_list("score", flat=True)) == [
        5
    ]


@pytest.mark.parametrize(
    ("overrides", "field_key", "message"),
    [
        ({"overall": "6"}, "overall", "Choose a score from 1 (poor) to 5 (excellent)."),
        ({"overall": "0"}, "overall", "Choose a score from 1 (poor) to 5 (excellent)."),
        ({"overall": ""}, "overall", "Answer this question."),
        ({"objectives_missed": ""}, "objectives_missed", "Answer this question."),
        ({"overall": "abc"}, "overall", "Choose a score from 1 (poor) to 5 (excellent)."),
        ({"objectives_met": "maybe"}, "objectives_met", "Answer yes or no."),
    ],
)
def test_bad_answers_get_a_message_and_nothing_is_stored(
    client, links, rated_expert, overrides, field_key, message
):
    response = client.post(
        link_path(links["petar@gov.rs"]), full_answers(rated_expert, **overrides)
    )

    assert response.status_code == 400
    form = response.context["form"]
    question = active_questionnaire("participants").questions.get(key=field_key)
    assert form.errors[f"q{question.pk}"] == [message]
    assert Response.objects.count() == 0
    assert Answer.objects.count() == 0
    assert EvaluationRequest.objects.get(email="petar@gov.rs").state == "open"


def test_the_missing_rating_of_an_expert_is_refused(client, links, rated_expert):
    data = full_answers(rated_expert)
    rating = next(name for name in data if name.endswith(f"_e{rated_expert.pk}"))
    del data[rating]

    response = client.post(link_path(links["petar@gov.rs"]), data)

    assert response.status_code == 400
    assert response.context["form"].errors[rating] == ["Answer this question."]
    assert Response.objects.count() == 0


def test_a_tampered_link_is_refused(client, links):
    token = link_token(links["petar@gov.rs"])
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")

    response = client.get(reverse("evaluations:answer", args=[tampered]))

    assert response.status_code == 400
    assert response.context["error"] == (
        "This link is not valid: it may have been cut or changed. Use the link exactly as it is "
        "in the e-mail, or ask the programme's staff for a new one."
    )


def test_an_expired_link_is_refused_and_stores_nothing(client, links, rated_expert):
    request = links["petar@gov.rs"]
    EvaluationRequest.objects.filter(pk=request.pk).update(
        closes_at=timezone.now() - timedelta(minutes=1)
    )
    request.refresh_from_db()
    day = f"{timezone.localtime(request.closes_at):%d %B %Y}".lstrip("0")

    response = client.post(link_path(request), full_answers(rated_expert))

    assert response.status_code == 400
    assert response.context["error"] == (
        f"This evaluation closed on {day}; answers are no longer accepted."
    )
    assert Response.objects.count() == 0


def test_the_expert_answers_their_own_questionnaire(client, links):
    request = links["eda@gov.si"]
    data = answers_by_key(
        active_questionnaire("experts"),
        preparation="4",
        engagement="5",
        organisation="4",
        follow_up_needed="yes",
        follow_up_topic="A study visit on reception centres.",
    )

    response = client.post(link_path(request), data)

    assert response.status_code == 200
    assert sorted(Answer.objects.values_list("question__key", "score", "value", "text")) == [
        ("engagement", 5, "", ""),
        ("follow_up_needed", None, "yes", ""),
        ("follow_up_topic", None, "", "A study visit on reception centres."),
        ("organisation", 4, "", ""),
        ("preparation", 4, "", ""),
    ]

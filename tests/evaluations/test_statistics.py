"""The evaluation figures of the public statistics: exact shares, rates and impact, "No data"
where nothing was evaluated, and the CSV."""

# The shared fixtures are imported by name, so their arguments look like redefinitions.
# ruff: noqa: F811

import pytest
from django.urls import reverse

from taiex.evaluations.forms import QuestionnaireForm, slots_for
from taiex.evaluations.models import EvaluationRequest, EventEvaluation
from taiex.evaluations.queries import active_questionnaire, questions_of
from taiex.evaluations.services.answers import submit_answers
from taiex.evaluations.statistics import evaluation_figures
from taiex.events.queries.statistics import StatisticsFilters
from taiex.portal.statistics.evaluation_datasets import evaluation_datasets
from tests.evaluations.fixtures import (  # noqa: F401 (fixtures)
    event,
    participants,
    rated_expert,
    sweep,
)
from tests.evaluations.test_results import answer_as_participant, answered  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def followed_up(event, answered, sweep):
    """The follow-up of the event answered once: legislation yes, the rest no."""
    round_ = EventEvaluation.objects.get(event=event)
    EventEvaluation.objects.filter(pk=round_.pk).update(follow_up_due_on=event.end_date)
    sweep()
    request = EvaluationRequest.objects.filter(audience="follow_up").order_by("email").first()
    questionnaire = active_questionnaire("follow_up")
    slots = slots_for(questions_of(questionnaire), experts=[], recommendations=[])
    values = {"legislation": "yes", "legislation_evidence": "CELEX 32024L1346",
              "practices": "no", "training": "no", "further_assistance": "no"}  # fmt: skip
    form = QuestionnaireForm({s.name: values.get(s.question.key, "") for s in slots}, slots=slots)
    assert form.is_valid(), form.errors
    submit_answers(request, answers=form.answers())


def test_figures_of_the_year_are_exact(event, followed_up):
    figure = evaluation_figures(StatisticsFilters())[event.start_date.year]

    assert figure.asked == {"participants": 5, "experts": 1, "follow_up": 2}
    assert figure.answered == {"participants": 5, "experts": 0, "follow_up": 1}
    assert figure.ratings == {"overall": (5, 4), "expert_rating": (5, 4)}
    assert (figure.impact_events, figure.impact_yes) == (1, {"legislation": 1})
    assert figure.impact_share("legislation") == 100
    assert figure.impact_share("practices") == 0


def test_datasets_say_no_data_for_years_without_evaluations(event, followed_up):
    year = event.start_date.year
    datasets = evaluation_datasets(StatisticsFilters(), [year - 1, year])

    assert datasets["evaluation-satisfaction"].rows == [
        [year - 1, 0, "No data", 0, "No data"],
        [year, 5, 80, 5, 80],
    ]
    assert datasets["evaluation-response-rates"].rows[1] == [year, 5, 5, 100, 1, 0, 0, 2, 1, 50]
    assert datasets["evaluation-impact"].rows == [
        [year - 1, 0, "No data", "No data", "No data", "No data"],
        [year, 1, 100, 0, 0, 0],
    ]
    assert datasets["evaluation-by-type"].rows == [["Workshop", 5, 80, 80, 100]]
    assert datasets["evaluation-by-window"].rows == [["Enlargement", 5, 80, 80, 100]]
    assert [row[0] for row in datasets["evaluation-by-chapter"].rows] == [
        f"Chapter {chapter.number}" for chapter in event.chapters.order_by("number")
    ]


def test_filters_leave_out_other_windows(event, followed_up):
    assert evaluation_figures(StatisticsFilters(window="neighbourhood-east")) == {}


def test_statistics_page_and_csv_show_the_figures(client, event, followed_up):
    year = event.start_date.year

    page = client.get(reverse("portal:evaluation_statistics"), {"year_from": year, "year_to": year})
    csv = client.get(
        reverse("portal:evaluation_statistics_csv", args=["evaluation-satisfaction"]),
        {"year_from": year, "year_to": year},
    )

    assert page.context["datasets"]["evaluation-satisfaction"].rows == [[year, 5, 80, 5, 80]]
    assert "Events rated excellent or good (%)" in page.content.decode()
    assert csv.content.decode().splitlines()[-1] == f"{year},5,80,5,80"


def test_open_data_api_gives_aggregates_only(client, event, followed_up):
    year = event.start_date.year

    response = client.get("/api/v1/statistics/evaluations", {"year_from": year})

    assert response.status_code == 200
    assert response.json() == {
        "years": [
            {
                "year": year,
                "participants_asked": 5,
                "participants_answered": 5,
                "participants_response_rate": 100,
                "experts_asked": 1,
                "experts_answered": 0,
                "experts_response_rate": 0,
                "follow_ups_asked": 2,
                "follow_ups_answered": 1,
                "follow_ups_response_rate": 50,
                "event_ratings": 5,
                "events_rated_excellent_or_good_percent": 80,
                "expert_ratings": 5,
                "experts_rated_excellent_or_good_percent": 80,
                "events_with_follow_up": 1,
                "impact_percent": {
                    "legislation": 100,
                    "practices": 0,
                    "training": 0,
                    "further_assistance": 0,
                },
            }
        ]
    }


def test_open_data_api_names_a_bad_filter(client, db):
    response = client.get("/api/v1/statistics/evaluations", {"window": "atlantis"})

    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["detail"] == "Check these fields: window."
    assert [error["field"] for error in body["errors"]] == ["window"]


def test_cached_figures_cost_four_queries_until_an_answer_arrives(
    event, answered, followed_up, django_assert_num_queries
):
    from django.core.cache import caches

    from taiex.evaluations.statistics import cached_evaluation_figures

    caches["shared"].clear()
    year = event.start_date.year
    first = cached_evaluation_figures(StatisticsFilters())
    with django_assert_num_queries(4):  # the version (3) and the shared cache (1)
        again = cached_evaluation_figures(StatisticsFilters())
    assert (
        again["year"][year].ratings
        == first["year"][year].ratings
        == {
            "overall": (5, 4),
            "expert_rating": (5, 4),
        }
    )

    expert_request = EvaluationRequest.objects.get(audience="experts")
    assert expert_request.state == "open"
    # An expert's answer (no rating of the event) still changes the version: asked/answered.
    EvaluationRequest.objects.filter(pk=expert_request.pk).update(state="answered")

    after = cached_evaluation_figures(StatisticsFilters())
    assert after["year"][year].answered["experts"] == 1
    assert set(after) == {"year", "type", "window", "chapter"}

"""The evaluations part of the ranking: participants' ratings of the expert, bounded to -10..+10
and counted only from 5 ratings on (a new expert is never punished for having none), in the
ranking of one event and in the staffing of many."""

import pytest

from taiex.evaluations.enums import EXPERT_RATING_KEY
from taiex.evaluations.models import Answer, Question, Response
from taiex.staffing.ranking.scoring import experts_ranked_for
from taiex.staffing.ranking.staffing import propose_staffing
from tests.factories import EventFactory

from .ranking_fixtures import asylum_event, asylum_expert

pytestmark = pytest.mark.django_db


def rate(expert, *scores):
    """`expert` rated by participants of a past event, one answer per score."""
    question = Question.objects.filter(key=EXPERT_RATING_KEY).first()
    event = EventFactory(state="closed")
    for score in scores:
        response = Response.objects.create(
            event=event, questionnaire=question.questionnaire, audience="participants"
        )
        Answer.objects.create(response=response, question=question, expert=expert, score=score)


def parts_by_name(ranked):
    return {row.expert.user.full_name: row.parts["evaluations"] for row in ranked}


def test_ratings_add_or_take_points_only_from_five_ratings_on():
    event = asylum_event()
    excellent = asylum_expert("Ema Excellent")
    poor = asylum_expert("Pia Poor")
    few = asylum_expert("Fay Few")
    new = asylum_expert("Nia New")
    rate(excellent, 5, 5, 5, 5, 5)
    rate(poor, 1, 1, 1, 1, 1)
    rate(few, 1, 1, 1, 1)
    del new

    ranked = experts_ranked_for(event)

    assert parts_by_name(ranked) == {
        "Ema Excellent": 10.0,
        "Pia Poor": -10.0,
        "Fay Few": 0.0,
        "Nia New": 0.0,
    }
    order = [row.expert.user.full_name for row in ranked]
    assert (order[0], order[-1]) == ("Ema Excellent", "Pia Poor")


def test_a_good_average_gives_a_share_of_the_bound():
    event = asylum_event()
    good = asylum_expert("Gus Good")
    rate(good, 4, 4, 4, 4, 5)

    ranked = experts_ranked_for(event)

    assert parts_by_name(ranked) == {"Gus Good": 6.0}


def test_staffing_many_events_prefers_the_expert_participants_rated_well():
    # Two experts with the same expertise; one event, one place: without ratings the lower id
    # wins the tie, so the well-rated expert is created second and must still be proposed.
    asylum_expert("Una Unrated")
    rated = asylum_expert("Rita Rated", member_state="HR")
    rate(rated, 5, 5, 5, 4, 5)
    event = asylum_event()

    result = propose_staffing([event])

    [row] = result.assignments[event.pk]
    assert (row.expert.user.full_name, row.parts["evaluations"]) == ("Rita Rated", 9.0)

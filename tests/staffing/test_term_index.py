"""The process's index of the experts (terms, field, and the facts the rules read): built once,
then kept current from `updated_at`, so a ranking reads no profile and sees every change."""

from datetime import timedelta

import pytest

from taiex.experts.services.profiles import deactivate_expert, update_profile
from taiex.reference.models import Language
from taiex.staffing.ranking.index import term_index
from taiex.staffing.ranking.scoring import experts_ranked_for
from tests.factories import UserFactory

from .ranking_fixtures import asylum_event, asylum_expert, chapter, customs_expert
from .test_ranking_evaluations import rate

pytestmark = pytest.mark.django_db


def names(ranked):
    return [row.expert.user.full_name for row in ranked]


def change_profile(expert, **changes):
    values = {
        "position": expert.position,
        "employer": expert.employer,
        "years_of_experience": expert.years_of_experience,
        "expertise": expert.expertise,
        "keywords": expert.keywords,
        "chapters": list(expert.chapters.all()),
        "languages": [(row.language, row.level) for row in expert.languages.all()],
        "unavailabilities": [],
    }
    return update_profile(expert, actor=expert.user, **{**values, **changes})


@pytest.mark.parametrize("count", [1, 3])
def test_a_ranking_on_a_current_index_reads_no_profile(django_assert_num_queries, count):
    for number in range(count):
        asylum_expert(f"Expert {number}")
    event = asylum_event()
    experts_ranked_for(event)  # builds the index

    # The event, its request and the dated language rule (7), the index's looks for changed
    # profiles and new ratings (2), the reference names (3), the unavailable and the busy
    # experts (2), the rows shown (1).
    with django_assert_num_queries(15):
        assert len(experts_ranked_for(event)) == count


def test_a_language_level_lowered_in_the_profile_is_seen_by_the_next_ranking():
    expert = asylum_expert("Lea Lowered")
    event = asylum_event()
    assert names(experts_ranked_for(event)) == ["Lea Lowered"]

    change_profile(expert, languages=[(Language.objects.get(code="en"), "B2")])

    assert names(experts_ranked_for(event)) == []


def test_new_chapters_and_expertise_are_seen_by_the_next_ranking():
    expert = customs_expert("Carl Converted", expertise="Tariff classification.", keywords="tariff")
    event = asylum_event()
    assert names(experts_ranked_for(event)) == []

    change_profile(
        expert,
        expertise="Asylum procedures and reception of asylum seekers.",
        keywords="asylum",
        chapters=[chapter(24)],
    )

    [row] = experts_ranked_for(event)
    assert (row.expert.user.full_name, [c.number for c in row.matched_chapters]) == (
        "Carl Converted",
        [24],
    )


def test_a_deactivated_expert_leaves_the_next_ranking():
    expert = asylum_expert("Dora Deactivated")
    event = asylum_event()
    assert names(experts_ranked_for(event)) == ["Dora Deactivated"]

    deactivate_expert(expert, actor=UserFactory())

    assert names(experts_ranked_for(event)) == []


def test_a_profile_committed_after_a_later_one_is_not_missed():
    # A profile saved in a transaction that commits after the index looked at a newer one has
    # an `updated_at` before the index's last look: the margin of the next look catches it.
    late = asylum_expert("Lars Late", expertise="Customs procedures.", keywords="customs")
    event = asylum_event()
    experts_ranked_for(event)
    index = term_index()
    type(late).objects.filter(pk=late.pk).update(
        expertise="Asylum procedures.",
        keywords="asylum",
        updated_at=index.seen_until - timedelta(minutes=1),
    )

    assert names(experts_ranked_for(event)) == ["Lars Late"]


def test_ratings_given_after_the_last_ranking_count_in_the_next():
    expert = asylum_expert("Rosa Rated")
    event = asylum_event()
    [before] = experts_ranked_for(event)

    rate(expert, 5, 5, 5, 5, 5)

    [after] = experts_ranked_for(event)
    assert (before.parts["evaluations"], after.parts["evaluations"]) == (0.0, 10.0)


def test_a_rating_committed_after_a_later_one_is_counted_once():
    from django.db.models import F

    from taiex.evaluations.models import Answer

    expert = asylum_expert("Olga Once")
    event = asylum_event()
    rate(expert, 1, 1, 1, 1)
    Answer.objects.filter(expert=expert).update(id=F("id") + 500)
    experts_ranked_for(event)
    index = term_index()
    counted = index.last_answer_id
    # The fifth rating got an id below the ones counted (its transaction committed late).
    rate(expert, 1)
    Answer.objects.filter(expert=expert, id__lt=500).update(id=counted - 100)

    [row] = experts_ranked_for(event)
    assert (row.parts["evaluations"], int(index.ratings_count[expert.pk])) == (-10.0, 5)
    experts_ranked_for(event)
    assert int(index.ratings_count[expert.pk]) == 5

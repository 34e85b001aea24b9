"""The ranking understands the need: other words for the same thing, background and
out-of-scope sentences, words that are not expertise, and chapters that never decide alone."""

import pytest

from taiex.staffing.ranking.reading import sentence_weight, weighted_terms
from taiex.staffing.ranking.scoring import experts_ranked_for
from taiex.staffing.ranking.terms import terms_of

from .ranking_fixtures import asylum_event, asylum_expert, chapter

pytestmark = pytest.mark.django_db


def names(ranked):
    return [row.expert.user.full_name for row in ranked]


def request(title, wished, objectives, chapters):
    event = asylum_event(
        title=title,
        application_fields={
            "title": title,
            "expertise_wished": wished,
            "objectives": objectives,
            "chapters": [chapter(number) for number in chapters],
        },
    )
    event.chapters.set([chapter(number) for number in chapters])
    return event


def test_request_in_other_words_finds_the_expert_through_the_field():
    asylum_expert(
        "Fran Foster",
        expertise="Foster care, guardianship, adoption and the deinstitutionalisation of "
        "residential care.",
        keywords="foster care, adoption",
        chapters=[chapter(19)],
    )
    asylum_expert(
        "Ed Schools",
        expertise="Inclusive education in mainstream schools and teacher training.",
        keywords="education, schools",
        chapters=[chapter(19)],
    )
    event = request("Orphanages", "moving orphans into families", "Close the orphanages.", [19])

    ranked = experts_ranked_for(event)

    assert names(ranked) == ["Fran Foster", "Ed Schools"]
    assert [row.matched_terms for row in ranked] == [[], []]
    assert ranked[0].parts["field"] > ranked[1].parts["field"]
    # The part is 15 times the similarity shown beside it (shown rounded to two places).
    assert abs(ranked[0].parts["field"] - 15 * ranked[0].similarity) <= 0.1


def test_topic_put_out_of_scope_does_not_put_its_expert_first():
    asylum_expert(
        "Rita Return",
        expertise="Return of irregular migrants and readmission agreements.",
        keywords="return, readmission",
    )
    asylum_expert(
        "Bora Border",
        expertise="Border checks and risk analysis at land borders.",
        keywords="border checks",
    )
    event = request(
        "Schengen evaluation",
        "border checks",
        "We prepare for the evaluation. This request is not about return or readmission of "
        "irregular migrants, which another donor covers.",
        [24],
    )

    assert names(experts_ranked_for(event))[0] == "Bora Border"


@pytest.mark.parametrize(
    ("sentence", "weight"),
    [
        ("Labour inspection is out of scope.", 0.0),
        ("The review of complaints is not part of this request.", 0.0),
        ("Energy efficiency is handled by another ministry.", 0.0),
        ("Background: customs risk management was modernised in 2022.", 0.25),
        ("Inspectors need methods for building sites.", 1.0),
    ],
)
def test_sentence_weights(sentence, weight):
    assert sentence_weight(sentence) == weight


def test_a_term_keeps_the_weight_of_the_need_where_it_also_appears():
    assert weighted_terms(
        [("Flood maps", 2.0), ("Maps of roads are out of scope. Background: floods in 2014.", 1.0)]
    ) == {"flood": 2.0, "map": 2.0}


def test_language_names_and_role_words_are_not_expertise():
    assert terms_of("Serbian-speaking senior specialist on flood risk for a workshop") == {
        "flood",
        "risk",
    }


def test_a_chapter_alone_never_outranks_a_clearly_better_expertise():
    asylum_expert(
        "Ana Apt",
        expertise="Credibility assessment in asylum interviews.",
        keywords="credibility, interviews",
        chapters=[],
    )
    asylum_expert(
        "Cid Chapter",
        expertise="Asylum statistics.",
        keywords="statistics",
        chapters=[chapter(24)],
    )
    event = request("Asylum interviews", "credibility assessment in asylum interviews", "", [24])

    ranked = experts_ranked_for(event)

    assert names(ranked) == ["Ana Apt", "Cid Chapter"]
    assert [row.parts["chapters"] for row in ranked] == [0.0, 10.0]
    assert ranked[0].parts["expertise"] - ranked[1].parts["expertise"] > 10


def test_index_follows_a_changed_profile_without_a_rebuild():
    from taiex.staffing.ranking.index import term_index
    from taiex.staffing.ranking.vocabulary import vocabulary

    expert = asylum_expert("Flo Flood", expertise="Flood risk maps.", keywords="floods")
    index = term_index()
    before = index.fields[expert.pk].copy()
    expert.expertise = "Cartels and merger control."
    expert.keywords = "cartels"
    expert.save()

    index = term_index()

    assert index.terms_by_expert[expert.pk] == frozenset({"cartel", "merger", "control"})
    assert expert.pk not in index.experts_with("flood")
    assert index.array_of("cartel").tolist() == [expert.pk]
    assert (
        index.fields[expert.pk].tolist()
        == vocabulary().fields_of([frozenset({"cartel", "merger", "control"})])[0].tolist()
    )
    assert index.fields[expert.pk].tolist() != before.tolist()

"""Ranking experts for one event: who may be proposed, in which order, and why."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from taiex.reference.models import Window, WorkingLanguageRule
from taiex.staffing.models import Invitation
from taiex.staffing.ranking.scoring import experts_ranked_for
from tests.factories import EventFactory, UnavailabilityFactory, UserFactory

from .ranking_fixtures import (
    asylum_event,
    asylum_expert,
    country,
    customs_expert,
)

pytestmark = pytest.mark.django_db


def names(ranked):
    return [row.expert.user.full_name for row in ranked]


def accept(expert, event):
    return Invitation.objects.create(
        event=event,
        expert=expert,
        state="accepted",
        invited_by=UserFactory(),
        expires_at=timezone.now() + timedelta(days=14),
    )


def test_asylum_request_ranks_the_asylum_expert_above_the_customs_expert():
    customs_expert()
    asylum_expert()
    event = asylum_event()

    ranked = experts_ranked_for(event)

    assert names(ranked) == ["Asta Asylum", "Carl Customs"]
    asylum, customs = ranked
    assert asylum.matched_terms == ["asylum", "procedures"]
    assert [chapter.number for chapter in asylum.matched_chapters] == [24]
    assert customs.matched_terms == ["procedures"]
    assert customs.matched_chapters == []
    assert asylum.parts["chapters"] == 10.0
    assert customs.parts["chapters"] == 0.0
    assert asylum.parts["expertise"] > customs.parts["expertise"] > 0


def test_score_is_the_sum_of_its_named_parts():
    asylum_expert(languages=[("en", "C2")])

    (row,) = experts_ranked_for(asylum_event())

    assert list(row.parts) == [
        "expertise",
        "field",
        "chapters",
        "language",
        "load",
        "evaluations",
    ]
    assert row.parts["language"] == 8
    assert row.parts["evaluations"] == 0
    assert row.score == round(sum(row.parts.values()), 1)
    assert row.language == ("English", "C2")
    assert row.availability == "free on 3-5 March 2026"
    assert row.member_state == "Slovenia"


def test_expert_without_anything_in_common_with_the_request_is_not_proposed():
    customs_expert("Fiona Fisheries", expertise="Fisheries control.", keywords="fish", chapters=[])

    assert experts_ranked_for(asylum_event()) == []


def test_peer_to_peer_event_never_proposes_an_expert_of_the_beneficiary_member_state():
    asylum_expert("Pawel Polish", member_state="PL")
    asylum_expert("Sonja Slovenian", member_state="SI")
    event = asylum_event(
        beneficiary=country("PL"), window=Window.objects.get(code="regio-peer-2-peer")
    )

    assert names(experts_ranked_for(event)) == ["Sonja Slovenian"]


def test_same_member_state_is_proposed_outside_the_peer_to_peer_windows():
    asylum_expert("Pawel Polish", member_state="PL")

    assert names(experts_ranked_for(asylum_event(beneficiary=country("PL")))) == ["Pawel Polish"]


def test_unavailable_expert_is_never_proposed():
    away = asylum_expert("Una Unavailable")
    asylum_expert("Fred Free")
    UnavailabilityFactory(expert=away, start=date(2026, 3, 5), end=date(2026, 3, 20))

    assert names(experts_ranked_for(asylum_event())) == ["Fred Free"]


def test_unavailability_outside_the_dates_does_not_exclude():
    away = asylum_expert("Una Unavailable")
    UnavailabilityFactory(expert=away, start=date(2026, 3, 6), end=date(2026, 3, 20))

    assert names(experts_ranked_for(asylum_event())) == ["Una Unavailable"]


def test_expert_accepted_on_an_overlapping_event_is_never_proposed():
    busy = asylum_expert("Bea Busy")
    invited_only = asylum_expert("Ivo Invited")
    other = EventFactory(state="planned", start_date=date(2026, 3, 4), end_date=date(2026, 3, 6))
    accept(busy, other)
    Invitation.objects.create(
        event=other,
        expert=invited_only,
        state="invited",
        invited_by=UserFactory(),
        expires_at=timezone.now() + timedelta(days=14),
    )

    assert names(experts_ranked_for(asylum_event())) == ["Ivo Invited"]


@pytest.mark.parametrize(
    ("level", "is_proposed"), [("B1", False), ("B2", False), ("C1", True), ("C2", True)]
)
def test_working_language_at_c1_or_better_is_required_by_default(level, is_proposed):
    asylum_expert(languages=[("en", level), ("fr", "C2")])

    assert names(experts_ranked_for(asylum_event())) == (["Asta Asylum"] if is_proposed else [])


def test_the_shipped_rule_sets_c1_since_the_start_of_the_instrument():
    assert list(
        WorkingLanguageRule.objects.values_list("minimum_level", "valid_from", "valid_to")
    ) == [("C1", date(1996, 1, 1), None)]


def b2_from(day):
    """The shipped C1 rule ends the day before `day`, and a B2 rule starts on `day`."""
    WorkingLanguageRule.objects.update(valid_to=day - timedelta(days=1))
    WorkingLanguageRule.objects.create(minimum_level="B2", valid_from=day)


@pytest.mark.parametrize(
    ("start", "is_proposed"),
    [(date(2026, 3, 2), False), (date(2026, 3, 3), True), (date(2026, 3, 4), True)],
)
def test_minimum_level_is_the_rule_of_the_event_start(start, is_proposed):
    b2_from(date(2026, 3, 3))
    asylum_expert("Bob B2", languages=[("en", "B2")])

    event = asylum_event(start_date=start, end_date=start + timedelta(days=1))

    assert names(experts_ranked_for(event)) == (["Bob B2"] if is_proposed else [])


def test_without_a_rule_on_the_day_the_minimum_is_c1():
    WorkingLanguageRule.objects.all().delete()
    asylum_expert("Bob B2", languages=[("en", "B2")])
    asylum_expert("Cleo C1", languages=[("en", "C1")])

    assert names(experts_ranked_for(asylum_event())) == ["Cleo C1"]


def test_preferred_member_state_breaks_a_tie_and_adds_no_points():
    asylum_expert("Sonja Slovenian", member_state="SI")
    asylum_expert("Hana Croatian", member_state="HR")
    event = asylum_event()
    event.application.member_state_preference.set([country("HR")])

    ranked = experts_ranked_for(event)

    assert names(ranked) == ["Hana Croatian", "Sonja Slovenian"]
    assert [row.is_preferred_member_state for row in ranked] == [True, False]
    assert ranked[0].score == ranked[1].score
    assert ranked[0].parts == ranked[1].parts


def test_preferred_member_state_never_lifts_a_lower_score():
    asylum_expert("Sonja Slovenian", member_state="SI", languages=[("en", "C2")])
    asylum_expert("Hana Croatian", member_state="HR", languages=[("en", "C1")])
    event = asylum_event()
    event.application.member_state_preference.set([country("HR")])

    ranked = experts_ranked_for(event)

    assert names(ranked) == ["Sonja Slovenian", "Hana Croatian"]
    assert ranked[0].score - ranked[1].score == 3


def test_accepted_invitations_of_the_last_twelve_months_lower_the_score():
    tired = asylum_expert("Tim Tired")
    asylum_expert("Rita Rested")
    for month in (5, 8):
        accept(tired, EventFactory(start_date=date(2025, month, 1), end_date=date(2025, month, 2)))
    accept(tired, EventFactory(start_date=date(2024, 1, 10), end_date=date(2024, 1, 11)))

    ranked = experts_ranked_for(asylum_event())

    assert names(ranked) == ["Rita Rested", "Tim Tired"]
    assert [row.load for row in ranked] == [0, 2]
    assert [row.parts["load"] for row in ranked] == [0, -10]
    assert ranked[0].score - ranked[1].score == 10


def test_only_verified_active_not_erased_experts_are_proposed():
    asylum_expert("Vera Verified")
    asylum_expert("Pia Pending", verification_state="pending")
    asylum_expert("Ina Inactive", is_active=False)
    asylum_expert("Eric Erased", erased_at=timezone.now())

    assert names(experts_ranked_for(asylum_event())) == ["Vera Verified"]


def test_expert_employed_by_the_requesting_institution_is_not_proposed():
    event = asylum_event()
    asylum_expert("Connie Conflict", employer=event.application.lead_institution)
    asylum_expert("Nina Neutral")

    assert names(experts_ranked_for(event)) == ["Nina Neutral"]


def test_limit_keeps_the_best():
    for number in range(3):
        asylum_expert(f"Expert {number}")

    assert names(experts_ranked_for(asylum_event(), limit=2)) == ["Expert 0", "Expert 1"]


@pytest.mark.parametrize("count", [1, 3])
def test_ranking_issues_a_constant_number_of_queries(django_assert_num_queries, count):
    for number in range(count):
        asylum_expert(f"Expert {number}")
    event = asylum_event()

    with django_assert_num_queries(17):  # 16 + the ratings of the candidates
        ranked = experts_ranked_for(event)
        assert len(ranked) == count
        assert [row.expert.member_state.name for row in ranked] == ["Slovenia"] * count


def test_words_every_profile_uses_do_not_make_an_expert_relevant():
    from taiex.staffing.ranking.terms import terms_of

    assert terms_of("Practitioners of fisheries control from a Member State administration") == {
        "fishery",
        "control",
    }


def test_a_short_list_is_the_head_of_the_full_ranking():
    # With more candidates than twice the list, the field in EuroVoc is computed only for the
    # experts it could lift into the list: the short list must still be the full ranking's head.
    profiles = [
        ("Asylum procedures and reception of asylum seekers.", "asylum, reception", "SI"),
        ("Reception centres for refugees and migrants.", "refugee", "HR"),
        ("Border management and visa policy.", "border", "AT"),
        ("Asylum law and court cases on refugees.", "asylum", "DE"),
        ("Migration statistics.", "migration", "FR"),
        ("Return procedures for migrants.", "return", "NL"),
        ("Trafficking in human beings.", "trafficking", "BE"),
    ]
    for number, (expertise, keywords, member_state) in enumerate(profiles):
        asylum_expert(
            f"Expert {number}", expertise=expertise, keywords=keywords, member_state=member_state
        )
    event = asylum_event()

    full = [(row.expert_id, row.score, row.parts) for row in experts_ranked_for(event, limit=None)]
    for limit in (1, 2, 3):
        short = experts_ranked_for(event, limit=limit)
        assert [(row.expert_id, row.score, row.parts) for row in short] == full[:limit]
    assert len(full) == 7

"""Staffing the events of a period together: the best total under the rules, and the reason
for every event left short."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from taiex.staffing.models import Invitation
from taiex.staffing.ranking.staffing import events_to_staff, propose_staffing
from tests.factories import EventFactory, UnavailabilityFactory, UserFactory

from .ranking_fixtures import (
    asylum_event,
    asylum_expert,
    chapter,
    country,
    language,
)

pytestmark = pytest.mark.django_db


def staffed_names(result):
    return {
        event_id: [row.expert.user.full_name for row in rows]
        for event_id, rows in result.assignments.items()
    }


def reception_event(**fields):
    """A workshop on reception centres (chapter 23), overlapping the asylum workshop."""
    event = asylum_event(
        reference="WS-2026-0043",
        title="Reception centres",
        application_fields={
            "title": "Reception centres",
            "objectives": "Better reception centres.",
            "expertise_wished": "reception centres",
            "chapters": [chapter(23)],
        },
        start_date=date(2026, 3, 4),
        end_date=date(2026, 3, 6),
        **fields,
    )
    event.chapters.set([chapter(23)])
    return event


def test_shared_best_expert_goes_where_the_total_is_best():
    # Alma is the best for both overlapping events; only she fits the reception workshop, so
    # the best total sends her there and Boris (second for the asylum workshop) to asylum.
    asylum_expert("Alma All-round", expertise="Asylum procedures and reception centres.")
    asylum_expert("Boris Backup", expertise="Return procedures.", keywords="return")
    asylum = asylum_event()
    reception = reception_event()

    result = propose_staffing([asylum, reception])

    assert staffed_names(result) == {
        asylum.pk: ["Boris Backup"],
        reception.pk: ["Alma All-round"],
    }
    assert result.problems == []
    assert result.total_score == round(
        sum(row.score for rows in result.assignments.values() for row in rows), 1
    )


def test_per_quarter_limit_is_respected_and_the_short_event_is_named():
    asylum_expert("Alma All-round")
    first = asylum_event()
    second = asylum_event(
        reference="WS-2026-0050", start_date=date(2026, 3, 20), end_date=date(2026, 3, 21)
    )
    second.chapters.set([chapter(23)])
    second.application.chapters.set([chapter(23)])

    result = propose_staffing([first, second], per_quarter=1)

    assert staffed_names(result) == {first.pk: ["Alma All-round"], second.pk: []}
    assert result.problems == [
        "WS-2026-0050: 0 of 1 places filled; the other suitable experts are proposed for "
        "overlapping events or reached their events per quarter"
    ]


def test_per_quarter_limit_counts_invitations_already_accepted():
    alma = asylum_expert("Alma All-round")
    Invitation.objects.create(
        event=EventFactory(start_date=date(2026, 1, 12), end_date=date(2026, 1, 13)),
        expert=alma,
        state="accepted",
        invited_by=UserFactory(),
        expires_at=timezone.now() + timedelta(days=14),
    )
    event = asylum_event()

    assert staffed_names(propose_staffing([event], per_quarter=1)) == {event.pk: []}
    assert staffed_names(propose_staffing([event], per_quarter=2)) == {event.pk: ["Alma All-round"]}


def test_at_most_one_expert_per_member_state_on_an_event():
    asylum_expert("Sara Slovenian", member_state="SI")
    asylum_expert("Sven Slovenian", member_state="SI")
    asylum_expert("Hana Croatian", member_state="HR", chapters=[])  # less relevant
    event = asylum_event(experts_needed=2)

    result = propose_staffing([event])

    assert staffed_names(result) == {event.pk: ["Sara Slovenian", "Hana Croatian"]}
    assert result.problems == []


def test_diversity_problem_is_named_when_all_candidates_share_a_member_state():
    asylum_expert("Sara Slovenian", member_state="SI")
    asylum_expert("Sven Slovenian", member_state="SI")
    event = asylum_event(experts_needed=2)

    result = propose_staffing([event])

    assert staffed_names(result) == {event.pk: ["Sara Slovenian"]}
    assert result.problems == [
        "WS-2026-0042: needs 2 experts but the 2 suitable experts come from 1 Member State "
        "(at most one expert per Member State on an event)"
    ]


def test_no_speaker_of_the_working_language_is_the_named_problem():
    asylum_expert("Eve English")
    event = asylum_event(application_fields={"working_languages": [language("ar")]})

    result = propose_staffing([event])

    assert result.problems == ["WS-2026-0042: no verified expert speaks Arabic at C1 or better"]


def test_speakers_all_unavailable_is_the_named_problem_and_the_rest_is_still_staffed():
    arabic = asylum_expert("Amal Arabic", languages=[("ar", "C1")])
    UnavailabilityFactory(expert=arabic, start=date(2026, 3, 1), end=date(2026, 3, 3))
    asylum_expert("Eve English")
    arabic_event = asylum_event(application_fields={"working_languages": [language("ar")]})
    english_event = asylum_event(
        reference="WS-2026-0044", start_date=date(2026, 4, 1), end_date=date(2026, 4, 2)
    )

    result = propose_staffing([arabic_event, english_event])

    assert result.problems == [
        "WS-2026-0042: no verified expert speaking Arabic at C1 or better is free on 3-5 March 2026"
    ]
    assert staffed_names(result) == {arabic_event.pk: [], english_event.pk: ["Eve English"]}


def test_no_matching_expertise_is_the_named_problem():
    asylum_expert("Fiona Fisheries", expertise="Fisheries control.", keywords="fish", chapters=[])
    event = asylum_event()

    assert propose_staffing([event]).problems == [
        "WS-2026-0042: no verified expert speaking English at C1 or better has expertise or "
        "chapters matching the request"
    ]


def test_events_to_staff_are_the_planned_events_of_the_period_that_need_experts():
    inside = asylum_event(experts_needed=2)
    asylum_event(reference="WS-2026-0045", experts_needed=0)
    asylum_event(reference="WS-2026-0046", state="implemented")
    asylum_event(reference="WS-2026-0047", start_date=date(2026, 5, 1), end_date=date(2026, 5, 2))

    assert list(events_to_staff(date(2026, 3, 1), date(2026, 3, 31))) == [inside]


def test_staffing_takes_the_preferred_member_state_between_equal_experts():
    asylum_expert("Sonja Slovenian", member_state="SI")
    asylum_expert("Hana Croatian", member_state="HR")
    event = asylum_event()
    event.application.member_state_preference.set([country("HR")])

    assert staffed_names(propose_staffing([event])) == {event.pk: ["Hana Croatian"]}


def test_staffing_never_takes_a_preferred_expert_over_a_better_one():
    asylum_expert("Sonja Slovenian", member_state="SI", languages=[("en", "C2")])
    asylum_expert("Hana Croatian", member_state="HR", languages=[("en", "C1")])
    event = asylum_event()
    event.application.member_state_preference.set([country("HR")])

    assert staffed_names(propose_staffing([event])) == {event.pk: ["Sonja Slovenian"]}


def test_staffing_no_event_proposes_nothing():
    result = propose_staffing([])

    assert (result.assignments, result.problems, result.events, result.total_score) == (
        {},
        [],
        [],
        0.0,
    )

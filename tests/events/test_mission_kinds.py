"""Peer reviews and assessment missions are kinds of expert mission: set on the event's details,
counted apart in the statistics and chosen as a facet of the public search."""

from datetime import date

import pytest
from django.urls import reverse

from taiex.core.models import ActivityLog
from taiex.events.models import Event
from taiex.events.queries.search import SearchFilters, facet_counts, search_events
from taiex.events.queries.statistics import StatisticsFilters, compute_statistics
from taiex.events.services.details import version_of
from taiex.reference.models import Country
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def details(event, **changes):
    return {
        "version": version_of(event),
        "modality": event.modality,
        "place": event.place,
        "time_zone": event.time_zone,
        "start_date": event.start_date.isoformat() if event.start_date else "",
        "end_date": event.end_date.isoformat() if event.end_date else "",
        "experts_needed": str(event.experts_needed),
        **changes,
    }


@pytest.fixture
def mission(event):
    Event.objects.filter(pk=event.pk).update(
        event_type="expert_mission", mission_kind="advice", experts_needed=1
    )
    event.refresh_from_db()
    return event


def test_the_case_handler_makes_an_expert_mission_a_peer_review(client, mission, case_handler):
    client.force_login(case_handler)
    page = client.get(reverse("events:edit", args=[mission.pk]))
    assert page.context["form"]["mission_kind"].value() == "advice"

    response = client.post(
        reverse("events:edit", args=[mission.pk]), details(mission, mission_kind="peer_review")
    )

    assert response.status_code == 302
    mission.refresh_from_db()
    assert mission.mission_kind == "peer_review"
    log = ActivityLog.objects.filter(action="edit_details", object_id=str(mission.pk)).get()
    assert log.note == "Changed: kind of expert mission."
    shown = client.get(reverse("events:detail", args=[mission.pk])).content.decode()
    assert "<dt>Type</dt><dd>Expert mission: peer review</dd>" in shown


def test_an_unknown_kind_is_refused_and_a_workshop_has_none(client, mission, case_handler):
    client.force_login(case_handler)

    response = client.post(
        reverse("events:edit", args=[mission.pk]), details(mission, mission_kind="audit")
    )

    assert response.status_code == 200
    assert response.context["form"].errors["mission_kind"] == [
        "Choose advisory mission, peer review or assessment."
    ]
    mission.refresh_from_db()
    assert mission.mission_kind == "advice"
    Event.objects.filter(pk=mission.pk).update(event_type="workshop", mission_kind="")
    workshop = Event.objects.get(pk=mission.pk)
    page = client.get(reverse("events:edit", args=[workshop.pk]))
    assert "mission_kind" not in page.context["form"].fields


@pytest.fixture
def missions(db):
    kosovo = Country.objects.get(code="XK")
    made = []
    for number, kind, participants in [
        (1, "peer_review", 10),
        (2, "peer_review", 5),
        (3, "assessment", 7),
        (4, "advice", 3),
    ]:
        made.append(
            EventFactory(
                reference=f"EM-2024-000{number}",
                event_type="expert_mission",
                mission_kind=kind,
                title=f"Mission {number} on border management",
                beneficiary=kosovo,
                start_date=date(2024, 5, number),
                end_date=date(2024, 5, number),
                participants_count=participants,
            )
        )
    EventFactory(reference="WS-2024-0009", start_date=date(2024, 6, 1), participants_count=20)
    EventFactory(
        reference="EM-2024-0009",
        event_type="expert_mission",
        mission_kind="peer_review",
        state="planned",  # not public: not counted
        start_date=date(2024, 7, 1),
    )
    return made


def test_the_statistics_count_peer_reviews_and_assessment_missions_apart(missions):
    statistics = compute_statistics(StatisticsFilters())

    assert [
        (row.label.code, row.events, row.participants) for row in statistics.by_mission_kind
    ] == [("advice", 1, 3), ("peer_review", 2, 15), ("assessment", 1, 7)]
    assert [(row.label.code, row.events) for row in statistics.by_type] == [
        ("workshop", 1),
        ("expert_mission", 4),
        ("study_visit", 0),
    ]


def test_the_public_search_has_a_facet_of_the_kinds_of_expert_mission(client, missions):
    facets = facet_counts(SearchFilters())
    assert [(v.value, v.label, v.count) for v in facets.kind] == [
        ("advice", "Advisory mission", 1),
        ("peer_review", "Peer review", 2),
        ("assessment", "Assessment mission", 1),
    ]

    results = search_events(SearchFilters(kind=("peer_review",)))
    assert results.count() == 2
    assert sorted(event.reference for event in results[0:10]) == ["EM-2024-0001", "EM-2024-0002"]
    chosen = facet_counts(SearchFilters(kind=("peer_review",)))
    assert [(v.value, v.count) for v in chosen.type] == [("expert_mission", 2)]

    page = client.get(reverse("portal:events"), {"kind": "assessment"})
    html = page.content.decode()
    assert page.context["filters"].kind == ("assessment",)
    assert "EM-2024-0003" in html
    assert "EM-2024-0001" not in html
    assert "Kind of expert mission" in html

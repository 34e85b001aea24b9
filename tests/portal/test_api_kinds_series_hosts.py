"""The open data of issue 10's forms: the kind of an expert mission (API field and filter, CSV,
XLSX and JSON downloads), the earlier event of a series (only when it is public itself) and the
host administration of a study visit (never a person)."""

import csv
import io
import json
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from taiex.events.models import Event
from taiex.portal.api import EventMissionKind
from taiex.reference.enums import MissionKind
from taiex.reference.models import Country
from tests.factories import ApplicationFactory, EventFactory, InstitutionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def forms_of_assistance(db, case_handler):
    """A request answered by a workshop then a peer review that follows it up, an assessment
    mission following a cancelled event, and a study visit hosted in Slovenia."""
    application = ApplicationFactory()
    workshop = EventFactory(
        reference="WS-2025-0101",
        application=application,
        title="Waste management",
        start_date=date(2025, 2, 3),
        end_date=date(2025, 2, 4),
        case_handler=case_handler,
    )
    peer_review = EventFactory(
        reference="EM-2025-0102",
        event_type="expert_mission",
        mission_kind="peer_review",
        application=application,
        follows=workshop,
        title="Review of the waste inspectorate",
        start_date=date(2025, 6, 2),
        end_date=date(2025, 6, 4),
    )
    cancelled = EventFactory(
        reference="WS-2025-0103",
        state="cancelled",
        cancellation_reason="No venue.",
        start_date=date(2025, 3, 3),
        end_date=date(2025, 3, 3),
    )
    assessment = EventFactory(
        reference="EM-2025-0104",
        event_type="expert_mission",
        mission_kind="assessment",
        follows=cancelled,
        title="Needs of the customs laboratory",
        start_date=date(2025, 5, 5),
        end_date=date(2025, 5, 6),
    )
    host = InstitutionFactory(
        name="Slovenian Ministry of the Interior", country=Country.objects.get(code="SI")
    )
    visit = EventFactory(
        reference="SV-2025-0105",
        event_type="study_visit",
        host_institution=host,
        title="Reception centres",
        start_date=date(2025, 4, 7),
        end_date=date(2025, 4, 9),
        participants_count=5,
    )
    return {
        "workshop": workshop,
        "peer_review": peer_review,
        "assessment": assessment,
        "visit": visit,
    }


SLOVENIA = {"code": "SI", "name": "Slovenia", "official_footnote": ""}


def test_the_api_kinds_are_the_reference_ones():
    assert list(EventMissionKind.__args__) == MissionKind.values


def test_a_follow_up_names_its_public_earlier_event_and_its_kind(client, forms_of_assistance):
    body = client.get("/api/v1/events/EM-2025-0102").json()

    assert (body["mission_kind"], body["mission_kind_label"], body["follows"], body["host"]) == (
        "peer_review",
        "Peer review",
        "WS-2025-0101",
        None,
    )


def test_an_earlier_event_that_is_not_public_is_not_named(client, forms_of_assistance):
    body = client.get("/api/v1/events/EM-2025-0104").json()

    assert (body["mission_kind"], body["follows"]) == ("assessment", None)
    assert "WS-2025-0103" not in json.dumps(body)


def test_a_study_visit_gives_its_host_administration_only(client, forms_of_assistance):
    body = client.get("/api/v1/events/SV-2025-0105").json()

    assert (body["mission_kind"], body["mission_kind_label"]) == (None, None)
    assert body["host"] == {
        "institution": "Slovenian Ministry of the Interior",
        "country": SLOVENIA,
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=peer_review", ["EM-2025-0102"]),
        ("kind=assessment", ["EM-2025-0104"]),
        ("kind=peer_review&kind=assessment", ["EM-2025-0102", "EM-2025-0104"]),
        ("kind=advice", []),
    ],
)
def test_the_api_filters_by_kind(client, forms_of_assistance, query, expected):
    body = client.get(f"/api/v1/events/?{query}&sort=-date").json()

    assert [item["reference"] for item in body["items"]] == expected
    assert body["count"] == len(expected)


def test_the_list_reads_kinds_series_and_hosts_in_a_constant_number_of_queries(
    client, forms_of_assistance
):
    with CaptureQueriesContext(connection) as four:
        body = client.get("/api/v1/events/?sort=date").json()
    assert [(i["reference"], i["follows"]) for i in body["items"]] == [
        ("WS-2025-0101", None),
        ("SV-2025-0105", None),
        ("EM-2025-0104", None),
        ("EM-2025-0102", "WS-2025-0101"),
    ]
    visit = forms_of_assistance["visit"]
    for number in range(6, 10):
        EventFactory(
            reference=f"SV-2025-010{number}",
            event_type="study_visit",
            host_institution=visit.host_institution,
            follows=forms_of_assistance["workshop"],
        )

    with CaptureQueriesContext(connection) as eight:
        body = client.get("/api/v1/events/?sort=date").json()

    assert len(body["items"]) == 8
    # The earlier event and the host come with the page (joined), not one query each.
    assert len(eight) == len(four)


def test_the_csv_gives_the_kind_and_filters_by_it(client, forms_of_assistance):
    response = client.get(reverse("portal:events_export") + "?kind=peer_review")

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:4] == ["reference", "type", "mission_kind", "modality"]
    assert [row[:4] for row in rows[1:]] == [
        ["EM-2025-0102", "Expert mission", "Peer review", "On site"]
    ]


def test_the_xlsx_and_json_give_the_kind(client, forms_of_assistance):
    xlsx = client.get(reverse("portal:events_xlsx") + "?type=expert_mission&sort=date")
    rows = [list(row) for row in load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(
        values_only=True
    )]  # fmt: skip
    assert [row[:3] for row in rows] == [
        ["reference", "type", "mission_kind"],
        ["EM-2025-0104", "Expert mission", "Assessment mission"],
        ["EM-2025-0102", "Expert mission", "Peer review"],
    ]

    body = client.get(reverse("portal:events_json") + "?sort=date").json()
    assert [(e["reference"], e["mission_kind"]) for e in body["events"]] == [
        ("WS-2025-0101", None),
        ("SV-2025-0105", None),
        ("EM-2025-0104", "assessment"),
        ("EM-2025-0102", "peer_review"),
    ]


def test_the_kind_reads_in_french_in_a_french_download(client, forms_of_assistance):
    response = client.get(
        reverse("portal:events_export") + "?kind=peer_review", HTTP_ACCEPT_LANGUAGE="fr"
    )

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[1][2] == "Évaluation par les pairs"


def test_a_planned_event_is_not_in_the_open_data_whatever_its_kind(client, forms_of_assistance):
    Event.objects.filter(reference="EM-2025-0102").update(state="planned")

    assert client.get("/api/v1/events/EM-2025-0102").status_code == 404
    assert client.get("/api/v1/events/?kind=peer_review").json()["count"] == 0

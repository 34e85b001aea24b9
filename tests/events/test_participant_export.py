# The shared fixtures are imported by name, so their arguments look like redefinitions.
# ruff: noqa: F811
"""The export of a participant's data for staff answering the person's request: every
registration under the address, with attendance and travel, and the evaluation links."""

import json
from datetime import date, time

import pytest
from django.urls import reverse

from taiex.events.models import Travel
from taiex.events.personal_data import export_participant
from tests.events.participant_fixtures import (  # noqa: F401 - fixtures
    NOBODY,
    ROLES,
    STAFF,
    client_as,
    consultee,
    participant,
    workshop,
)
from tests.factories import EventFactory
from tests.factories.participants import AttendanceFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def test_the_export_has_every_registration_of_the_address(workshop):
    person = participant(workshop, 1, full_name="Milica Petrović", email="milica@mup.gov.rs")
    AttendanceFactory(participant=person, day=date(2027, 3, 9), present=True)
    Travel.objects.create(
        event=workshop,
        participant=person,
        from_place="Niš",
        to_place="Belgrade",
        outbound_date=date(2027, 3, 8),
        outbound_departure=time(9, 0),
        return_date=date(2027, 3, 10),
        return_arrival=time(20, 0),
        flight_details="train",
    )
    earlier = ParticipantFactory(
        event=EventFactory(reference="WS-2025-0100"),
        email="MILICA@mup.gov.rs",
        full_name="Milica P.",
    )

    data = export_participant(person)

    assert data["address"] == "milica@mup.gov.rs"
    assert [(row["event"], row["full_name"]) for row in data["registrations"]] == [
        ("WS-2027-0007", "Milica Petrović"),
        ("WS-2025-0100", "Milica P."),
    ]
    mine = next(row for row in data["registrations"] if row["event"] == "WS-2027-0007")
    assert mine["attendance"] == [{"day": "2027-03-09", "present": True}]
    assert mine["travel"] == {
        "from": "Niš",
        "to": "Belgrade",
        "outbound_date": "2027-03-08",
        "return_date": "2027-03-10",
        "flight_details": "train",
    }
    assert (
        next(row for row in data["registrations"] if row["event"] == "WS-2025-0100")["check_code"]
        == earlier.check_code
    )
    assert data["evaluation_links"] == []
    assert data["request_contacts"] == []


@pytest.mark.parametrize("role", ROLES)
def test_only_staff_managing_the_event_download_a_participant_s_data(
    client, request, workshop, role
):
    person = participant(workshop, 1)
    url = reverse("events:participant_data", args=[workshop.pk, person.pk])

    response = client_as(client, request, role).get(url)

    if role in STAFF:
        assert response.status_code == 200
        assert json.loads(response.content)["address"] == person.email
    elif role == NOBODY:
        assert response.status_code == 302
    else:
        # who sees the event (its focal point, its NCP, all staff) is refused; others see no event
        assert response.status_code == (
            403 if role in ("applicant", "ncp", "other_team_case_handler") else 404
        )


def test_the_participants_page_links_the_download_for_staff(client, workshop, case_handler):
    person = participant(workshop, 1)
    client.force_login(case_handler)

    content = client.get(reverse("events:participants", args=[workshop.pk])).content.decode()

    assert f'href="{reverse("events:participant_data", args=[workshop.pk, person.pk])}"' in content

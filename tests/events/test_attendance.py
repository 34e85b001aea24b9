"""Attendance: the per-day grid recorded by staff once the event is implemented (or from its first
day), the no-shows, the count of people who attended, and what the close check says is missing."""

# The shared fixtures are imported by name, so their arguments look like redefinitions.
# ruff: noqa: F811

from datetime import date, timedelta

import pytest
from django.utils import timezone

from taiex.core.models import ActivityLog
from taiex.events.models import Attendance, Event
from taiex.events.queries.participants import attended_participants_count, no_shows
from taiex.events.services.participants import (
    ParticipantError,
    attendance_missing,
    record_attendance,
)
from tests.events.participant_fixtures import (  # noqa: F401 (fixtures)
    participant,
    workshop,
)
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db
TUESDAY, WEDNESDAY = date(2027, 3, 9), date(2027, 3, 10)


@pytest.fixture
def implemented(workshop):
    Event.objects.filter(pk=workshop.pk).update(state="implemented")
    workshop.refresh_from_db()
    return workshop


def grid_url(event):
    return f"/events/{event.pk}/attendance/"


def recorded(event):
    return sorted(
        Attendance.objects.filter(participant__event=event).values_list(
            "participant__full_name", "day", "present"
        )
    )


def test_staff_record_the_grid(client, case_handler, implemented):
    ana = participant(implemented, 1, full_name="Ana", state="approved")
    boris = participant(implemented, 2, full_name="Boris", state="approved")
    participant(implemented, 3, full_name="Waiting", state="waitlisted")
    client.force_login(case_handler)

    response = client.post(
        grid_url(implemented), {f"p{ana.pk}_20270309": "on", f"p{ana.pk}_20270310": "on"}
    )

    assert (response.status_code, response["Location"]) == (302, grid_url(implemented))
    assert recorded(implemented) == [
        ("Ana", TUESDAY, True),
        ("Ana", WEDNESDAY, True),
        ("Boris", TUESDAY, False),
        ("Boris", WEDNESDAY, False),
    ]
    assert list(no_shows(implemented)) == [boris]
    assert attended_participants_count(implemented) == 1
    assert ActivityLog.objects.get(action="record_attendance").data == {
        "recorded": 4,
        "changed": 0,
        "present": 2,
    }


def test_recording_again_updates_the_cells(client, case_handler, implemented):
    ana = participant(implemented, 1, full_name="Ana", state="approved")
    client.force_login(case_handler)
    client.post(grid_url(implemented), {f"p{ana.pk}_20270309": "on"})

    client.post(grid_url(implemented), {f"p{ana.pk}_20270310": "on"})

    assert recorded(implemented) == [("Ana", TUESDAY, False), ("Ana", WEDNESDAY, True)]
    assert Attendance.objects.count() == 2


def test_grid_page_shows_days_and_no_shows(client, case_handler, implemented):
    ana = participant(implemented, 1, full_name="Ana Anić", state="approved")
    boris = participant(implemented, 2, full_name="Boris Borić", state="approved")
    Attendance.objects.create(participant=ana, day=TUESDAY, present=True)
    Attendance.objects.create(participant=boris, day=TUESDAY, present=False)
    client.force_login(case_handler)

    content = client.get(grid_url(implemented)).content.decode()

    assert "Tue 9 Mar 2027" in content
    assert "Wed 10 Mar 2027" in content
    assert (
        f'<label for="id_p{ana.pk}_20270309" class="visually-hidden">'
        "Ana Anić present on 09 Mar 2027</label>" in content
    )
    assert "<li>Boris Borić (Ministry of Interior, p2@mup.gov.rs)</li>" in content
    assert "<li>Attendance is not recorded for 10 Mar 2027 (2 participants).</li>" in content


def test_attendance_before_the_event_is_refused(client, case_handler, workshop):
    ana = participant(workshop, 1, state="approved")
    client.force_login(case_handler)

    response = client.post(grid_url(workshop), {f"p{ana.pk}_20270309": "on"}, follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "Attendance is recorded once the event is implemented or from its first day."
    ]
    assert not Attendance.objects.exists()


def test_attendance_from_the_first_day_of_a_confirmed_event(case_handler):
    today = timezone.localdate()
    event = EventFactory(state="confirmed", start_date=today, end_date=today + timedelta(days=1))
    ana = participant(event, 1, state="approved")

    record_attendance(event, actor=case_handler, presence={(ana.pk, today): True})

    assert list(Attendance.objects.values_list("day", "present")) == [(today, True)]


def test_attendance_of_a_closed_event_is_refused(case_handler, implemented):
    ana = participant(implemented, 1, state="approved")
    Event.objects.filter(pk=implemented.pk).update(state="closed")
    implemented.refresh_from_db()

    with pytest.raises(ParticipantError):
        record_attendance(implemented, actor=case_handler, presence={(ana.pk, TUESDAY): True})

    assert not Attendance.objects.exists()


def test_attendance_outside_the_days_or_of_others_is_refused(case_handler, implemented):
    ana = participant(implemented, 1, state="approved")
    waiting = participant(implemented, 2, state="waitlisted")

    for presence in ({(ana.pk, date(2027, 3, 11)): True}, {(waiting.pk, TUESDAY): True}):
        with pytest.raises(ParticipantError) as error:
            record_attendance(implemented, actor=case_handler, presence=presence)
        assert str(error.value) == (
            "Attendance is recorded only for approved participants on the event's days."
        )
    assert not Attendance.objects.exists()


def test_attendance_missing_sentences(implemented):
    ana = participant(implemented, 1, state="approved")
    participant(implemented, 2, state="approved")
    participant(implemented, 3, state="cancelled")
    Attendance.objects.create(participant=ana, day=TUESDAY, present=True)

    assert attendance_missing(implemented) == [
        "Attendance is not recorded for 9 Mar 2027 (1 participant).",
        "Attendance is not recorded for 10 Mar 2027 (2 participants).",
    ]


def test_attendance_missing_is_empty_when_all_is_recorded(implemented):
    ana = participant(implemented, 1, state="approved")
    Attendance.objects.create(participant=ana, day=TUESDAY, present=True)
    Attendance.objects.create(participant=ana, day=WEDNESDAY, present=False)

    assert attendance_missing(implemented) == []


@pytest.mark.parametrize(
    ("event_type", "expected"),
    [
        ("workshop", ["No participant is registered."]),
        ("study_visit", ["No participant is registered."]),
        ("expert_mission", []),
    ],
)
def test_attendance_missing_without_participants(event_type, expected):
    event = EventFactory(event_type=event_type)
    participant(event, 1, state="cancelled")

    assert attendance_missing(event) == expected


def test_replaced_and_cancelled_people_are_not_in_the_grid(client, case_handler, implemented):
    participant(implemented, 1, full_name="Old Person", state="replaced")
    participant(implemented, 2, full_name="New Person", state="approved")
    client.force_login(case_handler)

    content = client.get(grid_url(implemented)).content.decode()

    assert "New Person" in content
    assert "Old Person" not in content

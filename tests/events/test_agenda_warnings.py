"""The agenda warns about overlapping sessions and sessions outside the working hours of the
venue (08:00-19:00 local time); the warnings are shown to those who build the agenda and never
refuse the save."""

from datetime import date, time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from taiex.events.models import AgendaSession, Event
from taiex.events.queries.agenda import (
    WORKING_DAY_ENDS,
    WORKING_DAY_STARTS,
    agenda_days,
    agenda_warnings,
)
from tests.factories.lifecycle import AgendaSessionFactory

pytestmark = pytest.mark.django_db

WEDNESDAY = date(2019, 11, 13)
THURSDAY = date(2019, 11, 14)


@pytest.fixture
def agenda_event(event):
    """The Serbian workshop on 13-14 Nov 2019 in Belgrade's time zone."""
    Event.objects.filter(pk=event.pk).update(
        start_date=WEDNESDAY, end_date=THURSDAY, time_zone="Europe/Belgrade"
    )
    event.refresh_from_db()
    return event


def session(event, title, starts, ends, day=WEDNESDAY):
    return AgendaSessionFactory(
        event=event, day=day, starts_at=time(*starts), ends_at=time(*ends), title=title
    )


def warnings_of(event):
    return agenda_warnings(agenda_days(event))


def test_the_working_hours_are_eight_to_seven():
    assert (time(8), time(19)) == (WORKING_DAY_STARTS, WORKING_DAY_ENDS)


def test_overlapping_sessions_of_a_day_are_named(agenda_event):
    session(agenda_event, "Opening", (9, 0), (10, 30))
    session(agenda_event, "Asylum interviews", (10, 0), (12, 0))
    session(agenda_event, "Lunch", (11, 30), (13, 0))

    assert warnings_of(agenda_event) == [
        "13 Nov 2019: “Opening” (09:00\u201310:30) overlaps "
        "“Asylum interviews” (10:00\u201312:00).",
        "13 Nov 2019: “Asylum interviews” (10:00\u201312:00) overlaps “Lunch” (11:30\u201313:00).",
    ]


def test_a_session_inside_another_overlaps_it(agenda_event):
    session(agenda_event, "Whole morning", (9, 0), (12, 0))
    session(agenda_event, "Coffee", (10, 0), (10, 15))

    assert warnings_of(agenda_event) == [
        "13 Nov 2019: “Whole morning” (09:00\u201312:00) overlaps “Coffee” (10:00\u201310:15)."
    ]


def test_back_to_back_sessions_and_the_same_times_on_other_days_are_fine(agenda_event):
    session(agenda_event, "Opening", (8, 0), (10, 0))
    session(agenda_event, "Panel", (10, 0), (19, 0))
    session(agenda_event, "Site visit", (8, 0), (10, 0), day=THURSDAY)

    assert warnings_of(agenda_event) == []


def test_sessions_outside_the_working_hours_of_the_venue(agenda_event):
    session(agenda_event, "Breakfast briefing", (7, 30), (8, 30))
    session(agenda_event, "Dinner debate", (18, 0), (20, 0))
    session(agenda_event, "Night shift visit", (6, 0), (21, 0), day=THURSDAY)

    assert warnings_of(agenda_event) == [
        "13 Nov 2019: “Breakfast briefing” (07:30\u201308:30) starts before 08:00, outside the "
        "working hours of the venue (08:00\u201319:00 local time).",
        "13 Nov 2019: “Dinner debate” (18:00\u201320:00) ends after 19:00, outside the working "
        "hours of the venue (08:00\u201319:00 local time).",
        "14 Nov 2019: “Night shift visit” (06:00\u201321:00) starts before 08:00 and ends after "
        "19:00, outside the working hours of the venue (08:00\u201319:00 local time).",
    ]


def test_adding_an_overlapping_evening_session_saves_it_and_shows_the_warnings(
    client, agenda_event, case_handler
):
    session(agenda_event, "Panel", (17, 0), (18, 30))
    client.force_login(case_handler)

    response = client.post(
        reverse("events:agenda", args=[agenda_event.pk]),
        {"day": "2019-11-13", "starts_at": "18:00", "ends_at": "20:00", "title": "Reception"},
        follow=True,
    )

    assert response.status_code == 200
    assert AgendaSession.objects.filter(event=agenda_event).count() == 2
    assert response.context["warnings"] == [
        "13 Nov 2019: “Panel” (17:00\u201318:30) overlaps “Reception” (18:00\u201320:00).",
        "13 Nov 2019: “Reception” (18:00\u201320:00) ends after 19:00, outside the working hours "
        "of the venue (08:00\u201319:00 local time).",
    ]
    content = response.content.decode()
    assert '<h2 id="agenda-warnings">Check these sessions</h2>' in content
    assert (
        "<li>13 Nov 2019: “Panel” (17:00\u201318:30) overlaps “Reception” (18:00\u201320:00).</li>"
        in (content)
    )
    assert "The session is added to the agenda." in content


def test_a_clean_agenda_shows_no_warning_section(client, agenda_event, case_handler):
    session(agenda_event, "Opening", (9, 0), (10, 0))
    client.force_login(case_handler)

    response = client.get(reverse("events:agenda", args=[agenda_event.pk]))

    assert response.context["warnings"] == []
    assert "agenda-warnings" not in response.content.decode()


def test_readers_who_do_not_build_the_agenda_see_no_warning(client, agenda_event, ncp):
    session(agenda_event, "Reception", (19, 0), (21, 0))
    client.force_login(ncp)

    response = client.get(reverse("events:agenda", args=[agenda_event.pk]))

    assert response.status_code == 200
    assert response.context["warnings"] == []
    assert "Check these sessions" not in response.content.decode()


def test_the_warnings_cost_no_query_however_many_sessions(client, agenda_event, case_handler):
    client.force_login(case_handler)
    url = reverse("events:agenda", args=[agenda_event.pk])
    session(agenda_event, "Reception", (18, 0), (20, 0))
    client.get(url)  # warm the caches (permissions, session)

    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for hour in range(6, 12):
        session(agenda_event, f"Overlapping {hour}", (hour, 0), (hour + 2, 0))
    with CaptureQueriesContext(connection) as seven:
        response = client.get(url)

    # 5 overlaps of neighbours, 2 sessions before 08:00 and the reception after 19:00
    assert len(response.context["warnings"]) == 5 + 2 + 1
    assert len(seven.captured_queries) == len(one.captured_queries)

"""Calendars: the ICS of one event (all-day, or one entry per agenda session in the venue's time
zone), the private feeds of experts and case handlers behind a secret address, and the page
that shows and resets it. Every ICS is parsed with icalendar."""

# The shared fixtures are imported by name, so their arguments look like redefinitions.
# ruff: noqa: F811

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from icalendar import Calendar

from taiex.core.models import ActivityLog
from taiex.events.models import AgendaSession, CalendarFeed
from tests.events.report_fixtures import (  # noqa: F401 (fixtures)
    NOBODY,
    ROLES,
    accepted_expert,
    client_as,
    consultee,
    mission,
    other_team_case_handler,
)
from tests.factories import EventFactory
from tests.factories.reports import CalendarFeedFactory, expert_on_event

pytestmark = pytest.mark.django_db

BELGRADE = ZoneInfo("Europe/Belgrade")


def parse(response):
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def entries(calendar):
    return [
        {
            "uid": str(entry["UID"]),
            "start": entry.decoded("DTSTART"),
            "end": entry.decoded("DTEND"),
            "summary": str(entry["SUMMARY"]),
            "status": str(entry["STATUS"]),
        }
        for entry in calendar.walk("VEVENT")
    ]


def add_session(event, day, starts, ends, title):
    return AgendaSession.objects.create(
        event=event, day=day, starts_at=starts, ends_at=ends, title=title
    )


# The ICS of one event


def test_ics_of_an_event_without_agenda_is_all_day(client, mission, case_handler):
    mission.meeting_link = "https://meet.example/em-7"
    mission.save()
    client.force_login(case_handler)

    response = client.get(f"/events/{mission.pk}/event.ics")

    assert response["Content-Disposition"] == 'attachment; filename="EM-2026-0007.ics"'
    calendar = parse(response)
    assert str(calendar["PRODID"]) == "-//taiex//Technical assistance events//EN"
    assert str(calendar["VERSION"]) == "2.0"
    assert entries(calendar) == [
        {
            "uid": "EM-2026-0007@taiex",
            "start": date(2026, 3, 2),
            "end": date(2026, 3, 5),  # the day after the last day
            "summary": "EM-2026-0007: Asylum case management",
            "status": "CONFIRMED",
        }
    ]
    (entry,) = calendar.walk("VEVENT")
    assert str(entry["LOCATION"]) == "Belgrade, Serbia"
    assert str(entry["DESCRIPTION"]) == "Asylum case management\nReference: EM-2026-0007"
    assert entry["DTSTART"].params["VALUE"] == "DATE"
    assert "meet.example" not in response.content.decode()


def test_ics_of_a_one_day_event_ends_the_next_day(client, mission, case_handler):
    mission.end_date = None
    mission.save()
    client.force_login(case_handler)

    (entry,) = entries(parse(client.get(f"/events/{mission.pk}/event.ics")))

    assert (entry["start"], entry["end"]) == (date(2026, 3, 2), date(2026, 3, 3))


def test_ics_of_an_event_with_agenda_has_one_entry_per_session(client, mission, case_handler):
    opening = add_session(mission, date(2026, 3, 2), time(9, 0), time(12, 30), "Opening")
    visit = add_session(mission, date(2026, 3, 3), time(14, 0), time(17, 0), "Site visit")
    client.force_login(case_handler)

    calendar = parse(client.get(f"/events/{mission.pk}/event.ics"))

    assert entries(calendar) == [
        {
            "uid": f"EM-2026-0007-session-{opening.pk}@taiex",
            "start": datetime(2026, 3, 2, 9, 0, tzinfo=BELGRADE),
            "end": datetime(2026, 3, 2, 12, 30, tzinfo=BELGRADE),
            "summary": "EM-2026-0007: Opening",
            "status": "CONFIRMED",
        },
        {
            "uid": f"EM-2026-0007-session-{visit.pk}@taiex",
            "start": datetime(2026, 3, 3, 14, 0, tzinfo=BELGRADE),
            "end": datetime(2026, 3, 3, 17, 0, tzinfo=BELGRADE),
            "summary": "EM-2026-0007: Site visit",
            "status": "CONFIRMED",
        },
    ]
    assert [e["DTSTART"].params["TZID"] for e in calendar.walk("VEVENT")] == [
        "Europe/Belgrade",
        "Europe/Belgrade",
    ]
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["Europe/Belgrade"]
    # 09:00 in Belgrade in March is 08:00 UTC.
    assert entries(calendar)[0]["start"].astimezone(ZoneInfo("UTC")).hour == 8


@pytest.mark.parametrize(
    ("state", "status"),
    [
        ("planned", "TENTATIVE"),
        ("postponed", "TENTATIVE"),
        ("confirmed", "CONFIRMED"),
        ("implemented", "CONFIRMED"),
        ("closed", "CONFIRMED"),
        ("cancelled", "CANCELLED"),
    ],
)
def test_ics_status_follows_the_event(client, mission, case_handler, state, status):
    mission.state = state
    mission.cancellation_reason = "The ministry withdrew." if state == "cancelled" else ""
    mission.save()
    client.force_login(case_handler)

    (entry,) = entries(parse(client.get(f"/events/{mission.pk}/event.ics")))

    assert entry["status"] == status


EXPECTED_ICS = {
    NOBODY: 302,
    "applicant": 200,
    "ncp": 200,
    "ncp_albania": 404,
    "expert": 404,
    "accepted_expert": 200,
    "consultee": 404,
    "other_team_case_handler": 200,
    "case_handler": 200,
    "head_of_unit": 200,
    "administrator": 200,
}


@pytest.mark.parametrize("role", ROLES)
def test_ics_permissions(client, request, mission, accepted_expert, role):
    response = client_as(client, request, role).get(f"/events/{mission.pk}/event.ics")

    assert response.status_code == EXPECTED_ICS[role]
    if response.status_code == 200:
        assert [e["uid"] for e in entries(parse(response))] == ["EM-2026-0007@taiex"]
    if role == NOBODY:
        assert response["Location"] == f"/accounts/login/?next=/events/{mission.pk}/event.ics"


def test_ics_of_an_unknown_event_is_not_found(client, case_handler):
    client.force_login(case_handler)

    assert client.get("/events/999999/event.ics").status_code == 404


# Private feeds


def test_expert_feed_lists_the_events_of_accepted_invitations(client, mission, accepted_expert):
    mission.meeting_link = "https://meet.example/em-7"
    mission.save()
    expert = accepted_expert.expert
    declined = EventFactory(
        reference="WS-2026-0002", start_date=date(2026, 5, 4), end_date=date(2026, 5, 4)
    )
    expert_on_event(declined, expert=expert)
    declined.event_experts.update(left_at=timezone.now())  # declined since
    later = EventFactory(
        reference="WS-2026-0003",
        title="Reception conditions",
        state="planned",
        start_date=date(2026, 6, 1),
        end_date=date(2026, 6, 2),
    )
    expert_on_event(later, expert=expert)
    expert_on_event(
        EventFactory(reference="WS-2026-0004", start_date=None, end_date=None), expert=expert
    )  # no dates: cannot be placed
    feed = CalendarFeedFactory(user=accepted_expert, token="sara-secret")

    response = client.get(f"/events/calendar/{feed.token}.ics")

    assert response["Cache-Control"] == "private, no-store"
    calendar = parse(response)
    assert str(calendar["X-WR-CALNAME"]) == "taiex: events of Sara Slovenska"
    assert entries(calendar) == [
        {
            "uid": "EM-2026-0007@taiex",
            "start": date(2026, 3, 2),
            "end": date(2026, 3, 5),
            "summary": "EM-2026-0007: Asylum case management",
            "status": "CONFIRMED",
        },
        {
            "uid": "WS-2026-0003@taiex",
            "start": date(2026, 6, 1),
            "end": date(2026, 6, 3),
            "summary": "WS-2026-0003: Reception conditions",
            "status": "TENTATIVE",
        },
    ]
    # The feed's person is registered: the meeting link is in the description.
    assert str(calendar.walk("VEVENT")[0]["DESCRIPTION"]) == (
        "Asylum case management\nReference: EM-2026-0007\nMeeting link: https://meet.example/em-7"
    )


def test_case_handler_feed_lists_the_events_they_handle(
    client, mission, case_handler, other_team_case_handler
):
    # Same team, another case handler: not in the feed (see events_in_feed_of).
    EventFactory(reference="WS-2026-0005", team=mission.team, case_handler=other_team_case_handler)
    add_session(mission, date(2026, 3, 2), time(9, 0), time(11, 0), "Opening")
    feed = CalendarFeedFactory(user=case_handler, token="carla-secret")

    calendar = parse(client.get(f"/events/calendar/{feed.token}.ics"))

    assert [(e["uid"], e["start"]) for e in entries(calendar)] == [
        (
            f"EM-2026-0007-session-{mission.sessions.get().pk}@taiex",
            datetime(2026, 3, 2, 9, 0, tzinfo=BELGRADE),
        )
    ]


@pytest.mark.parametrize("token", ["unknown", "carla-secre", "carla-secret-"])
def test_an_unknown_token_is_not_found(client, case_handler, token):
    CalendarFeedFactory(user=case_handler, token="carla-secret")

    assert client.get(f"/events/calendar/{token}.ics").status_code == 404


def test_the_feed_of_a_deactivated_person_is_not_found(client, case_handler):
    CalendarFeedFactory(user=case_handler, token="carla-secret")
    case_handler.is_active = False
    case_handler.save()

    assert client.get("/events/calendar/carla-secret.ics").status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_feed_query_count_is_constant(client, case_handler, count, django_assert_num_queries):
    for number in range(count):
        event = EventFactory(reference=f"WS-2026-01{number:02d}", case_handler=case_handler)
        add_session(event, event.start_date, time(9, 0), time(10, 0), "Opening")
    CalendarFeedFactory(user=case_handler, token="carla-secret")

    # The feed with its person, the events, their sessions.
    with django_assert_num_queries(3):
        response = client.get("/events/calendar/carla-secret.ics")

    assert len(entries(parse(response))) == count


# The settings page: the secret address and its reset

EXPECTED_SETTINGS = {
    NOBODY: 302,
    "applicant": 404,
    "ncp": 404,
    "ncp_albania": 404,
    "expert": 200,
    "accepted_expert": 200,
    "consultee": 404,
    "other_team_case_handler": 200,
    "case_handler": 200,
    "head_of_unit": 404,
    "administrator": 404,
}


@pytest.mark.parametrize("role", ROLES)
def test_settings_page_permissions(client, request, mission, accepted_expert, role):
    response = client_as(client, request, role).get("/events/calendar/")

    assert response.status_code == EXPECTED_SETTINGS[role]
    if response.status_code == 200:
        feed = CalendarFeed.objects.get(user=request.getfixturevalue(role))
        assert response.context["feed_url"] == f"http://testserver/events/calendar/{feed.token}.ics"
        assert f'value="http://testserver/events/calendar/{feed.token}.ics"' in (
            response.content.decode()
        )
    else:
        assert CalendarFeed.objects.count() == 0


def test_the_first_visit_creates_the_feed_and_the_next_keeps_it(client, case_handler):
    client.force_login(case_handler)

    first = client.get("/events/calendar/").context["feed_url"]
    second = client.get("/events/calendar/").context["feed_url"]

    assert first == second
    feed = CalendarFeed.objects.get(user=case_handler)
    assert len(feed.token) == 43
    assert list(
        ActivityLog.objects.filter(content_type__model="calendarfeed").values_list(
            "action", "actor"
        )
    ) == [("create_calendar_feed", case_handler.pk)]


def test_resetting_replaces_the_address_at_once(client, case_handler):
    CalendarFeedFactory(user=case_handler, token="carla-secret")
    client.force_login(case_handler)

    response = client.post("/events/calendar/", follow=True)

    new_token = CalendarFeed.objects.get(user=case_handler).token
    assert new_token != "carla-secret"
    assert [str(m) for m in response.context["messages"]] == [
        "Your calendar has a new address; the old one no longer works."
    ]
    assert response.context["feed_url"] == f"http://testserver/events/calendar/{new_token}.ics"
    client.logout()
    assert client.get("/events/calendar/carla-secret.ics").status_code == 404
    assert client.get(f"/events/calendar/{new_token}.ics").status_code == 200
    log = ActivityLog.objects.get(action="reset_calendar_feed")
    assert (log.actor, log.note, log.data) == (case_handler, "", {})
    assert new_token not in log.object_repr


@pytest.mark.parametrize("role", [NOBODY, "applicant", "head_of_unit"])
def test_a_denied_reset_changes_nothing(client, request, case_handler, role):
    CalendarFeedFactory(user=case_handler, token="carla-secret")

    response = client_as(client, request, role).post("/events/calendar/")

    assert response.status_code == (302 if role == NOBODY else 404)
    assert list(CalendarFeed.objects.values_list("user", "token")) == [
        (case_handler.pk, "carla-secret")
    ]
    assert not ActivityLog.objects.filter(content_type__model="calendarfeed").exists()


# In the language of the person the calendar is made for (issue 16): the feed's owner, whoever
# fetches it (a calendar client sends no language), or whoever downloads one event's file. The
# fixed words are translated; titles, places and links stay as written.


def in_language(user, code):
    user.language = code
    user.save(update_fields=["language"])


def test_a_feed_is_in_its_owners_language(client, mission, accepted_expert):
    mission.meeting_link = "https://meet.example/em-7"
    mission.save()
    in_language(accepted_expert, "fr")
    cancelled = EventFactory(
        reference="WS-2026-0003",
        title="Reception conditions",
        state="cancelled",
        cancellation_reason="No venue",
        start_date=date(2026, 6, 1),
        end_date=date(2026, 6, 2),
    )
    expert_on_event(cancelled, expert=accepted_expert.expert)
    session = add_session(cancelled, date(2026, 6, 1), time(9, 0), time(12, 0), "Opening")
    feed = CalendarFeedFactory(user=accepted_expert, token="sara-secret")

    # Fetched by a calendar client asking for English: the owner's French wins.
    calendar = parse(client.get(f"/events/calendar/{feed.token}.ics", HTTP_ACCEPT_LANGUAGE="en"))

    assert str(calendar["X-WR-CALNAME"]) == "taiex : événements de Sara Slovenska"
    first, second = calendar.walk("VEVENT")
    assert str(first["SUMMARY"]) == "EM-2026-0007 : Asylum case management"
    assert str(first["LOCATION"]) == "Belgrade, Serbie"
    assert str(first["DESCRIPTION"]) == (
        "Asylum case management\nRéférence : EM-2026-0007\n"
        "Lien de la réunion : https://meet.example/em-7"
    )
    assert str(second["UID"]) == f"WS-2026-0003-session-{session.pk}@taiex"
    assert str(second["SUMMARY"]) == "WS-2026-0003 : Opening"
    assert str(second["DESCRIPTION"]) == (
        "Reception conditions\nRéférence : WS-2026-0003\nCet événement est annulé."
    )
    assert str(second["STATUS"]) == "CANCELLED"  # a keyword of the format, never translated


def test_a_feed_stays_in_english_for_an_english_owner_fetched_in_french(
    client, mission, accepted_expert
):
    in_language(accepted_expert, "en")
    feed = CalendarFeedFactory(user=accepted_expert, token="sara-secret")

    calendar = parse(client.get(f"/events/calendar/{feed.token}.ics", HTTP_ACCEPT_LANGUAGE="fr"))

    assert str(calendar["X-WR-CALNAME"]) == "taiex: events of Sara Slovenska"
    (entry,) = calendar.walk("VEVENT")
    assert str(entry["SUMMARY"]) == "EM-2026-0007: Asylum case management"
    assert str(entry["DESCRIPTION"]) == "Asylum case management\nReference: EM-2026-0007"


def test_an_events_file_is_in_the_language_of_who_downloads_it(client, mission, case_handler):
    in_language(case_handler, "fr")
    client.force_login(case_handler)

    (entry,) = parse(client.get(f"/events/{mission.pk}/event.ics")).walk("VEVENT")

    assert str(entry["SUMMARY"]) == "EM-2026-0007 : Asylum case management"
    assert str(entry["LOCATION"]) == "Belgrade, Serbie"
    assert str(entry["DESCRIPTION"]) == "Asylum case management\nRéférence : EM-2026-0007"

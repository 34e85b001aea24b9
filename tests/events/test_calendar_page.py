"""The calendar page: the events a person deals with, a month at a time, as a grid or a list,
filtered by type and (staff) team and the events they handle; each person sees only their
events."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from taiex.accounts.enums import Role
from taiex.reference.models import Country, ThematicTeam
from tests.factories import EventFactory, InstitutionFactory, make_user
from tests.factories.applications import ApplicationFactory
from tests.factories.reports import expert_on_event

pytestmark = pytest.mark.django_db

URL = "/events/calendar/month/"


def team(code):
    return ThematicTeam.objects.get(code=code)


def event(reference, start, end=None, **fields):
    return EventFactory(reference=reference, start_date=start, end_date=end, **fields)


def references(response):
    return [item.reference for item in response.context["events"]]


def get(client, user, **params):
    client.force_login(user)
    return client.get(URL, params)


def test_a_month_shows_the_events_held_in_it_including_those_that_span_its_edges(
    client, head_of_unit
):
    event("WS-IN", date(2026, 3, 10), date(2026, 3, 11))
    event("WS-ACROSS-START", date(2026, 2, 27), date(2026, 3, 2))
    event("WS-ACROSS-END", date(2026, 3, 31), date(2026, 4, 2))
    event("EM-ONE-DAY", date(2026, 3, 1), None, event_type="expert_mission")
    event("WS-FEB", date(2026, 2, 10), date(2026, 2, 28))
    event("WS-APR", date(2026, 4, 1), date(2026, 4, 2))
    event("WS-NO-DATES", None, None)

    response = get(client, head_of_unit, month="2026-03")

    assert response.status_code == 200
    assert references(response) == ["WS-ACROSS-START", "EM-ONE-DAY", "WS-IN", "WS-ACROSS-END"]
    assert "4 events in March 2026." in response.content.decode()


def test_the_grid_places_each_event_on_every_day_it_is_held(client, head_of_unit):
    event("WS-TWO-DAYS", date(2026, 3, 10), date(2026, 3, 11))

    response = get(client, head_of_unit, month="2026-03")

    weeks = response.context["weeks"]
    days_with_event = [
        cell["day"] for week in weeks for cell in week if [e.reference for e in cell["events"]]
    ]
    assert days_with_event == [date(2026, 3, 10), date(2026, 3, 11)]
    # March 2026 begins on a Sunday: the grid starts on Monday 23 February and ends on Sunday
    # 5 April, six weeks.
    assert (weeks[0][0]["day"], weeks[-1][-1]["day"], len(weeks)) == (
        date(2026, 2, 23),
        date(2026, 4, 5),
        6,
    )
    assert [cell["in_month"] for cell in weeks[0]] == [False] * 6 + [True]


def test_the_list_view_lists_the_month_by_date(client, head_of_unit):
    event("WS-B", date(2026, 3, 20), date(2026, 3, 20), title="Second workshop")
    event("WS-A", date(2026, 3, 5), date(2026, 3, 6), title="First workshop")

    response = get(client, head_of_unit, month="2026-03", view="list")

    content = response.content.decode()
    assert response.context["weeks"] is None
    assert content.index("First workshop") < content.index("Second workshop")


def test_staff_filter_by_type_team_and_the_events_they_handle(client, case_handler):
    mine = event("WS-MINE", date(2026, 3, 3), case_handler=case_handler, team=team("jfs"))
    event("EM-TEAM", date(2026, 3, 4), event_type="expert_mission", team=team("jfs"))
    other_team = ThematicTeam.objects.exclude(code="jfs").first()
    event("WS-OTHER-TEAM", date(2026, 3, 5), team=other_team)

    # A case handler of one team starts with their team's events.
    assert references(get(client, case_handler, month="2026-03")) == ["WS-MINE", "EM-TEAM"]
    assert references(get(client, case_handler, month="2026-03", team="")) == [
        "WS-MINE",
        "EM-TEAM",
        "WS-OTHER-TEAM",
    ]
    assert references(get(client, case_handler, month="2026-03", team=str(other_team.pk))) == [
        "WS-OTHER-TEAM"
    ]
    assert references(get(client, case_handler, month="2026-03", type="expert_mission")) == [
        "EM-TEAM"
    ]
    assert references(get(client, case_handler, month="2026-03", mine="on")) == [mine.reference]


def test_an_expert_sees_the_events_they_take_part_in_and_no_staff_filters(client):
    taking_part = event("WS-EXPERT", date(2026, 3, 3))
    event("WS-NOT-MINE", date(2026, 3, 4))
    place = expert_on_event(taking_part)

    response = get(client, place.expert.user, month="2026-03")

    assert references(response) == ["WS-EXPERT"]
    assert "team" not in response.context["form"].fields
    assert "mine" not in response.context["form"].fields


def test_an_ncp_sees_their_countrys_events_and_an_applicant_their_institutions(client, ncp):
    serbian = event("WS-RS", date(2026, 3, 3), beneficiary=Country.objects.get(code="RS"))
    event("WS-AL", date(2026, 3, 4), beneficiary=Country.objects.get(code="AL"))
    institution = InstitutionFactory(country=Country.objects.get(code="RS"))
    applicant = make_user(Role.APPLICANT, institution=institution)
    serbian.application = ApplicationFactory(lead_institution=institution)
    serbian.save(update_fields=["application"])

    assert references(get(client, ncp, month="2026-03")) == ["WS-RS"]
    assert references(get(client, applicant, month="2026-03")) == ["WS-RS"]


def test_someone_without_events_sees_an_empty_calendar(client, consultees):
    event("WS-X", date(2026, 3, 3))

    response = get(client, consultees["line_dg"], month="2026-03")

    assert (response.status_code, references(response)) == (200, [])
    assert 'class="calendar-grid"' in response.content.decode()  # a month of empty days


def test_the_page_asks_for_a_sign_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    ("month", "message"),
    [
        ("2026-13", "Give the month as YYYY-MM, between 1990 and 2100 (for example 2026-12)."),
        ("March", "Give the month as YYYY-MM, between 1990 and 2100 (for example 2026-12)."),
        ("1899-01", "Give the month as YYYY-MM, between 1990 and 2100 (for example 2026-12)."),
    ],
)
def test_a_wrong_month_is_reported_and_the_current_month_shown(
    client, head_of_unit, month, message
):
    response = get(client, head_of_unit, month=month)

    assert response.status_code == 200
    assert response.context["form"].errors == {"month": [message]}
    assert response.context["first"] == date.today().replace(day=1)
    assert message in response.content.decode()


def test_a_wrong_team_is_reported_and_ignored(client, head_of_unit):
    event("WS-ANY", date(2026, 3, 3))

    response = get(client, head_of_unit, month="2026-03", team="999999")

    assert response.context["form"].errors == {"team": ["Choose a team from the list."]}
    assert references(response) == ["WS-ANY"]


def test_previous_and_next_months_keep_the_filters(client, head_of_unit):
    response = get(client, head_of_unit, month="2026-01", type="workshop", view="list")

    assert response.context["previous_link"] == "?type=workshop&view=list&month=2025-12"
    assert response.context["next_link"] == "?type=workshop&view=list&month=2026-02"
    content = response.content.decode()
    assert "December 2025" in content
    assert "February 2026" in content


def test_the_december_to_january_step(client, head_of_unit):
    response = get(client, head_of_unit, month="2026-12")

    assert response.context["next_link"] == "?month=2027-01"
    assert response.context["previous_link"] == "?month=2026-11"


def test_the_page_costs_the_same_queries_whatever_the_number_of_events(client, head_of_unit):
    client.force_login(head_of_unit)
    event("WS-1", date(2026, 3, 3), team=team("jfs"))
    client.get(URL, {"month": "2026-03"})  # warm the session and the roles
    with CaptureQueriesContext(connection) as few:
        client.get(URL, {"month": "2026-03"})
    for number in range(2, 12):
        event(f"WS-{number}", date(2026, 3, number), team=team("jfs"))
    with CaptureQueriesContext(connection) as many:
        response = client.get(URL, {"month": "2026-03"})

    assert len(response.context["events"]) == 11
    assert len(many.captured_queries) == len(few.captured_queries) == 7, [
        query["sql"] for query in many.captured_queries
    ]

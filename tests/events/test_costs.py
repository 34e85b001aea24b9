"""The cost of events: one event's cost by kind (planned from every statement and the booked
travel, actual from the paid statements) to the cent, who sees it (the money rule, 404 for
others), and the staff page with its filters, aggregations, query counts and CSV/XLSX exports."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from taiex.accounts.enums import Role
from taiex.events.models import Booking, Event, FeeStatement
from taiex.events.queries.costs import (
    CostFilters,
    cost_of_event,
    costs_by_event,
    group_costs,
    grouped_costs,
    total_of,
)
from taiex.reference.models import Chapter, Country, ThematicTeam, Window
from tests.factories import EventFactory, InstitutionFactory, UserFactory, make_user
from tests.factories.money import EventExpertFactory, TravelFactory

pytestmark = pytest.mark.django_db

D = Decimal


def statement(event, state, fee, allowance="0.00", *, host=False):
    payee = (
        {"host_institution": InstitutionFactory()}
        if host
        else {"event_expert": EventExpertFactory(event=event, expert__user=UserFactory())}
    )
    return FeeStatement.objects.create(
        event=event,
        state=state,
        fee_total=D(fee),
        allowance_total=D(allowance),
        total=D(fee) + D(allowance),
        **payee,
    )


def travel(event, state, cost):
    return TravelFactory(
        event_expert=EventExpertFactory(event=event, expert__user=UserFactory()),
        state=state,
        cost=None if cost is None else D(cost),
    )


@pytest.fixture
def costed(event):
    """The Serbian workshop (justice team) with statements in every state and travel."""
    statement(event, "draft", "700.00", "133.33")
    statement(event, "paid", "350.00", "66.67")
    statement(event, "approved", "0.00", "0.01")
    statement(event, "rejected", "350.00", "100.00")
    statement(event, "sent_for_payment", "250.10", host=True)
    travel(event, "booked", "420.55")
    travel(event, "booked", "0.10")
    travel(event, "booked", None)
    travel(event, "requested", "999.00")
    travel(event, "cancelled", "500.00")
    return event


def test_cost_of_event_by_kind_to_the_cent(costed):
    cost = cost_of_event(costed)

    assert [(line.kind, line.planned, line.actual, line.difference) for line in cost.lines] == [
        ("fees", D("1400.00"), D("350.00"), D("1050.00")),
        ("host_fees", D("250.10"), D("0.00"), D("250.10")),
        ("allowances", D("300.01"), D("66.67"), D("233.34")),
        ("participant_allowances", D("0.00"), D("0.00"), D("0.00")),
        ("refunds", D("0.00"), D("0.00"), D("0.00")),
        ("travel", D("420.65"), D("0.00"), D("420.65")),
        ("hotels", D("0.00"), D("0.00"), D("0.00")),
        ("venue", D("0.00"), D("0.00"), D("0.00")),
        ("interpretation", D("0.00"), D("0.00"), D("0.00")),
        ("catering", D("0.00"), D("0.00"), D("0.00")),
    ]
    assert (cost.planned_total, cost.actual_total, cost.difference) == (
        D("2370.76"),
        D("416.67"),
        D("1954.09"),
    )


def test_cost_of_event_without_statements_or_travel_is_zero(event):
    cost = cost_of_event(event)

    assert (cost.planned_total, cost.actual_total, cost.difference) == (D("0"), D("0"), D("0"))


def test_cost_of_many_cents_adds_up_exactly(event):
    for _ in range(30):
        statement(event, "paid", "0.10", "0.20")

    cost = cost_of_event(event)

    assert (cost.planned["fees"], cost.actual["allowances"], cost.planned_total) == (
        D("3.00"),
        D("6.00"),
        D("9.00"),
    )


def people_fixture(request, who):
    return {
        "applicant": lambda: request.getfixturevalue("applicant"),
        "ncp": lambda: request.getfixturevalue("ncp"),
        "expert": lambda: request.getfixturevalue("expert"),
        "other_team_case_handler": lambda: request.getfixturevalue("other_team_case_handler"),
        "case_handler": lambda: request.getfixturevalue("case_handler"),
        "same_team_case_handler": lambda: request.getfixturevalue("same_team_case_handler"),
        "head_of_unit": lambda: request.getfixturevalue("head_of_unit"),
        "administrator": lambda: request.getfixturevalue("administrator"),
        "finance": lambda: request.getfixturevalue("finance"),
    }[who]()


SEES_MONEY = ["case_handler", "same_team_case_handler", "head_of_unit", "administrator", "finance"]
NOT_MONEY = ["applicant", "ncp", "expert", "other_team_case_handler"]


@pytest.mark.parametrize("who", SEES_MONEY + NOT_MONEY)
def test_event_cost_page_follows_the_money_rule(client, request, costed, who):
    client.force_login(people_fixture(request, who))

    response = client.get(f"/events/{costed.pk}/cost/")

    if who in NOT_MONEY:
        assert response.status_code == 404
        return
    assert response.status_code == 200
    cost = response.context["cost"]
    assert (cost.planned_total, cost.actual_total, cost.difference) == (
        D("2370.76"),
        D("416.67"),
        D("1954.09"),
    )
    html = response.content.decode()
    assert '<h2 id="cost-heading">Cost of the event</h2>' in html
    assert '<td class="number">2,370.76\u00a0EUR</td>' in html


def test_event_cost_page_asks_anonymous_to_sign_in(client, costed):
    response = client.get(f"/events/{costed.pk}/cost/")

    assert (response.status_code, response["Location"].split("?")[0]) == (302, "/accounts/login/")


def test_fees_page_links_to_the_cost(client, case_handler, costed):
    client.force_login(case_handler)

    response = client.get(f"/events/{costed.pk}/fees/")

    assert f'href="/events/{costed.pk}/cost/"' in response.content.decode()


# --- The staff page: three events in two years, two countries, three types, two windows.


@pytest.fixture
def three(event):
    """WS-2026-0042 (RS, enlargement, chapters 23 and 24, Apr 2026), an Albanian study visit
    (May 2026, neighbourhood-east, chapter 24) and a Serbian expert mission of 2025 without a
    chapter; all of the justice team."""
    jfs = ThematicTeam.objects.get(code="jfs")
    event.window = Window.objects.get(code="enlargement")
    event.save(update_fields=["window"])
    event.chapters.set(Chapter.objects.filter(number__in=[23, 24]))
    statement(event, "paid", "700.00", "200.50")
    travel(event, "booked", "300.25")
    visit = EventFactory(
        reference="SV-2026-0001",
        event_type="study_visit",
        start_date=date(2026, 5, 4),
        end_date=date(2026, 5, 6),
        beneficiary=Country.objects.get(code="AL"),
        window=Window.objects.get(code="neighbourhood-east"),
        team=jfs,
    )
    visit.chapters.set(Chapter.objects.filter(number=24))
    statement(visit, "approved", "750.00", host=True)
    mission = EventFactory(
        reference="EM-2025-0001",
        event_type="expert_mission",
        start_date=date(2025, 4, 7),
        end_date=date(2025, 4, 9),
        team=jfs,
    )
    statement(mission, "paid", "1050.00", "99.99")
    EventFactory(reference="WS-2025-0099", team=jfs)  # no cost: not listed
    return event, visit, mission


def summary(groups):
    return [
        (str(g.label), g.events, g.cost.planned_total, g.cost.actual_total, g.cost.difference)
        for g in groups
    ]


def test_costs_by_event_and_aggregated(head_of_unit, three):
    rows = costs_by_event(head_of_unit, CostFilters())

    assert [row.event.reference for row in rows] == ["SV-2026-0001", "WS-2026-0042", "EM-2025-0001"]
    assert summary(group_costs(rows, "year")) == [
        ("2025", 1, D("1149.99"), D("1149.99"), D("0.00")),
        ("2026", 2, D("1950.75"), D("900.50"), D("1050.25")),
    ]
    assert summary(group_costs(rows, "month")) == [
        ("2025-04", 1, D("1149.99"), D("1149.99"), D("0.00")),
        ("2026-04", 1, D("1200.75"), D("900.50"), D("300.25")),
        ("2026-05", 1, D("750.00"), D("0.00"), D("750.00")),
    ]
    assert summary(group_costs(rows, "country")) == [
        ("Albania", 1, D("750.00"), D("0.00"), D("750.00")),
        ("Serbia", 2, D("2350.74"), D("2050.49"), D("300.25")),
    ]
    assert summary(group_costs(rows, "type")) == [
        ("Expert mission", 1, D("1149.99"), D("1149.99"), D("0.00")),
        ("Study visit", 1, D("750.00"), D("0.00"), D("750.00")),
        ("Workshop", 1, D("1200.75"), D("900.50"), D("300.25")),
    ]
    assert summary(group_costs(rows, "window")) == [
        ("Enlargement", 2, D("2350.74"), D("2050.49"), D("300.25")),
        ("Neighbourhood East", 1, D("750.00"), D("0.00"), D("750.00")),
    ]
    chapters = summary(group_costs(rows, "chapter"))
    assert [(label[:3], events, planned) for label, events, planned, _, _ in chapters] == [
        ("23.", 1, D("1200.75")),
        ("24.", 2, D("1950.75")),
        ("No ", 1, D("1149.99")),
    ]


def every_figure(groups):
    return [(str(g.key), str(g.label), g.events, g.cost.planned, g.cost.actual) for g in groups]


@pytest.mark.parametrize("by", ["year", "month", "window", "country", "type", "chapter"])
@pytest.mark.parametrize(
    "filters", [CostFilters(), CostFilters(year_from=2026), CostFilters(chapter=24)]
)
def test_the_database_groups_as_the_event_rows_do(
    head_of_unit, three, by, filters, django_assert_num_queries
):
    """The pages over every year sum in the database (`grouped_costs`) what the event rows sum
    in Python (`group_costs`): the same groups, event counts and amounts of every kind, to the
    cent; the total counts an event with two chapters once."""
    event, visit, _ = three
    Booking.objects.create(  # a paid venue and a booked catering: bookings are summed too
        event=event,
        kind="venue",
        supplier="Sava Centar",
        starts_on=event.start_date,
        ends_on=event.start_date,
        state="booked",
        planned_cost=D("900.00"),
        actual_cost=D("880.40"),
        paid_on=date(2026, 5, 1),
    )
    Booking.objects.create(
        event=visit,
        kind="catering",
        supplier="Tirana Catering",
        starts_on=visit.start_date,
        ends_on=visit.end_date,
        state="booked",
        planned_cost=D("333.33"),
    )
    EventFactory(reference="WS-2026-0100", team=event.team, window=None, start_date=None)
    statement(Event.objects.get(reference="WS-2026-0100"), "draft", "0.01")  # no window, no date
    rows = costs_by_event(head_of_unit, filters)

    queries = {"window": 5, "country": 5, "chapter": 9}.get(by, 4)  # + the groups' names
    with django_assert_num_queries(queries):
        grouped = grouped_costs(head_of_unit, filters, by)

    assert every_figure(grouped.groups) == every_figure(group_costs(rows, by))
    assert (grouped.events, grouped.total.planned, grouped.total.actual) == (
        len(rows),
        total_of(rows).planned,
        total_of(rows).actual,
    )


@pytest.mark.parametrize(
    ("filters", "references"),
    [
        (CostFilters(year_from=2026), ["SV-2026-0001", "WS-2026-0042"]),
        (CostFilters(year_to=2025), ["EM-2025-0001"]),
        (CostFilters(country="AL"), ["SV-2026-0001"]),
        (CostFilters(window="enlargement"), ["WS-2026-0042", "EM-2025-0001"]),
        (CostFilters(event_type="expert_mission"), ["EM-2025-0001"]),
        (CostFilters(chapter=23), ["WS-2026-0042"]),
        (CostFilters(chapter=24, country="RS"), ["WS-2026-0042"]),
    ],
)
def test_costs_filters(head_of_unit, three, filters, references):
    rows = costs_by_event(head_of_unit, filters)

    assert [row.event.reference for row in rows] == references


def test_costs_of_a_case_handler_are_their_teams_events(three):
    agriculture = make_user(Role.CASE_HANDLER, team="agri")
    EventFactory(reference="WS-2026-0500", team=ThematicTeam.objects.get(code="agri"))
    statement(
        EventFactory(reference="WS-2026-0501", team=None, case_handler=agriculture), "paid", "1.00"
    )

    rows = costs_by_event(agriculture, CostFilters())

    assert [row.event.reference for row in rows] == ["WS-2026-0501"]


@pytest.mark.parametrize("who", ["applicant", "ncp", "expert"])
def test_costs_page_and_exports_are_not_found_for_those_without_money(client, request, who):
    client.force_login(people_fixture(request, who))

    statuses = [
        client.get(f"/events/costs/{path}").status_code for path in ["", "costs.csv", "costs.xlsx"]
    ]

    assert statuses == [404, 404, 404]


def test_costs_page_shows_the_grouping_asked_for(client, head_of_unit, three):
    client.force_login(head_of_unit)

    response = client.get("/events/costs/", {"by": "year"})

    assert response.status_code == 200
    assert summary(response.context["groups"]) == [
        ("2025", 1, D("1149.99"), D("1149.99"), D("0.00")),
        ("2026", 2, D("1950.75"), D("900.50"), D("1050.25")),
    ]
    html = response.content.decode()
    assert "Cost by year: 3 events" in html
    assert '<td class="number">3,100.74\u00a0EUR</td>' in html  # the planned total


def test_costs_page_refuses_bad_filters_and_lists_nothing(client, head_of_unit, three):
    client.force_login(head_of_unit)

    response = client.get("/events/costs/", {"year_from": "2026", "year_to": "2025"})
    export = client.get("/events/costs/costs.csv", {"year_from": "2026", "year_to": "2025"})

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "year_to": ["The last year cannot be before the first."]
    }
    assert (response.context["page_obj"], response.context["events"]) == (None, 0)
    assert export.status_code == 400
    assert export.content.decode() == (
        "The filters are not valid: year_to: The last year cannot be before the first."
    )


def test_payments_page_links_to_the_costs(client, head_of_unit):
    client.force_login(head_of_unit)

    assert 'href="/events/costs/"' in client.get("/events/payments/").content.decode()


def add_costed_events(count):
    jfs = ThematicTeam.objects.get(code="jfs")
    for _ in range(count):
        extra = EventFactory(team=jfs)
        extra.chapters.set(Chapter.objects.filter(number__in=[23, 24]))
        statement(extra, "paid", "10.00", "1.00")
        travel(extra, "booked", "5.00")


@pytest.mark.parametrize(("by", "queries"), [("event", 14), ("year", 10), ("chapter", 15)])
def test_costs_page_query_count_is_constant(
    client, head_of_unit, django_assert_num_queries, by, queries
):
    # By event: the count, the page's events, their sums and the sums of every event (3 + 3);
    # grouped, the database sums (4 queries, 9 by chapter: `grouped_costs`).
    client.force_login(head_of_unit)
    counts = []
    for extra in (1, 2):
        add_costed_events(extra)
        with django_assert_num_queries(queries) as captured:
            response = client.get("/events/costs/", {"by": by})
        counts.append(len(captured.captured_queries))
        assert response.status_code == 200
    assert response.context["events"] == 3
    assert counts == [queries, queries]


def test_costs_page_by_event_shows_a_page_of_events_and_totals_them_all(
    client, head_of_unit, monkeypatch
):
    from taiex.events.views import costs as cost_views

    monkeypatch.setattr(cost_views, "PAGE_SIZE", 2)
    add_costed_events(3)
    client.force_login(head_of_unit)

    first = client.get("/events/costs/")
    second = client.get("/events/costs/", {"page": "2"})

    shown = [
        [row.event.reference for row in response.context["page_obj"]]
        for response in (first, second)
    ]
    every = [row.event.reference for row in costs_by_event(head_of_unit, CostFilters())]
    assert len(every) == 3
    assert shown == [every[:2], every[2:]]
    assert first.context["events"] == 3
    # The rows of the page have their cost, as the rows of every event do.
    assert [row.cost.planned_total for row in first.context["page_obj"]] == [D("16.00")] * 2
    # The total is that of every event, on each page.
    assert first.context["total"].planned_total == second.context["total"].planned_total
    assert first.context["total"].planned_total == D("48.00")
    page = first.content.decode()
    assert "Page 1 of 2" in page
    assert 'href="?page=2"' in page


def test_costs_csv_by_event(client, head_of_unit, three):
    client.force_login(head_of_unit)

    response = client.get("/events/costs/costs.csv", {"country": "RS"})

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert response["Content-Disposition"] == 'attachment; filename="costs-by-event.csv"'
    assert rows[0][:8] == [
        "Reference",
        "Title",
        "Start date",
        "Type",
        "Window",
        "Beneficiary",
        "Chapters",
        "Experts' fees planned (EUR)",
    ]
    assert rows[0][-3:] == ["Total planned (EUR)", "Total actual (EUR)", "Total difference (EUR)"]
    assert rows[1] == [
        "WS-2026-0042",
        "Asylum interview techniques",
        "2026-04-14",
        "Workshop",
        "Enlargement",
        "Serbia",
        "23; 24",
        *["700.00", "700.00", "0.00"],
        *["0.00", "0.00", "0.00"],
        *["200.50", "200.50", "0.00"],
        *["0.00", "0.00", "0.00"],
        *["0.00", "0.00", "0.00"],
        *["300.25", "0.00", "300.25"],
        *["0.00", "0.00", "0.00"] * 4,  # hotels, venue, interpretation, catering
        *["1200.75", "900.50", "300.25"],
    ]
    assert rows[3][0:2] == ["Total", "2 events"]
    assert rows[3][-3:] == ["2350.74", "2050.49", "300.25"]
    assert len(rows) == 4


def test_costs_xlsx_by_country(client, finance, three):
    client.force_login(finance)

    response = client.get("/events/costs/costs.xlsx", {"by": "country"})

    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0][0] == "Cost of events by beneficiary country"
    assert values[1][:3] == ["Beneficiary country", "Events", "Experts' fees planned (EUR)"]
    assert [row[0] for row in values[2:]] == ["Albania", "Serbia", "Total"]
    assert [row[1] for row in values[2:]] == [1, 2, 3]
    assert [D(str(row[-3])) for row in values[2:]] == [D("750"), D("2350.74"), D("3100.74")]
    assert [D(str(row[-1])) for row in values[2:]] == [D("750"), D("300.25"), D("1050.25")]


def test_event_cost_page_query_count_does_not_grow_with_statements(
    client, case_handler, event, django_assert_num_queries
):
    client.force_login(case_handler)
    counts = []
    for extra in (1, 2):
        for _ in range(extra):
            statement(event, "paid", "10.00")
            travel(event, "booked", "1.00")
        with django_assert_num_queries(7) as captured:
            response = client.get(f"/events/{event.pk}/cost/")
        counts.append(len(captured.captured_queries))
    assert response.context["cost"].planned_total == D("33.00")
    assert counts == [7, 7]


@pytest.mark.parametrize(
    ("path", "by"),
    [
        ("/events/costs/costs.csv", "event"),
        ("/events/costs/costs.xlsx", "event"),
        ("/events/costs/costs.xlsx", "month"),
    ],
)
def test_costs_exports_query_count_is_constant(client, head_of_unit, path, by):
    """The exports take the same queries for 1 and for 3 events with costs (with invoiced
    travel and bookings too)."""
    client.force_login(head_of_unit)
    counts = []
    for extra in (1, 2):
        add_costed_events(extra)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path, {"by": by})
        counts.append(len(captured.captured_queries))
        assert response.status_code == 200
    assert counts[0] == counts[1]

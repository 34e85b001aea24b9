"""The annual report's cost section: for those who see money, the planned and actual cost of the
year's events by kind and by month, window, country, type and chapter, to the cent, in a fixed
number of queries; for the public, only the programme's totals of the year, never a payee's name
or a payment to one person (page, PDF and XLSX)."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook
from pypdf import PdfReader

from taiex.accounts.enums import Role
from taiex.events.models import Booking, FeeStatement
from taiex.portal.statistics.report import report_costs
from taiex.reference.models import ThematicTeam, Window
from tests.factories import EventFactory, UserFactory, make_user
from tests.factories.money import EventExpertFactory, TravelFactory

URL = "/public/statistics/annual-report/"
D = Decimal


def statement(event, state, fee, allowance, name):
    return FeeStatement.objects.create(
        event=event,
        event_expert=EventExpertFactory(event=event, expert__user=UserFactory(full_name=name)),
        state=state,
        fee_total=D(fee),
        allowance_total=D(allowance),
        total=D(fee) + D(allowance),
    )


@pytest.fixture
def costs(history):
    """2025: the Albanian study visit (June, enlargement, chapter 27): a draft statement of
    Petra Payee (700.00 + 133.33) and a venue planned 900.00, paid 880.00. The Serbian workshop
    (January, no window, chapter 24, the justice team): Ivo Paid's paid statement (350.00 +
    66.67) and travel planned 420.55, invoiced 399.99. 2024: a paid statement of 1000.00."""
    albania, serbia = history["albania"], history["serbia_again"]
    serbia.team = ThematicTeam.objects.get(code="jfs")
    serbia.save()
    statement(albania, "draft", "700.00", "133.33", "Petra Payee")
    Booking.objects.create(
        event=albania,
        kind="venue",
        supplier="Hotel Tirana",
        supplier_reference="HT-7",
        starts_on=date(2025, 6, 2),
        ends_on=date(2025, 6, 4),
        state="booked",
        planned_cost=D("900.00"),
        actual_cost=D("880.00"),
        paid_on=date(2025, 6, 30),
    )
    statement(serbia, "paid", "350.00", "66.67", "Ivo Paid")
    TravelFactory(
        event_expert=EventExpertFactory(event=serbia, expert__user=UserFactory()),
        state="booked",
        cost=D("420.55"),
        actual_cost=D("399.99"),
    )
    statement(history["serbia"], "paid", "1000.00", "0.00", "Old Payment")
    return history


def figures(rows):
    return [
        (
            str(row.label),
            row.events,
            row.cost.planned_total,
            row.cost.actual_total,
            row.cost.difference,
        )
        for row in rows
    ]


def test_the_staff_version_gives_the_costs_by_kind_and_grouping_to_the_cent(costs, head_of_unit):
    section = report_costs(2025, head_of_unit)

    assert (section.detailed, section.all_events, section.events) == (True, True, 2)
    assert [(line.kind, line.planned, line.actual) for line in section.total.lines] == [
        ("fees", D("1050.00"), D("350.00")),
        ("host_fees", D("0.00"), D("0.00")),
        ("allowances", D("200.00"), D("66.67")),
        ("participant_allowances", D("0.00"), D("0.00")),
        ("refunds", D("0.00"), D("0.00")),
        ("travel", D("420.55"), D("399.99")),
        ("hotels", D("0.00"), D("0.00")),
        ("venue", D("900.00"), D("880.00")),
        ("interpretation", D("0.00"), D("0.00")),
        ("catering", D("0.00"), D("0.00")),
    ]
    total = section.total
    assert (total.planned_total, total.actual_total, total.difference) == (
        D("2570.55"),
        D("1696.66"),
        D("873.89"),
    )
    january = ("2025-01", 1, D("837.22"), D("816.66"), D("20.56"))
    june = ("2025-06", 1, D("1733.33"), D("880.00"), D("853.33"))
    enlargement = Window.objects.get(code="enlargement").name
    assert figures(section.groups["month"]) == [january, june]
    assert figures(section.groups["window"]) == [
        (enlargement, *june[1:]),
        ("No window", *january[1:]),
    ]
    assert figures(section.groups["country"]) == [("Albania", *june[1:]), ("Serbia", *january[1:])]
    assert figures(section.groups["type"]) == [
        ("Study visit", *june[1:]),
        ("Workshop", *january[1:]),
    ]
    assert [row[1:] for row in figures(section.groups["chapter"])] == [january[1:], june[1:]]
    assert [row.key for row in section.groups["chapter"]] == [24, 27]
    assert [by for by, _, _ in section.tables] == ["month", "window", "country", "type", "chapter"]


def test_a_case_handler_gets_the_costs_of_their_teams_events(costs, case_handler):
    section = report_costs(2025, case_handler)

    assert (section.detailed, section.all_events, section.events) == (True, False, 1)
    assert (section.total.planned_total, section.total.actual_total) == (
        D("837.22"),
        D("816.66"),
    )


@pytest.mark.parametrize("role", [None, Role.APPLICANT, Role.NCP, Role.EXPERT, Role.LOGISTICS])
def test_everyone_else_gets_the_programmes_totals_only(costs, role):
    user = make_user(role) if role else None

    section = report_costs(2025, user)

    assert (section.detailed, section.groups, section.tables, section.events) == (
        False,
        {},
        [],
        None,
    )
    assert (section.total.planned_total, section.total.actual_total) == (
        D("2570.55"),
        D("1696.66"),
    )


def sheet_rows(sheet):
    """The non-empty cells of each row, amounts (read back as floats) as Decimals to the cent."""

    def value(cell):
        if isinstance(cell, float):
            return D(f"{cell:.2f}")
        if isinstance(cell, int) and not isinstance(cell, bool):
            return cell
        return cell

    return [
        [value(cell.value) for cell in row if cell.value is not None] for row in sheet.iter_rows()
    ]


PERSONAL = ["Petra Payee", "Ivo Paid", "833.33", "416.67", "133.33", "66.67", "Experts&#x27; fees"]


def test_the_public_page_pdf_and_xlsx_show_no_personal_payment(client, costs):
    page = client.get(URL, {"year": "2025"}).content.decode()
    pdf = client.get(f"{URL}2025.pdf").content
    workbook = load_workbook(io.BytesIO(client.get(f"{URL}2025.xlsx").content))

    assert 'Total of the programme</th><td class="number">2,570.55\u00a0EUR</td>' in page
    assert "1,696.66\u00a0EUR" in page
    assert "873.89\u00a0EUR" in page
    for text in PERSONAL:
        assert text not in page
    assert "Cost by month" not in page
    pdf_text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "2,570.55" in pdf_text
    for text in ["Petra Payee", "Ivo Paid", "833.33", "416.67", "Cost by month"]:
        assert text not in pdf_text
    rows = sheet_rows(workbook["Costs"])
    assert ["Total", D("2570.55"), D("1696.66"), D("873.89")] in rows
    assert ["Experts' fees"] not in [row[:1] for row in rows]
    every_sheet = [
        cell.value for ws in workbook for row in ws.iter_rows() for cell in row if cell.value
    ]
    assert not {"Petra Payee", "Ivo Paid"} & set(every_sheet)


def test_the_staff_page_and_xlsx_show_the_cost_tables(client, costs, head_of_unit):
    client.force_login(head_of_unit)

    page = client.get(URL, {"year": "2025"}).content.decode()
    workbook = load_workbook(io.BytesIO(client.get(f"{URL}2025.xlsx").content))

    assert "Cost of the events of 2025 (staff version)" in page
    assert (
        '<th scope="row">2025-06</th><td class="number">1</td>'
        '<td class="number">1,733.33\u00a0EUR</td>'
        '<td class="number">880.00\u00a0EUR</td><td class="number">853.33\u00a0EUR</td>'
    ) in page
    assert "Petra Payee" not in page
    rows = sheet_rows(workbook["Costs"])
    assert ["Travel", D("420.55"), D("399.99"), D("20.56")] in rows
    assert ["Total", D("2570.55"), D("1696.66"), D("873.89")] in rows
    assert ["2025-01", 1, D("837.22"), D("816.66"), D("20.56")] in rows


def test_the_staff_cost_section_takes_the_same_queries_for_one_or_many_events(costs, head_of_unit):
    report_costs(2025, head_of_unit)  # warm caches (roles, content types)
    with CaptureQueriesContext(connection) as few:
        report_costs(2025, head_of_unit)
    for month in (2, 3, 4):
        event = EventFactory(start_date=date(2025, month, 3), end_date=date(2025, month, 4))
        statement(event, "approved", "350.00", "10.00", f"Payee {month}")
    with CaptureQueriesContext(connection) as many:
        section = report_costs(2025, head_of_unit)

    assert section.events == 5
    assert len(many) == len(few) == 5


def test_the_staff_pdf_takes_the_same_queries_for_one_or_many_events(client, costs, head_of_unit):
    """The whole staff PDF (statistics, requests, cost section, rendering), cache emptied
    before each request as in `make bench`: a fixed number of queries whatever the number of
    events, statements, travel and bookings (docs/bench.md, the annual report's PDF)."""
    from django.core.cache import caches

    client.force_login(head_of_unit)
    url = f"{URL}2025.pdf"
    client.get(url)  # warm caches (roles, content types, the chapters' names)

    def queries_of_the_pdf():
        caches["shared"].clear()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return len(captured)

    few = queries_of_the_pdf()
    for month in (2, 3, 4, 5, 7, 8):
        event = EventFactory(start_date=date(2025, month, 3), end_date=date(2025, month, 4))
        statement(event, "approved", "350.00", "10.00", f"Payee {month}")
        TravelFactory(
            event_expert=EventExpertFactory(event=event, expert__user=UserFactory()),
            state="booked",
            cost=D("120.00"),
        )
    many = queries_of_the_pdf()

    assert (few, many) == (68, 68)

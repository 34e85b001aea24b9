"""The benchmark's money sections on a small generated history (not their timings): the cost
pages opened as the generated head of unit, the payments as the generated finance officer, and
the annual report with its cost section as the head of unit; every page answers 200 (a page that
fails raises) and each timing says whom it was measured as."""

from io import StringIO

import pytest
from django.core.management import call_command

from taiex.events.enums import UNPAID_STATEMENT_STATES
from taiex.events.models import FeeStatement
from taiex.portal.bench.measure import (
    cost_pages,
    payment_pages,
    staff_annual_report,
    table_scroll_cost,
)

SMALL = ["--events", "120", "--experts", "80", "--participations", "2500", "--requests", "150"]


@pytest.fixture
def history(db):
    call_command("generate_history", *SMALL, "--seed", "7", stdout=StringIO())


def test_cost_pages_are_measured_as_the_generated_head_of_unit(client, history):
    timings = cost_pages(2025, 3, client)

    assert [timing.label for timing in timings][:5] == [
        "staff cost page, every year by year",
        "staff cost page, 2025 by event",
        "staff cost page, 2025 by chapter",
        "export CSV, every year by month",
        "export XLSX, 2025 by event",
    ]
    assert timings[5].label.startswith("event cost page (")
    assert {timing.note for timing in timings} == {"as head of unit"}
    assert [timing.count for timing in timings] == [3, 3, 3, 3, 3, 3]


def test_payments_are_measured_as_the_generated_finance_officer(client, history):
    unpaid = FeeStatement.objects.filter(state__in=UNPAID_STATEMENT_STATES)

    timings = payment_pages(4, client)

    latest = unpaid.order_by("-approved_at").first().approved_at
    assert [timing.label for timing in timings] == [
        f"payments list ({unpaid.count():,} statements to pay)",
        f"payments list, approved in {latest.year}",
        "payment list XLSX (with bank details)",
    ]
    assert unpaid.count() > 0
    assert {timing.note for timing in timings} == {"as finance (payments)"}
    assert [timing.count for timing in timings] == [4, 4, 4]


def test_the_annual_report_with_costs_is_measured_as_the_head_of_unit(client, history):
    timings = staff_annual_report(2024, 1, client)

    assert [timing.label for timing in timings] == [
        "annual report 2024 page, with costs",
        "annual report 2024 PDF, with costs",
        "annual report 2024 XLSX, with costs",
    ]
    assert {timing.note for timing in timings} == {"as head of unit"}
    assert [timing.count for timing in timings] == [1, 1, 1]


def test_without_anyone_who_sees_all_money_nothing_is_measured(client, db):
    assert [(t.label, t.note) for t in payment_pages(2, client)] == [
        ("payments not measured", "no finance officer or head of unit")
    ]
    assert [(t.label, t.note) for t in staff_annual_report(2024, 1, client)] == [
        ("staff annual report not measured", "no head of unit")
    ]


def test_the_table_scroll_middleware_is_measured_on_real_pages(client, history):
    timings = table_scroll_cost(2025, 2, client)

    labels = [timing.label for timing in timings]
    assert labels[:3] == [
        "public search, no table: middleware alone",
        "staff event list (25 rows): middleware alone",
        "staff cost page, 2025 by event: middleware alone",
    ]
    assert labels[3].startswith("event page (")
    assert labels[4].startswith("participants page (")
    assert [timing.count for timing in timings] == [20, 20, 20, 20, 20]
    assert all(timing.note.endswith("; as head of unit") for timing in timings)
    # the page without a table: nothing decoded, no table counted
    assert " 0 table(s)" in timings[0].note
    assert " 0 table(s)" not in timings[2].note


def test_without_staff_the_table_scroll_middleware_is_not_measured(client, db):
    assert [(t.label, t.note) for t in table_scroll_cost(2025, 2, client)] == [
        ("table-scroll middleware not measured", "no staff member")
    ]

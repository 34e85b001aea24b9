"""The managers' figures on requests: exact counts and medians on a small history, the year of a
request in Brussels time, the workload, the exports, who may see them, and a number of queries
that does not grow with the requests."""

import csv
import io
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from taiex.accounts.enums import Role
from taiex.applications.enums import ApplicationState as S
from taiex.applications.enums import Opinion
from taiex.applications.models import Application, Consultation
from taiex.portal.figures.queries import FigureFilters, request_figures
from taiex.reference.models import ConsultedService, Country, ThematicTeam
from tests.factories import ApplicationFactory, EventFactory, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_shared_cache():
    caches["shared"].clear()
    yield
    caches["shared"].clear()


def noon(year, month, day):
    return datetime(year, month, day, 12, tzinfo=UTC)


def request(state, submitted, *, forwarded=None, decided=None, country="RS", team="jfs",
            kind="workshop", handler=None):  # fmt: skip
    application = ApplicationFactory(
        state=state,
        country=Country.objects.get(code=country),
        team=ThematicTeam.objects.get(code=team),
        assistance_type=kind,
        case_handler=handler,
    )
    forwarded_at = submitted + timedelta(days=forwarded) if forwarded is not None else None
    decided_at = submitted + timedelta(days=decided) if decided is not None else None
    Application.objects.filter(pk=application.pk).update(
        submitted_at=submitted, forwarded_at=forwarded_at, decided_at=decided_at
    )
    return application


@pytest.fixture
def history(case_handler):
    """Ten requests; the figures below are computed by hand from these dates."""
    a1 = request(S.APPROVED, noon(2024, 3, 1), forwarded=2, decided=20)
    first = EventFactory(
        application=a1, state="closed", start_date=date(2024, 6, 1), end_date=None
    )  # 91.5 days
    # Its follow-up (an earlier pk would not matter): the request still counts once, and the
    # median runs to the first event only.
    EventFactory(
        application=a1, follows=first, state="closed", start_date=date(2024, 10, 1), end_date=None
    )
    a2 = request(S.APPROVED, noon(2024, 4, 1), forwarded=4, decided=30)
    EventFactory(
        application=a2, state="closed", start_date=date(2024, 7, 1), end_date=None
    )  # 90.5 days
    request(S.REJECTED, noon(2024, 5, 1), forwarded=3, decided=25)
    vetoed = request(S.REJECTED, noon(2024, 6, 3), forwarded=5, decided=7)
    Consultation.objects.create(
        application=vetoed,
        service=ConsultedService.objects.first(),
        group="line_dg",
        opinion=Opinion.OBJECTION,
        comment="Overlaps with a Twinning project.",
        deadline=noon(2024, 6, 15),
    )
    request(S.WITHDRAWN, noon(2024, 7, 1))
    request(S.ASSESSMENT, noon(2025, 1, 10), forwarded=6, country="AL", kind="expert_mission")
    # 31 December 2024 at 23:30 UTC is already 2025 in Brussels.
    request(S.SUBMITTED, datetime(2024, 12, 31, 23, 30, tzinfo=UTC))
    request(S.PROPOSED, noon(2025, 2, 1), forwarded=8, handler=case_handler)
    ApplicationFactory(state=S.DRAFT)  # never submitted: not received
    request(S.WITHDRAWN, None)  # withdrawn before its submission: not received
    jfs = ThematicTeam.objects.get(code="jfs")
    EventFactory(
        state="planned", team=jfs, case_handler=case_handler, start_date=date(2026, 1, 20),
        end_date=None,
    )  # fmt: skip
    EventFactory(state="planned", team=jfs, case_handler=case_handler, event_type="study_visit")


def row_values(row):
    return [str(row.label), *row.counts, *row.medians]


def test_figures_by_year_count_each_outcome_and_the_medians(history):
    figures = request_figures(FigureFilters(by="year"))

    assert [row_values(row) for row in figures.rows] == [
        # received, approved, rejected, vetoed, withdrawn, open; medians
        ["2024", 5, 2, 1, 1, 1, 0, 3.5, 22.5, 91.0],
        ["2025", 3, 0, 0, 0, 0, 3, 7.0, None, None],
    ]
    assert row_values(figures.total) == ["Total", 8, 2, 1, 1, 1, 3, 4.5, 22.5, 91.0]


def test_filters_narrow_the_figures(history):
    only_2024 = request_figures(FigureFilters(year_from=2024, year_to=2024, by="country"))
    assert [row_values(row) for row in only_2024.rows] == [
        ["Serbia", 5, 2, 1, 1, 1, 0, 3.5, 22.5, 91.0]
    ]
    albania = Country.objects.get(code="AL").pk
    missions = request_figures(FigureFilters(country=albania, by="type"))
    assert [row_values(row) for row in missions.rows] == [
        ["Expert mission", 1, 0, 0, 0, 0, 1, 6.0, None, None]
    ]
    by_type = request_figures(FigureFilters(by="type", assistance_type="workshop"))
    assert row_values(by_type.total) == ["Total", 7, 2, 1, 1, 1, 2, 4.0, 22.5, 91.0]


def test_workload_per_team_and_case_handler(history, case_handler):
    figures = request_figures()

    teams = [(r.label, r.consultations, r.assessments, r.proposed, r.events) for r in figures.teams]
    assert teams == [("Justice, freedom and security", 0, 1, 1, 2)]
    handlers = [(r.label, r.assessments, r.proposed, r.events) for r in figures.handlers]
    assert handlers == [(case_handler.full_name, 0, 1, 2)]
    workshops_only = request_figures(FigureFilters(assistance_type="workshop"))
    assert [(r.assessments, r.proposed, r.events) for r in workshops_only.teams] == [(0, 1, 1)]


def test_the_queries_do_not_grow_with_the_requests(history):
    def queries():
        with CaptureQueriesContext(connection) as context:
            request_figures(FigureFilters(by="country"))
        return len(context.captured_queries)

    before = queries()
    for day in range(1, 21):
        request(S.APPROVED, noon(2023, 1, day), forwarded=1, decided=9, country="ME")
    assert queries() == before <= 9


def page_queries(client, user):
    client.force_login(user)
    caches["shared"].clear()
    with CaptureQueriesContext(connection) as context:
        assert client.get(reverse("portal:request_figures"), {"by": "team"}).status_code == 200
    return len(context.captured_queries)


def test_the_page_costs_the_same_queries_for_more_requests(client, history, head_of_unit):
    before = page_queries(client, head_of_unit)
    for day in range(1, 11):
        request(S.WITHDRAWN, noon(2023, 2, day), team="internal-market")
    assert page_queries(client, head_of_unit) == before


@pytest.mark.parametrize("role", ["case_handler", "head_of_unit", "administrator"])
def test_staff_see_the_page_and_its_downloads(client, history, role, request):
    client.force_login(request.getfixturevalue(role))
    page = client.get(reverse("portal:request_figures"), {"by": "year"})
    assert page.status_code == 200
    assert page.context["figures"].total.received == 8
    assert b"Median days to decision" in page.content

    download = client.get(reverse("portal:request_figures_csv"), {"year_from": "2024"})
    rows = list(csv.reader(io.StringIO(download.content.decode())))
    assert rows[0][:7] == ["Year", "Received", "Approved", "Rejected", "Vetoed", "Withdrawn",
                           "Still open"]  # fmt: skip
    assert rows[1:] == [
        ["2024", "5", "2", "1", "1", "1", "0", "3.5", "22.5", "91.0"],
        ["2025", "3", "0", "0", "0", "0", "3", "7.0", "", ""],
        ["Total", "8", "2", "1", "1", "1", "3", "4.5", "22.5", "91.0"],
    ]
    workbook = client.get(reverse("portal:request_figures_xlsx"), {"by": "year"})
    sheets = load_workbook(io.BytesIO(workbook.content))
    values = [list(row) for row in sheets["Requests"].iter_rows(values_only=True)]
    assert values[2] == [2024, 5, 2, 1, 1, 1, 0, 3.5, 22.5, 91.0]
    assert values[4][:7] == ["Total", 8, 2, 1, 1, 1, 3]
    workload = [list(row) for row in sheets["Workload"].iter_rows(values_only=True)]
    assert workload[2] == ["Justice, freedom and security", 0, 1, 1, 2, 4]


def test_others_get_404(client, history, applicant, ncp, consultees, expert):
    finance = make_user(Role.FINANCE, full_name="Fiona Finance")
    for user in [applicant, ncp, consultees["line_dg"], expert, finance]:
        client.force_login(user)
        for name in ["request_figures", "request_figures_csv", "request_figures_xlsx",
                     "request_workload_csv"]:  # fmt: skip
            assert client.get(reverse(f"portal:{name}")).status_code == 404, (user, name)
    client.logout()
    assert client.get(reverse("portal:request_figures")).status_code == 302


def test_bad_filters_are_named_and_change_nothing(client, head_of_unit):
    client.force_login(head_of_unit)
    page = client.get(reverse("portal:request_figures"), {"year_from": "2025", "year_to": "2024"})
    assert page.status_code == 400
    assert "The last year cannot be before the first." in page.content.decode()
    download = client.get(reverse("portal:request_figures_csv"), {"by": "planet"})
    assert download.status_code == 400
    assert "by: Select a valid choice" in download.content.decode()


def test_the_annual_report_of_staff_has_the_year_s_requests(client, history, head_of_unit):
    from taiex.portal.statistics.report import annual_report, report_html

    staff_report = annual_report(2024, staff=True)
    assert [row_values(row) for row in staff_report.requests.rows] == [
        ["Workshop", 5, 2, 1, 1, 1, 0, 3.5, 22.5, 91.0]
    ]
    assert "Requests received in 2024 (staff version)" in report_html(staff_report)
    assert annual_report(2024).requests is None

    client.force_login(head_of_unit)
    page = client.get(reverse("portal:annual_report"), {"year": 2024}).content.decode()
    assert "Requests received in 2024" in page
    workbook = load_workbook(
        io.BytesIO(client.get(reverse("portal:annual_report_xlsx", args=[2024])).content)
    )
    rows = [list(row) for row in workbook["Requests"].iter_rows(values_only=True)]
    assert rows[3][:4] == ["Type", "Received", "Approved", "Rejected"]
    assert rows[4] == ["Workshop", 5, 2, 1, 1, 1, 0, 3.5, 22.5, 91.0]
    assert rows[5][:2] == ["Total", 5]


@pytest.mark.parametrize("role", [None, "applicant", "ncp", "expert"])
def test_the_public_annual_report_has_no_requests(client, history, role, request):
    if role:
        client.force_login(request.getfixturevalue(role))
    page = client.get(reverse("portal:annual_report"), {"year": 2024}).content.decode()
    assert "Requests received in" not in page
    workbook = load_workbook(
        io.BytesIO(client.get(reverse("portal:annual_report_xlsx", args=[2024])).content)
    )
    assert "Requests" not in workbook.sheetnames

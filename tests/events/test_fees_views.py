"""Pages of travel and fees: who may see and do what, the flows, the XLSX downloads and the
query counts of the lists."""

import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from taiex.accounts.enums import Role
from taiex.events.models import FeeStatement
from taiex.events.services.fees import approve_statement, refresh_statements
from tests.events.fees_fixtures import expert_on, serbian_rate_fixture  # noqa: F401 (fixture)
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(
    applicant,
    ncp,
    case_handler,
    head_of_unit,
    administrator,
    consultees,
    other_team_case_handler,
    same_team_case_handler,
    finance,
):
    return {
        "finance": finance,
        "same_team_case_handler": same_team_case_handler,
        "applicant": applicant,
        "ncp": ncp,
        "case_handler": case_handler,
        "head_of_unit": head_of_unit,
        "administrator": administrator,
        "consultee": consultees["eu_delegation"],
        "other_team_case_handler": other_team_case_handler,
        "expert_not_on_event": make_user(Role.EXPERT, full_name="Nora Not Invited"),
    }


@pytest.fixture
def statements(event, case_handler, serbian_rate):
    eva = expert_on(event, "Eva Expert")
    ivan = expert_on(event, "Ivan Expert")
    refresh_statements(event, actor=case_handler)
    return {"eva": eva.fee_statement, "ivan": ivan.fee_statement}


def client_of(client, user):
    if user is not None:
        client.force_login(user)
    return client


# The travel of an event: every staff member reads it; NCPs and applicants see the event but
# not its logistics (403); finance is not staff (404).
READ_LOGISTICS = {
    None: 302,
    "applicant": 403,
    "ncp": 403,
    "consultee": 404,
    "expert_not_on_event": 404,
    "eva": 404,
    "finance": 404,
    "other_team_case_handler": 200,
    "same_team_case_handler": 200,
    "case_handler": 200,
    "head_of_unit": 200,
    "administrator": 200,
}
# The money of an event (issue 9): the case handlers of its team, the head of unit, the
# administrator and finance; not found for everyone else, other teams' case handlers included.
READ = {
    None: 302,
    "applicant": 404,
    "ncp": 404,
    "consultee": 404,
    "expert_not_on_event": 404,
    "eva": 404,
    "other_team_case_handler": 404,
    "finance": 200,
    "same_team_case_handler": 200,
    "case_handler": 200,
    "head_of_unit": 200,
    "administrator": 200,
}
# Computing and approving: who manages the event; finance reads but does not approve (403).
WRITE = {**READ, "finance": 403}


def user_for(name, people, statements):
    if name is None:
        return None
    if name == "eva":
        return statements["eva"].event_expert.expert.user
    return people[name]


@pytest.mark.parametrize("who", list(READ))
@pytest.mark.parametrize("page", ["logistics", "fees", "statement", "payment_list"])
def test_read_pages_permission_matrix(client, event, people, statements, who, page):
    args = [event.pk, statements["eva"].pk] if page == "statement" else [event.pk]
    client = client_of(client, user_for(who, people, statements))

    response = client.get(reverse(f"events:{page}", args=args))

    expected = READ_LOGISTICS if page == "logistics" else READ
    assert response.status_code == expected[who]


@pytest.mark.parametrize("who", list(WRITE))
def test_approve_permission_matrix_and_denied_changes_nothing(
    client, event, people, statements, who
):
    client = client_of(client, user_for(who, people, statements))
    url = reverse("events:statement_approve", args=[event.pk, statements["eva"].pk])

    response = client.post(url)

    statement = FeeStatement.objects.get(pk=statements["eva"].pk)
    if WRITE[who] == 200:
        assert response.status_code == 302
        assert statement.state == "approved"
    else:
        assert response.status_code == WRITE[who]
        assert (statement.state, statement.approved_by) == ("draft", None)


@pytest.mark.parametrize("who", list(WRITE))
def test_compute_permission_matrix(client, event, people, serbian_rate, who):
    expert_on(event, "Eva Expert")
    client = client_of(client, user_for(who, people, {"eva": None}) if who != "eva" else None)
    if who == "eva":
        client.force_login(event.event_experts.get().expert.user)

    response = client.post(reverse("events:fees_compute", args=[event.pk]))

    if WRITE[who] == 200:
        assert response.status_code == 302
        assert FeeStatement.objects.count() == 1
    else:
        assert response.status_code == WRITE[who]
        assert FeeStatement.objects.count() == 0


def test_case_handler_computes_checks_and_approves(client, event, case_handler, serbian_rate):
    expert_on(event, "Eva Expert")
    client.force_login(case_handler)

    response = client.post(reverse("events:fees_compute", args=[event.pk]), follow=True)
    assert "1 statement computed." in response.content.decode()
    statement = FeeStatement.objects.get()
    page = client.get(reverse("events:statement", args=[event.pk, statement.pk])).content.decode()
    assert "Travel day 13 Apr 2026, outbound flight 15:20 after 14:00: half day" in page
    assert "1,625.00\u00a0EUR" in page
    assert "demo data" in page

    response = client.post(
        reverse("events:statement_approve", args=[event.pk, statement.pk]), follow=True
    )

    assert "The fee statement is approved." in response.content.decode()
    statement.refresh_from_db()
    assert (statement.state, statement.approved_by) == ("approved", case_handler)


def test_compute_reports_a_missing_rate(client, event, case_handler):
    expert_on(event, "Eva Expert")
    client.force_login(case_handler)

    response = client.post(reverse("events:fees_compute", args=[event.pk]), follow=True)

    assert (
        "Eva Expert: No daily subsistence allowance of Serbia is valid on 13 Apr 2026."
        in response.content.decode()
    )
    assert FeeStatement.objects.count() == 0


def test_approval_refusal_is_shown(client, event, case_handler, statements):
    travel = statements["eva"].event_expert.travel
    travel.state = "cancelled"
    travel.save()
    client.force_login(case_handler)

    response = client.post(
        reverse("events:statement_approve", args=[event.pk, statements["eva"].pk]), follow=True
    )

    assert (
        "The travel of Eva Expert is cancelled: the statement cannot be approved."
        in response.content.decode()
    )
    assert FeeStatement.objects.get(pk=statements["eva"].pk).state == "draft"


def test_event_payment_list_xlsx_has_the_approved_statements(
    client, event, case_handler, statements
):
    client.force_login(case_handler)
    client.post(reverse("events:statement_approve", args=[event.pk, statements["eva"].pk]))

    response = client.get(reverse("events:payment_list", args=[event.pk]))

    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(row)[:8] for row in sheet.iter_rows(values_only=True)]
    assert rows[2:] == [
        ["WS-2026-0042", "Eva Expert", "Expert", "Slovenia", 1225, 400, 0, 1625],
        ["Total", None, None, None, 1225, 400, 0, 1625],
    ]


def test_staff_payment_list_filters_by_period(
    client, event, case_handler, head_of_unit, statements
):
    client.force_login(case_handler)
    client.post(reverse("events:statement_approve", args=[event.pk, statements["eva"].pk]))
    client.force_login(head_of_unit)

    page = client.get(reverse("events:payments")).content.decode()
    empty = client.get(
        reverse("events:payments"), {"approved_from": "2000-01-01", "approved_until": "2000-12-31"}
    ).content.decode()
    response = client.get(
        reverse("events:payments_xlsx"),
        {"approved_from": "2000-01-01", "approved_until": "2000-12-31"},
    )

    assert "1 approved statement, 1,625.00\u00a0EUR" in page
    assert "No approved statement in this period." in empty
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert [list(row)[:8] for row in rows[2:]] == [["Total", None, None, None, 0, 0, 0, 0]]


def test_payment_list_period_error_names_the_field(client, head_of_unit):
    client.force_login(head_of_unit)

    response = client.get(
        reverse("events:payments"), {"approved_from": "2026-05-01", "approved_until": "2026-04-01"}
    )

    assert response.context["form"].errors == {
        "approved_until": ["The end of the period cannot be before its start."]
    }


@pytest.mark.parametrize("who", ["applicant", "ncp", "consultee", "expert_not_on_event"])
def test_staff_payment_list_is_hidden_from_others(client, people, who):
    client.force_login(people[who])

    assert client.get(reverse("events:payments")).status_code == 404
    assert client.get(reverse("events:payments_xlsx")).status_code == 404


def test_expert_sees_only_their_own_statement(client, event, statements):
    eva = statements["eva"].event_expert.expert.user
    client.force_login(eva)

    own = client.get(reverse("events:my_statement", args=[event.pk]))
    listing = client.get(reverse("events:my_statements")).content.decode()

    assert own.status_code == 200
    assert own.context["statement"] == statements["eva"]
    assert "1,625.00\u00a0EUR" in own.content.decode()
    assert "WS-2026-0042" in listing
    client.force_login(statements["ivan"].event_expert.expert.user)
    assert (
        client.get(reverse("events:my_statement", args=[event.pk])).context["statement"]
        == (statements["ivan"])
    )


@pytest.mark.parametrize("who", ["applicant", "expert_not_on_event", "case_handler"])
def test_my_statement_of_someone_else_is_not_found(client, event, people, statements, who):
    client.force_login(people[who])

    assert client.get(reverse("events:my_statement", args=[event.pk])).status_code == 404


def test_my_statement_needs_login(client, event, statements):
    assert client.get(reverse("events:my_statement", args=[event.pk])).status_code == 302


def queries_of(client, url):
    client.get(url)  # warm the caches (content types, session)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured.captured_queries)


@pytest.mark.parametrize("page", ["fees", "logistics"])
def test_lists_cost_the_same_queries_for_one_and_three_experts(
    client, event, case_handler, serbian_rate, django_assert_num_queries, page
):
    client.force_login(case_handler)
    url = reverse(f"events:{page}", args=[event.pk])
    expert_on(event, "Eva Expert")
    refresh_statements(event, actor=case_handler)
    with_one = queries_of(client, url)
    expert_on(event, "Ivan Expert")
    expert_on(event, "Olga Expert")
    refresh_statements(event, actor=case_handler)

    with django_assert_num_queries(with_one):
        response = client.get(url)

    assert response.status_code == 200


def test_staff_payment_list_costs_the_same_queries(
    client, event, case_handler, head_of_unit, serbian_rate, django_assert_num_queries
):
    client.force_login(head_of_unit)
    url = reverse("events:payments")
    expert_on(event, "Eva Expert")
    refresh_statements(event, actor=case_handler)
    approve_statement(FeeStatement.objects.get(), actor=case_handler)
    with_one = queries_of(client, url)
    expert_on(event, "Ivan Expert")
    expert_on(event, "Olga Expert")
    refresh_statements(event, actor=case_handler)
    for statement in FeeStatement.objects.filter(state="draft"):
        approve_statement(statement, actor=case_handler)

    with django_assert_num_queries(with_one):
        response = client.get(url)

    assert len(response.context["statements"]) == 3
    assert response.context["total"] == Decimal("4875.00")


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("case_handler", True),
        ("same_team_case_handler", True),
        ("other_team_case_handler", False),
        ("head_of_unit", True),
        ("administrator", True),
        ("finance", True),
    ],
)
def test_staff_payment_list_shows_only_the_events_whose_money_the_user_sees(
    client, event, people, statements, case_handler, who, sees
):
    approve_statement(statements["eva"], actor=case_handler)
    client.force_login(people[who])

    page = client.get(reverse("events:payments"))
    workbook = client.get(reverse("events:payments_xlsx"))

    assert page.status_code == 200
    assert page.context["statements"] == ([statements["eva"]] if sees else [])
    rows = list(load_workbook(io.BytesIO(workbook.content)).active.iter_rows(values_only=True))
    assert [row[:2] for row in rows[2:]] == (
        [("WS-2026-0042", "Eva Expert"), ("Total", None)] if sees else [("Total", None)]
    )


def test_finance_has_a_payments_link_and_no_staff_menu(client, finance):
    client.force_login(finance)

    page = client.get(reverse("events:payments")).content.decode()

    assert f'<a href="{reverse("events:payments")}">Payments</a>' in page
    assert f'href="{reverse("events:list")}"' not in page
    assert client.get(reverse("events:list")).status_code == 404
    assert client.get(reverse("accounts:home")).status_code == 200

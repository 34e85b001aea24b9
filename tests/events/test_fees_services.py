"""Fee statements: computing the drafts, approving them, what blocks the closing, and the
payment list as XLSX."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from taiex.core.models import ActivityLog
from taiex.events.models import FeeStatement, HostAgreement
from taiex.events.queries.fees import approved_statements_between, statements_of
from taiex.events.services.errors import EventError
from taiex.events.services.fees import approve_statement, refresh_statements, statements_missing
from taiex.events.services.hosting import HOST_NOT_AGREED
from taiex.events.services.payment_list import payment_list_workbook
from taiex.reference.models import Country
from tests.events.fees_fixtures import expert_on, serbian_rate_fixture  # noqa: F401 (fixture)
from tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db


def test_refresh_computes_a_draft_per_accepted_expert(event, case_handler, serbian_rate):
    expert_on(event, "Eva Expert")
    expert_on(event, "Ivan Expert", hotel_nights=3)

    result = refresh_statements(event, actor=case_handler)

    assert (result.computed, result.problems) == (2, [])
    rows = [
        (s.event_expert.expert.user.full_name, s.state, s.fee_total, s.allowance_total, s.total)
        for s in statements_of(event)
    ]
    assert rows == [
        ("Eva Expert", "draft", Decimal("1225.00"), Decimal("400.00"), Decimal("1625.00")),
        ("Ivan Expert", "draft", Decimal("1225.00"), Decimal("250.00"), Decimal("1475.00")),
    ]
    eva = statements_of(event)[0]
    assert eva.lines[0] == {
        "kind": "fee",
        "label": "Travel day 13 Apr 2026, outbound flight 15:20 after 14:00: half day",
        "quantity": "0.5",
        "rate": "350.00",
        "amount": "175.00",
        "is_demo": True,
        # The label's words, to show it in its reader's language (events/services/line_texts).
        "text": {
            "key": "travel_day",
            "args": {
                "day": {"date": "2026-04-13"},
                "reason": {"key": "outbound_half", "args": {"time": "15:20", "limit": "14:00"}},
            },
        },
    }


def test_refresh_names_the_missing_rate_and_stores_nothing(event, case_handler):
    expert_on(event, "Eva Expert")

    result = refresh_statements(event, actor=case_handler)

    assert result.problems == [
        "Eva Expert: No daily subsistence allowance of Serbia is valid on 13 Apr 2026."
    ]
    assert FeeStatement.objects.count() == 0


def test_refresh_keeps_approved_statements_and_drops_drafts_of_withdrawn_experts(
    event, case_handler, serbian_rate
):
    eva = expert_on(event, "Eva Expert")
    ivan = expert_on(event, "Ivan Expert")
    refresh_statements(event, actor=case_handler)
    approve_statement(eva.fee_statement, actor=case_handler)
    ivan.left_at = timezone.now()  # withdrawn: no longer on the event
    ivan.save()
    eva.travel.hotel_nights = 2
    eva.travel.save()

    result = refresh_statements(event, actor=case_handler)

    assert (result.computed, result.removed) == (0, 1)
    statement = FeeStatement.objects.get()
    assert (statement.event_expert, statement.state, statement.total) == (
        eva,
        "approved",
        Decimal("1625.00"),
    )


def test_approve_freezes_and_logs(event, case_handler, serbian_rate):
    eva = expert_on(event, "Eva Expert")
    refresh_statements(event, actor=case_handler)
    statement = eva.fee_statement

    approve_statement(statement, actor=case_handler)

    statement.refresh_from_db()
    assert (statement.state, statement.approved_by) == ("approved", case_handler)
    assert statement.approved_at is not None
    moves = ActivityLog.objects.filter(action="approve_fee_statement").order_by("pk")
    assert [(m.object_repr, m.from_state, m.to_state, m.note) for m in moves] == [
        (str(statement), "draft", "approved", ""),
        ("WS-2026-0042", "", "", "Fee statement of Eva Expert approved: 1625.00 EUR."),
    ]


@pytest.mark.parametrize(
    ("arrange", "message"),
    [
        (
            "approved",
            "The fee statement of Eva Expert is approved: only a statement to be approved can "
            "be approved.",
        ),
        (
            "no_travel",
            "The travel of Eva Expert is not recorded: record it before approving the statement.",
        ),
        ("cancelled", "The travel of Eva Expert is cancelled: the statement cannot be approved."),
        (
            "stale",
            "The fee statement of Eva Expert is out of date (the travel, the receipts or the "
            "rates changed since it was computed): compute the statements again and check it.",
        ),
        ("withdrawn", "Eva Expert is no longer an accepted expert of the event."),
    ],
)
def test_approve_is_refused_and_changes_nothing(
    event, case_handler, serbian_rate, arrange, message
):
    eva = expert_on(event, "Eva Expert", no_travel=arrange == "no_travel")
    refresh_statements(event, actor=case_handler)
    statement = eva.fee_statement
    if arrange == "approved":
        approve_statement(statement, actor=case_handler)
    elif arrange == "cancelled":
        eva.travel.state = "cancelled"
        eva.travel.save()
    elif arrange == "stale":
        eva.travel.hotel_nights = 1
        eva.travel.save()
    elif arrange == "withdrawn":
        eva.left_at = timezone.now()  # withdrawn: no longer on the event
        eva.save()
    before = FeeStatement.objects.values().get(pk=statement.pk)
    logs = ActivityLog.objects.count()

    with pytest.raises(EventError) as error:
        approve_statement(statement, actor=case_handler)

    assert str(error.value) == message
    assert FeeStatement.objects.values().get(pk=statement.pk) == before
    assert ActivityLog.objects.count() == logs


def test_statements_missing_names_each_payee_without_approval(event, case_handler, serbian_rate):
    eva = expert_on(event, "Eva Expert")
    expert_on(event, "Ivan Expert")
    refresh_statements(event, actor=case_handler)
    approve_statement(eva.fee_statement, actor=case_handler)

    assert statements_missing(event) == ["The fee statement of Ivan Expert is not approved."]


def test_study_visit_host_gets_a_host_fee_statement(event, case_handler):
    host = InstitutionFactory(
        name="Slovenian Ministry of the Interior", country=Country.objects.get(code="SI")
    )
    event.event_type = "study_visit"
    event.host_institution = host
    event.save()
    HostAgreement.objects.create(event=event, institution=host, state="agreed")
    assert statements_missing(event) == [
        "The fee statement of Slovenian Ministry of the Interior is not approved."
    ]

    refresh_statements(event, actor=case_handler)
    statement = FeeStatement.objects.get(host_institution=host)
    approve_statement(statement, actor=case_handler)

    statement.refresh_from_db()
    assert [(line["label"], line["amount"]) for line in statement.lines] == [
        ("Host fee, 14 Apr 2026 (event day)", "350.00"),
        ("Host fee, 15 Apr 2026 (event day)", "350.00"),
    ]
    assert (statement.state, statement.total) == ("approved", Decimal("700.00"))
    assert statements_missing(event) == []


def test_no_host_fee_statement_before_the_host_agreed(event, case_handler):
    host = InstitutionFactory(
        name="Slovenian Ministry of the Interior", country=Country.objects.get(code="SI")
    )
    event.event_type = "study_visit"
    event.save()
    HostAgreement.objects.create(event=event, institution=host, state="asked")

    result = refresh_statements(event, actor=case_handler)

    assert FeeStatement.objects.filter(event=event, host_institution__isnull=False).count() == 0
    assert result.problems == [HOST_NOT_AGREED]


def test_payment_list_workbook_has_payees_amounts_and_total(event, case_handler, serbian_rate):
    eva = expert_on(event, "Eva Expert")
    ivan = expert_on(event, "Ivan Expert", hotel_nights=3)
    expert_on(event, "Draft Dora")
    refresh_statements(event, actor=case_handler)
    approve_statement(eva.fee_statement, actor=case_handler)
    approve_statement(ivan.fee_statement, actor=case_handler)
    today = timezone.localdate()

    content = payment_list_workbook(
        approved_statements_between(case_handler, None, None), title="Payment list of WS-2026-0042"
    )

    sheet = load_workbook(io.BytesIO(content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    approved_on = rows[2][8]
    assert approved_on.date() == today
    year = today.year
    assert rows == [
        ["Payment list of WS-2026-0042", *[None] * 11],
        [
            "Event", "Payee", "Kind", "Member State", "Fee (EUR)", "Allowance (EUR)",
            "Refunds (EUR)", "Total (EUR)", "Approved on", "Payment reference", "State",
            "Bank details",
        ],
        ["WS-2026-0042", "Eva Expert", "Expert", "Slovenia", 1225, 400, 0, 1625, approved_on,
         f"PAY-{year}-00001", "Approved", "missing"],
        ["WS-2026-0042", "Ivan Expert", "Expert", "Slovenia", 1225, 250, 0, 1475, approved_on,
         f"PAY-{year}-00002", "Approved", "missing"],
        ["Total", None, None, None, 2450, 650, 0, 3100, None, None, None, None],
    ]  # fmt: skip


def test_approved_statements_between_filters_by_approval_date(event, case_handler, serbian_rate):
    eva = expert_on(event, "Eva Expert")
    refresh_statements(event, actor=case_handler)
    approve_statement(eva.fee_statement, actor=case_handler)
    today = timezone.localdate()

    assert list(approved_statements_between(case_handler, today, today)) == [eva.fee_statement]
    assert (
        list(approved_statements_between(case_handler, date(2000, 1, 1), date(2000, 12, 31))) == []
    )

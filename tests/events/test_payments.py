"""Paying fee statements: every state pair through its service (allowed and refused moves, with
their audit rows), and the import of the bank's answer, all or nothing."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from taiex.core.audit import activity_of
from taiex.core.models import ActivityLog
from taiex.events.enums import StatementState
from taiex.events.models import FeeStatement
from taiex.events.services.bank_details import save_bank_details
from taiex.events.services.errors import EventError
from taiex.events.services.fees import approve_statement, refresh_statements, statement_workflow
from taiex.events.services.payments import (
    BankAnswerRejected,
    import_bank_answer,
    mark_paid,
    reject_statement,
    reopen_statement,
    send_for_payment,
)
from tests.events.fees_fixtures import expert_on, serbian_rate_fixture  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

STATES = [state.value for state in StatementState]
ALLOWED = {
    ("draft", "approved"),
    ("approved", "sent_for_payment"),
    ("approved", "rejected"),
    ("sent_for_payment", "paid"),
    ("sent_for_payment", "rejected"),
    ("rejected", "draft"),
}
YESTERDAY = timezone.localdate() - timedelta(days=1)


def with_bank_details(event_expert):
    user = event_expert.expert.user
    save_bank_details(
        user, actor=user, account_holder=user.full_name, iban="SI56191000000123438", bic="LJBASI2X"
    )


@pytest.fixture
def eva(event, case_handler, serbian_rate):
    """Eva's statement, computed, with her bank details entered."""
    invitation = expert_on(event, "Eva Expert")
    with_bank_details(invitation)
    refresh_statements(event, actor=case_handler)
    return FeeStatement.objects.get(event_expert=invitation)


def move_to(statement, target, actor):
    """The one service whose move ends in `target`."""
    if target == "approved":
        return approve_statement(statement, actor=actor)
    if target == "sent_for_payment":
        return send_for_payment(statement, actor=actor)
    if target == "paid":
        return mark_paid(statement, actor=actor, paid_on=YESTERDAY, bank_reference="TRF-1")
    if target == "rejected":
        return reject_statement(statement, actor=actor, reason="The IBAN belongs to someone else.")
    return reopen_statement(statement, actor=actor)


def bring_to(statement, state, actor):
    """Arrange: walk `statement` from draft to `state` through the services."""
    path = {
        "draft": [],
        "approved": ["approved"],
        "sent_for_payment": ["approved", "sent_for_payment"],
        "paid": ["approved", "sent_for_payment", "paid"],
        "rejected": ["approved", "rejected"],
    }[state]
    for step in path:
        move_to(statement, step, actor)
    statement.refresh_from_db()
    return statement


def test_the_table_has_exactly_the_moves_of_the_payment():
    assert set(statement_workflow.moves) == ALLOWED


@pytest.mark.parametrize("target", STATES)
@pytest.mark.parametrize("source", STATES)
def test_every_state_pair(eva, head_of_unit, source, target):
    statement = bring_to(eva, source, head_of_unit)
    logged = ActivityLog.objects.count()

    if (source, target) in ALLOWED:
        move_to(statement, target, head_of_unit)
        statement.refresh_from_db()
        assert statement.state == target
        move = activity_of(statement).latest("pk")
        assert (move.actor, move.from_state, move.to_state) == (head_of_unit, source, target)
        assert ActivityLog.objects.count() == logged + 2  # the statement's move, the event's line
    else:
        before = FeeStatement.objects.filter(pk=statement.pk).values().get()
        with pytest.raises(EventError):
            move_to(statement, target, head_of_unit)
        assert FeeStatement.objects.filter(pk=statement.pk).values().get() == before
        assert ActivityLog.objects.count() == logged


def test_approval_gives_a_payment_reference_and_sending_stamps_who_and_when(
    eva, case_handler, finance
):
    approve_statement(eva, actor=case_handler)
    send_for_payment(eva, actor=finance)

    eva.refresh_from_db()
    year = timezone.localdate().year
    assert (eva.state, eva.payment_reference, eva.sent_for_payment_by) == (
        "sent_for_payment",
        f"PAY-{year}-00001",
        finance,
    )
    assert eva.sent_for_payment_at is not None
    history = ActivityLog.objects.filter(action="send_statement_for_payment").order_by("pk")
    assert [(row.object_repr, row.note) for row in history] == [
        (str(eva), ""),
        ("WS-2026-0042", f"Fee statement of Eva Expert sent for payment (PAY-{year}-00001)."),
    ]


def test_sending_without_bank_details_is_refused(event, case_handler, finance, serbian_rate):
    ivan = expert_on(event, "Ivan Expert")
    refresh_statements(event, actor=case_handler)
    statement = FeeStatement.objects.get(event_expert=ivan)
    approve_statement(statement, actor=case_handler)

    with pytest.raises(EventError) as refused:
        send_for_payment(statement, actor=finance)

    assert str(refused.value) == (
        "Ivan Expert has not entered bank details yet: the statement cannot be sent for payment."
    )
    assert FeeStatement.objects.get(pk=statement.pk).state == "approved"


def test_paid_records_the_date_and_the_bank_reference(eva, head_of_unit):
    bring_to(eva, "sent_for_payment", head_of_unit)

    mark_paid(eva, actor=head_of_unit, paid_on=date(2026, 5, 4), bank_reference=" TRF-88123 ")

    eva.refresh_from_db()
    assert (eva.state, eva.paid_on, eva.bank_reference) == ("paid", date(2026, 5, 4), "TRF-88123")


def test_a_payment_date_in_the_future_is_refused(eva, head_of_unit):
    bring_to(eva, "sent_for_payment", head_of_unit)

    with pytest.raises(EventError) as refused:
        mark_paid(eva, actor=head_of_unit, paid_on=timezone.localdate() + timedelta(days=1))

    assert (str(refused.value), refused.value.field) == (
        "The payment date cannot be in the future.",
        "paid_on",
    )
    assert FeeStatement.objects.get(pk=eva.pk).state == "sent_for_payment"


def test_a_rejection_needs_a_reason(eva, head_of_unit):
    bring_to(eva, "approved", head_of_unit)

    with pytest.raises(EventError) as refused:
        reject_statement(eva, actor=head_of_unit, reason="  ")

    assert (str(refused.value), refused.value.field) == (
        "Say why the statement is rejected.",
        "reason",
    )
    assert FeeStatement.objects.get(pk=eva.pk).state == "approved"


def test_a_rejected_statement_is_reopened_recomputed_and_approved_again(
    event, eva, case_handler, head_of_unit
):
    bring_to(eva, "rejected", head_of_unit)
    reference = FeeStatement.objects.get(pk=eva.pk).payment_reference

    refresh_statements(event, actor=case_handler)
    assert FeeStatement.objects.get(pk=eva.pk).state == "rejected"  # left alone while rejected
    reopen_statement(eva, actor=case_handler)
    refresh_statements(event, actor=case_handler)
    approve_statement(eva, actor=case_handler)

    eva.refresh_from_db()
    assert (eva.state, eva.payment_reference, eva.rejection_reason) == (
        "approved",
        reference,
        "The IBAN belongs to someone else.",
    )


def test_a_paid_statement_counts_as_approved_for_closing(event, eva, head_of_unit):
    from taiex.events.services.fees import statements_missing

    bring_to(eva, "paid", head_of_unit)

    assert statements_missing(event) == []


# The bank's answer


def sent(event, case_handler, finance, *names):
    statements = []
    for name in names:
        invitation = expert_on(event, name)
        with_bank_details(invitation)
    refresh_statements(event, actor=case_handler)
    for statement in FeeStatement.objects.filter(event=event).order_by("pk"):
        approve_statement(statement, actor=case_handler)
        send_for_payment(statement, actor=finance)
        statement.refresh_from_db()
        statements.append(statement)
    return statements


def csv_of(*lines):
    return ("\n".join(["reference,paid_on,bank_reference", *lines]) + "\n").encode()


def states():
    return list(FeeStatement.objects.order_by("pk").values_list("state", "paid_on"))


def test_the_bank_answer_marks_the_statements_paid(event, case_handler, finance, serbian_rate):
    eva, ivan = sent(event, case_handler, finance, "Eva Expert", "Ivan Expert")

    paid = import_bank_answer(
        csv_of(
            f"{eva.payment_reference},2026-05-04,TRF-1",
            f"{ivan.payment_reference},2026-05-05,",
        ),
        actor=finance,
    )

    assert [statement.pk for statement in paid] == [eva.pk, ivan.pk]
    assert states() == [("paid", date(2026, 5, 4)), ("paid", date(2026, 5, 5))]
    assert FeeStatement.objects.get(pk=eva.pk).bank_reference == "TRF-1"


def test_a_bad_row_of_each_kind_is_named_and_nothing_changes(
    event, case_handler, finance, serbian_rate
):
    eva, ivan, olga = sent(event, case_handler, finance, "Eva Expert", "Ivan Expert", "Olga Expert")
    mark_paid(olga, actor=finance, paid_on=date(2026, 5, 1))
    before = states()

    with pytest.raises(BankAnswerRejected) as refused:
        import_bank_answer(
            csv_of(
                f"{eva.payment_reference},2026-05-04,",
                "PAY-1999-99999,2026-05-04,",
                f"{olga.payment_reference},2026-05-04,",
                f"{ivan.payment_reference},2026-05-04,",
            ),
            actor=finance,
        )

    assert refused.value.problems == [
        "Line 3 (PAY-1999-99999): no fee statement has this reference.",
        f"Line 4 ({olga.payment_reference}): the statement of Olga Expert is already paid "
        "(on 1 May 2026).",
    ]
    assert states() == before


def test_malformed_and_duplicate_rows_are_named_and_nothing_changes(
    event, case_handler, finance, serbian_rate
):
    eva, ivan = sent(event, case_handler, finance, "Eva Expert", "Ivan Expert")
    before = states()

    with pytest.raises(BankAnswerRejected) as refused:
        import_bank_answer(
            csv_of(
                f"{eva.payment_reference},2026-05-04,",
                f"{ivan.payment_reference},04/05/2026,",
                f"{eva.payment_reference},2026-05-04,",
                ",2026-05-04,",
            ),
            actor=finance,
        )

    assert refused.value.problems == [
        f"Line 3 ({ivan.payment_reference}): “04/05/2026” is not a date as YYYY-MM-DD.",
        f"Line 4 ({eva.payment_reference}): the reference is already on line 2.",
        "Line 5: the reference is empty.",
    ]
    assert states() == before


def test_a_statement_not_sent_for_payment_and_a_future_date_are_refused(
    event, case_handler, finance, serbian_rate
):
    (eva,) = sent(event, case_handler, finance, "Eva Expert")
    ivan = expert_on(event, "Ivan Expert")
    with_bank_details(ivan)
    refresh_statements(event, actor=case_handler)
    ivan_statement = FeeStatement.objects.get(event_expert=ivan)
    approve_statement(ivan_statement, actor=case_handler)
    ivan_statement.refresh_from_db()
    tomorrow = timezone.localdate() + timedelta(days=1)

    with pytest.raises(BankAnswerRejected) as refused:
        import_bank_answer(
            csv_of(
                f"{eva.payment_reference},{tomorrow.isoformat()},",
                f"{ivan_statement.payment_reference},2026-05-04,",
            ),
            actor=finance,
        )

    assert refused.value.problems == [
        f"Line 2 ({eva.payment_reference}): the payment date is in the future.",
        f"Line 3 ({ivan_statement.payment_reference}): the statement of Ivan Expert is "
        "approved, not sent for payment.",
    ]
    assert states() == [("sent_for_payment", None), ("approved", None)]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (
            b"ref;date\nPAY-1;2026-05-04\n",
            "The first line must name the columns reference and paid_on (and bank_reference).",
        ),
        (b"reference,paid_on\n", "The file has no payment."),
        (
            "reference,paid_on\nPAY-1,2026-05-04\n".encode("utf-16"),
            "The file is not UTF-8 text (a CSV).",
        ),
    ],
)
def test_a_file_that_is_not_a_bank_answer_is_refused(finance, content, problem):
    with pytest.raises(BankAnswerRejected) as refused:
        import_bank_answer(content, actor=finance)

    assert refused.value.problems == [problem]

"""Paying approved fee statements: one function per move after approval (sent for payment,
paid, rejected, back to draft), and the import of the bank's answer.

Who may call them is `events.pay_statements` (finance, head of unit) and, for reopening,
`events.manage_event`; the views check it. Each move goes through `statement_workflow` (row
lock, refusal of a move not in the table, audit row on the statement) and writes a line in the
event's history.
"""

import csv
import io
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from taiex.core.audit import log_action
from taiex.core.workflow import TransitionNotAllowed

from ..enums import StatementState
from ..models import FeeStatement
from ..queries.fees import STATEMENT_COLUMNS, bank_account_of, payee_name
from .errors import EventError
from .fees import statement_workflow
from .line_texts import local_day


def _locked(statement):
    return (
        FeeStatement.objects.select_for_update(of=("self",))
        .select_related(*STATEMENT_COLUMNS)
        .get(pk=statement.pk)
    )


def _move(statement, to_state, *, actor, action, note="", changes=None, event_note):
    """The move through the statement's workflow (its own audit row) and a line in the event's
    history; a move not in the table is an EventError."""
    try:
        locked = statement_workflow.transition(
            statement, to_state, actor=actor, note=note, changes=changes
        )
    except TransitionNotAllowed as error:
        raise EventError(str(error)) from error
    log_action(
        locked.event, actor=actor, action=action, note=event_note, data={"statement": locked.pk}
    )
    return locked


def send_for_payment(statement, *, actor) -> FeeStatement:
    """Approved -> sent for payment: the payee's bank details must be known. Stamps who sent it
    and when."""
    with transaction.atomic():
        locked = _locked(statement)
        name = payee_name(locked)
        if locked.state == StatementState.APPROVED and bank_account_of(locked) is None:
            raise EventError(
                gettext(
                    "%(name)s has not entered bank details yet: the statement cannot be sent for "
                    "payment."
                )
                % {"name": name}
            )
        return _move(
            statement,
            StatementState.SENT_FOR_PAYMENT,
            actor=actor,
            action="send_statement_for_payment",
            changes={"sent_for_payment_by": actor, "sent_for_payment_at": timezone.now()},
            event_note=f"Fee statement of {name} sent for payment ({locked.payment_reference}).",
        )


def mark_paid(statement, *, actor, paid_on: date, bank_reference="") -> FeeStatement:
    """Sent for payment -> paid on `paid_on` (not in the future), with the bank's reference of
    the transfer if it gave one."""
    if paid_on > timezone.localdate():
        raise EventError(gettext("The payment date cannot be in the future."), field="paid_on")
    with transaction.atomic():
        locked = _locked(statement)
        return _move(
            statement,
            StatementState.PAID,
            actor=actor,
            action="mark_statement_paid",
            changes={"paid_on": paid_on, "bank_reference": bank_reference.strip()[:60]},
            note=f"Paid on {paid_on:%d %b %Y}.",
            event_note=f"Fee statement of {payee_name(locked)} paid on {paid_on:%d %b %Y} "
            f"({locked.payment_reference}).",
        )


def reject_statement(statement, *, actor, reason) -> FeeStatement:
    """Approved or sent for payment -> rejected, with the reason (required), for the case
    handler to correct it."""
    reason = (reason or "").strip()
    if not reason:
        raise EventError(gettext("Say why the statement is rejected."), field="reason")
    with transaction.atomic():
        locked = _locked(statement)
        return _move(
            statement,
            StatementState.REJECTED,
            actor=actor,
            action="reject_fee_statement",
            changes={"rejection_reason": reason},
            note=reason,
            event_note=f"Fee statement of {payee_name(locked)} rejected: {reason}",
        )


def reopen_statement(statement, *, actor) -> FeeStatement:
    """Rejected -> draft: it is computed again with the others and approved again; it keeps
    its payment reference, and the rejection stays in its history."""
    with transaction.atomic():
        locked = _locked(statement)
        return _move(
            statement,
            StatementState.DRAFT,
            actor=actor,
            action="reopen_fee_statement",
            changes={"sent_for_payment_by": None, "sent_for_payment_at": None},
            event_note=f"Fee statement of {payee_name(locked)} reopened after its rejection.",
        )


@dataclass(frozen=True)
class BankAnswerRow:
    line: int
    reference: str
    paid_on: date
    bank_reference: str


class BankAnswerRejected(Exception):
    """The bank's answer has bad rows; nothing was marked paid. `problems` is a list of
    sentences, one per bad row, naming its line."""

    def __init__(self, problems):
        super().__init__(f"{len(problems)} problem(s) in the bank's answer.")
        self.problems = problems


def read_bank_answer(content: bytes) -> list[BankAnswerRow]:
    """Parse the bank's CSV: a header with `reference` and `paid_on` (YYYY-MM-DD), optionally
    `bank_reference`; one row per payment. BankAnswerRejected lists every malformed row."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise BankAnswerRejected([gettext("The file is not UTF-8 text (a CSV).")]) from error
    reader = csv.DictReader(io.StringIO(text))
    fields = [name.strip().lower() for name in reader.fieldnames or []]
    if "reference" not in fields or "paid_on" not in fields:
        raise BankAnswerRejected(
            [
                gettext(
                    "The first line must name the columns reference and paid_on (and "
                    "bank_reference)."
                )
            ]
        )
    reader.fieldnames = fields
    rows, problems, seen = [], [], {}
    for line, record in enumerate(reader, start=2):
        reference = (record.get("reference") or "").strip()
        raw_date = (record.get("paid_on") or "").strip()
        if not reference and not raw_date:
            continue
        if not reference:
            problems.append(gettext("Line %(line)s: the reference is empty.") % {"line": line})
            continue
        try:
            paid_on = date.fromisoformat(raw_date)
        except ValueError:
            problems.append(
                gettext(
                    "Line %(line)s (%(reference)s): “%(raw_date)s” is not a date as YYYY-MM-DD."
                )
                % {"line": line, "reference": reference, "raw_date": raw_date}
            )
            continue
        if reference in seen:
            problems.append(
                gettext(
                    "Line %(line)s (%(reference)s): the reference is already on line %(first)s."
                )
                % {"line": line, "reference": reference, "first": seen[reference]}
            )
            continue
        seen[reference] = line
        bank_reference = (record.get("bank_reference") or "").strip()
        rows.append(BankAnswerRow(line, reference, paid_on, bank_reference))
    if problems:
        raise BankAnswerRejected(problems)
    if not rows:
        raise BankAnswerRejected([gettext("The file has no payment.")])
    return rows


def import_bank_answer(content: bytes, *, actor) -> list[FeeStatement]:
    """Mark paid every statement the bank's answer names, all or nothing: each bad row (unknown
    reference, duplicate, malformed or future date, a statement already paid or not sent for
    payment) is named and then nothing changes (BankAnswerRejected). Returns the paid
    statements."""
    rows = read_bank_answer(content)
    problems = []
    with transaction.atomic():
        statements = {
            statement.payment_reference: statement
            for statement in FeeStatement.objects.select_for_update(of=("self",))
            .filter(payment_reference__in=[row.reference for row in rows])
            .select_related(*STATEMENT_COLUMNS)
        }
        today = timezone.localdate()
        for row in rows:
            statement = statements.get(row.reference)
            where = gettext("Line %(line)s (%(reference)s)") % {
                "line": row.line,
                "reference": row.reference,
            }
            if statement is None:
                problems.append(
                    gettext("%(where)s: no fee statement has this reference.") % {"where": where}
                )
            elif statement.state == StatementState.PAID:
                problems.append(
                    gettext(
                        "%(where)s: the statement of %(name)s is already paid (on %(paid_on)s)."
                    )
                    % {
                        "where": where,
                        "name": payee_name(statement),
                        "paid_on": local_day(statement.paid_on),
                    }
                )
            elif statement.state != StatementState.SENT_FOR_PAYMENT:
                problems.append(
                    gettext(
                        "%(where)s: the statement of %(name)s is %(state)s, not sent for payment."
                    )
                    % {
                        "where": where,
                        "name": payee_name(statement),
                        "state": statement.get_state_display().lower(),
                    }
                )
            elif row.paid_on > today:
                problems.append(
                    gettext("%(where)s: the payment date is in the future.") % {"where": where}
                )
        if problems:
            raise BankAnswerRejected(problems)
        return [
            mark_paid(
                statements[row.reference],
                actor=actor,
                paid_on=row.paid_on,
                bank_reference=row.bank_reference,
            )
            for row in rows
        ]


def send_approved_for_payment(statements, *, actor) -> tuple[list, list]:
    """Send each approved statement of `statements` for payment (`send_for_payment`, one
    transaction each); returns the sent statements and the sentences of those refused (no bank
    details yet), which stay approved."""
    sent, refused = [], []
    for statement in statements:
        if statement.state != StatementState.APPROVED:
            continue
        try:
            sent.append(send_for_payment(statement, actor=actor))
        except EventError as error:
            refused.append(str(error))
    return sent, refused

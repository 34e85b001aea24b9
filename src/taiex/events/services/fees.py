"""Writes on fee statements: computing the drafts of an event's experts (and of a study visit's
host), approving one, and what is missing before the event may close.

The computation itself is in `fee_computation` (pure); this module feeds it the event, the
travel and the dated rates, and stores the result.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from taiex.core.audit import log_action
from taiex.core.sequences import next_sequence_value
from taiex.core.workflow import Workflow
from taiex.reference.enums import AssistanceType, Modality
from taiex.reference.rates import rate_table_for

from ..enums import FROZEN_STATEMENT_STATES, BookingState, ReceiptState, StatementState
from ..models import Event, FeeStatement, Participant, Travel
from ..queries.fees import (
    current_experts_of,
    is_travelling,
    payee_name,
    travelling_participants,
)
from .errors import EventError
from .fee_computation import (
    NotComputable,
    compute_expert_statement,
    compute_host_statement,
    compute_participant_statement,
    host_country,
    period_of,
    same_lines,
)
from .hosting import HOST_NOT_AGREED, host_has_agreed

# The life of a statement: computed as a draft, approved by who manages the event, then paid by
# finance or the head of unit (services/payments.py); a rejected statement goes back to draft to
# be corrected and approved again.
statement_workflow = Workflow(
    model=FeeStatement,
    moves={
        (StatementState.DRAFT, StatementState.APPROVED): "approve_fee_statement",
        (StatementState.APPROVED, StatementState.SENT_FOR_PAYMENT): "send_statement_for_payment",
        (StatementState.APPROVED, StatementState.REJECTED): "reject_fee_statement",
        (StatementState.SENT_FOR_PAYMENT, StatementState.PAID): "mark_statement_paid",
        (StatementState.SENT_FOR_PAYMENT, StatementState.REJECTED): "reject_fee_statement",
        (StatementState.REJECTED, StatementState.DRAFT): "reopen_fee_statement",
    },
    labels=dict(StatementState.choices),
)


@dataclass
class RefreshResult:
    computed: int = 0
    removed: int = 0
    problems: list = field(default_factory=list)


def travel_of(traveller):
    """The travel of an expert on the event or of a participant, or None."""
    try:
        return traveller.travel
    except Travel.DoesNotExist:
        return None


def approval_date_of(event):
    """The day the activity was approved: its request's acceptance (None for an event without
    a decided request, such as the seeds' historical events)."""
    application = event.application if event.application_id else None
    if application is None or application.decided_at is None:
        return None
    return timezone.localdate(application.decided_at)


def rates_for(event, travellers):
    first, last = period_of(
        event,
        [travel_of(traveller) for traveller in travellers],
        approval_date_of(event),
    )
    return rate_table_for(first, last, [host_country(event).pk])


def compute_statement(payee_or_none, event, rates):
    """The computation of one payee: an expert on the event, a travelling participant (with
    their receipts) or the host of `event`."""
    approved_on = approval_date_of(event)
    if payee_or_none is None:
        return compute_host_statement(event, rates, approved_on)
    if isinstance(payee_or_none, Participant):
        participant = payee_or_none
        return compute_participant_statement(
            event,
            participant,
            travel_of(participant),
            list(participant.travel_receipts.all()),
            rates,
        )
    event_expert = payee_or_none
    return compute_expert_statement(
        event, event_expert.expert, travel_of(event_expert), rates, approved_on
    )


def _store(statement, computation):
    statement.lines = computation.lines_as_json()
    statement.fee_total = computation.fee_total
    statement.allowance_total = computation.allowance_total
    statement.refund_total = computation.refund_total
    statement.total = computation.total
    statement.computed_at = timezone.now()
    statement.save()


def refresh_statements(event, *, actor) -> RefreshResult:
    """Compute the draft statement of every accepted expert of `event`, of every travelling
    participant (and of the host of a study visit) from the travel, the approved receipts and
    the rates valid on each day; approved statements stay as they are; drafts of experts no
    longer on the event, or of participants no longer travelling, are removed. A payee whose
    statement cannot be computed (a rate missing) gets none and is named in `problems`. Logged
    on the event."""
    result = RefreshResult()
    with transaction.atomic():
        event = (
            Event.objects.select_for_update(of=("self",))
            .select_related("venue_country", "beneficiary", "host_institution", "application")
            .get(pk=event.pk)
        )
        event_experts = list(current_experts_of(event))
        participants = list(travelling_participants(event))
        try:
            rates = rates_for(event, event_experts + participants)
        except NotComputable as problem:
            result.problems.append(str(problem))
            return result
        _refresh_payee_statements(
            event,
            event_experts,
            field="event_expert",
            name_of=lambda event_expert: event_expert.expert.user.full_name,
            rates=rates,
            result=result,
        )
        _refresh_payee_statements(
            event,
            participants,
            field="participant",
            name_of=lambda participant: participant.full_name,
            rates=rates,
            result=result,
        )
        if host_has_agreed(event):
            _refresh_host_statement(event, rates, result)
        elif event.event_type == AssistanceType.STUDY_VISIT:
            result.problems.append(HOST_NOT_AGREED)
        log_action(
            event,
            actor=actor,
            action="compute_fee_statements",
            note=f"{result.computed} statement(s) computed.",
            data={"problems": result.problems},
        )
    return result


def _refresh_payee_statements(event, payees, *, field, name_of, rates, result):
    """The draft statements of `payees` (accepted experts or travelling participants, linked to
    their statement by `field`): computed again unless approved or beyond; the drafts and
    rejected statements of payees no longer in `payees` removed."""
    existing = {
        getattr(statement, f"{field}_id"): statement
        for statement in FeeStatement.objects.filter(event=event, **{f"{field}__isnull": False})
    }
    for payee in payees:
        statement = existing.pop(payee.pk, None)
        if statement is not None and statement.state != StatementState.DRAFT:
            continue
        try:
            computation = compute_statement(payee, event, rates)
        except NotComputable as problem:
            result.problems.append(
                gettext("%(name)s: %(problem)s") % {"name": name_of(payee), "problem": problem}
            )
            continue
        _store(statement or FeeStatement(event=event, **{field: payee}), computation)
        result.computed += 1
    for statement in existing.values():
        if statement.state in (StatementState.DRAFT, StatementState.REJECTED):
            statement.delete()
            result.removed += 1


def _refresh_host_statement(event, rates, result):
    statement = FeeStatement.objects.filter(event=event, host_institution__isnull=False).first()
    if statement is not None and statement.state != StatementState.DRAFT:
        return
    try:
        computation = compute_host_statement(event, rates, approval_date_of(event))
    except NotComputable as problem:
        result.problems.append(
            gettext("%(name)s: %(problem)s")
            % {"name": event.host_institution.name, "problem": problem}
        )
        return
    statement = statement or FeeStatement(event=event)
    statement.host_institution = event.host_institution
    _store(statement, computation)
    result.computed += 1


def approve_statement(statement, *, actor) -> FeeStatement:
    """Approve a draft statement: its lines are frozen and it goes on the payment list.

    Refused (EventError) when it is already approved; when the expert is no longer accepted;
    when the travel is not recorded or cancelled (except for online events); when the lines no
    longer match a fresh computation (travel or rates changed since). Logged on the statement
    (the move) and on the event (its history)."""
    with transaction.atomic():
        locked = (
            FeeStatement.objects.select_for_update(of=("self",))
            .select_related("event_expert__expert__user", "host_institution", "participant")
            .get(pk=statement.pk)
        )
        event = Event.objects.select_related("venue_country", "beneficiary", "application").get(
            pk=locked.event_id
        )
        name = payee_name(locked)
        if locked.state != StatementState.DRAFT:
            raise EventError(
                gettext(
                    "The fee statement of %(name)s is %(state)s: only a statement to be approved "
                    "can be approved."
                )
                % {"name": name, "state": locked.get_state_display().lower()}
            )
        event_expert = locked.event_expert
        if event_expert is not None:
            if not event_expert.is_current:
                raise EventError(
                    gettext("%(name)s is no longer an accepted expert of the event.")
                    % {"name": name}
                )
            travel = travel_of(event_expert)
            if event.modality != Modality.ONLINE and not event_expert.expert.is_eu_staff:
                if travel is None:
                    raise EventError(
                        gettext(
                            "The travel of %(name)s is not recorded: record it before approving "
                            "the statement."
                        )
                        % {"name": name}
                    )
                if travel.state == BookingState.CANCELLED:
                    raise EventError(
                        gettext(
                            "The travel of %(name)s is cancelled: the statement cannot be approved."
                        )
                        % {"name": name}
                    )
        participant = locked.participant
        if participant is not None:
            if not is_travelling(event, participant):
                raise EventError(
                    gettext(
                        "%(name)s is no longer a travelling participant of the event: the "
                        "statement cannot be approved."
                    )
                    % {"name": name}
                )
            travel = travel_of(participant)
            if event.modality != Modality.ONLINE:
                if travel is None:
                    raise EventError(
                        gettext(
                            "The travel of %(name)s is not recorded: record it before approving "
                            "the statement."
                        )
                        % {"name": name}
                    )
                if travel.state == BookingState.CANCELLED:
                    raise EventError(
                        gettext(
                            "The travel of %(name)s is cancelled: the statement cannot be approved."
                        )
                        % {"name": name}
                    )
            if participant.travel_receipts.filter(state=ReceiptState.SUBMITTED).exists():
                raise EventError(
                    gettext(
                        "%(name)s has receipts still to be checked: approve or refuse them first."
                    )
                    % {"name": name}
                )
        payee = event_expert or participant
        try:
            rates = rates_for(event, [payee] if payee else [])
            fresh = compute_statement(payee, event, rates)
        except NotComputable as problem:
            raise EventError(str(problem)) from problem
        if not same_lines(fresh.lines_as_json(), locked.lines):
            raise EventError(
                gettext(
                    "The fee statement of %(name)s is out of date (the travel, the receipts or "
                    "the rates changed since it was computed): compute the statements again and "
                    "check it."
                )
                % {"name": name}
            )
        statement_workflow.transition(
            locked,
            StatementState.APPROVED,
            actor=actor,
            changes={
                "approved_by": actor,
                "approved_at": timezone.now(),
                "payment_reference": locked.payment_reference or new_payment_reference(),
            },
            data={"total": str(locked.total)},
        )
        log_action(
            event,
            actor=actor,
            action="approve_fee_statement",
            note=f"Fee statement of {name} approved: {locked.total} EUR.",
            data={"statement": locked.pk},
        )
    statement.state = locked.state
    statement.approved_by = locked.approved_by
    statement.approved_at = locked.approved_at
    statement.payment_reference = locked.payment_reference
    return locked


def new_payment_reference():
    """`PAY-2026-00042`: the reference the bank's answer quotes, from the yearly counter."""
    year = timezone.localdate().year
    return f"PAY-{year}-{next_sequence_value(f'PAY-{year}'):05d}"


def statements_missing(event):
    """What of this part is missing before `event` may close: one sentence per accepted expert
    (and the host of a study visit) without an approved statement; empty when nothing is."""
    approved = set(
        FeeStatement.objects.filter(event=event, state__in=FROZEN_STATEMENT_STATES).values_list(
            "event_expert_id", "host_institution_id"
        )
    )
    approved_experts = {event_expert for event_expert, _ in approved if event_expert}
    approved_hosts = {host for _, host in approved if host}
    missing = [
        gettext("The fee statement of %(name)s is not approved.")
        % {"name": event_expert.expert.user.full_name}
        for event_expert in current_experts_of(event)
        if event_expert.pk not in approved_experts
    ]
    if (
        event.event_type == AssistanceType.STUDY_VISIT
        and event.host_institution_id
        and event.host_institution_id not in approved_hosts
    ):
        missing.append(
            gettext("The fee statement of %(name)s is not approved.")
            % {"name": event.host_institution.name}
        )
    return missing

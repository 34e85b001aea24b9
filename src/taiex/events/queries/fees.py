"""Reads of the logistics and fees part: the travellers of an event with their travel, the fee
statements of an event, of an expert, and the approved statements of a period."""

from datetime import date

from taiex.reference.enums import AssistanceType

from ..enums import ParticipantState, StatementState
from ..models import EventExpert, FeeStatement, Participant

STATEMENT_COLUMNS = [
    "event",
    "event_expert__expert__user",
    "event_expert__expert__member_state",
    "host_institution__country",
    "approved_by",
]


def current_experts_of(event):
    """The confirmed experts of `event`, with their person, Member State and travel."""
    return (
        EventExpert.objects.current()
        .filter(event=event)
        .select_related("expert__user", "expert__member_state", "travel")
        .order_by("expert__user__full_name", "pk")
    )


def travelling_participants(event):
    """The participants who travel at the programme's cost: the approved group of a study
    visit (the participants of workshops and missions travel on their own)."""
    if event.event_type != AssistanceType.STUDY_VISIT:
        return Participant.objects.none()
    return (
        Participant.objects.filter(event=event, state=ParticipantState.APPROVED)
        .select_related("country", "travel")
        .order_by("full_name", "pk")
    )


def statements_of(event):
    return (
        FeeStatement.objects.filter(event=event)
        .select_related(*STATEMENT_COLUMNS)
        .order_by("host_institution_id", "event_expert__expert__user__full_name", "pk")
    )


def approved_statements_between(first: date | None, last: date | None):
    """Approved statements of every event, approved from `first` to `last` (either may be
    open), by event and payee."""
    statements = FeeStatement.objects.filter(state=StatementState.APPROVED)
    if first:
        statements = statements.filter(approved_at__date__gte=first)
    if last:
        statements = statements.filter(approved_at__date__lte=last)
    return statements.select_related(*STATEMENT_COLUMNS).order_by(
        "event__reference", "host_institution_id", "event_expert__expert__user__full_name", "pk"
    )


def statements_of_expert(user):
    """The fee statements of `user` as an expert, newest event first."""
    return (
        FeeStatement.objects.filter(event_expert__expert__user=user)
        .select_related(*STATEMENT_COLUMNS)
        .order_by("-event__start_date", "-pk")
    )


def payee_name(statement):
    if statement.event_expert_id:
        return statement.event_expert.expert.user.full_name
    return statement.host_institution.name


def payee_country(statement):
    if statement.event_expert_id:
        return statement.event_expert.expert.member_state
    return statement.host_institution.country

"""Reads of the logistics and fees part: the travellers of an event with their travel, the fee
statements of an event, of an expert, and the approved statements of a period; who sees the
money of which events."""

from datetime import date

from django.db.models import Q

from taiex.accounts.enums import Role
from taiex.accounts.roles import roles_of
from taiex.reference.enums import AssistanceType

from ..enums import UNPAID_STATEMENT_STATES, ParticipantState
from ..models import Event, EventExpert, FeeStatement, Participant

# Who sees the money of every event; a case handler sees that of their team's events (and of the
# events they handle), the rule of `rules.may_see_money` as a queryset.
SEES_ALL_MONEY = {Role.HEAD_OF_UNIT, Role.ADMINISTRATOR, Role.FINANCE}

STATEMENT_COLUMNS = [
    "event",
    "event_expert__expert__user__bank_account",
    "event_expert__expert__member_state",
    "host_institution__country",
    "host_institution__bank_account",
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


def events_with_money_visible_to(user):
    """The events whose fee statements and payment lists `user` may see."""
    roles = roles_of(user)
    if roles.roles & SEES_ALL_MONEY:
        return Event.objects.all()
    if Role.CASE_HANDLER in roles.roles:
        return Event.objects.filter(Q(team__in=roles.team_ids) | Q(case_handler=user))
    return Event.objects.none()


def approved_statements_between(user, first: date | None, last: date | None):
    """Statements approved and not yet paid (sent for payment or not) of the events whose money
    `user` sees, approved from `first` to `last` (either may be open), by event and payee."""
    statements = FeeStatement.objects.filter(
        state__in=UNPAID_STATEMENT_STATES, event__in=events_with_money_visible_to(user)
    )
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


def statements_of_host(institution):
    """The fee statements of a study-visit host institution, newest event first."""
    return (
        FeeStatement.objects.filter(host_institution=institution)
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


def bank_account_of(statement):
    """The payee's bank details, or None (needs the columns of STATEMENT_COLUMNS)."""
    owner = (
        statement.event_expert.expert.user
        if statement.event_expert_id
        else (statement.host_institution)
    )
    return getattr(owner, "bank_account", None)

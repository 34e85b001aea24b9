"""Reads of the logistics and fees part: the travellers of an event with their travel, the fee
statements of an event, of an expert, and the approved statements of a period; who sees the
money of which events."""

from datetime import date

from django.db.models import Q

from taiex.accounts.enums import Role
from taiex.accounts.roles import roles_of
from taiex.reference.enums import AssistanceType

from ..enums import UNPAID_STATEMENT_STATES, ParticipantState, TravelMarking
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
    "participant__country",
    "participant__bank_account",
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


def host_country_id(event):
    """Where the event takes place: the venue's country, else the beneficiary."""
    return event.venue_country_id or event.beneficiary_id


def is_multi_country(event):
    return event.other_beneficiaries.exists()


def travels_by_rule(event, participant):
    """Whether the event's rule makes `participant` travel: everyone of a study visit; the
    participants of a multi-country event from another country than the venue's."""
    if event.event_type == AssistanceType.STUDY_VISIT:
        return True
    return is_multi_country(event) and participant.country_id != host_country_id(event)


def is_travelling(event, participant):
    """Whether the programme pays the travel and daily allowance of `participant`: an approved
    participant, by the case handler's marking, else by the event's rule."""
    if participant.event_id != event.pk or participant.state != ParticipantState.APPROVED:
        return False
    if participant.travel_marking == TravelMarking.TRAVELLING:
        return True
    if participant.travel_marking == TravelMarking.NOT_TRAVELLING:
        return False
    return travels_by_rule(event, participant)


def travelling_participants(event):
    """The participants who travel at the programme's cost (`is_travelling` as a queryset): the
    approved participants marked travelling, and those the event's rule makes travel."""
    by_rule = Q(travel_marking=TravelMarking.AUTOMATIC)
    if event.event_type != AssistanceType.STUDY_VISIT:
        if is_multi_country(event):
            by_rule &= ~Q(country_id=host_country_id(event))
        else:
            by_rule = Q(pk__in=[])
    return (
        Participant.objects.filter(event=event, state=ParticipantState.APPROVED)
        .filter(Q(travel_marking=TravelMarking.TRAVELLING) | by_rule)
        .select_related("country", "travel", "bank_account")
        .order_by("full_name", "pk")
    )


def statements_of(event):
    return (
        FeeStatement.objects.filter(event=event)
        .select_related(*STATEMENT_COLUMNS)
        .order_by(
            "host_institution_id",
            "participant_id",
            "event_expert__expert__user__full_name",
            "participant__full_name",
            "pk",
        )
    )


def events_with_money_visible_to(user):
    """The events whose fee statements and payment lists `user` may see."""
    roles = roles_of(user)
    if roles.roles & SEES_ALL_MONEY:
        return Event.objects.all()
    if Role.CASE_HANDLER in roles.roles:
        return Event.objects.filter(Q(team__in=roles.team_ids) | Q(case_handler=user))
    return Event.objects.none()


def sees_money(user) -> bool:
    """Whether `user` sees the money of some events (all of them, or their team's)."""
    roles = roles_of(user).roles
    return bool(roles & SEES_ALL_MONEY) or Role.CASE_HANDLER in roles


def sees_all_money(user) -> bool:
    return bool(roles_of(user).roles & SEES_ALL_MONEY)


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
        "event__reference",
        "host_institution_id",
        "participant_id",
        "event_expert__expert__user__full_name",
        "participant__full_name",
        "pk",
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


def statement_of_participant(participant):
    """The statement of a travelling participant, or None."""
    return (
        FeeStatement.objects.filter(participant=participant)
        .select_related(*STATEMENT_COLUMNS)
        .first()
    )


def payee_kind(statement):
    if statement.event_expert_id:
        return "Expert"
    if statement.participant_id:
        return "Participant"
    return "Study-visit host"


def payee_name(statement):
    if statement.event_expert_id:
        return statement.event_expert.expert.user.full_name
    if statement.participant_id:
        return statement.participant.full_name
    return statement.host_institution.name


def payee_country(statement):
    if statement.event_expert_id:
        return statement.event_expert.expert.member_state
    if statement.participant_id:
        return statement.participant.country
    return statement.host_institution.country


def bank_account_of(statement):
    """The payee's bank details, or None (needs the columns of STATEMENT_COLUMNS)."""
    if statement.event_expert_id:
        owner = statement.event_expert.expert.user
    elif statement.participant_id:
        owner = statement.participant
    else:
        owner = statement.host_institution
    return getattr(owner, "bank_account", None)

"""Reads of calls for experts: which open calls fit an expert, and who is interested."""

from django.db.models import Exists, OuterRef, Q

from taiex.events.enums import EventState
from taiex.events.models import Event, EventExpert
from taiex.experts.enums import VerificationState
from taiex.reference.enums import AssistanceType

from ..enums import ACTIVE_INVITATION_STATES
from ..models import ExpertCall, Interest, Invitation


def peer_to_peer_exclusion(expert, *, prefix=""):
    """Events of a peer-to-peer window whose beneficiary (main or other) is the expert's own
    Member State: an administration does not advise itself."""
    own_state = expert.member_state_id
    hosted_by_own_state = Event.objects.filter(
        Q(beneficiary_id=own_state) | Q(other_beneficiaries=own_state)
    ).values("pk")
    return Q(**{f"{prefix}window__is_peer_to_peer": True, f"{prefix}pk__in": hosted_by_own_state})


def fit_condition(expert, *, prefix="event__"):
    """The events an expert's profile fits: a shared chapter, or one of their keywords in the
    event's title, summary or the expertise the request wished for."""
    condition = Q(
        **{f"{prefix}pk__in": Event.objects.filter(chapters__experts=expert).values("pk")}
    )
    for keyword in expert.keyword_list:
        condition |= (
            Q(**{f"{prefix}title__icontains": keyword})
            | Q(**{f"{prefix}summary__icontains": keyword})
            | Q(**{f"{prefix}application__expertise_wished__icontains": keyword})
        )
    return condition


def is_eligible_for_calls(expert):
    return (
        expert.is_active
        and expert.erased_at is None
        and expert.verification_state == VerificationState.VERIFIED
    )


def already_on_event(expert):
    """Calls of events the expert is already invited to (waiting or accepted) or taking part
    in: not offered again."""
    return Exists(
        Invitation.objects.filter(
            event=OuterRef("event"), expert=expert, state__in=ACTIVE_INVITATION_STATES
        )
    ) | Exists(
        EventExpert.objects.filter(event=OuterRef("event"), expert=expert, left_at__isnull=True)
    )


def invited_or_taking_part(event, expert):
    return ExpertCall.objects.filter(event=event).filter(already_on_event(expert)).exists()


def calls_fitting(expert):
    """The open calls of planned events that fit `expert`'s profile and that the expert is not
    already invited to or taking part in, soonest event first, each
    with `has_interest` (the expert already said they are interested). None for an expert
    who is not verified and active."""
    if not is_eligible_for_calls(expert):
        return ExpertCall.objects.none()
    return (
        ExpertCall.objects.filter(is_open=True, event__state=EventState.PLANNED)
        # A study visit has a host, not experts: an old call of one is not offered.
        .exclude(event__event_type=AssistanceType.STUDY_VISIT)
        .filter(fit_condition(expert))
        .exclude(peer_to_peer_exclusion(expert, prefix="event__"))
        .exclude(already_on_event(expert))
        .annotate(has_interest=Exists(Interest.objects.filter(call=OuterRef("pk"), expert=expert)))
        .select_related("event__beneficiary")
        .order_by("event__start_date", "event__id")
    )


def call_fits(call, expert):
    return calls_fitting(expert).filter(pk=call.pk).exists()


def interests_in(event):
    """The experts who said they are interested in the event's call, first come first."""
    return (
        Interest.objects.filter(call__event=event)
        .select_related("expert__user", "expert__member_state")
        .order_by("created_at", "id")
    )

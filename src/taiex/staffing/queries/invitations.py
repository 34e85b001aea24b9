"""Reads of invitations: what waits for an expert, who is confirmed for an event, what is due
for a reminder or past its deadline."""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from taiex.experts.enums import VerificationState
from taiex.experts.models import Expert

from ..enums import ACTIVE_INVITATION_STATES, REMINDER_AFTER_DAYS
from ..enums import InvitationState as I
from ..models import Invitation


def invitations_waiting_for(expert, *, now=None):
    """The expert's invitations still waiting for an answer, the deadline soonest first."""
    now = now or timezone.now()
    return (
        Invitation.objects.filter(expert=expert, state=I.INVITED, expires_at__gt=now)
        .select_related("event__beneficiary")
        .order_by("expires_at", "id")
    )


def accepted_invitations_of(expert):
    """The expert's accepted invitations with their events, soonest first."""
    return (
        Invitation.objects.filter(expert=expert, state=I.ACCEPTED)
        .select_related("event__beneficiary")
        .order_by("event__start_date", "event__id")
    )


def split_by_date(invitations, today=None):
    """(future, past) by the event's last day; an event without dates counts as future."""
    today = today or timezone.localdate()
    future, past = [], []
    for invitation in invitations:
        last_day = invitation.event.end_date or invitation.event.start_date
        (past if last_day is not None and last_day < today else future).append(invitation)
    past.reverse()
    return future, past


def invitations_of(event):
    """Every invitation of an event, newest first, for staff."""
    return (
        Invitation.objects.filter(event=event)
        .select_related("expert__user", "expert__member_state", "invited_by")
        .order_by("-invited_at", "-id")
    )


def active_invitation_to(event, expert):
    return (
        Invitation.objects.filter(event=event, expert=expert, state__in=ACTIVE_INVITATION_STATES)
        .order_by("-invited_at")
        .first()
    )


def overlapping_invitation(expert, event):
    """An invited or accepted invitation of `expert` to another event whose dates overlap
    `event`'s; None when the event has no dates yet."""
    start = event.start_date
    end = event.end_date or start
    if start is None:
        return None
    return (
        Invitation.objects.filter(expert=expert, state__in=ACTIVE_INVITATION_STATES)
        .exclude(event=event)
        .filter(event__start_date__lte=end)
        .filter(
            Q(event__end_date__gte=start)
            | Q(event__end_date__isnull=True, event__start_date__gte=start)
        )
        .select_related("event")
        .order_by("event__start_date")
        .first()
    )


def invitations_due_for_reminder(now=None):
    """Open invitations without answer for REMINDER_AFTER_DAYS days, never reminded yet."""
    now = now or timezone.now()
    return Invitation.objects.filter(
        state=I.INVITED,
        reminder_sent_at__isnull=True,
        invited_at__lte=now - timedelta(days=REMINDER_AFTER_DAYS),
        expires_at__gt=now,
    ).order_by("invited_at", "id")


def overdue_invitations(now=None):
    """Open invitations whose answer deadline has passed."""
    now = now or timezone.now()
    return Invitation.objects.filter(state=I.INVITED, expires_at__lte=now).order_by(
        "expires_at", "id"
    )


INVITE_SEARCH_LIMIT = 20


def invitable_experts_matching(text, *, limit=INVITE_SEARCH_LIMIT):
    """The verified, active experts whose name, e-mail or employer contains every word of
    `text` (case-insensitive), by name; at most `limit` + 1 so a caller can tell "too many"."""
    words = text.split()
    if not words:
        return []
    experts = Expert.objects.filter(
        verification_state=VerificationState.VERIFIED, is_active=True, erased_at__isnull=True
    )
    for word in words:
        experts = experts.filter(
            Q(user__full_name__icontains=word)
            | Q(user__email__icontains=word)
            | Q(employer__name__icontains=word)
        )
    return list(
        experts.select_related("user", "member_state", "employer").order_by(
            "user__full_name", "pk"
        )[: limit + 1]
    )

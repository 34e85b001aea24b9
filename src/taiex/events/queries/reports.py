"""Reads of the expert mission report: the mission with its report, and the experts who write it."""

from django.contrib.auth import get_user_model

from taiex.experts.enums import InvitationState
from taiex.reference.enums import AssistanceType

from ..models import Event


def mission_with_report(pk):
    """The expert mission `pk` with its report (None when not written yet) and what the report
    page shows; None for an unknown event or one that is not an expert mission."""
    return (
        Event.objects.filter(pk=pk, event_type=AssistanceType.EXPERT_MISSION)
        .select_related("beneficiary", "case_handler", "application", "mission_report")
        .prefetch_related("other_beneficiaries")
        .first()
    )


def report_of(event):
    """The mission report of `event`, or None."""
    return getattr(event, "mission_report", None)


def accepted_expert_users(event):
    """The people who write the report: the users of the event's accepted experts, by name."""
    return (
        get_user_model()
        .objects.filter(
            expert__invitations__event=event,
            expert__invitations__state=InvitationState.ACCEPTED,
        )
        .distinct()
        .order_by("full_name", "pk")
    )


def confirmed_invitations_of(event):
    """The accepted invitations of the mission with the expert's name and Member State."""
    from taiex.experts.models import Invitation

    return (
        Invitation.objects.filter(event=event, state=InvitationState.ACCEPTED)
        .select_related("expert__user", "expert__member_state")
        .order_by("role", "expert__user__full_name", "id")
    )

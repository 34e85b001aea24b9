"""Reads of the expert mission report: the mission with its report, and the experts who write it."""

from django.contrib.auth import get_user_model

from taiex.reference.enums import AssistanceType

from ..models import Event, EventExpert


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
    """The people who write the report: the users of the event's experts, by name."""
    return (
        get_user_model()
        .objects.filter(
            expert__event_places__event=event,
            expert__event_places__left_at__isnull=True,
        )
        .distinct()
        .order_by("full_name", "pk")
    )


def experts_of_mission(event):
    """The experts of the mission with their name and Member State."""
    return (
        EventExpert.objects.current()
        .filter(event=event)
        .select_related("expert__user", "expert__member_state")
        .order_by("role", "expert__user__full_name", "id")
    )

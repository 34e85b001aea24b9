"""The expert's home: the mission reports they write, and their calendar."""

from datetime import date

from django import template
from django.utils import timezone

from taiex.reference.enums import AssistanceType

from ..services.reports import writing_refusal

register = template.Library()


@register.inclusion_tag("events/reports/_expert_home.html")
def mission_reports(*place_lists):
    """The expert missions among the expert's places on events (accepted invitations or
    `EventExpert` rows, already fetched with their events, so no query) whose report can be
    written now."""
    today = timezone.localdate()
    missions = [
        invitation.event
        for places in place_lists
        for invitation in places
        if invitation.event.event_type == AssistanceType.EXPERT_MISSION
        and not writing_refusal(invitation.event, today=today)
    ]
    return {
        "missions": sorted(missions, key=lambda event: (event.start_date or date.min, event.pk))
    }

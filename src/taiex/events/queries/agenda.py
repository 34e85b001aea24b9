"""Reads of an event's agenda: sessions grouped by day, the experts who may speak, and how the
venue's time zone is named on the page."""

from datetime import datetime
from itertools import groupby
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from taiex.experts.models import Expert

from ..models import AgendaSession


def accepted_experts_of(event):
    """The experts of `event` (they accepted to take part), by name: the possible speakers."""
    return (
        Expert.objects.filter(event_places__event=event, event_places__left_at__isnull=True)
        .select_related("user", "member_state")
        .order_by("user__full_name", "pk")
        .distinct()
    )


def sessions_of(event):
    return (
        AgendaSession.objects.filter(event=event)
        .select_related("language")
        .prefetch_related("speakers__user", "speakers__member_state")
        .order_by("day", "starts_at", "id")
    )


def agenda_days(event):
    """The agenda as [(day, [sessions])], days in order, sessions by start time."""
    return [(day, list(sessions)) for day, sessions in groupby(sessions_of(event), lambda s: s.day)]


def time_zone_label(event):
    """The venue's time zone with its UTC offset on the first day, e.g. "Europe/Belgrade
    (UTC+01:00)"."""
    try:
        zone = ZoneInfo(event.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        return event.time_zone
    day = event.start_date or datetime.now().date()
    offset = datetime(day.year, day.month, day.day, 12, tzinfo=zone).strftime("%z")
    return f"{event.time_zone} (UTC{offset[:3]}:{offset[3:]})"

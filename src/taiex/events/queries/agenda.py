"""Reads of an event's agenda: sessions grouped by day, the experts who may speak, how the
venue's time zone is named on the page, and the warnings about the sessions."""

from datetime import datetime, time
from itertools import groupby
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from taiex.core.dates import day_label
from taiex.experts.models import Expert

from ..models import AgendaSession

# The working hours of the venue, in its local time (the sessions' times are local): a session
# that starts before WORKING_DAY_STARTS or ends after WORKING_DAY_ENDS is flagged on the agenda
# page. A warning, not a refusal: an evening reception or an early site visit is allowed.
WORKING_DAY_STARTS = time(8, 0)
WORKING_DAY_ENDS = time(19, 0)


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


def session_name(session):
    return f"“{session.title}” ({session.starts_at:%H:%M}\u2013{session.ends_at:%H:%M})"


def agenda_warnings(days):
    """What the person who builds the agenda should look at again, as sentences, from
    `agenda_days(event)` (no query): sessions of the same day whose times overlap, and sessions
    outside the working hours of the venue (WORKING_DAY_STARTS to WORKING_DAY_ENDS, local
    time). Sessions end at their end time, so one that starts when another ends does not
    overlap it."""
    warnings = []
    for day, sessions in days:
        label = day_label(day)
        for index, session in enumerate(sessions):
            for later in sessions[index + 1 :]:
                if later.starts_at < session.ends_at and session.starts_at < later.ends_at:
                    warnings.append(
                        f"{label}: {session_name(session)} overlaps {session_name(later)}."
                    )
        for session in sessions:
            early = session.starts_at < WORKING_DAY_STARTS
            late = session.ends_at > WORKING_DAY_ENDS
            if early or late:
                when = " and ".join(
                    part
                    for part, flagged in (
                        (f"starts before {WORKING_DAY_STARTS:%H:%M}", early),
                        (f"ends after {WORKING_DAY_ENDS:%H:%M}", late),
                    )
                    if flagged
                )
                hours = f"{WORKING_DAY_STARTS:%H:%M}\u2013{WORKING_DAY_ENDS:%H:%M}"
                warnings.append(
                    f"{label}: {session_name(session)} {when}, outside the working hours of "
                    f"the venue ({hours} local time)."
                )
    return warnings

"""Calendars: the ICS of one event and of a person's private feed, and the feed's secret address
(created on first use, reset on demand). The fixed words of a calendar (its name, the
descriptions' labels, the summaries' punctuation) are in the language of the person it is made
for: the feed's owner, or whoever downloads one event's file; titles and places stay as written."""

import secrets
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.db import transaction
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEntry

from taiex.core.audit import log_action
from taiex.core.languages import override_for
from taiex.reference.translation import translated

from ..enums import EventState
from ..models import CalendarFeed

PRODUCT_ID = "-//taiex//Technical assistance events//EN"
UID_DOMAIN = "taiex"
STATUS = {
    EventState.CANCELLED: "CANCELLED",
    EventState.PLANNED: "TENTATIVE",
    EventState.POSTPONED: "TENTATIVE",
}


def new_token():
    return secrets.token_urlsafe(32)


def calendar_feed_of(user):
    """The feed of `user`, created with a fresh secret token on first use."""
    feed, created = CalendarFeed.objects.get_or_create(user=user, defaults={"token": new_token()})
    if created:
        log_action(feed, actor=user, action="create_calendar_feed")
    return feed


def reset_calendar_feed(user, *, actor):
    """Give the feed of `user` a new secret token: the old address stops working at once.
    Writes the audit log (the token itself is never logged)."""
    with transaction.atomic():
        feed = calendar_feed_of(user)
        feed = CalendarFeed.objects.select_for_update().get(pk=feed.pk)
        feed.token = new_token()
        feed.save(update_fields=["token"])
        log_action(feed, actor=actor, action="reset_calendar_feed")
    return feed


def event_calendar(event, reader=None):
    """The ICS of one event, without its meeting link (the file may be passed around), in the
    language of `reader` (who downloads it)."""
    with override_for(reader):
        return build_calendar([event], include_meeting_link=False)


def feed_calendar(user, events):
    """The ICS of a person's private feed, with the meeting links: the person takes part in or
    handles each event. In the person's language (their profile's), whoever fetches it."""
    with override_for(user):
        return build_calendar(
            events,
            include_meeting_link=True,
            name=_("taiex: events of %(name)s") % {"name": user.full_name},
        )


def build_calendar(events, *, include_meeting_link, name=""):
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    for event in events:
        for entry in entries_of(event, include_meeting_link=include_meeting_link):
            calendar.add_component(entry)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def entries_of(event, *, include_meeting_link):
    """The VEVENTs of one event: one per agenda session (times in the venue's time zone), or
    one all-day entry over its dates (DTEND is the day after the last, as ICS wants)."""
    if event.start_date is None:
        return []
    sessions = list(event.sessions.all())
    meeting_link = event.meeting_link if include_meeting_link else ""
    if not sessions:
        entry = base_entry(event, uid=f"{event.reference}@{UID_DOMAIN}")
        entry.add("summary", summary(event.reference, event.title))
        entry.add("dtstart", event.start_date)
        entry.add("dtend", (event.end_date or event.start_date) + timedelta(days=1))
        entry.add("description", description(event, meeting_link=meeting_link))
        return [entry]
    zone = venue_zone(event)
    entries = []
    for session in sessions:
        entry = base_entry(event, uid=f"{event.reference}-session-{session.pk}@{UID_DOMAIN}")
        entry.add("summary", summary(event.reference, session.title))
        entry.add("dtstart", datetime.combine(session.day, session.starts_at, tzinfo=zone))
        entry.add("dtend", datetime.combine(session.day, session.ends_at, tzinfo=zone))
        entry.add(
            "description",
            description(event, session=session, meeting_link=meeting_link),
        )
        entries.append(entry)
    return entries


def base_entry(event, *, uid):
    entry = CalendarEntry()
    entry.add("uid", uid)
    entry.add("dtstamp", event.updated_at)
    entry.add("last-modified", event.updated_at)
    entry.add("status", STATUS.get(event.state, "CONFIRMED"))
    location = ", ".join(
        part
        for part in [event.place, translated(event.venue_country) if event.venue_country else ""]
        if part
    )
    if location:
        entry.add("location", location)
    return entry


def summary(reference, title):
    # Translators: an entry of a calendar: the event's reference, then its or its session's title.
    return _("%(reference)s: %(title)s") % {"reference": reference, "title": title}


def description(event, *, session=None, meeting_link=""):
    lines = [event.title, _("Reference: %(reference)s") % {"reference": event.reference}]
    if session is not None and session.description:
        lines.append(session.description)
    if event.state == EventState.CANCELLED:
        lines.append(_("This event is cancelled."))
    if meeting_link:
        lines.append(_("Meeting link: %(link)s") % {"link": meeting_link})
    return "\n".join(lines)


def venue_zone(event):
    try:
        return ZoneInfo(event.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")

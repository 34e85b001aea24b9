"""Reads of the calendars: the private feed behind a secret address, and the events it lists."""

from django.db.models import Q

from ..models import CalendarFeed, Event, EventExpert
from . import events_visible_to


def feed_by_token(token):
    """The feed of this secret address with its person, or None (unknown token, or the person
    can no longer sign in)."""
    return (
        CalendarFeed.objects.select_related("user")
        .filter(token=token, user__is_active=True)
        .first()
    )


def feed_of(user):
    return CalendarFeed.objects.filter(user=user).first()


def with_calendar_columns(queryset):
    """What an ICS shows of an event, fetched in a fixed number of queries."""
    return queryset.select_related("venue_country").prefetch_related("sessions")


def calendar_event(pk):
    return with_calendar_columns(Event.objects.filter(pk=pk)).first()


def events_in_feed_of(user):
    """The events of a person's private feed, by date: those they are confirmed expert of
    (they accepted its invitation) and those they are the case handler of.

    A case handler's feed does not list the other events of their team: a feed is what the person
    attends or handles, and a team's workload belongs to the staff list, not to a calendar.
    Events without dates cannot be placed in a calendar and are left out.
    """
    accepted = EventExpert.objects.current().filter(expert__user=user).values("event")
    return with_calendar_columns(
        Event.objects.filter(Q(case_handler=user) | Q(pk__in=accepted))
        .exclude(start_date=None)
        .order_by("start_date", "id")
    )


def events_on_calendar_of(user, *, first, last, event_type="", team_id=None, mine=False):
    """The events of a person's calendar page that take place between `first` and `last`
    (inclusive, by their dates; an event without an end date lasts its first day): the events
    they may see (staff: all, an NCP their country's, an applicant their institution's) and the
    events they take part in as an expert. Staff narrow them by team and to those they handle.
    One query, whatever the number of events."""
    accepted = EventExpert.objects.current().filter(expert__user=user).values("event")
    condition = Q(pk__in=events_visible_to(user).values("pk")) | Q(pk__in=accepted)
    events = Event.objects.filter(condition).exclude(start_date=None)
    events = events.filter(start_date__lte=last).filter(
        Q(end_date__gte=first) | Q(end_date=None, start_date__gte=first)
    )
    if event_type:
        events = events.filter(event_type=event_type)
    if team_id:
        events = events.filter(team_id=team_id)
    if mine:
        events = events.filter(case_handler=user)
    return events.select_related("beneficiary", "team").order_by("start_date", "reference")

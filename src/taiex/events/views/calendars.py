"""Calendars: the ICS of one event, a person's private feed behind a secret address (no login:
calendar clients cannot sign in), and the page that shows and resets that address."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from .. import mission_rules  # noqa: F401 (registers the calendar permissions)
from ..queries.calendars import calendar_event, events_in_feed_of, feed_by_token
from ..services.calendars import (
    calendar_feed_of,
    event_calendar,
    feed_calendar,
    reset_calendar_feed,
)

ICS_CONTENT_TYPE = "text/calendar; charset=utf-8"


def ics_response(content, filename):
    response = HttpResponse(content, content_type=ICS_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def ics(request, pk):
    """The ICS of one event, for whoever may see it and for its accepted experts; 404 for
    anybody else."""
    event = calendar_event(pk)
    if event is None or not request.user.has_perm("events.download_event_calendar", event):
        raise Http404
    return ics_response(event_calendar(event), f"{event.reference}.ics")


def calendar_feed(request, token):
    """A person's private feed: the secret address is the only key."""
    feed = feed_by_token(token)
    if feed is None:
        raise Http404
    response = ics_response(feed_calendar(feed.user, events_in_feed_of(feed.user)), "taiex.ics")
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def calendar_settings(request):
    """The person's secret feed address (created on the first visit); POST gives a new one."""
    if not request.user.has_perm("events.have_calendar_feed"):
        raise Http404
    if request.method == "POST":
        reset_calendar_feed(request.user, actor=request.user)
        messages.success(request, "Your calendar has a new address; the old one no longer works.")
        return redirect("events:calendar_settings")
    feed = calendar_feed_of(request.user)
    feed_url = request.build_absolute_uri(reverse("events:calendar_feed", args=[feed.token]))
    return render(request, "events/calendars/settings.html", {"feed_url": feed_url})

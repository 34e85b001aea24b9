"""Calendars: the ICS of one event, a person's private feed behind a secret address (no login:
calendar clients cannot sign in), the page that shows and resets that address, and the calendar
page in the application (a month as a grid or a list)."""

import calendar as pycalendar
from datetime import date, timedelta
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _

from taiex.accounts.roles import roles_of
from taiex.reference.models import ThematicTeam

from .. import mission_rules  # noqa: F401 (registers the calendar permissions)
from ..forms.calendars import CalendarForm
from ..queries.calendars import (
    calendar_event,
    events_in_feed_of,
    events_on_calendar_of,
    feed_by_token,
)
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
    return ics_response(event_calendar(event, request.user), f"{event.reference}.ics")


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
        messages.success(
            request, _("Your calendar has a new address; the old one no longer works.")
        )
        return redirect("events:calendar_settings")
    feed = calendar_feed_of(request.user)
    feed_url = request.build_absolute_uri(reverse("events:calendar_feed", args=[feed.token]))
    return render(request, "events/calendars/settings.html", {"feed_url": feed_url})


def month_after(first):
    return date(first.year + first.month // 12, first.month % 12 + 1, 1)


def month_before(first):
    return date(first.year - (first.month == 1), (first.month - 2) % 12 + 1, 1)


def month_grid(first, events):
    """The weeks of the month from Monday to Sunday, each day with the events held on it."""
    weeks = []
    for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month):
        weeks.append(
            [
                {
                    "day": day,
                    "in_month": day.month == first.month,
                    "events": [
                        event
                        for event in events
                        if event.start_date <= day <= (event.end_date or event.start_date)
                    ],
                }
                for day in week
            ]
        )
    return weeks


@login_required
def calendar_page(request):
    """The calendar of the events a person deals with, a month at a time, as a grid or a list;
    staff filter it by type, team and the events they handle. Beside the ICS feed."""
    roles = roles_of(request.user)
    staff = roles.is_staff_member
    teams = ThematicTeam.objects.order_by("name") if staff else []
    data = request.GET.copy()
    if staff and "team" not in data and len(roles.team_ids) == 1:
        data["team"] = str(next(iter(roles.team_ids)))  # a case handler starts with their team
    form = CalendarForm(data, teams=teams, staff=staff)
    today = timezone.localdate()
    first = form.valid("month") or today.replace(day=1)
    last = month_after(first) - timedelta(days=1)
    events = list(
        events_on_calendar_of(
            request.user,
            first=first,
            last=last,
            event_type=form.valid("type", ""),
            team_id=form.valid("team") if staff else None,
            mine=bool(form.valid("mine", False)) if staff else False,
        )
    )
    view = form.valid("view", "month")
    kept = {key: value for key, value in data.items() if key not in ("month", "page") and value}

    def link_to(month):
        return "?" + urlencode({**kept, "month": f"{month:%Y-%m}"})

    return render(
        request,
        "events/calendars/page.html",
        {
            "form": form,
            "first": first,
            "today": today,
            "events": events,
            "view": view,
            "weeks": month_grid(first, events) if view == "month" else None,
            "previous_month": month_before(first),
            "next_month": month_after(first),
            "previous_link": link_to(month_before(first)),
            "next_link": link_to(month_after(first)),
            "today_link": link_to(today.replace(day=1)),
            "has_feed": request.user.has_perm("events.have_calendar_feed"),
            "weekdays": [WEEKDAYS[day] for day in range(7)],  # Monday first, translated
        },
    )

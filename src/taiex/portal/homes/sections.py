"""A section of a home: what one kind of waiting work is, how many items, and the first few.

Every section costs two queries (its count and its first rows), whatever the number of items, so a
home costs the same for one waiting item and for a thousand."""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext

ROWS_SHOWN = 10


@dataclass
class Item:
    label: str
    url: str
    detail: str = ""
    since: date | None = None  # waiting since (its age is shown in days)
    deadline: date | None = None
    # Set for the whole home at once (`with_working_days`): the age in working days, and
    # whether the wait passed its reminder delay (`reminder_kind`, reference.ReminderDelay).
    reminder_kind: str = ""
    working_days: int | None = None
    overdue: bool = False

    @property
    def age_days(self):
        return None if self.since is None else (timezone.localdate() - self.since).days

    @property
    def days_left(self):
        return None if self.deadline is None else (self.deadline - timezone.localdate()).days


@dataclass
class Section:
    key: str
    title: str
    count: int
    items: list[Item] = field(default_factory=list)
    more_url: str = ""  # where all of them are listed, when the home shows only the first few
    action_url: str = ""  # a page that acts on several at once (the head of unit's decisions)


def day_of(moment):
    """The local day of a datetime (a date stays a date; None stays None)."""
    if moment is None:
        return None
    if isinstance(moment, datetime):
        return timezone.localdate(moment)
    return moment


def section(key, title, queryset, make_item, *, more_url="", action_url=""):
    """A section from an ordered queryset: its exact count and its first ROWS_SHOWN rows."""
    count = queryset.count()
    rows = list(queryset[:ROWS_SHOWN]) if count else []
    return Section(
        key=key,
        title=title,
        count=count,
        items=[make_item(row) for row in rows],
        more_url=more_url if count > len(rows) else "",
        action_url=action_url if count else "",
    )


# A mission report is due this many days after the mission's last day.
REPORT_DUE_DAYS = 30


def request_item(application, *, since=None, deadline=None, detail="", reminder_kind=""):
    return Item(
        reminder_kind=reminder_kind,
        label=" ".join(
            [
                application.reference or pgettext("request", "Draft"),
                application.title or gettext("(no title yet)"),
            ]
        ),
        url=reverse("applications:detail", args=[application.pk]),
        detail=detail or str(application.country),
        since=day_of(since),
        deadline=day_of(deadline),
    )


def event_item(event, *, url_name="events:detail", since=None, deadline=None, detail=""):
    return Item(
        label=f"{event.reference} {event.title}",
        url=reverse(url_name, args=[event.pk]),
        detail=detail or str(event.beneficiary),
        since=day_of(since),
        deadline=day_of(deadline),
    )


def requests_list(queue):
    return f"{reverse('applications:list')}?queue={queue}"


def with_working_days(sections, *, today=None):
    """Give every item with a `since` its age in working days, and mark overdue the items of a
    step with a reminder delay that waited longer (two queries for the whole home: the
    Commission's holidays and the delays)."""
    from taiex.reference.queries import reminder_delay_on, reminder_delays, working_calendar

    today = today or timezone.localdate()
    items = [item for section in sections for item in section.items if item.since is not None]
    if not items:
        return sections
    calendar = working_calendar(min(item.since for item in items), today)
    delays = reminder_delays() if any(item.reminder_kind for item in items) else {}
    for item in items:
        item.working_days = calendar.between(item.since, today)
        if item.reminder_kind:
            limit = reminder_delay_on(delays, item.reminder_kind, item.since)
            item.overdue = limit is not None and item.working_days > limit
    return sections

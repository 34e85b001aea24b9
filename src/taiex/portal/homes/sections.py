"""A section of a home: what one kind of waiting work is, how many items, and the first few.

Every section costs two queries (its count and its first rows), whatever the number of items, so a
home costs the same for one waiting item and for a thousand."""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.urls import reverse
from django.utils import timezone

ROWS_SHOWN = 10


@dataclass
class Item:
    label: str
    url: str
    detail: str = ""
    since: date | None = None  # waiting since (its age is shown in days)
    deadline: date | None = None

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


def request_item(application, *, since=None, deadline=None, detail=""):
    return Item(
        label=f"{application.reference or 'Draft'} {application.title or '(no title yet)'}",
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

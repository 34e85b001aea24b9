"""Dates as the application writes them in messages and documents, and working-day arithmetic for
deadlines (consultations run for working days, not calendar days)."""

from datetime import date, timedelta

from django.utils.formats import date_format
from django.utils.translation import gettext


def add_working_days(start: date, days: int, *, holidays=frozenset()) -> date:
    """The date `days` working days (Monday to Friday, except `holidays`) after `start`.

    The holidays are data (reference `PublicHoliday`); `reference.queries.working_days_after`
    passes the Commission's."""
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if current.weekday() < 5 and current not in holidays:
            remaining -= 1
    return current


def day_label(day: date) -> str:
    """A date as people read it in messages, statements and documents, in the active language:
    8 Mar 2017, 8 mars 2017 (DATE_FORMAT of taiex/core/formats/<language>)."""
    return date_format(day, "DATE_FORMAT")


def period_label(start: date | None, end: date | None) -> str:
    """Dates of an event or a period: "13 Nov 2019 to 14 Nov 2019", one day once, or "no dates"."""
    if start is None:
        return gettext("no dates")
    if end is None or end == start:
        return day_label(start)
    return gettext("%(start)s to %(end)s") % {"start": day_label(start), "end": day_label(end)}


class WorkingCalendar:
    """Working-day arithmetic over a set of holidays read once (Monday to Friday, except the
    holidays): what a page needs for many items in one query."""

    def __init__(self, holidays=frozenset()):
        self.holidays = frozenset(holidays)

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in self.holidays

    def add(self, start: date, days: int) -> date:
        """The date `days` working days after `start` (as `add_working_days`)."""
        return add_working_days(start, days, holidays=self.holidays)

    def subtract(self, start: date, days: int) -> date:
        """The date `days` working days before `start`."""
        current = start
        remaining = days
        while remaining > 0:
            current -= timedelta(days=1)
            if self.is_working_day(current):
                remaining -= 1
        return current

    def between(self, start: date, end: date) -> int:
        """The working days after `start` up to and including `end` (0 when `end` is not after
        `start`): a request submitted on a Friday has waited 1 working day on Monday."""
        if end <= start:
            return 0
        days = (end - start).days
        weeks, rest = divmod(days, 7)
        count = weeks * 5
        for offset in range(1, rest + 1):
            if (start + timedelta(days=offset)).weekday() < 5:
                count += 1
        return count - sum(1 for h in self.holidays if start < h <= end and h.weekday() < 5)

"""Dates as the application writes them in messages and documents, and working-day arithmetic for
deadlines (consultations run for working days, not calendar days)."""

from datetime import date, timedelta


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
    """A date as people read it in messages, statements and documents: 8 Mar 2017."""
    return f"{day.day} {day:%b %Y}"


def period_label(start: date | None, end: date | None) -> str:
    """Dates of an event or a period: "13 Nov 2019 to 14 Nov 2019", one day once, or "no dates"."""
    if start is None:
        return "no dates"
    if end is None or end == start:
        return day_label(start)
    return f"{day_label(start)} to {day_label(end)}"

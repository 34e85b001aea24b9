"""Working-day arithmetic for deadlines (consultations run for working days, not calendar days)."""

from datetime import date, timedelta


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days (Monday to Friday) after `start`."""
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            remaining -= 1
    return current

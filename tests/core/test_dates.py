"""add_working_days(): consultation deadlines count Monday to Friday only."""

from datetime import date

import pytest

from taiex.core.dates import add_working_days


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (date(2026, 11, 16), 1, date(2026, 11, 17)),  # Monday -> Tuesday
        (date(2026, 11, 20), 1, date(2026, 11, 23)),  # Friday -> Monday, over the weekend
        (date(2026, 11, 20), 5, date(2026, 11, 27)),  # Friday + 5 working days -> next Friday
        (date(2026, 11, 21), 1, date(2026, 11, 23)),  # Saturday -> Monday
        (date(2026, 11, 22), 5, date(2026, 11, 27)),  # Sunday -> Friday
        (date(2026, 11, 18), 5, date(2026, 11, 25)),  # Wednesday -> next Wednesday
        (date(2026, 11, 18), 0, date(2026, 11, 18)),
    ],
)
def test_add_working_days_skips_weekends(start, days, expected):
    assert add_working_days(start, days) == expected

"""Shared arrangement of the fees tests: the Serbian workshop of tests/events/conftest.py
(14-15 Apr 2026) with a daily allowance of 100 EUR in Serbia, and accepted experts with
booked travel. Imported by the test modules (pytest registers the fixtures there)."""

from datetime import date, time
from decimal import Decimal

import pytest

from tests.factories import UserFactory
from tests.factories.money import EventExpertFactory, SubsistenceRateFactory, TravelFactory


@pytest.fixture(name="serbian_rate")
def serbian_rate_fixture(db):
    return SubsistenceRateFactory(daily_amount=Decimal("100.00"))


def expert_on(event, full_name, **travel_fields):
    """An accepted Slovenian expert of `event` with booked travel: out 13 Apr 2026 at 15:20
    (half day), back 16 Apr 2026 landing 17:00 (full day), unless told otherwise."""
    invitation = EventExpertFactory(event=event, expert__user=UserFactory(full_name=full_name))
    if travel_fields.pop("no_travel", False):
        return invitation
    values = {
        "outbound_date": date(2026, 4, 13),
        "outbound_departure": time(15, 20),
        "return_date": date(2026, 4, 16),
        "return_arrival": time(17, 0),
        **travel_fields,
    }
    TravelFactory(event_expert=invitation, **values)
    return invitation

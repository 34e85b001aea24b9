"""Factories of the logistics and fees part: accepted experts of an event, their travel,
daily subsistence allowances."""

from datetime import date, time, timedelta
from decimal import Decimal

import factory

from taiex.events.models import EventExpert, Travel
from taiex.reference.models import Country, SubsistenceRate

from .experts import ExpertFactory


class SubsistenceRateFactory(factory.django.DjangoModelFactory):
    """The daily allowance of Serbia, 100 EUR, since 2010."""

    class Meta:
        model = SubsistenceRate

    country = factory.LazyFunction(lambda: Country.objects.get(code="RS"))
    daily_amount = Decimal("100.00")
    valid_from = date(2010, 1, 1)
    valid_to = None


class EventExpertFactory(factory.django.DjangoModelFactory):
    """A Slovenian expert on the event (they accepted its invitation)."""

    class Meta:
        model = EventExpert

    expert = factory.SubFactory(ExpertFactory)
    role = "expert"


class TravelFactory(factory.django.DjangoModelFactory):
    """Booked travel of an accepted expert: out the day before the event at 10:00, back the
    day after, landing at 15:00; no hotel or meals provided."""

    class Meta:
        model = Travel

    event_expert = factory.SubFactory(EventExpertFactory)
    event = factory.LazyAttribute(lambda o: o.event_expert.event)
    from_place = "Ljubljana"
    to_place = "Belgrade"
    outbound_date = factory.LazyAttribute(lambda o: o.event.start_date - timedelta(days=1))
    outbound_departure = time(10, 0)
    return_date = factory.LazyAttribute(lambda o: o.event.end_date + timedelta(days=1))
    return_arrival = time(15, 0)
    state = "booked"
    cost = Decimal("420.00")

"""The other beneficiaries of a multi-country workshop are judged by their own beneficiary
periods on the event's dates: the day before and the day a period ends."""

from datetime import date

import pytest

from taiex.events.models import Event
from taiex.events.services.details import update_event_details, version_of
from taiex.events.services.errors import EventError
from taiex.reference.models import Country, Window
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def workshop(start, end, window="neighbourhood-east", beneficiary="UA"):
    return EventFactory(
        state="planned",
        start_date=start,
        end_date=end,
        beneficiary=Country.objects.get(code=beneficiary),
        window=Window.objects.get(code=window),
    )


def add_other(event, actor, code):
    return update_event_details(
        event,
        actor=actor,
        version=version_of(event),
        values={"other_beneficiaries": [Country.objects.get(code=code)]},
    )


def test_belarus_joins_an_event_on_its_last_beneficiary_day(case_handler):
    event = workshop(date(2021, 6, 27), date(2021, 6, 28))
    assert add_other(event, case_handler, "BY") == ["other_beneficiaries"]


def test_belarus_cannot_join_an_event_that_ends_after_its_suspension(case_handler):
    event = workshop(date(2021, 6, 28), date(2021, 6, 29))
    with pytest.raises(EventError) as error:
        add_other(event, case_handler, "BY")
    assert (str(error.value), error.value.field) == (
        "Belarus is not a beneficiary of Neighbourhood East on 29 Jun 2021, a day of this event.",
        "other_beneficiaries",
    )
    assert list(Event.objects.get().other_beneficiaries.all()) == []


def test_a_member_state_cannot_join_an_enlargement_workshop(case_handler):
    event = workshop(date(2026, 5, 4), date(2026, 5, 5), window="enlargement", beneficiary="RS")
    with pytest.raises(EventError) as error:
        add_other(event, case_handler, "HR")
    assert str(error.value) == (
        "Croatia is not a beneficiary of Enlargement on 4 May 2026, a day of this event."
    )


def test_croatia_joins_an_enlargement_workshop_the_day_before_its_accession(case_handler):
    event = workshop(date(2013, 6, 29), date(2013, 6, 30), window="enlargement", beneficiary="RS")
    assert add_other(event, case_handler, "HR") == ["other_beneficiaries"]
    later = workshop(date(2013, 6, 30), date(2013, 7, 1), window="enlargement", beneficiary="RS")
    with pytest.raises(EventError) as error:
        add_other(later, case_handler, "HR")
    assert str(error.value) == (
        "Croatia is not a beneficiary of Enlargement on 1 Jul 2013, a day of this event."
    )

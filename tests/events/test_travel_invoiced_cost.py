"""The invoiced (actual) cost of a journey: entered by the logistics contractor beside the
planned cost, refused when negative or on a journey that is not booked (nothing stored), and
counted as the actual travel of the event's cost, with the difference, to the cent."""

from decimal import Decimal

import pytest
from django.urls import reverse

from taiex.accounts.models import Contractor
from taiex.events.models import Travel
from taiex.events.queries.costs import cost_of_event
from taiex.events.services.errors import EventError
from taiex.events.services.logistics import assign_contractor
from taiex.events.services.travel import save_travel
from taiex.reference.models import Country
from tests.factories import ExpertFactory, UserFactory
from tests.factories.money import EventExpertFactory, TravelFactory

pytestmark = pytest.mark.django_db

D = Decimal


@pytest.fixture
def assigned(event, case_handler):
    event.venue_country = Country.objects.get(code="RS")
    event.save()
    assign_contractor(
        event, Contractor.objects.get_or_create(name="Balkan Events Ltd")[0], actor=case_handler
    )
    return event


@pytest.fixture
def slovene(assigned):
    expert = ExpertFactory(user__full_name="Tina Travnik", user__phone="+386 41 000 111")
    return EventExpertFactory(event=assigned, expert=expert)


def travel_post(**changes):
    data = {
        "from_place": "Ljubljana",
        "to_place": "Belgrade",
        "outbound_date": "2026-04-13",
        "outbound_departure": "10:00",
        "return_date": "2026-04-15",
        "return_arrival": "20:00",
        "hotel_nights": "2",
        "breakfasts_provided": "0",
        "lunches_provided": "0",
        "dinners_provided": "0",
        "state": "booked",
        "cost": "310.00",
        "actual_cost": "",
        "supplier_reference": "JU-ABC123",
    }
    data.update(changes)
    return data


def test_the_contractor_enters_the_invoiced_cost_and_sees_the_difference(
    client, contractor, assigned, slovene
):
    client.force_login(contractor)
    url = reverse("events:booking_travel", args=[assigned.pk, "expert", slovene.pk])
    assert client.post(url, travel_post()).status_code == 302

    response = client.post(url, travel_post(actual_cost="287.45"))

    assert response.status_code == 302
    travel = Travel.objects.get(event_expert=slovene)
    assert (travel.cost, travel.actual_cost, travel.cost_difference) == (
        D("310.00"),
        D("287.45"),
        D("22.55"),
    )
    page = client.get(reverse("events:bookings", args=[assigned.pk])).content.decode()
    assert "310.00\u00a0EUR / 287.45\u00a0EUR" in page
    assert "Difference 22.55" in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"actual_cost": "-0.01"}, "The invoiced cost cannot be negative."),
        (
            {"actual_cost": "120.00", "state": "requested"},
            "Only a booked journey has an invoice: mark it as booked, or leave the invoiced cost "
            "empty.",
        ),
        (
            {"actual_cost": "120.00", "state": "cancelled"},
            "Only a booked journey has an invoice: mark it as booked, or leave the invoiced cost "
            "empty.",
        ),
    ],
)
def test_a_wrong_invoiced_cost_is_refused_and_nothing_changes(
    client, contractor, assigned, slovene, changes, message
):
    client.force_login(contractor)
    url = reverse("events:booking_travel", args=[assigned.pk, "expert", slovene.pk])
    client.post(url, travel_post())

    response = client.post(url, travel_post(**changes))

    assert response.status_code == 400
    assert response.context["form"].errors["actual_cost"] == [message]
    travel = Travel.objects.get(event_expert=slovene)
    assert (travel.state, travel.actual_cost) == ("booked", None)


def test_the_service_refuses_an_invoice_on_a_requested_journey(assigned, slovene, contractor):
    values = {
        "from_place": "Ljubljana",
        "to_place": "Belgrade",
        "state": "requested",
        "actual_cost": D("12.00"),
    }

    with pytest.raises(EventError) as refused:
        save_travel(assigned, slovene, actor=contractor, values=values)

    assert refused.value.field == "actual_cost"
    assert not Travel.objects.exists()


def test_the_event_cost_counts_the_invoiced_travel_as_actual(event):
    def journey(state, cost, invoiced):
        TravelFactory(
            event_expert=EventExpertFactory(event=event, expert__user=UserFactory()),
            state=state,
            cost=None if cost is None else D(cost),
            actual_cost=None if invoiced is None else D(invoiced),
        )

    journey("booked", "420.55", "399.99")
    journey("booked", "0.10", None)
    journey("booked", None, "75.01")
    journey("requested", "999.00", None)
    journey("cancelled", "500.00", None)

    line = next(line for line in cost_of_event(event).lines if line.kind == "travel")

    assert (line.planned, line.actual, line.difference) == (D("420.65"), D("475.00"), D("-54.35"))

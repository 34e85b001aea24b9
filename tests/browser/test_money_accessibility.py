"""The money pages of issue 15 in Chromium with axe-core, on a desktop and on a 390 px phone: the
annual report's cost tables as the head of unit sees them, and the passport name forms of an
expert (their account) and of a travelling participant (their personal link), empty and with a
refused name. No serious or critical violation, and no page scrolls sideways."""

from datetime import date, time
from decimal import Decimal

import pytest
from django.core.cache import caches
from django.urls import reverse

from taiex.accounts.enums import Role
from taiex.events.models import Booking, FeeStatement
from taiex.events.services.travellers import traveller_token
from taiex.reference.models import Chapter, Country, Window
from tests.browser.signin import sign_in
from tests.factories import EventFactory, ExpertFactory, UserFactory, make_user
from tests.factories.money import EventExpertFactory, TravelFactory
from tests.factories.participants import ParticipantFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct horse battery"
WIDTHS = [1280, 390]
D = Decimal


@pytest.fixture
def browser_page(browser_page):
    """The shared page with more patience: a first page of the live server can take over 15 s
    on a loaded machine."""
    browser_page.set_default_timeout(60_000)
    return browser_page


def assert_no_sideways_scroll(page):
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow} px"


def costs_of_2025():
    """A study visit to Albania (draft statement, venue paid) and a Serbian workshop (paid
    statement, travel invoiced) in 2025."""
    albania = EventFactory(
        reference="SV-2025-0001",
        event_type="study_visit",
        state="closed",
        start_date=date(2025, 6, 2),
        end_date=date(2025, 6, 4),
        beneficiary=Country.objects.get(code="AL"),
        window=Window.objects.get(code="enlargement"),
    )
    albania.chapters.set(Chapter.objects.filter(number=27))
    serbia = EventFactory(
        reference="WS-2025-0002",
        state="closed",
        start_date=date(2025, 1, 14),
        end_date=date(2025, 1, 15),
        beneficiary=Country.objects.get(code="RS"),
    )
    serbia.chapters.set(Chapter.objects.filter(number=24))
    for event, state, fee, allowance in (
        (albania, "draft", "700.00", "133.33"),
        (serbia, "paid", "350.00", "66.67"),
    ):
        FeeStatement.objects.create(
            event=event,
            event_expert=EventExpertFactory(event=event, expert__user=UserFactory()),
            state=state,
            fee_total=D(fee),
            allowance_total=D(allowance),
            total=D(fee) + D(allowance),
        )
    Booking.objects.create(
        event=albania,
        kind="venue",
        supplier="Hotel Tirana",
        starts_on=date(2025, 6, 2),
        ends_on=date(2025, 6, 4),
        state="booked",
        planned_cost=D("900.00"),
        actual_cost=D("880.00"),
        paid_on=date(2025, 6, 30),
    )
    TravelFactory(
        event_expert=EventExpertFactory(event=serbia, expert__user=UserFactory()),
        state="booked",
        cost=D("420.55"),
        actual_cost=D("399.99"),
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_the_annual_reports_cost_tables_are_accessible(
    live_server, browser_page, assert_accessible, width
):
    page, base = browser_page, live_server.url
    page.set_viewport_size({"width": width, "height": 900})
    caches["shared"].clear()
    costs_of_2025()
    head = make_user(Role.HEAD_OF_UNIT)

    sign_in(page, base, head.email, PASSWORD)
    page.goto(f"{base}{reverse('portal:annual_report')}?year=2025")
    section = page.get_by_role("heading", name="Cost of the events of 2025 (staff version)")
    section.wait_for()
    # The tables of the section: by kind, then by each grouping.
    assert page.locator("table").filter(has_text="Travel").count() >= 1
    assert "2025-06" in page.content()
    assert_accessible(page)
    assert_no_sideways_scroll(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_experts_passport_name_form_is_accessible(
    live_server, browser_page, assert_accessible, width
):
    page, base = browser_page, live_server.url
    page.set_viewport_size({"width": width, "height": 900})
    expert = ExpertFactory(user__full_name="Tina Travnik")
    url = f"{base}{reverse('events:my_passport_name')}"

    sign_in(page, base, expert.user.email, PASSWORD)
    page.goto(url)
    assert_accessible(page)
    assert_no_sideways_scroll(page)
    page.get_by_label("Your name as written in your passport").fill("Tina 007")
    page.get_by_role("button", name="Save the name").click()
    page.get_by_text("letters, spaces, hyphens, apostrophes and full stops only").first.wait_for()
    assert_accessible(page)
    assert_no_sideways_scroll(page)
    expert.refresh_from_db()
    assert expert.passport_name == ""


@pytest.mark.parametrize("width", WIDTHS)
def test_the_travelling_participants_passport_name_form_is_accessible(
    live_server, browser_page, assert_accessible, width
):
    page, base = browser_page, live_server.url
    page.set_viewport_size({"width": width, "height": 900})
    event = EventFactory(
        event_type="study_visit",
        state="confirmed",
        start_date=date(2026, 4, 14),
        end_date=date(2026, 4, 15),
        beneficiary=Country.objects.get(code="RS"),
        venue_country=Country.objects.get(code="PT"),
    )
    anna = ParticipantFactory(event=event, full_name="Anna Albanian")
    TravelFactory(
        event_expert=None,
        participant=anna,
        event=event,
        outbound_date=date(2026, 4, 13),
        outbound_departure=time(15, 20),
        return_date=date(2026, 4, 16),
        return_arrival=time(17, 0),
    )

    page.goto(base + reverse("events:own_travel_costs", args=[traveller_token(anna)]))
    assert_accessible(page)
    assert_no_sideways_scroll(page)
    page.get_by_label("Your name as written in your passport").fill("Anna 007")
    page.get_by_role("button", name="Save the name").click()
    page.get_by_text("letters, spaces, hyphens, apostrophes and full stops only").first.wait_for()
    assert_accessible(page)
    assert_no_sideways_scroll(page)
    anna.refresh_from_db()
    assert anna.passport_name == ""

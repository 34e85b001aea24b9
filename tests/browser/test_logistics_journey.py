"""The logistics contractor starts at its home, sees the event to organise with the bookings
it misses, opens the event's bookings page, records the venue and marks it booked: on a desktop
viewport and on a 390 px phone, with axe on each page and no page scrolling sideways."""

from datetime import timedelta

import pytest
from django.utils import timezone

from taiex.accounts.enums import Role
from taiex.events.models import Booking
from taiex.events.services.logistics import assign_contractor
from taiex.reference.models import Country
from tests.browser.signin import sign_in
from tests.factories import EventFactory, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct horse battery"


def assert_no_sideways_scroll(page):
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow} px"


@pytest.mark.parametrize("width", [1280, 390])
def test_contractor_books_the_venue_from_its_home(
    live_server, browser_page, assert_accessible, width
):
    page, base = browser_page, live_server.url
    page.set_viewport_size({"width": width, "height": 900})
    case_handler = make_user(Role.CASE_HANDLER, team="jfs")
    contractor = make_user(Role.LOGISTICS, full_name="Luka Horvat")
    start = timezone.localdate() + timedelta(days=20)
    event = EventFactory(
        state="confirmed",
        title="Asylum interview techniques",
        start_date=start,
        end_date=start + timedelta(days=1),
        venue_country=Country.objects.get(code="RS"),
    )
    assign_contractor(event, contractor.memberships.get().contractor, actor=case_handler)

    sign_in(page, base, contractor.email, PASSWORD)
    waiting = page.get_by_role("region", name="Events to organise 1")
    assert "2 bookings to make" in waiting.inner_text()
    assert_accessible(page)
    assert_no_sideways_scroll(page)

    waiting.get_by_role("link", name=f"{event.reference} Asylum interview techniques").click()
    page.wait_for_url(f"{base}/events/{event.pk}/bookings/")
    page.get_by_role("heading", name="Still to book (2)").wait_for()
    assert_accessible(page)
    assert_no_sideways_scroll(page)

    page.get_by_role("link", name="Venue and rooms").click()
    page.wait_for_url(f"{base}/events/{event.pk}/bookings/new/venue/")
    page.locator("#id_supplier").fill("Sava Congress Centre")
    page.get_by_label("Meeting rooms").fill("0")
    page.get_by_role("button", name="Save the booking").click()
    page.get_by_text("At least 1.").wait_for()
    assert_accessible(page)
    assert_no_sideways_scroll(page)
    page.get_by_label("Meeting rooms").fill("2")
    page.get_by_label("Supplier's reference").fill("SCC-2026-17")
    page.get_by_label("Cost (EUR)").fill("1800")
    page.get_by_role("button", name="Save the booking").click()
    page.wait_for_url(f"{base}/events/{event.pk}/bookings/")

    page.get_by_role("button", name="Mark as booked").click()
    page.wait_for_url(f"{base}/events/{event.pk}/bookings/")
    page.get_by_role("heading", name="Still to book (1)").wait_for()
    assert_no_sideways_scroll(page)
    booking = Booking.objects.get()
    assert (booking.kind, booking.state, booking.quantity, booking.supplier_reference) == (
        "venue",
        "booked",
        2,
        "SCC-2026-17",
    )

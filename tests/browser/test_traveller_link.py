"""A travelling participant's personal link on a 390 px phone: the page fits the screen, passes
axe-core, and takes a receipt (a PDF) and bank details."""

from datetime import date

import pytest
from django.urls import reverse

from taiex.events.models import BankAccount, TravelReceipt
from taiex.events.services.travellers import traveller_token
from taiex.reference.models import Country
from tests.factories import EventFactory
from tests.factories.participants import ParticipantFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"


def test_the_participant_uploads_a_receipt_and_bank_details_at_390_px(
    live_server, browser_page, assert_accessible, tmp_path
):
    page, base = browser_page, live_server.url
    page.set_viewport_size({"width": 390, "height": 844})
    event = EventFactory(
        event_type="study_visit",
        state="planned",
        start_date=date.today(),
        end_date=date.today(),
        beneficiary=Country.objects.get(code="RS"),
    )
    participant = ParticipantFactory(event=event, full_name="Anna Albanian")
    ticket = tmp_path / "ticket.pdf"
    ticket.write_bytes(PDF)

    page.goto(base + reverse("events:own_travel_costs", args=[traveller_token(participant)]))
    assert page.get_by_role("heading", level=1).inner_text().startswith("Your travel costs")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert_accessible(page)
    page.get_by_label("Amount (EUR)").fill("12.40")
    page.get_by_label("Ticket or receipt").set_input_files(str(ticket))
    page.get_by_role("button", name="Upload the receipt").click()
    page.get_by_text("Your receipt is saved").wait_for()
    page.get_by_label("Account holder").fill("Anna Albanian")
    page.get_by_label("IBAN").fill("DE89 3704 0044 0532 0130 00")
    page.get_by_label("BIC (SWIFT code)").fill("COBADEFF")
    page.get_by_role("button", name="Save the bank details").click()
    page.get_by_text("Your bank details are saved").wait_for()

    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert str(TravelReceipt.objects.get().amount) == "12.40"
    assert BankAccount.objects.get(participant=participant).iban == "DE89370400440532013000"
    TravelReceipt.objects.get().file.delete(save=False)

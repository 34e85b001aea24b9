"""The demo's travelling participants and their money (demo/travellers.py): a multi-country
workshop whose participants from the partner countries travel, with statements in every state
(waiting for approval with a receipt to check, approved, sent for payment, paid with its day and
the bank's reference, rejected with a reason), bank details, receipts and the contractor's
bookings; and every money page of every role shows those rows."""

from datetime import timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from taiex.accounts.second_factor_middleware import BY_IDENTITY_PROVIDER, STATE_KEY
from taiex.demo.travellers import REJECTION
from taiex.events.models import BankAccount, Booking, Event, FeeStatement, TravelReceipt
from taiex.events.services.travellers import traveller_token


@pytest.fixture
def workshop(db):
    """The demo of the tests' size (200 requests); its multi-country workshop held."""
    out = StringIO()
    call_command("load_demo", "--requests", "200", stdout=out)
    references = [
        line.split()[1] for line in out.getvalue().splitlines() if line.startswith("Showcase: ")
    ]
    # One row per partner country in the join: distinct.
    shared = Event.objects.filter(reference__in=references, other_beneficiaries__isnull=False)
    return shared.distinct().get()


def signed_in(client, email):
    """`client` as the demo user `email`, second factor given (as from the identity provider)."""
    client.force_login(get_user_model().objects.get(email=email))
    session = client.session
    session[STATE_KEY] = BY_IDENTITY_PROVIDER
    session.save()
    return client


def test_the_multi_country_workshop_has_travellers_in_every_state(workshop):
    today = timezone.localdate()
    statements = {
        s.state: s
        for s in FeeStatement.objects.filter(event=workshop, participant__isnull=False)
        .select_related("participant__country")
    }  # fmt: skip
    partners = set(workshop.other_beneficiaries.values_list("pk", flat=True))

    assert workshop.state == "implemented"
    assert workshop.end_date < today
    assert len(partners) == 2
    assert sorted(statements) == ["approved", "draft", "paid", "rejected", "sent_for_payment"]
    paid, rejected = statements["paid"], statements["rejected"]
    assert (paid.paid_on, paid.bank_reference) == (today - timedelta(days=2), "BNK-2026-120115")
    assert paid.sent_for_payment_by.email == "finance@example.org"
    assert rejected.rejection_reason == REJECTION
    assert all(s.payment_reference.startswith("PAY-") for s in statements.values() if s.approved_at)
    # The partner countries' participants travel by the rule; the host country's one is marked.
    marked = statements["draft"].participant
    assert (marked.country_id, marked.travel_marking) == (workshop.beneficiary_id, "travelling")
    assert {s.participant.country_id for k, s in statements.items() if k != "draft"} <= partners
    assert statements["sent_for_payment"].refund_total == Decimal("64.90")
    assert statements["approved"].refund_total == Decimal("0.00")
    receipts = TravelReceipt.objects.filter(event=workshop)
    assert sorted(receipts.values_list("state", flat=True)) == ["approved", "refused", "submitted"]
    assert receipts.get(state="submitted").participant == marked
    accounts = BankAccount.objects.filter(participant__event=workshop)
    assert sorted(a.participant_id for a in accounts) == sorted(
        statements[state].participant_id for state in ("paid", "rejected", "sent_for_payment")
    )
    bookings = sorted(
        Booking.objects.filter(event=workshop).values_list("kind", "state", "paid_on")
    )  # fmt: skip
    assert bookings == [
        ("catering", "booked", None),
        *[("hotel", "booked", None)] * 5,
        ("interpretation", "booked", None),
        ("venue", "booked", today - timedelta(days=3)),
    ]
    assert workshop.contractor_assignment.contractor.name == "Balkan Events Ltd"


def test_every_money_page_of_every_role_shows_the_demos_rows(client, workshop):
    statements = {
        s.state: s
        for s in FeeStatement.objects.filter(event=workshop, participant__isnull=False)
        .select_related("participant")
    }  # fmt: skip
    sent, paid = statements["sent_for_payment"], statements["paid"]
    year = workshop.start_date.year

    def page(email, url):
        response = signed_in(client, email).get(url)
        assert response.status_code == 200, url
        return response.content.decode()

    finance = page("finance@example.org", reverse("events:payments"))
    assert sent.payment_reference in finance
    assert statements["approved"].payment_reference in finance
    assert paid.payment_reference not in finance  # paid: off the list
    costs = page("head@example.org", reverse("events:costs") + f"?by=event&year_from={year}")
    assert workshop.reference in costs
    report = page("head@example.org", reverse("portal:annual_report") + f"?year={year}")
    assert f"Cost of the events of {year} (staff version)" in report
    handler = page(workshop.case_handler.email, reverse("events:fees", args=[workshop.pk]))
    for statement in statements.values():
        assert statement.participant.full_name in handler
    event_cost = page("finance@example.org", reverse("events:event_cost", args=[workshop.pk]))
    assert "Participants&#x27; daily allowances" in event_cost
    contractor = page("logistics@example.org", reverse("events:contracted"))
    assert workshop.reference in contractor
    bookings = page("logistics@example.org", reverse("events:bookings", args=[workshop.pk]))
    assert "Interpreters&#x27; cooperative" in bookings
    mine = page("expert@example.org", reverse("events:my_statements"))
    assert "Sent for payment" in mine
    client.logout()
    own = client.get(
        reverse("events:own_travel_costs", args=[traveller_token(paid.participant)])
    ).content.decode()
    day = paid.paid_on
    assert f'<span class="badge badge-paid">Paid</span> on {day.day} {day:%b %Y}' in own

"""Showcase events of the demo whose participants travel, delivered through the real services:
the money of every payee at every stage, so that each money page of each role has rows.

- a study visit held last month to a Member State administration: a group of five who all
  travel at the programme's cost (allowance at the host country's demo rate, a train ticket
  refunded), their passport names, travel and hotels booked by the logistics contractor, and
  statements that are paid (with the day and the bank's reference), sent for payment, rejected
  by finance with a reason, approved without bank details yet, and waiting for approval with a
  receipt still to be checked; the host's fee paid;
- a multi-country workshop held a fortnight ago: the participants of the two partner countries
  travel (and one of the host country the case handler marked travelling), with a receipt
  approved, one refused and one still to be checked; venue, interpretation, catering and hotels
  booked by the contractor, the venue paid; the travellers' statements approved, sent for
  payment, paid, rejected by finance, and waiting for approval.

The workshop alone has every state (workshops are many among the demo's requests); the study
visit needs a second free study visit, which a demo of 300 requests (`make run`) has.
"""

from datetime import time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from taiex.core.workflow import TransitionNotAllowed
from taiex.events import services as event_services
from taiex.events.enums import BookingKind, TravelMarking
from taiex.events.models import FeeStatement
from taiex.events.services import (
    bank_details,
    fees,
    hosting,
    logistics,
    participants,
    passport_names,
    payments,
    travel,
    travellers,
)
from taiex.events.services.errors import EventError
from taiex.reference.models import Language
from taiex.reference.queries import beneficiary_countries

# Valid IBANs (their checksums hold) and BICs of the demo's payees, by the payee's country;
# any other country gets the German example account.
ACCOUNTS = {
    "RS": ("RS35 2600 0560 1001 6113 79", "AIKBRS22"),
    "AL": ("AL47 2121 1009 0000 0002 3569 8741", "NCBAALTX"),
    "ME": ("ME25 5050 0001 2345 6789 51", "CKBCMEPG"),
    "MK": ("MK07 2501 2000 0058 984", "KOBSMK2X"),
    "PT": ("PT50 0002 0123 1234 5678 9015 4", "CGDIPTPL"),
    "AT": ("AT61 1904 3002 3457 3201", "BKAUATWW"),
    "HR": ("HR12 1001 0051 8630 0016 0", "NBHRHR2X"),
}
FALLBACK_ACCOUNT = ("DE89 3704 0044 0532 0130 00", "COBADEFFXXX")
# Partner countries of the multi-country workshop, in order of preference.
PARTNERS = ["ME", "AL", "MK", "BA", "XK", "MD", "UA", "GE", "AM", "AZ", "RS", "TR"]
DEMO_FINANCE = "finance@example.org"
DEMO_CONTRACTOR = "logistics@example.org"
REJECTION = (
    "The account holder is not the participant: ask for an account in the participant's own name."
)


def receipt_pdf(number):
    """A one-page PDF (a real one: readers open it) standing for a scanned ticket."""
    text = f"Demo ticket {number}".encode()
    stream = b"BT /F1 18 Tf 72 720 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for index, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{index} 0 obj\n".encode() + body + b"\nendobj\n"
    table = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{table}\n%%EOF\n".encode()
    )
    return SimpleUploadedFile(f"ticket-{number}.pdf", bytes(out), "application/pdf")


class TravellersShowcase:
    """Mixed into the demo's ShowcaseBuilder (`self.handler`, `self.today`, `set_details`,
    `staff`, `build_agenda`, `person`...)."""

    def finance(self):
        return get_user_model().objects.get(email=DEMO_FINANCE)

    def contractor(self):
        user = get_user_model().objects.filter(email=DEMO_CONTRACTOR).first()
        membership = user and user.memberships.filter(contractor__isnull=False).first()
        return (user, membership.contractor) if membership else (None, None)

    def enrol(self, event, count, *, country=None):
        """Register and approve `count` participants (of `country`, else the beneficiary)."""
        enrolled = []
        for _ in range(count):
            details = self.person(event)
            if country is not None:
                details["country"] = country
                details["institution"] = f"Ministry of Justice of {country.name}"
            participant = participants.register_participant(event, actor=self.handler, **details)
            if participant.state == "requested":
                participant = participants.approve_participant(participant, actor=self.handler)
            enrolled.append(participant)
        return enrolled

    def journey(self, event, participant, *, home, cost, invoiced=None):
        values = {
            "from_place": home,
            "to_place": event.place or (event.venue_country or event.beneficiary).name,
            "outbound_date": event.start_date - timedelta(days=1),
            "outbound_departure": time(10, 15),
            "outbound_arrival": time(12, 30),
            "return_date": event.end_date + timedelta(days=1),
            "return_departure": time(14, 0),
            "return_arrival": time(16, 40),
            "flight_details": "Economy class, booked by the logistics contractor.",
            "hotel_nights": (event.end_date - event.start_date).days + 2,
            "breakfasts_provided": (event.end_date - event.start_date).days + 2,
            "lunches_provided": (event.end_date - event.start_date).days + 1,
            "dinners_provided": 0,
            "state": "booked",
            "cost": Decimal(cost),
            "supplier_reference": f"TRV-{event.pk}-{participant.pk}",
        }
        if invoiced is not None:
            values["actual_cost"] = Decimal(invoiced)
        travel.save_travel(event, participant, actor=self.handler, values=values)

    def reserve(self, event, kind, user, *, guest=None, languages=(), confirm=True, **values):
        values = {
            "supplier_reference": f"DEMO-{event.pk}-{kind[:3].upper()}-{guest.pk if guest else 0}",
            "starts_on": event.start_date,
            "ends_on": event.end_date,
            "quantity": 1,
            **values,
        }
        booking = logistics.save_booking(
            event, kind, actor=user, values=values, guest=guest, languages=languages
        )
        if confirm:
            logistics.confirm_booking(booking, actor=user)
        return booking

    def hotels(self, event, user, guests, *, nightly):
        nights = (event.end_date - event.start_date).days + 2
        for guest in guests:
            self.reserve(
                event,
                BookingKind.HOTEL,
                user,
                guest=guest,
                supplier="Hotel Metropol",
                starts_on=event.start_date - timedelta(days=1),
                ends_on=event.end_date + timedelta(days=1),
                planned_cost=Decimal(nightly * nights),
            )

    def give_bank_details(self, owner, *, holder, country_code, actor=None):
        iban, bic = ACCOUNTS.get(country_code, FALLBACK_ACCOUNT)
        bank_details.save_bank_details(
            owner, actor=actor, account_holder=holder, iban=iban, bic=bic
        )

    def statement_of(self, participant):
        return FeeStatement.objects.get(participant=participant)

    def pay(self, statement, *, finance, paid_on, bank_reference):
        statement = payments.send_for_payment(statement, actor=finance)
        return payments.mark_paid(
            statement, actor=finance, paid_on=paid_on, bank_reference=bank_reference
        )

    # -- the two events -----------------------------------------------------------------------

    def held_study_visit(self, event, host):
        """Held last month: see the module's docstring."""
        start = self.today - timedelta(days=40)
        values = {"start_date": start, "end_date": start + timedelta(days=2)}
        if host is not None:
            values["venue_country"] = host.country
            values["place"] = host.name
        self.set_details(event, **values)
        if host is not None and not hosting.host_has_agreed(event):
            agreement = hosting.ask_host(event, host, actor=self.handler)
            hosting.record_host_answer(agreement, actor=self.handler, agreed=True)
        event.refresh_from_db()
        self.build_agenda(event, [], sessions_per_day=2)
        event_services.confirm_event(event, actor=self.handler)
        group = self.enrol(event, 5)
        home = event.beneficiary.name
        for index, member in enumerate(group):
            self.journey(event, member, home=home, cost=310 + 15 * index, invoiced=305 + 15 * index)
        user, contractor = self.contractor()
        if contractor is not None:
            logistics.assign_contractor(event, contractor, actor=self.handler)
            self.hotels(event, user, group, nightly=88)
        for member in group[:3]:
            # Entered through their personal link (no account: the actor is None).
            passport_names.save_passport_name(member, member.full_name.upper(), actor=None)
        event_services.mark_event_implemented(event, actor=self.handler, participants_count=5)
        event.refresh_from_db()
        paid, sent, rejected, approved, waiting = group
        ticket = travellers.upload_receipt(
            paid, actor=None, kind="train", amount="38.40", upload=receipt_pdf(1),
            description="Train from the airport to the city centre and back",
        )  # fmt: skip
        travellers.decide_receipt(ticket, actor=self.handler, approve=True)
        travellers.upload_receipt(
            waiting, actor=None, kind="local_transport", amount="12.00", upload=receipt_pdf(2),
            description="Metro tickets",
        )  # fmt: skip
        fees.refresh_statements(event, actor=self.handler)
        code = event.beneficiary.code
        for member in (paid, sent, rejected):
            self.give_bank_details(member, holder=member.full_name, country_code=code)
        finance = self.finance()
        for member in (paid, sent, rejected, approved):
            fees.approve_statement(self.statement_of(member), actor=self.handler)
        self.pay(
            self.statement_of(paid),
            finance=finance,
            paid_on=self.today - timedelta(days=6),
            bank_reference="BNK-2026-118734",
        )
        payments.send_for_payment(self.statement_of(sent), actor=finance)
        payments.reject_statement(
            payments.send_for_payment(self.statement_of(rejected), actor=finance),
            actor=finance,
            reason=REJECTION,
        )
        host_statement = FeeStatement.objects.filter(
            event=event, host_institution__isnull=False
        ).first()
        if host_statement is not None:
            self.give_bank_details(
                event.host_institution,
                holder=event.host_institution.name,
                country_code=event.host_institution.country.code,
            )
            fees.approve_statement(host_statement, actor=self.handler)
            self.pay(
                host_statement,
                finance=finance,
                paid_on=self.today - timedelta(days=4),
                bank_reference="BNK-2026-118802",
            )
        return event

    def partners_of(self, event):
        """Two other beneficiary countries that may join `event` as co-beneficiaries."""
        allowed = {country.code: country for country in beneficiary_countries()}
        chosen = []
        for code in PARTNERS:
            country = allowed.get(code)
            if country is None or country.pk == event.beneficiary_id:
                continue
            try:
                self.set_details(event, other_beneficiaries=[*chosen, country])
            except (EventError, TransitionNotAllowed):
                continue  # not a beneficiary on the event's dates
            chosen.append(country)
            if len(chosen) == 2:
                break
        event.refresh_from_db()
        return chosen

    def multi_country(self, event):
        """Held a fortnight ago: see the module's docstring."""
        start = self.today - timedelta(days=16)
        self.set_details(event, start_date=start, end_date=start + timedelta(days=1), capacity=20)
        partners = self.partners_of(event)
        if not partners:
            return None
        experts = self.staff(event, 1)
        self.set_details(event, experts_needed=len(experts))
        event.refresh_from_db()
        self.build_agenda(event, experts)
        event_services.confirm_event(event, actor=self.handler)
        locals_ = self.enrol(event, 8)
        guests = [
            member for country in partners for member in self.enrol(event, 2, country=country)
        ]
        marked = locals_[0]
        travellers.mark_travelling(
            marked,
            actor=self.handler,
            marking=TravelMarking.TRAVELLING,
            note="Comes from a regional office 400 km away.",
        )
        guests.append(marked)
        for index, member in enumerate(guests):
            self.journey(
                event,
                member,
                home=member.country.name if member is not marked else "A regional office",
                cost=240 + 20 * index,
                invoiced=None if index % 2 else 232 + 20 * index,
            )
        user, contractor = self.contractor()
        city = event.place or event.beneficiary.name
        if contractor is not None:
            logistics.assign_contractor(event, contractor, actor=self.handler)
            self.hotels(event, user, guests, nightly=92)
            venue = self.reserve(
                event, BookingKind.VENUE, user, supplier=f"Conference centre, {city}",
                quantity=2, planned_cost=Decimal("2400.00"),
            )  # fmt: skip
            english = Language.objects.filter(code="en").first()
            theirs = Language.objects.exclude(code="en").order_by("pk")[:1]
            languages = [lang for lang in (english, *theirs) if lang is not None]
            self.reserve(
                event, BookingKind.INTERPRETATION, user, supplier="Interpreters' cooperative",
                quantity=2, planned_cost=Decimal("3150.00"), languages=languages,
            )  # fmt: skip
            self.reserve(
                event, BookingKind.CATERING, user, supplier=f"Catering, {city}", quantity=20,
                planned_cost=Decimal("1160.00"),
            )  # fmt: skip
        for place in experts:
            self.book(event, place, outbound=time(9, 40), back=time(21, 5))  # ShowcaseBuilder's
        event_services.mark_event_implemented(event, actor=self.handler, participants_count=15)
        event.refresh_from_db()
        if contractor is not None:
            logistics.record_payment(
                venue, actor=user, actual_cost=Decimal("2310.00"),
                paid_on=self.today - timedelta(days=3),
            )  # fmt: skip
        approved, sent, paid, rejected = guests[:4]
        refused = travellers.upload_receipt(
            approved, actor=None, kind="local_transport", amount="25.00", upload=receipt_pdf(3),
            description="Taxi to the venue",
        )  # fmt: skip
        travellers.decide_receipt(
            refused,
            actor=self.handler,
            approve=False,
            reason="A taxi is refunded only when no public transport runs; the venue has a bus.",
        )
        ticket = travellers.upload_receipt(
            sent, actor=None, kind="train", amount="64.90", upload=receipt_pdf(4),
            description="Train to the airport",
        )  # fmt: skip
        travellers.decide_receipt(ticket, actor=self.handler, approve=True)
        # The one the case handler marked travelling waits with a receipt still to be checked.
        travellers.upload_receipt(
            marked, actor=None, kind="train", amount="21.60", upload=receipt_pdf(5),
            description="Train from the regional office",
        )  # fmt: skip
        fees.refresh_statements(event, actor=self.handler)
        finance = self.finance()
        for member in (sent, paid, rejected):
            self.give_bank_details(
                member, holder=member.full_name, country_code=member.country.code
            )
        for member in (approved, sent, paid, rejected):
            fees.approve_statement(self.statement_of(member), actor=self.handler)
        payments.send_for_payment(self.statement_of(sent), actor=finance)
        self.pay(
            self.statement_of(paid),
            finance=finance,
            paid_on=self.today - timedelta(days=2),
            bank_reference="BNK-2026-120115",
        )
        payments.reject_statement(
            payments.send_for_payment(self.statement_of(rejected), actor=finance),
            actor=finance,
            reason=REJECTION,
        )
        return event

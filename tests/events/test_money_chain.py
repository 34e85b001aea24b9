"""The money of two events from their confirmation to paid, through the pages, signed in as each
person who acts (issue 15, "Done means"): a study visit hosted in Portugal and a workshop in
Belgrade shared by Serbia and Albania.

The case handler confirms and hands the logistics to the contractor; the contractor books the
travel, the hotels, the venue, the interpretation and the catering, with their costs, and later
records what the suppliers invoiced; the case handler sends each travelling participant their
personal link, where they upload a receipt and enter their bank details; the expert enters theirs
in their account and the host through the link the case handler sends; the case handler computes
and approves the statements; finance sends them for payment, exports the payment list and imports
the bank's answer; each payee sees their statement paid; and each event's cost page shows the
planned and the actual cost, the actual being the sum of its parts to the cent.

Every expected figure is computed here from the rules (the shipped fee rules: 350 EUR a day since
8 March 2017, a travel day in full when the flight leaves before 14:00 or lands after 12:00, half
of the day's allowance deducted per hotel night the programme pays, half a cent rounded up) and
from the amounts typed into the forms, never read back from the code under test."""

import io
import re
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from taiex.accounts.models import Contractor
from taiex.core.models import OutboxMessage
from taiex.events.models import (
    BankAccount,
    Booking,
    FeeStatement,
    HostAgreement,
    Participant,
    TravelReceipt,
)
from taiex.reference.models import Country, Language
from tests.factories import EventFactory, ExpertFactory, InstitutionFactory, UserFactory
from tests.factories.lifecycle import AgendaSessionFactory
from tests.factories.money import EventExpertFactory, SubsistenceRateFactory
from tests.factories.participants import ParticipantFactory

pytestmark = pytest.mark.django_db

D = Decimal
CENT = D("0.01")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"
DAILY_FEE = D("350.00")  # the shipped rule since 8 March 2017
HOST_DAILY_FEE = D("350.00")
HOTEL_SHARE = D("0.50")  # of the day's allowance, per hotel night the programme pays
PAID_ON = date(2026, 6, 30)  # the bank's transfers (in the past: a future date is refused)

# Valid IBANs and BICs (checksums verified by the application's check).
IBANS = {
    "Dragana Dimitrijević": ("RS35260005601001611379", "AIKBRS22"),
    "Marko Marković": ("RS35105008123123123173", "AIKBRS22"),
    "Arta Hoxha": ("AL47212110090000000235698741", "BKSAALTR"),
    "Besnik Kola": ("AL35202111090000000001234567", "BKSAALTR"),
    "Tina Travnik": ("SI56191000000123438", "LJBASI2X"),
    "Agency for Integration": ("PT50000201231234567890154", "CGDIPTPL"),
}


def cents(value):
    return D(value).quantize(CENT, rounding=ROUND_HALF_UP)


def allowance(rate, days, nights):
    """The daily allowance of `days` days away with `nights` hotel nights paid by the
    programme: each night deducts half of that day's allowance, rounded to the cent."""
    return cents(rate * days) - nights * cents(rate * HOTEL_SHARE)


@pytest.fixture(autouse=True)
def _own_private_dir(settings, tmp_path):
    settings.TAIEX_PRIVATE_DIR = tmp_path / "private"


@pytest.fixture
def balkan(db):
    return Contractor.objects.get_or_create(name="Balkan Events Ltd")[0]


@pytest.fixture
def rates(db):
    return {
        "PT": SubsistenceRateFactory(
            country=Country.objects.get(code="PT"), daily_amount=D("87.65")
        ).daily_amount,
        "RS": SubsistenceRateFactory(daily_amount=D("100.00")).daily_amount,
    }


def people(event, names, country):
    return [
        ParticipantFactory(
            event=event,
            full_name=name,
            email=f"{name.split()[0].lower()}@example.org",
            country=Country.objects.get(code=country),
        )
        for name in names
    ]


@pytest.fixture
def study_visit(db, case_handler, rates):
    """Serbian asylum officers visit the Portuguese agency, Tuesday and Wednesday 14-15 April
    2026; the host agreed; the visit is planned, with its agenda."""
    portugal = Country.objects.get(code="PT")
    host = InstitutionFactory(name="Agency for Integration", country=portugal)
    event = EventFactory(
        reference="SV-2026-0007",
        event_type="study_visit",
        state="planned",
        title="Reception of asylum seekers in Portugal",
        start_date=date(2026, 4, 14),
        end_date=date(2026, 4, 15),
        place="Lisbon",
        venue_country=portugal,
        host_institution=host,
        experts_needed=0,
        case_handler=case_handler,
        participants_count=None,
    )
    HostAgreement.objects.create(event=event, institution=host, state="agreed")
    event.working_languages.set(Language.objects.filter(code__in=["en", "pt"]))
    AgendaSessionFactory(event=event, day=event.start_date, title="The reception centre")
    people(event, ["Dragana Dimitrijević", "Marko Marković"], "RS")
    return event


@pytest.fixture
def workshop(db, case_handler, rates):
    """A workshop in Belgrade shared by Serbia and Albania, Tuesday and Wednesday 12-13 May
    2026, with one Slovenian expert who accepted; the Albanians travel, the Serbian does not."""
    event = EventFactory(
        reference="WS-2026-0031",
        event_type="workshop",
        state="planned",
        title="Asylum interview techniques",
        start_date=date(2026, 5, 12),
        end_date=date(2026, 5, 13),
        place="Belgrade",
        venue_country=Country.objects.get(code="RS"),
        experts_needed=1,
        case_handler=case_handler,
        participants_count=None,
    )
    event.other_beneficiaries.add(Country.objects.get(code="AL"))
    event.working_languages.set(Language.objects.filter(code__in=["en", "sr", "sq"]))
    AgendaSessionFactory(event=event, day=event.start_date, title="Interviewing children")
    expert = ExpertFactory(
        user=UserFactory(full_name="Tina Travnik", email="tina@gov.si"),
        passport_name="TRAVNIK Tina",
    )
    EventExpertFactory(event=event, expert=expert)
    people(event, ["Arta Hoxha", "Besnik Kola"], "AL")
    people(event, ["Saša Stojanović"], "RS")
    return event


# What the contractor types, per event: travel per traveller (planned, invoiced, hotel
# nights), hotels per traveller (planned, paid), and the other bookings (kind, planned, paid).
SV_TRAVEL = {
    "Dragana Dimitrijević": {
        "out": ("2026-04-13", "15:20"),  # the day before; every day away is paid in full
        "back": ("2026-04-16", "17:00"),
        "cost": D("412.37"),
        "invoiced": D("409.12"),
        "nights": 3,
    },
    "Marko Marković": {
        "out": ("2026-04-13", "15:20"),
        "back": ("2026-04-16", "17:00"),
        "cost": D("412.37"),
        "invoiced": D("412.37"),
        "nights": 3,
    },
}
SV_HOTELS = {
    "Dragana Dimitrijević": (D("291.60"), D("291.60")),
    "Marko Marković": (D("291.60"), D("288.05")),
}
SV_OTHER = [
    ("venue", "Centro de Congressos", 1, D("450.00"), D("450.00"), []),
    ("interpretation", "Lisboa Interpretes", 2, D("1260.40"), D("1198.99"), ["pt", "sr"]),
    ("catering", "Pastelaria Central", 6, D("187.23"), D("187.23"), []),
]
WS_TRAVEL = {
    "Tina Travnik": {
        "out": ("2026-05-11", "10:00"),  # before 14:00: a full fee day
        "back": ("2026-05-14", "15:00"),  # lands after 12:00: a full fee day
        "cost": D("318.90"),
        "invoiced": D("318.90"),
        "nights": 3,
    },
    "Arta Hoxha": {
        "out": ("2026-05-11", "18:45"),
        "back": ("2026-05-14", "13:10"),
        "cost": D("96.15"),
        "invoiced": D("101.33"),
        "nights": 3,
    },
    "Besnik Kola": {
        "out": ("2026-05-12", "06:10"),  # arrives on the first day: no hotel the night before
        "back": ("2026-05-13", "23:50"),
        "cost": D("96.15"),
        "invoiced": D("96.15"),
        "nights": 1,
    },
}
WS_HOTELS = {
    "Tina Travnik": (D("264.00"), D("264.00")),
    "Arta Hoxha": (D("264.00"), D("264.00")),
    "Besnik Kola": (D("88.00"), D("88.00")),
}
WS_OTHER = [
    ("venue", "Hotel Moskva", 2, D("1800.00"), D("1740.50"), []),
    ("interpretation", "Beograd Prevodi", 2, D("1530.75"), D("1530.75"), ["en", "sq", "sr"]),
    ("catering", "Hotel Moskva", 40, D("1122.22"), D("1099.99"), []),
]
# Receipts the travelling participants upload through their link (kind, amount, approved?).
RECEIPTS = {
    "Dragana Dimitrijević": [("local_transport", "3.20", True)],
    "Marko Marković": [],
    "Arta Hoxha": [("train", "23.45", True), ("local_transport", "7.10", False)],
    "Besnik Kola": [("local_transport", "8.15", True)],
}


def days_away(travel):
    return (date.fromisoformat(travel["back"][0]) - date.fromisoformat(travel["out"][0])).days + 1


def travellers_of(event):
    """(kind, pk, name) of each traveller the contractor books for."""
    rows = [
        ("expert", place.pk, place.expert.user.full_name) for place in event.event_experts.all()
    ]
    rows += [
        ("participant", participant.pk, participant.full_name)
        for participant in Participant.objects.filter(event=event).order_by("pk")
    ]
    return rows


def ok(response, status=302):
    """The response's status, with the page's errors in the message when it is not the one
    expected."""
    if response.status_code != status:
        context = response.context or {}
        errors = {name: value.errors for name, value in context.items() if hasattr(value, "errors")}
        raise AssertionError(f"{response.status_code} (not {status}): {errors}")
    return response


def confirm_and_assign(client, case_handler, event, balkan):
    client.force_login(case_handler)
    ok(client.post(reverse("events:act", args=[event.pk, "confirm"]), {"confirm-note": ""}))
    ok(client.post(reverse("events:assign_contractor", args=[event.pk]), {"contractor": balkan.pk}))
    event.refresh_from_db()
    assert event.state == "confirmed"
    assert event.contractor_assignment.contractor == balkan


def contractor_books(client, contractor, event, travel_plan, hotels, others):
    """The contractor's work on `event`: each traveller's travel, hotel, and the venue,
    interpretation and catering; each booking confirmed; then, the suppliers' invoices in, the
    invoiced travel and the payment of each booking."""
    client.force_login(contractor)
    home = client.get(reverse("events:contracted")).content.decode()
    assert event.reference in home
    booked = []
    for kind, pk, name in travellers_of(event):
        if name not in travel_plan:
            continue  # the Serbian participant of the Belgrade workshop does not travel
        plan = travel_plan[name]
        travel_url = reverse("events:booking_travel", args=[event.pk, kind, pk])
        travel_form = {
            "from_place": "Home",
            "to_place": event.place,
            "outbound_date": plan["out"][0],
            "outbound_departure": plan["out"][1],
            "return_date": plan["back"][0],
            "return_arrival": plan["back"][1],
            "hotel_nights": str(plan["nights"]),
            "breakfasts_provided": "0",
            "lunches_provided": "0",
            "dinners_provided": "0",
            "state": "booked",
            "cost": str(plan["cost"]),
            "supplier_reference": f"TKT-{pk}",
        }
        ok(client.post(travel_url, travel_form))
        ok(client.post(travel_url, {**travel_form, "actual_cost": str(plan["invoiced"])}))
        check_in = date.fromisoformat(plan["out"][0])
        planned, paid = hotels[name]
        ok(
            client.post(
                reverse("events:booking_new", args=[event.pk, "hotel"]),
                {
                    "guest": f"{kind}-{pk}",
                    "supplier": "Hotel",
                    "supplier_reference": f"H-{pk}",
                    "starts_on": check_in.isoformat(),
                    "ends_on": (check_in + timedelta(days=plan["nights"])).isoformat(),
                    "quantity": "1",
                    "planned_cost": str(planned),
                    "note": "",
                },
            )
        )
        booked.append((Booking.objects.latest("pk"), paid))
    for kind, supplier, quantity, planned, paid, languages in others:
        form = {
            "supplier": supplier,
            "supplier_reference": f"{kind.upper()}-1",
            "starts_on": event.start_date.isoformat(),
            "ends_on": event.end_date.isoformat(),
            "quantity": str(quantity),
            "planned_cost": str(planned),
            "note": "",
        }
        if languages:
            form["languages"] = [
                language.pk for language in Language.objects.filter(code__in=languages)
            ]
        ok(client.post(reverse("events:booking_new", args=[event.pk, kind]), form))
        booked.append((Booking.objects.latest("pk"), paid))
    for booking, _paid in booked:
        ok(client.post(reverse("events:booking_confirm", args=[event.pk, booking.pk])))
    page = client.get(reverse("events:bookings", args=[event.pk]))
    assert page.context["missing"] == []  # nothing is left to book
    for booking, paid in booked:
        ok(
            client.post(
                reverse("events:booking_payment", args=[event.pk, booking.pk]),
                {"actual_cost": str(paid), "paid_on": "2026-06-15"},
            )
        )
    assert sorted(Booking.objects.filter(event=event).values_list("state", flat=True)) == [
        "booked"
    ] * len(booked)


def implement(client, case_handler, event, count):
    client.force_login(case_handler)
    ok(
        client.post(
            reverse("events:act", args=[event.pk, "implement"]),
            {"implement-participants_count": str(count), "implement-note": ""},
        )
    )


def participants_use_their_links(client, case_handler, event):
    """The case handler sends each travelling participant their link; each uploads their
    receipts and enters their bank details there; the case handler decides the receipts."""
    links = {}
    for participant in Participant.objects.filter(event=event, full_name__in=RECEIPTS):
        client.force_login(case_handler)
        ok(client.post(reverse("events:traveller_link", args=[event.pk, participant.pk])))
        body = OutboxMessage.objects.filter(to_address=participant.email).latest("pk").body
        link = re.search(r"/events/travel-costs/[^/\s]+/", body).group(0)
        client.logout()
        for kind, amount, _approve in RECEIPTS[participant.full_name]:
            ok(
                client.post(
                    link,
                    {
                        "part": "receipt",
                        "kind": kind,
                        "amount": amount,
                        "file": SimpleUploadedFile("ticket.pdf", PDF),
                    },
                )
            )
        iban, bic = IBANS[participant.full_name]
        ok(
            client.post(
                link,
                {"part": "bank", "account_holder": participant.full_name, "iban": iban, "bic": bic},
            )
        )
        links[participant.full_name] = link
        client.force_login(case_handler)
        receipts = TravelReceipt.objects.filter(participant=participant).order_by("pk")
        for receipt, (_kind, _amount, approve) in zip(
            receipts, RECEIPTS[participant.full_name], strict=True
        ):
            decision = "approve" if approve else "refuse"
            data = {} if approve else {"reason": "The ticket is for another day."}
            ok(
                client.post(
                    reverse(
                        "events:receipt_decide",
                        args=[event.pk, participant.pk, receipt.pk, decision],
                    ),
                    data,
                )
            )
    return links


def compute_and_approve(client, case_handler, event):
    client.force_login(case_handler)
    ok(client.post(reverse("events:fees_compute", args=[event.pk])))
    statements = FeeStatement.objects.filter(event=event).order_by("pk")
    for statement in statements:
        ok(client.post(reverse("events:statement_approve", args=[event.pk, statement.pk])))
    return {payee(statement): statement for statement in FeeStatement.objects.filter(event=event)}


def payee(statement):
    if statement.participant_id:
        return statement.participant.full_name
    if statement.event_expert_id:
        return statement.event_expert.expert.user.full_name
    return statement.host_institution.name


def refunds(name):
    return sum((D(amount) for _k, amount, approved in RECEIPTS[name] if approved), D("0.00"))


def test_a_study_visit_and_a_multi_country_workshop_from_confirmation_to_paid(
    client,
    case_handler,
    contractor,
    finance,
    balkan,
    rates,
    study_visit,
    workshop,
    django_capture_on_commit_callbacks,
):
    # Confirmation, and the logistics handed to the contractor.
    for event in (study_visit, workshop):
        confirm_and_assign(client, case_handler, event, balkan)

    # The contractor books everything, with the costs; later records what was invoiced and paid.
    contractor_books(client, contractor, study_visit, SV_TRAVEL, SV_HOTELS, SV_OTHER)
    contractor_books(client, contractor, workshop, WS_TRAVEL, WS_HOTELS, WS_OTHER)

    # The events take place.
    implement(client, case_handler, study_visit, 2)
    implement(client, case_handler, workshop, 3)

    # The travelling participants, through their personal links.
    links = participants_use_their_links(client, case_handler, study_visit)
    links |= participants_use_their_links(client, case_handler, workshop)

    # The expert enters her bank details in her account.
    tina = workshop.event_experts.get().expert.user
    client.force_login(tina)
    iban, bic = IBANS["Tina Travnik"]
    ok(
        client.post(
            reverse("events:my_bank_details"),
            {"account_holder": "Tina Travnik", "iban": iban, "bic": bic},
        )
    )

    # The case handler computes and approves every statement.
    statements = compute_and_approve(client, case_handler, study_visit)
    statements |= compute_and_approve(client, case_handler, workshop)

    # The host enters its bank details through the link the case handler sends.
    host = study_visit.host_institution
    client.force_login(case_handler)
    with django_capture_on_commit_callbacks(execute=True):
        ok(
            client.post(
                reverse(
                    "events:statement_bank_link",
                    args=[study_visit.pk, statements[host.name].pk],
                ),
                {"email": "finance@aima.gov.pt"},
            )
        )
    host_link = re.search(r"/events/bank-details/\S+/", mail.outbox[-1].body).group(0)
    client.logout()
    iban, bic = IBANS[host.name]
    ok(client.post(host_link, {"account_holder": "AIMA", "iban": iban, "bic": bic}))
    assert BankAccount.objects.count() == 6
    assert all(account.entered_by in (None, tina) for account in BankAccount.objects.all())

    # What each payee is owed, from the rules.
    expected = {}
    for name, plan in SV_TRAVEL.items():
        expected[name] = (
            D("0.00"),
            allowance(rates["PT"], days_away(plan), plan["nights"]),
            refunds(name),
        )
    expected[host.name] = (HOST_DAILY_FEE * 2, D("0.00"), D("0.00"))  # Tue 14, Wed 15 April
    tina_plan = WS_TRAVEL["Tina Travnik"]
    expected["Tina Travnik"] = (
        DAILY_FEE * days_away(tina_plan),  # two travel days in full and two event days
        allowance(rates["RS"], days_away(tina_plan), tina_plan["nights"]),
        D("0.00"),
    )
    for name in ("Arta Hoxha", "Besnik Kola"):
        plan = WS_TRAVEL[name]
        expected[name] = (
            D("0.00"),
            allowance(rates["RS"], days_away(plan), plan["nights"]),
            refunds(name),
        )
    assert expected["Dragana Dimitrijević"] == (D("0.00"), D("219.11"), D("3.20"))
    assert expected["Tina Travnik"] == (D("1400.00"), D("250.00"), D("0.00"))
    assert {
        name: (statement.fee_total, statement.allowance_total, statement.refund_total)
        for name, statement in statements.items()
    } == expected
    assert {statement.state for statement in statements.values()} == {"approved"}

    # Finance sends the approved statements for payment and exports the payment list.
    client.force_login(finance)
    sent = client.post(reverse("events:send_all_for_payment"), follow=True)
    assert "6 statements sent for payment." in sent.content.decode()
    workbook = load_workbook(io.BytesIO(client.get(reverse("events:payments_xlsx")).content))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[1][:11] == (
        "Event",
        "Payee",
        "Kind",
        "Member State",
        "Fee (EUR)",
        "Allowance (EUR)",
        "Refunds (EUR)",
        "Total (EUR)",
        "Approved on",
        "Payment reference",
        "State",
    )
    body, total_row = rows[2:-1], rows[-1]
    by_payee = {row[1]: row for row in body}
    assert sorted(by_payee) == sorted(expected)
    for name, (fee, allowance_total, refund) in expected.items():
        row = by_payee[name]
        iban, bic = IBANS[name]
        assert [D(str(amount)).quantize(CENT) for amount in row[4:8]] == [
            fee,
            allowance_total,
            refund,
            fee + allowance_total + refund,
        ], name
        assert (row[9], row[10]) == (statements[name].payment_reference, "Sent for payment")
        assert (row[-2].replace(" ", ""), row[-1]) == (iban, bic)
    grand_total = sum((sum(amounts, D("0.00")) for amounts in expected.values()), D("0.00"))
    assert (total_row[0], D(str(total_row[7])).quantize(CENT)) == ("Total", grand_total)

    # The bank's answer, one line per reference of the list.
    answer = "reference,paid_on,bank_reference\n" + "".join(
        f"{row[9]},{PAID_ON.isoformat()},TRX-{index}\n" for index, row in enumerate(body, 1)
    )
    upload = SimpleUploadedFile("answer.csv", answer.encode(), content_type="text/csv")
    ok(client.post(reverse("events:bank_answer"), {"file": upload}))
    assert set(FeeStatement.objects.values_list("state", "paid_on")) == {("paid", PAID_ON)}

    # Each payee sees their statement paid.
    for name, link in links.items():
        page = client.get(link).content.decode()
        assert "Paid</span> on 30 Jun 2026" in page, name
    client.force_login(tina)
    assert (
        "Paid</span> on 30 Jun 2026" in client.get(reverse("events:my_statements")).content.decode()
    )
    client.logout()
    assert "Paid</span> on 30 Jun 2026" in client.get(host_link).content.decode()

    # The cost of each event: planned and actual, the actual the sum of its parts to the cent.
    client.force_login(case_handler)
    for event, travel, hotels, others, payees in [
        (
            study_visit,
            SV_TRAVEL,
            SV_HOTELS,
            SV_OTHER,
            {"participants": list(SV_TRAVEL), "experts": [], "host": [host.name]},
        ),
        (
            workshop,
            WS_TRAVEL,
            WS_HOTELS,
            WS_OTHER,
            {"participants": ["Arta Hoxha", "Besnik Kola"], "experts": ["Tina Travnik"]},
        ),
    ]:
        participants = payees["participants"]
        fees = sum((expected[name][0] for name in payees["experts"]), D("0.00"))
        host_fees = sum((expected[name][0] for name in payees.get("host", [])), D("0.00"))
        allowances = sum((expected[name][1] for name in payees["experts"]), D("0.00"))
        participant_allowances = sum((expected[name][1] for name in participants), D("0.00"))
        refund_total = sum((expected[name][2] for name in participants), D("0.00"))
        kinds = {kind: (planned, paid) for kind, _s, _q, planned, paid, _l in others}
        planned = {
            "fees": fees,
            "host_fees": host_fees,
            "allowances": allowances,
            "participant_allowances": participant_allowances,
            "refunds": refund_total,
            "travel": sum((plan["cost"] for plan in travel.values()), D("0.00")),
            "hotels": sum((hotel[0] for hotel in hotels.values()), D("0.00")),
            "venue": kinds["venue"][0],
            "interpretation": kinds["interpretation"][0],
            "catering": kinds["catering"][0],
        }
        actual = {
            **{kind: planned[kind] for kind in list(planned)[:5]},  # every statement is paid
            "travel": sum((plan["invoiced"] for plan in travel.values()), D("0.00")),
            "hotels": sum((hotel[1] for hotel in hotels.values()), D("0.00")),
            "venue": kinds["venue"][1],
            "interpretation": kinds["interpretation"][1],
            "catering": kinds["catering"][1],
        }
        response = client.get(reverse("events:event_cost", args=[event.pk]))
        cost = response.context["cost"]
        assert {line.kind: (line.planned, line.actual) for line in cost.lines} == {
            kind: (planned[kind], actual[kind]) for kind in planned
        }, event.reference
        planned_total = sum(planned.values(), D("0.00"))
        actual_total = sum(actual.values(), D("0.00"))
        assert (cost.planned_total, cost.actual_total, cost.difference) == (
            planned_total,
            actual_total,
            planned_total - actual_total,
        )
        page = response.content.decode()
        for amount in (planned_total, actual_total, planned_total - actual_total):
            assert f"{amount:,.2f}\u00a0EUR" in page, (event.reference, amount)

    # The two totals, written out once: a change of any rule or form shows here first.
    sv_cost = client.get(reverse("events:event_cost", args=[study_visit.pk])).context["cost"]
    ws_cost = client.get(reverse("events:event_cost", args=[workshop.pk])).context["cost"]
    assert (sv_cost.planned_total, sv_cost.actual_total) == (D("4446.99"), D("4378.78"))
    assert (ws_cost.planned_total, ws_cost.actual_total) == (D("7661.77"), D("7585.22"))

"""The logistics pages: who finds them (the assigned contractor and staff; 404 for anyone else),
what the contractor sees of people (names, phones, dates: no e-mail, CV, fee or bank details),
the booking forms with their errors, the case handler's section and assignment, the contractor's
home and its query count."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from taiex.accounts.enums import Role
from taiex.accounts.models import Contractor
from taiex.core.audit import activity_of
from taiex.events.models import Booking, ContractorAssignment, Event, Travel
from taiex.events.services.logistics import assign_contractor, confirm_booking, save_booking
from taiex.reference.models import Country, Language
from tests.factories import EventFactory, ExpertFactory, make_user
from tests.factories.money import EventExpertFactory


@pytest.fixture
def balkan(db):
    return Contractor.objects.get_or_create(name="Balkan Events Ltd")[0]


@pytest.fixture
def assigned(event, balkan, case_handler):
    event.venue_country = Country.objects.get(code="RS")
    event.save()
    assign_contractor(event, balkan, actor=case_handler)
    return event


@pytest.fixture
def slovene(assigned):
    expert = ExpertFactory(
        user__full_name="Tina Travnik",
        user__email="tina@gov.si",
        user__phone="+386 41 000 111",
        position="Head of the asylum office",
    )
    return EventExpertFactory(event=assigned, expert=expert)


@pytest.fixture
def other_contractor(db):
    return make_user(
        Role.LOGISTICS,
        contractor=Contractor.objects.create(name="Adriatic Travel"),
        full_name="Otto Other Contractor",
    )


def venue_post(**changes):
    data = {
        "supplier": "Hotel Moskva",
        "supplier_reference": "HM-1",
        "starts_on": "2026-04-14",
        "ends_on": "2026-04-15",
        "quantity": "2",
        "planned_cost": "900.00",
        "note": "",
    }
    data.update(changes)
    return data


BOOKINGS_PAGE = {
    "contractor": 200,
    "other_contractor": 404,
    "case_handler": 200,
    "other_team_case_handler": 200,
    "head_of_unit": 200,
    "applicant": 404,
    "ncp": 404,
    "expert": 404,
    "finance": 404,
}


@pytest.mark.parametrize("role", BOOKINGS_PAGE)
def test_who_finds_the_bookings_page(client, request, assigned, role):
    client.force_login(request.getfixturevalue(role))

    response = client.get(reverse("events:bookings", args=[assigned.pk]))

    assert response.status_code == BOOKINGS_PAGE[role]


def test_an_event_not_assigned_to_the_contractor_is_not_found(client, contractor, event):
    client.force_login(contractor)

    for url in [
        reverse("events:bookings", args=[event.pk]),
        reverse("events:booking_new", args=[event.pk, "venue"]),
    ]:
        assert client.get(url).status_code == 404
    assert (
        client.post(
            reverse("events:booking_new", args=[event.pk, "venue"]), venue_post()
        ).status_code
        == 404
    )
    assert not Booking.objects.exists()


@pytest.mark.parametrize(
    "name",
    [
        "events:detail",
        "events:fees",
        "events:event_cost",
        "events:logistics",
        "events:participants",
        "events:agenda",
        "evaluations:event",
    ],
)
def test_the_contractor_finds_nothing_else_of_its_event(client, contractor, assigned, name):
    client.force_login(contractor)

    assert client.get(reverse(name, args=[assigned.pk])).status_code == 404


def test_the_contractor_sees_no_request_expert_or_money(client, contractor, assigned, slovene):
    client.force_login(contractor)

    assert client.get(reverse("events:list")).status_code == 404
    assert client.get(reverse("events:payments")).status_code == 404
    assert client.get(reverse("events:costs")).status_code == 404
    assert client.get(reverse("staffing:search")).status_code == 404
    assert (
        client.get(reverse("applications:detail", args=[assigned.application.pk])).status_code
        == 404
    )
    requests = client.get(reverse("applications:list"))
    assert requests.status_code in (200, 404)
    assert assigned.application.title not in requests.content.decode()


def test_the_contractor_sees_names_phones_and_dates_only(client, contractor, assigned, slovene):
    client.force_login(contractor)

    response = client.get(reverse("events:bookings", args=[assigned.pk]))

    content = response.content.decode()
    assert "Tina Travnik" in content
    assert "+386 41 000 111" in content
    assert "tina@gov.si" not in content
    assert "Head of the asylum office" not in content
    assert "/experts/" not in content
    assert "IBAN" not in content
    assert [need.label for need in response.context["missing"]] == [
        "Travel of Tina Travnik",
        "Hotel of Tina Travnik",
        "Venue and rooms",
        "Catering",
    ]
    assert f'href="/events/{assigned.pk}/bookings/new/venue/"' in content


def test_the_contractor_records_a_booking_and_marks_it_booked(client, contractor, assigned):
    client.force_login(contractor)

    response = client.post(reverse("events:booking_new", args=[assigned.pk, "venue"]), venue_post())

    assert response.status_code == 302
    booking = Booking.objects.get()
    assert (booking.kind, booking.state, booking.quantity, booking.created_by) == (
        "venue",
        "requested",
        2,
        contractor,
    )
    response = client.post(reverse("events:booking_confirm", args=[assigned.pk, booking.pk]))
    booking.refresh_from_db()
    assert (response.status_code, booking.state) == (302, "booked")
    assert [row.action for row in activity_of(booking)] == ["record_booking", "confirm_booking"]


def test_a_bad_booking_form_says_what_is_wrong_and_saves_nothing(client, contractor, assigned):
    client.force_login(contractor)

    response = client.post(
        reverse("events:booking_new", args=[assigned.pk, "venue"]),
        venue_post(supplier="", ends_on="2026-04-13", quantity="0"),
    )

    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["supplier"] == ["This field is required."]
    assert form.errors["ends_on"] == ["The last day cannot be before the first day."]
    assert form.errors["quantity"] == ["At least 1."]
    assert "Please correct the highlighted fields." in response.content.decode()
    assert not Booking.objects.exists()


def test_a_hotel_form_offers_only_the_travellers(client, contractor, assigned, slovene):
    local = EventExpertFactory(
        event=assigned,
        expert=ExpertFactory(member_state=Country.objects.get(code="RS")),
    )
    client.force_login(contractor)
    url = reverse("events:booking_new", args=[assigned.pk, "hotel"])

    page = client.get(url, {"guest": f"expert-{slovene.pk}"})
    assert page.context["form"].fields["guest"].choices == [
        ("", "Choose the traveller"),
        (f"expert-{slovene.pk}", "Tina Travnik"),
    ]
    refused = client.post(url, venue_post(guest=f"expert-{local.pk}", quantity="1"))
    assert refused.status_code == 400
    assert refused.context["form"].errors["guest"] == [
        f"Select a valid choice. expert-{local.pk} is not one of the available choices."
    ]
    saved = client.post(url, venue_post(guest=f"expert-{slovene.pk}", quantity="1"))
    assert saved.status_code == 302
    assert Booking.objects.get().event_expert == slovene


def test_interpretation_form_starts_with_the_working_languages(client, contractor, assigned):
    assigned.working_languages.set(Language.objects.filter(code__in=["en", "sr"]))
    client.force_login(contractor)

    page = client.get(reverse("events:booking_new", args=[assigned.pk, "interpretation"]))

    assert sorted(lang.code for lang in page.context["form"].initial["languages"]) == ["en", "sr"]
    assert page.context["form"].fields["quantity"].label == "Interpretation booths"


def test_cancel_and_payment_forms(client, contractor, assigned):
    booking = save_booking(
        assigned,
        "venue",
        actor=contractor,
        values={
            "supplier": "Hotel Moskva",
            "supplier_reference": "HM-1",
            "starts_on": date(2026, 4, 14),
            "ends_on": date(2026, 4, 15),
            "quantity": 1,
            "planned_cost": Decimal("900"),
        },
    )
    confirm_booking(booking, actor=contractor)
    client.force_login(contractor)
    payment = reverse("events:booking_payment", args=[assigned.pk, booking.pk])

    refused = client.post(payment, {"actual_cost": "-5", "paid_on": "2026-01-01"})
    assert refused.status_code == 400
    assert refused.context["form"].errors["actual_cost"] == [
        "Ensure this value is greater than or equal to 0."
    ]
    assert client.post(payment, {"actual_cost": "880", "paid_on": "2026-01-01"}).status_code == 302
    cancel = reverse("events:booking_cancel", args=[assigned.pk, booking.pk])
    refused = client.post(cancel, {"reason": "Changed plans"})
    assert refused.status_code == 400
    assert refused.context["form"].non_field_errors() == [
        "The booking is paid: it cannot be cancelled."
    ]
    booking.refresh_from_db()
    assert (booking.state, booking.actual_cost) == ("booked", Decimal("880.00"))


def test_the_contractor_records_travel_with_its_reference(client, contractor, assigned, slovene):
    client.force_login(contractor)
    url = reverse("events:booking_travel", args=[assigned.pk, "expert", slovene.pk])

    response = client.post(
        url,
        {
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
            "supplier_reference": "JU-ABC123",
        },
    )

    assert response.status_code == 302
    travel = Travel.objects.get(event_expert=slovene)
    assert (travel.state, travel.supplier_reference, travel.cost) == (
        "booked",
        "JU-ABC123",
        Decimal("310.00"),
    )


def test_the_contractor_cannot_record_travel_for_someone_who_does_not_travel(
    client, contractor, assigned
):
    local = EventExpertFactory(
        event=assigned, expert=ExpertFactory(member_state=Country.objects.get(code="RS"))
    )
    client.force_login(contractor)

    response = client.get(reverse("events:booking_travel", args=[assigned.pk, "expert", local.pk]))

    assert response.status_code == 404


def test_a_case_handler_of_another_team_reads_but_does_not_book(
    client, other_team_case_handler, assigned
):
    client.force_login(other_team_case_handler)

    response = client.post(reverse("events:booking_new", args=[assigned.pk, "venue"]), venue_post())

    assert response.status_code == 403
    assert not Booking.objects.exists()


def test_the_case_handler_assigns_the_contractor_from_the_bookings_page(
    client, case_handler, event, balkan
):
    client.force_login(case_handler)
    page = client.get(reverse("events:bookings", args=[event.pk]))
    assert f'action="/events/{event.pk}/bookings/contractor/"' in page.content.decode()

    response = client.post(
        reverse("events:assign_contractor", args=[event.pk]), {"contractor": balkan.pk}
    )

    assert response.status_code == 302
    assert ContractorAssignment.objects.get(event=event).assigned_by == case_handler
    assert activity_of(event).last().action == "assign_contractor"


@pytest.mark.parametrize(
    ("role", "status"),
    [("other_team_case_handler", 403), ("contractor", 404), ("applicant", 404)],
)
def test_only_those_who_manage_the_event_assign_the_contractor(
    client, request, event, balkan, role, status
):
    client.force_login(request.getfixturevalue(role))

    response = client.post(
        reverse("events:assign_contractor", args=[event.pk]), {"contractor": balkan.pk}
    )

    assert response.status_code == status
    assert not ContractorAssignment.objects.exists()


def test_the_case_handler_sees_every_booking_state_on_the_event_page(
    client, case_handler, applicant, assigned, contractor
):
    booking = save_booking(
        assigned,
        "catering",
        actor=contractor,
        values={
            "supplier": "Belgrade Catering",
            "starts_on": date(2026, 4, 14),
            "ends_on": date(2026, 4, 15),
            "quantity": 40,
        },
    )
    client.force_login(case_handler)

    content = client.get(reverse("events:detail", args=[assigned.pk])).content.decode()

    assert "Logistics and bookings" in content
    assert "Contractor: Balkan Events Ltd. Still to book: 2." in content
    assert "Belgrade Catering" in content
    assert '<span class="badge badge-requested">Requested</span>' in content
    assert booking.pk
    client.force_login(applicant)
    assert (
        "Logistics and bookings"
        not in client.get(reverse("events:detail", args=[assigned.pk])).content.decode()
    )


def test_the_contractor_home_lists_its_events_soonest_first_with_what_is_missing(
    client, contractor, assigned, balkan, case_handler, slovene
):
    today = timezone.localdate()
    Event.objects.filter(pk=assigned.pk).update(
        start_date=today + timedelta(days=10), end_date=today + timedelta(days=11)
    )
    later = EventFactory(
        state="confirmed",
        title="Border management",
        start_date=today + timedelta(days=20),
        end_date=today + timedelta(days=21),
        modality="online",
    )
    over = EventFactory(
        state="confirmed",
        title="Over already",
        start_date=today - timedelta(days=3),
        end_date=today - timedelta(days=1),
    )
    assign_contractor(over, balkan, actor=case_handler)
    assign_contractor(later, balkan, actor=case_handler)
    client.force_login(contractor)

    response = client.get(reverse("accounts:home"))

    sections = {section.key: section for section in response.context["waiting"]}
    items = sections["events_to_organise"].items
    assert [(item.label, item.detail) for item in items] == [
        ("WS-2026-0042 Asylum interview techniques", "Belgrade: 4 bookings to make"),
        (f"{later.reference} Border management", "Belgrade: everything booked"),
    ]


def add_event_with_bookings(balkan, case_handler, contractor, n):
    start = timezone.localdate() + timedelta(days=10 * n)
    event = EventFactory(
        state="confirmed",
        start_date=start,
        end_date=start + timedelta(days=1),
        venue_country=Country.objects.get(code="RS"),
    )
    assign_contractor(event, balkan, actor=case_handler)
    EventExpertFactory(event=event)
    save_booking(
        event,
        "venue",
        actor=contractor,
        values={
            "supplier": f"Venue {n}",
            "starts_on": event.start_date,
            "ends_on": event.end_date,
            "quantity": 1,
        },
    )


def test_the_contractor_home_costs_the_same_queries_for_1_and_for_many_events(
    client, contractor, balkan, case_handler
):
    client.force_login(contractor)
    counts = []
    for n in (1, 2, 3, 4, 5):
        add_event_with_bookings(balkan, case_handler, contractor, n)
        if n in (1, 5):
            with CaptureQueriesContext(connection) as captured:
                response = client.get(reverse("accounts:home"))
            counts.append(len(captured.captured_queries))
    sections = {section.key: section for section in response.context["waiting"]}
    assert sections["events_to_organise"].count == 5
    assert sections["bookings_requested"].count == 5
    assert counts[0] == counts[1]


def test_the_contracted_list_is_only_for_contractors(client, contractor, case_handler, assigned):
    client.force_login(contractor)
    response = client.get(reverse("events:contracted"))
    assert [event.reference for event in response.context["events"]] == ["WS-2026-0042"]
    client.force_login(case_handler)
    assert client.get(reverse("events:contracted")).status_code == 404
    assert Event.objects.count() == 1


def test_the_bookings_page_shows_every_kind_with_its_details(
    client, case_handler, contractor, assigned, slovene
):
    def record(kind, **changes):
        values = {
            "supplier": f"{kind} supplier",
            "supplier_reference": f"{kind.upper()}-1",
            "starts_on": date(2026, 4, 13),
            "ends_on": date(2026, 4, 15),
            "quantity": 2,
            "planned_cost": Decimal("100.00"),
            **changes,
        }
        guest = slovene if kind == "hotel" else None
        languages = list(Language.objects.filter(code__in=["en", "sr"]).order_by("name"))
        return save_booking(
            assigned,
            kind,
            actor=contractor,
            values=values,
            guest=guest,
            languages=languages if kind == "interpretation" else (),
        )

    record("hotel")
    record("venue")
    record("catering")
    interpretation = record("interpretation")
    confirm_booking(interpretation, actor=contractor)
    client.force_login(case_handler)

    response = client.get(reverse("events:bookings", args=[assigned.pk]))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Hotel for Tina Travnik" in content
    assert "2 rooms, 2 nights" in content
    assert "2 meeting rooms" in content
    assert "2 covers a day" in content
    assert "2 booths: English / Serbian" in content
    assert "Ref. INTERPRETATION-1" in content
    assert content.count('<span class="badge badge-requested">Requested</span>') == 3
    assert content.count('<span class="badge badge-booked">Booked</span>') == 1


def test_a_reader_who_may_not_book_does_not_open_the_booking_form(
    client, other_team_case_handler, contractor, assigned
):
    booking = save_booking(
        assigned,
        "venue",
        actor=contractor,
        values={
            "supplier": "Hall",
            "starts_on": date(2026, 4, 14),
            "ends_on": date(2026, 4, 14),
            "quantity": 1,
        },
    )
    client.force_login(other_team_case_handler)

    url = reverse("events:booking_edit", args=[assigned.pk, booking.pk])

    assert client.get(url).status_code == 403
    assert client.post(url, venue_post()).status_code == 403
    booking.refresh_from_db()
    assert booking.supplier == "Hall"

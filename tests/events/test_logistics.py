"""The logistics contractor: assignment by the case handler, what is still to book, bookings
(record, edit, confirm, cancel, pay) with their checks and audit log, and the costs they feed."""

from datetime import date, time, timedelta
from decimal import Decimal as D  # noqa: N817

import pytest

from taiex.accounts.enums import Role
from taiex.accounts.models import Contractor
from taiex.core.audit import activity_of
from taiex.events.enums import BookingKind, BookingState
from taiex.events.models import AgendaSession, Booking, ContractorAssignment, Event
from taiex.events.queries.costs import cost_of_event
from taiex.events.queries.logistics import events_to_organise, needs_of, with_missing_bookings
from taiex.events.services.errors import EventError
from taiex.events.services.logistics import (
    assign_contractor,
    cancel_booking,
    confirm_booking,
    record_payment,
    save_booking,
)
from taiex.reference.models import Country, Language
from tests.factories import ExpertFactory, make_user
from tests.factories.money import EventExpertFactory, TravelFactory
from tests.factories.participants import ParticipantFactory


@pytest.fixture
def balkan(db):
    return Contractor.objects.get_or_create(name="Balkan Events Ltd")[0]


@pytest.fixture
def workshop(event):
    """The Serbian workshop (14-15 April 2026) held in Belgrade, in English and Serbian."""
    event.venue_country = Country.objects.get(code="RS")
    event.save()
    event.working_languages.set(Language.objects.filter(code__in=["en", "sr"]))
    return event


@pytest.fixture
def assigned(workshop, balkan, case_handler):
    assign_contractor(workshop, balkan, actor=case_handler)
    return workshop


@pytest.fixture
def slovene(workshop):
    """An expert from Slovenia: travels to Belgrade."""
    user_expert = ExpertFactory(user__full_name="Tina Travnik", user__phone="+386 41 000 111")
    return EventExpertFactory(event=workshop, expert=user_expert)


@pytest.fixture
def serb(workshop):
    """An expert from Serbia: local, travels nowhere."""
    local = ExpertFactory(
        user__full_name="Lazar Lokalni", member_state=Country.objects.get(code="RS")
    )
    return EventExpertFactory(event=workshop, expert=local)


def values(**changes):
    base = {
        "supplier": "Hotel Moskva",
        "supplier_reference": "",
        "starts_on": date(2026, 4, 13),
        "ends_on": date(2026, 4, 15),
        "quantity": 1,
        "planned_cost": D("240.00"),
        "note": "",
    }
    base.update(changes)
    return base


def book(event, kind, actor, *, confirm=True, guest=None, languages=(), **changes):
    booking = save_booking(
        event,
        kind,
        actor=actor,
        values=values(supplier_reference="REF-1", **changes),
        guest=guest,
        languages=languages,
    )
    if confirm:
        confirm_booking(booking, actor=actor)
    return booking


def unmet(event):
    return [need.label for need in needs_of(event) if not need.met]


def missing_count(event):
    return with_missing_bookings(Event.objects.filter(pk=event.pk)).get().missing_bookings


# Assignment


def test_case_handler_assigns_changes_and_takes_back_the_contractor(workshop, balkan, case_handler):
    other = Contractor.objects.create(name="Adriatic Travel")

    assign_contractor(workshop, balkan, actor=case_handler)
    assign_contractor(workshop, other, actor=case_handler)
    assert ContractorAssignment.objects.get(event=workshop).contractor == other
    assign_contractor(workshop, None, actor=case_handler)

    assert not ContractorAssignment.objects.filter(event=workshop).exists()
    assert [(row.action, row.note, row.actor) for row in activity_of(workshop)] == [
        ("assign_contractor", "Logistics assigned to Balkan Events Ltd.", case_handler),
        (
            "assign_contractor",
            "Logistics assigned to Adriatic Travel (was Balkan Events Ltd).",
            case_handler,
        ),
        ("unassign_contractor", "Logistics taken back from Adriatic Travel.", case_handler),
    ]


def test_an_inactive_contractor_or_a_closed_event_is_refused(workshop, balkan, case_handler):
    balkan.is_active = False
    balkan.save()
    with pytest.raises(EventError, match="no longer under contract"):
        assign_contractor(workshop, balkan, actor=case_handler)
    balkan.is_active = True
    balkan.save()
    Event.objects.filter(pk=workshop.pk).update(state="closed")
    workshop.refresh_from_db()
    with pytest.raises(EventError, match="closed: its logistics cannot be assigned"):
        assign_contractor(workshop, balkan, actor=case_handler)
    assert not ContractorAssignment.objects.exists()


# What is still to book


def test_a_workshop_on_site_needs_travel_and_hotel_of_travellers_venue_catering_interpretation(
    workshop, slovene, serb
):
    workshop.interpretation_needed = True
    workshop.save()

    assert unmet(workshop) == [
        "Travel of Tina Travnik",
        "Hotel of Tina Travnik",
        "Venue and rooms",
        "Catering",
        "Interpretation",
    ]
    assert missing_count(workshop) == 5


def test_booked_bookings_meet_the_needs_and_requested_ones_do_not(assigned, slovene, contractor):
    assigned.interpretation_needed = True
    assigned.save()
    TravelFactory(event_expert=slovene, event=assigned, state="booked")
    book(assigned, BookingKind.HOTEL, contractor, guest=slovene)
    book(assigned, BookingKind.VENUE, contractor)
    book(assigned, BookingKind.CATERING, contractor, confirm=False)
    book(
        assigned,
        BookingKind.INTERPRETATION,
        contractor,
        languages=list(Language.objects.filter(code__in=["en", "sr"])),
    )

    assert unmet(assigned) == ["Catering"]
    assert missing_count(assigned) == 1


def test_interpretation_must_cover_every_working_language(assigned, contractor):
    AgendaSession.objects.create(
        event=assigned,
        day=date(2026, 4, 14),
        starts_at=time(9),
        ends_at=time(10),
        title="Opening",
        interpretation=True,
    )
    en, de, sr = (Language.objects.get(code=code) for code in ("en", "de", "sr"))
    book(assigned, BookingKind.INTERPRETATION, contractor, languages=[en, de])
    need = next(need for need in needs_of(assigned) if need.kind == "interpretation")
    assert (need.met, need.detail) == (
        False,
        "Languages: English, Serbian; not yet covered: Serbian; about 1 booth",
    )
    assert missing_count(assigned) == 3  # venue, catering, interpretation

    book(assigned, BookingKind.INTERPRETATION, contractor, languages=[sr, en])

    assert "Interpretation" not in unmet(assigned)
    assert missing_count(assigned) == 2


def test_online_events_need_no_travel_hotel_venue_nor_catering(workshop, slovene):
    workshop.modality = "online"
    workshop.save()

    assert unmet(workshop) == []
    assert missing_count(workshop) == 0


def test_a_same_day_trip_needs_no_hotel(workshop, slovene):
    TravelFactory(
        event_expert=slovene,
        event=workshop,
        state="requested",
        outbound_date=date(2026, 4, 14),
        return_date=date(2026, 4, 14),
        return_arrival=time(21),
    )

    assert unmet(workshop) == ["Travel of Tina Travnik", "Venue and rooms", "Catering"]
    assert missing_count(workshop) == 3


def test_an_expert_who_left_or_lives_in_the_venue_country_needs_nothing(workshop, slovene, serb):
    slovene.left_at = slovene.joined_at
    slovene.save()

    assert unmet(workshop) == ["Venue and rooms", "Catering"]
    assert missing_count(workshop) == 2


def test_the_approved_participants_of_a_study_visit_travel(workshop):
    workshop.event_type = "study_visit"
    workshop.venue_country = Country.objects.get(code="SI")
    workshop.save()
    ParticipantFactory(event=workshop, full_name="Marko Markovic")
    ParticipantFactory(event=workshop, full_name="Not Approved", state="requested")

    assert unmet(workshop) == ["Travel of Marko Markovic", "Hotel of Marko Markovic"]
    assert missing_count(workshop) == 2


def test_travellers_of_a_multi_country_workshop_by_rule_and_by_marking(workshop):
    """The event page (needs_of) and the contractor's home (the SQL count) agree on who travels:
    on a multi-country workshop, those from another country than the venue's, unless the case
    handler marked otherwise."""
    albania, serbia = Country.objects.get(code="AL"), Country.objects.get(code="RS")
    workshop.venue_country = serbia
    workshop.save()
    workshop.other_beneficiaries.set([albania])
    ParticipantFactory(event=workshop, full_name="Arta From Tirana", country=albania)
    ParticipantFactory(event=workshop, full_name="Ana From Belgrade", country=serbia)
    ParticipantFactory(
        event=workshop, full_name="Jovan Marked", country=serbia, travel_marking="travelling"
    )
    ParticipantFactory(
        event=workshop, full_name="Besa Stays", country=albania, travel_marking="not_travelling"
    )

    travellers = [label for label in unmet(workshop) if label.startswith(("Travel of", "Hotel of"))]

    assert sorted(travellers) == [
        "Hotel of Arta From Tirana",
        "Hotel of Jovan Marked",
        "Travel of Arta From Tirana",
        "Travel of Jovan Marked",
    ]
    assert missing_count(workshop) == len(unmet(workshop))


# Bookings: checks


@pytest.mark.parametrize(
    ("kind", "changes", "field", "message"),
    [
        ("venue", {"starts_on": date(2026, 4, 10)}, "starts_on", "between 11 Apr 2026"),
        ("venue", {"ends_on": date(2026, 4, 19)}, "ends_on", "and 18 Apr 2026"),
        (
            "venue",
            {"starts_on": date(2026, 4, 15), "ends_on": date(2026, 4, 14)},
            "ends_on",
            "The last day cannot be before the first day.",
        ),
        (
            "hotel",
            {"starts_on": date(2026, 4, 14), "ends_on": date(2026, 4, 14)},
            "ends_on",
            "The check-out day must be after the check-in day.",
        ),
        ("venue", {"quantity": 0}, "quantity", "At least 1."),
        ("catering", {"planned_cost": D("-1")}, "planned_cost", "The cost cannot be negative."),
        ("interpretation", {}, "languages", "at least two"),
    ],
)
def test_a_booking_that_does_not_fit_is_refused_and_nothing_saved(
    assigned, slovene, contractor, kind, changes, field, message
):
    guest = slovene if kind == "hotel" else None
    with pytest.raises(EventError, match=message) as refused:
        save_booking(assigned, kind, actor=contractor, values=values(**changes), guest=guest)

    assert refused.value.field == field
    assert not Booking.objects.exists()


def test_a_hotel_is_for_a_traveller_of_the_event(assigned, serb, contractor):
    with pytest.raises(EventError, match="Choose the traveller"):
        save_booking(assigned, "hotel", actor=contractor, values=values())
    with pytest.raises(EventError, match="does not travel to the event"):
        save_booking(assigned, "hotel", actor=contractor, values=values(), guest=serb)
    assert not Booking.objects.exists()


def test_bookings_of_a_cancelled_event_cannot_change(assigned, contractor):
    Event.objects.filter(pk=assigned.pk).update(state="cancelled", cancellation_reason="No")
    assigned.refresh_from_db()

    with pytest.raises(EventError, match="cancelled: its bookings cannot change"):
        save_booking(assigned, "venue", actor=contractor, values=values())


# Bookings: moves and audit


def test_record_edit_confirm_cancel_are_logged(assigned, contractor):
    booking = save_booking(assigned, "venue", actor=contractor, values=values(quantity=2))
    assert booking.state == BookingState.REQUESTED
    save_booking(
        assigned,
        "venue",
        actor=contractor,
        values=values(quantity=3, supplier_reference="HM-77"),
        booking=booking,
    )
    confirm_booking(booking, actor=contractor)
    cancel_booking(booking, actor=contractor, reason="Moved to the ministry's own hall.")

    booking.refresh_from_db()
    assert (booking.state, booking.quantity, booking.supplier_reference) == (
        "cancelled",
        3,
        "HM-77",
    )
    assert [
        (row.action, row.from_state, row.to_state, row.note) for row in activity_of(booking)
    ] == [
        ("record_booking", "", "", "Venue and rooms, Hotel Moskva, requested."),
        (
            "edit_booking",
            "",
            "",
            "Venue and rooms, Hotel Moskva: quantity, supplier_reference changed.",
        ),
        ("confirm_booking", "requested", "booked", "Venue and rooms, Hotel Moskva"),
        (
            "cancel_booking",
            "booked",
            "cancelled",
            "Venue and rooms, Hotel Moskva: Moved to the ministry's own hall.",
        ),
    ]
    with pytest.raises(EventError, match="cancelled booking cannot change"):
        save_booking(assigned, "venue", actor=contractor, values=values(), booking=booking)
    with pytest.raises(EventError, match="cannot move"):
        confirm_booking(booking, actor=contractor)


def test_confirming_needs_the_supplier_reference_and_the_cost(assigned, contractor):
    booking = save_booking(assigned, "venue", actor=contractor, values=values(planned_cost=None))
    with pytest.raises(EventError, match="supplier's reference") as refused:
        confirm_booking(booking, actor=contractor)
    assert refused.value.field == "supplier_reference"
    booking.supplier_reference = "X1"
    booking.save()
    with pytest.raises(EventError, match="Enter the cost") as refused:
        confirm_booking(booking, actor=contractor)
    assert refused.value.field == "planned_cost"
    booking.refresh_from_db()
    assert booking.state == "requested"


def test_cancelling_needs_a_reason(assigned, contractor):
    booking = book(assigned, "venue", contractor, confirm=False)
    with pytest.raises(EventError, match="Say why"):
        cancel_booking(booking, actor=contractor, reason="  ")
    booking.refresh_from_db()
    assert booking.state == "requested"


def test_payment_is_recorded_on_a_booked_booking_not_in_the_future(assigned, contractor):
    requested = book(assigned, "catering", contractor, confirm=False)
    with pytest.raises(EventError, match="Only a booked booking is paid"):
        record_payment(requested, actor=contractor, actual_cost=D("1"), paid_on=date(2026, 1, 1))
    booking = book(assigned, "venue", contractor)
    tomorrow = date.today() + timedelta(days=1)
    with pytest.raises(EventError, match="cannot be in the future"):
        record_payment(booking, actor=contractor, actual_cost=D("230"), paid_on=tomorrow)

    record_payment(booking, actor=contractor, actual_cost=D("230.5"), paid_on=date(2026, 1, 2))

    booking.refresh_from_db()
    assert (booking.actual_cost, booking.paid_on) == (D("230.50"), date(2026, 1, 2))
    assert activity_of(booking).last().note == (
        "Venue and rooms, Hotel Moskva: paid 230.50 EUR on 2 Jan 2026."
    )
    with pytest.raises(EventError, match="paid: it cannot be cancelled"):
        cancel_booking(booking, actor=contractor, reason="Too late")


# Costs


def test_bookings_feed_the_cost_of_the_event_per_kind(assigned, slovene, contractor):
    book(assigned, "hotel", contractor, guest=slovene, planned_cost=D("200.10"))
    book(assigned, "hotel", contractor, guest=slovene, planned_cost=D("50.00"), confirm=False)
    venue = book(assigned, "venue", contractor, planned_cost=D("900.00"))
    record_payment(venue, actor=contractor, actual_cost=D("880.00"), paid_on=date(2026, 1, 5))
    catering = book(assigned, "catering", contractor, planned_cost=D("300.00"))
    cancel_booking(catering, actor=contractor, reason="The ministry offers lunch.")
    english, serbian = Language.objects.filter(code__in=["en", "sr"])
    book(
        assigned,
        "interpretation",
        contractor,
        languages=[english, serbian],
        planned_cost=D("1500.00"),
    )

    cost = cost_of_event(assigned)

    assert {line.kind: (line.planned, line.actual) for line in cost.lines} == {
        "fees": (D("0.00"), D("0.00")),
        "host_fees": (D("0.00"), D("0.00")),
        "allowances": (D("0.00"), D("0.00")),
        "participant_allowances": (D("0.00"), D("0.00")),
        "refunds": (D("0.00"), D("0.00")),
        "travel": (D("0.00"), D("0.00")),
        "hotels": (D("200.10"), D("0.00")),
        "venue": (D("900.00"), D("880.00")),
        "interpretation": (D("1500.00"), D("0.00")),
        "catering": (D("0.00"), D("0.00")),
    }
    assert (cost.planned_total, cost.actual_total) == (D("2600.10"), D("880.00"))


# The contractor's home


def test_events_to_organise_are_the_contractor_s_upcoming_events_soonest_first(
    assigned, balkan, case_handler, contractor
):
    later = Event.objects.create(
        reference="WS-2026-0050",
        event_type="workshop",
        title="Later workshop",
        state="confirmed",
        start_date=date(2026, 6, 1),
        end_date=date(2026, 6, 2),
        beneficiary=assigned.beneficiary,
    )
    assign_contractor(later, balkan, actor=case_handler)
    past = Event.objects.create(
        reference="WS-2026-0001",
        event_type="workshop",
        title="Past workshop",
        state="confirmed",
        start_date=date(2026, 1, 5),
        end_date=date(2026, 1, 6),
        beneficiary=assigned.beneficiary,
    )
    assign_contractor(past, balkan, actor=case_handler)
    Event.objects.create(
        reference="WS-2026-0060",
        event_type="workshop",
        title="Someone else's workshop",
        start_date=date(2026, 5, 1),
        end_date=date(2026, 5, 1),
        beneficiary=assigned.beneficiary,
    )
    other = make_user(Role.LOGISTICS, contractor=Contractor.objects.create(name="Other Ltd"))

    events = list(events_to_organise(contractor, date(2026, 2, 1)))

    assert [(event.reference, event.missing_bookings) for event in events] == [
        ("WS-2026-0042", 2),
        ("WS-2026-0050", 2),
    ]
    assert list(events_to_organise(other, date(2026, 2, 1))) == []
    assert list(events_to_organise(case_handler, date(2026, 2, 1))) == []


def test_an_event_with_only_bookings_is_on_the_staff_cost_page(assigned, contractor, head_of_unit):
    from taiex.events.queries.costs import CostFilters, events_with_costs

    assert list(events_with_costs(head_of_unit, CostFilters())) == []
    book(assigned, "catering", contractor, confirm=False)
    assert list(events_with_costs(head_of_unit, CostFilters())) == []
    book(assigned, "venue", contractor)

    assert list(events_with_costs(head_of_unit, CostFilters())) == [assigned]


# Personal data


def test_erasing_an_expert_empties_their_booking_notes_and_the_history_never_named_them(
    assigned, slovene, contractor, case_handler
):
    from taiex.core.models import ActivityLog
    from taiex.experts.services.personal_data import erase_expert

    booking = book(assigned, "hotel", contractor, guest=slovene, note="Vegetarian, arrives late")

    erase_expert(slovene.expert, actor=case_handler)

    booking.refresh_from_db()
    assert (booking.note, booking.supplier, booking.planned_cost) == ("", "Hotel Moskva", D("240"))
    assert [row.data.get("event_expert") for row in activity_of(booking)] == [slovene.pk] * 2
    assert not ActivityLog.objects.filter(note__contains="Tina Travnik").exists()
    assert not ActivityLog.objects.filter(object_repr__contains="Tina Travnik").exists()


def test_erasing_a_participant_empties_their_booking_notes(workshop, contractor, case_handler):
    from taiex.events.services.participants import anonymise_participant

    workshop.event_type = "study_visit"
    workshop.venue_country = Country.objects.get(code="SI")
    workshop.save()
    guest = ParticipantFactory(event=workshop, full_name="Marko Markovic")
    booking = book(workshop, "hotel", contractor, guest=guest, note="Room near the lift")

    anonymise_participant(guest)

    booking.refresh_from_db()
    assert booking.note == ""


def test_a_contractor_s_data_export_names_its_company(contractor):
    from taiex.accounts.queries import personal_data_of

    exported = personal_data_of(contractor)

    assert [(row["role"], row["contractor"]) for row in exported["memberships"]] == [
        ("contractor", "Balkan Events Ltd")
    ]

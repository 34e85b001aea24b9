"""Writes on an event's logistics: assigning the contractor, and its bookings (create, edit,
confirm, cancel, record the payment). Every change is audit-logged; bad values are refused with
an EventError naming the field, and nothing is saved."""

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from taiex.core.audit import log_action
from taiex.core.dates import day_label
from taiex.core.workflow import TransitionNotAllowed

from .. import booking_workflow
from ..enums import PREPARATION_STATES, BookingKind, BookingState, EventState
from ..models import Booking, ContractorAssignment, EventExpert, Participant
from ..queries.logistics import participants_travelling_to, travelling_experts
from .errors import EventError
from .line_texts import local_day
from .travel import DAYS_AROUND_EVENT

BOOKING_FIELDS = [
    "supplier",
    "supplier_reference",
    "starts_on",
    "ends_on",
    "quantity",
    "planned_cost",
    "note",
]


def assign_contractor(event, contractor, *, actor):
    """Give the event's logistics to `contractor` (None takes them back). Refused for a
    contractor no longer active and for a closed or cancelled event; logged on the event."""
    if event.state not in (*PREPARATION_STATES, EventState.IMPLEMENTED):
        raise EventError(
            gettext("The event is %(state)s: its logistics cannot be assigned any more.")
            % {"state": event.get_state_display().lower()},
            field="contractor",
        )
    if contractor is not None and not contractor.is_active:
        raise EventError(
            gettext("%(contractor)s is no longer under contract.") % {"contractor": contractor},
            field="contractor",
        )
    with transaction.atomic():
        current = ContractorAssignment.objects.select_for_update().filter(event=event).first()
        before = current.contractor if current else None
        if before == contractor:
            return current
        if contractor is None:
            current.delete()
            assignment = None
        elif current is None:
            assignment = ContractorAssignment.objects.create(
                event=event, contractor=contractor, assigned_by=actor
            )
        else:
            current.contractor = contractor
            current.assigned_by = actor
            current.assigned_at = timezone.now()
            current.save()
            assignment = current
        log_action(
            event,
            actor=actor,
            action="assign_contractor" if contractor else "unassign_contractor",
            note=(
                f"Logistics assigned to {contractor}" + (f" (was {before})." if before else ".")
                if contractor
                else f"Logistics taken back from {before}."
            ),
            data={
                "contractor": contractor.pk if contractor else None,
                "previous": before.pk if before else None,
            },
        )
    return assignment


def guests_of(event):
    """Whom a hotel may be booked for: {("expert"|"participant", pk): (traveller, name)}."""
    guests = {
        ("expert", place.pk): (place, place.expert.user.full_name)
        for place in travelling_experts(event)
    }
    for participant in participants_travelling_to(event):
        guests[("participant", participant.pk)] = (participant, participant.full_name)
    return guests


def booking_problems(event, kind, values, *, guest=None, languages=()) -> dict:
    """What is wrong with a booking of `kind` with these `values` for `event`: {field:
    message}, empty when nothing is. Missing values are the form's business."""
    problems = {}
    if event.start_date is None or event.end_date is None:
        return {None: gettext("The event has no dates yet: the case handler fixes them first.")}
    earliest = event.start_date - timedelta(days=DAYS_AROUND_EVENT)
    latest = event.end_date + timedelta(days=DAYS_AROUND_EVENT)
    starts, ends = values.get("starts_on"), values.get("ends_on")
    if starts is not None and not earliest <= starts <= latest:
        problems["starts_on"] = gettext(
            "The first day must be between %(earliest)s and %(latest)s, at most %(days)s days "
            "around the event."
        ) % {
            "earliest": local_day(earliest),
            "latest": local_day(latest),
            "days": DAYS_AROUND_EVENT,
        }
    if ends is not None and not earliest <= ends <= latest:
        problems["ends_on"] = gettext(
            "The last day must be between %(earliest)s and %(latest)s, at most %(days)s days "
            "around the event."
        ) % {
            "earliest": local_day(earliest),
            "latest": local_day(latest),
            "days": DAYS_AROUND_EVENT,
        }
    if starts is not None and ends is not None and "ends_on" not in problems:
        if kind == BookingKind.HOTEL and ends <= starts:
            problems["ends_on"] = gettext("The check-out day must be after the check-in day.")
        elif ends < starts:
            problems["ends_on"] = gettext("The last day cannot be before the first day.")
    quantity = values.get("quantity")
    if quantity is not None and quantity < 1:
        problems["quantity"] = gettext("At least 1.")
    cost = values.get("planned_cost")
    if cost is not None and cost < 0:
        problems["planned_cost"] = gettext("The cost cannot be negative.")
    if kind == BookingKind.HOTEL and guest is None:
        problems["guest"] = gettext("Choose the traveller the hotel is for.")
    if kind == BookingKind.INTERPRETATION and len(set(languages)) < 2:
        problems["languages"] = gettext("Choose the languages interpreted: at least two.")
    return problems


def _check_event(event):
    if event.state not in PREPARATION_STATES:
        raise EventError(
            gettext("The event is %(state)s: its bookings cannot change.")
            % {"state": event.get_state_display().lower()}
        )


def _check_guest(event, guest):
    if guest is None:
        return
    kind = "expert" if isinstance(guest, EventExpert) else "participant"
    if not isinstance(guest, (EventExpert, Participant)) or (kind, guest.pk) not in guests_of(
        event
    ):
        raise EventError(gettext("This person does not travel to the event."), field="guest")


def _describe(booking):
    """The booking in the audit log: its kind and supplier, never its guest's name (the guest
    is in the row's data, so erasing the person leaves no name in the history)."""
    return f"{booking.get_kind_display()}, {booking.supplier}"


def _guest_data(booking):
    if booking.event_expert_id:
        return {"event_expert": booking.event_expert_id}
    if booking.participant_id:
        return {"participant": booking.participant_id}
    return {}


def save_booking(event, kind, *, actor, values, guest=None, languages=(), booking=None):
    """Record a new booking of `kind` (state "requested") or change `booking`. Refused with
    EventError (naming the field) when the values do not fit; a cancelled booking cannot
    change. Logged on the booking with the fields that changed."""
    _check_event(event)
    if kind not in BookingKind.values:
        raise EventError(gettext("Unknown kind of booking."))
    problems = booking_problems(event, kind, values, guest=guest, languages=languages)
    if problems:
        field_name, message = next(iter(problems.items()))
        raise EventError(message, field=field_name)
    if kind == BookingKind.HOTEL:
        _check_guest(event, guest)
    with transaction.atomic():
        if booking is None:
            booking = Booking(event=event, kind=kind, created_by=actor)
            before = {}
        else:
            booking = Booking.objects.select_for_update().get(pk=booking.pk, event=event)
            if booking.state == BookingState.CANCELLED:
                raise EventError(gettext("A cancelled booking cannot change; record a new one."))
            before = {name: getattr(booking, name) for name in BOOKING_FIELDS}
            before["languages"] = sorted(booking.languages.values_list("pk", flat=True))
        for name in BOOKING_FIELDS:
            if name in values:
                setattr(booking, name, values[name])
        if kind == BookingKind.HOTEL:
            booking.event_expert = guest if isinstance(guest, EventExpert) else None
            booking.participant = guest if isinstance(guest, Participant) else None
        booking.save()
        if kind == BookingKind.INTERPRETATION:
            booking.languages.set(languages)
        after = {name: getattr(booking, name) for name in BOOKING_FIELDS}
        after["languages"] = sorted(language.pk for language in languages)
        changed = sorted(name for name in after if before.get(name) != after[name])
        log_action(
            booking,
            actor=actor,
            action="edit_booking" if before else "record_booking",
            note=_describe(booking)
            + (f": {', '.join(changed)} changed." if before else ", requested."),
            data={"event": event.pk, "changed": changed if before else [], **_guest_data(booking)},
        )
    return booking


def confirm_booking(booking, *, actor):
    """The supplier confirmed: requested -> booked. Needs the supplier's reference and the
    planned cost (read from the stored booking, not the caller's copy)."""
    _check_event(booking.event)
    booking.refresh_from_db()
    if not booking.supplier_reference:
        raise EventError(
            gettext("Enter the supplier's reference before marking the booking as booked."),
            field="supplier_reference",
        )
    if booking.planned_cost is None:
        raise EventError(
            gettext("Enter the cost before marking the booking as booked."), field="planned_cost"
        )
    try:
        return booking_workflow.transition(
            booking,
            BookingState.BOOKED,
            actor=actor,
            note=_describe(booking),
            data={"event": booking.event_id, **_guest_data(booking)},
        )
    except TransitionNotAllowed as error:
        raise EventError(str(error)) from error


def cancel_booking(booking, *, actor, reason):
    """Cancel a requested or booked booking, with a reason; a paid booking stays."""
    reason = (reason or "").strip()
    if not reason:
        raise EventError(gettext("Say why the booking is cancelled."), field="reason")
    if booking.paid_on is not None:
        raise EventError(gettext("The booking is paid: it cannot be cancelled."))
    try:
        return booking_workflow.transition(
            booking,
            BookingState.CANCELLED,
            actor=actor,
            note=f"{_describe(booking)}: {reason}",
            data={"event": booking.event_id, **_guest_data(booking)},
        )
    except TransitionNotAllowed as error:
        raise EventError(str(error)) from error


def record_payment(booking, *, actor, actual_cost, paid_on):
    """Record what the supplier was paid and when: the actual cost. Only a booked booking,
    never a day in the future; logged."""
    if booking.state != BookingState.BOOKED:
        raise EventError(gettext("Only a booked booking is paid."))
    if actual_cost is None or actual_cost < 0:
        raise EventError(gettext("Enter the amount paid (0 or more)."), field="actual_cost")
    if paid_on is None:
        raise EventError(gettext("Enter the day it was paid."), field="paid_on")
    if paid_on > timezone.localdate():
        raise EventError(gettext("The day of payment cannot be in the future."), field="paid_on")
    with transaction.atomic():
        locked = Booking.objects.select_for_update().get(pk=booking.pk)
        locked.actual_cost = Decimal(actual_cost).quantize(Decimal("0.01"))
        locked.paid_on = paid_on
        locked.save(update_fields=["actual_cost", "paid_on", "updated_at"])
        log_action(
            locked,
            actor=actor,
            action="record_booking_payment",
            note=f"{_describe(locked)}: paid {locked.actual_cost} EUR on {day_label(paid_on)}.",
            data={
                "event": locked.event_id,
                "actual_cost": str(locked.actual_cost),
                **_guest_data(locked),
            },
        )
    booking.actual_cost, booking.paid_on = locked.actual_cost, locked.paid_on
    return locked

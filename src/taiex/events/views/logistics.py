"""Pages of an event's logistics: the contractor's list of events, the event's bookings page
(what is still to book, the travellers with the few personal data needed to book them, the
bookings), the booking forms and moves, the contractor's travel form, and the assignment of
the contractor by the case handler.

Who: the people of the contractor assigned to the event and staff read the bookings page;
the contractor and those who manage the event book; those who manage it assign the contractor.
Anyone else is told the event does not exist (404); a staff member who reads but may not book
gets 403 on a write."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from taiex.accounts.enums import Role
from taiex.accounts.roles import roles_of
from taiex.core.audit import activity_of

from ..enums import BookingKind, BookingState
from ..forms.logistics import (
    AssignContractorForm,
    BookingForm,
    BookingPaymentForm,
    CancelBookingForm,
)
from ..forms.travel import TravelForm
from ..models import Booking, Event, Travel
from ..queries.logistics import (
    bookings_of,
    events_assigned_to,
    interpretation_pairs_of,
    needs_of,
    participants_travelling_to,
    travelling_experts,
    with_missing_bookings,
)
from ..services.errors import EventError
from ..services.logistics import (
    assign_contractor,
    cancel_booking,
    confirm_booking,
    guests_of,
    record_payment,
    save_booking,
)
from ..services.travel import save_travel

EVENT_COLUMNS = ["beneficiary", "venue_country", "contractor_assignment__contractor"]


def logistics_event_or_404(request, pk, *, book=False):
    """The event for a logistics page: 404 unless the user reads its logistics (the assigned
    contractor, staff); 403 for a write by someone who reads but may not book."""
    event = Event.objects.select_related(*EVENT_COLUMNS).filter(pk=pk).first()
    if event is None or not request.user.has_perm("events.see_logistics", event):
        raise Http404
    if book and not request.user.has_perm("events.book_logistics", event):
        raise PermissionDenied
    return event


def booking_or_404(event, booking_pk):
    return get_object_or_404(
        Booking.objects.select_related("event_expert__expert__user", "participant"),
        pk=booking_pk,
        event=event,
    )


@login_required
def contracted(request):
    """Every event assigned to the contractor, soonest first (404 for anyone else)."""
    if not roles_of(request.user).has(Role.LOGISTICS):
        raise Http404
    events = with_missing_bookings(
        events_assigned_to(request.user).select_related("beneficiary", "venue_country")
    ).order_by("-start_date", "pk")
    return render(request, "events/logistics/contracted.html", {"events": events})


def _travellers(event):
    travels = {
        (travel.event_expert_id, travel.participant_id): travel
        for travel in Travel.objects.filter(event=event)
    }
    rows = []
    for place in travelling_experts(event):
        user = place.expert.user
        rows.append(
            {
                "kind": "expert",
                "pk": place.pk,
                "name": user.full_name,
                "passport_name": place.expert.passport_name,
                "phone": user.phone,
                "from": place.expert.member_state,
                "travel": travels.get((place.pk, None)),
            }
        )
    for participant in participants_travelling_to(event):
        rows.append(
            {
                "kind": "participant",
                "pk": participant.pk,
                "name": participant.full_name,
                "passport_name": participant.passport_name,
                "phone": participant.phone,
                "from": participant.country,
                "travel": travels.get((None, participant.pk)),
            }
        )
    return rows


@login_required
def bookings(request, pk):
    event = logistics_event_or_404(request, pk)
    needs = needs_of(event)
    assignment = getattr(event, "contractor_assignment", None)
    can_assign = request.user.has_perm("events.assign_contractor", event)
    context = {
        "event": event,
        "needs": needs,
        "interpretation_pairs": interpretation_pairs_of(event),
        "missing": [need for need in needs if not need.met],
        "travellers": _travellers(event),
        "bookings": bookings_of(event),
        "kinds": BookingKind,
        "contractor": assignment.contractor if assignment else None,
        "can_book": request.user.has_perm("events.book_logistics", event),
        "can_assign": can_assign,
        "assign_form": AssignContractorForm(
            initial={"contractor": assignment.contractor if assignment else None}
        )
        if can_assign
        else None,
        "is_contractor": roles_of(request.user).has(Role.LOGISTICS),
        "booked": BookingState.BOOKED,
    }
    return render(request, "events/logistics/bookings.html", context)


@login_required
@require_POST
def assign(request, pk):
    event = Event.objects.select_related(*EVENT_COLUMNS).filter(pk=pk).first()
    if event is None or not request.user.has_perm("events.see_logistics", event):
        raise Http404
    if not request.user.has_perm("events.assign_contractor", event):
        raise PermissionDenied
    form = AssignContractorForm(request.POST)
    if form.is_valid():
        try:
            assign_contractor(event, form.cleaned_data["contractor"], actor=request.user)
        except EventError as error:
            messages.error(request, str(error))
        else:
            contractor = form.cleaned_data["contractor"]
            messages.success(
                request,
                gettext("%(contractor)s organises the logistics.") % {"contractor": contractor}
                if contractor
                else gettext("No contractor organises the logistics now."),
            )
    else:
        messages.error(request, gettext("Choose a contractor from the list."))
    return redirect("events:bookings", event.pk)


def render_booking_form(request, event, form, kind, booking=None):
    context = {
        "event": event,
        "form": form,
        "kind_label": BookingKind(kind).label,
        "booking": booking,
        "history": activity_of(booking) if booking else [],
    }
    return render(
        request,
        "events/logistics/booking_form.html",
        context,
        status=400 if form.errors else 200,
    )


def _save(request, event, form, kind, booking=None):
    data = form.cleaned_data
    try:
        return save_booking(
            event,
            kind,
            actor=request.user,
            values=data,
            guest=data.get("guest"),
            languages=list(data.get("languages") or []),
            booking=booking,
        )
    except EventError as error:
        form.add_error(error.field if error.field in form.fields else None, str(error))
        return None


@login_required
def booking_new(request, pk, kind):
    event = logistics_event_or_404(request, pk, book=True)
    if kind not in BookingKind.values:
        raise Http404
    guests = guests_of(event)
    initial = {"starts_on": event.start_date, "ends_on": event.end_date}
    if kind == BookingKind.HOTEL:
        initial["guest"] = request.GET.get("guest", "")
    form = BookingForm(
        request.POST or None,
        instance=Booking(event=event, kind=kind),
        event=event,
        kind=kind,
        guests=guests,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid() and _save(request, event, form, kind):
        messages.success(
            request,
            gettext("The booking is recorded: %(kind)s.")
            % {"kind": str(BookingKind(kind).label).lower()},
        )
        return redirect("events:bookings", event.pk)
    return render_booking_form(request, event, form, kind)


@login_required
def booking_edit(request, pk, booking_pk):
    event = logistics_event_or_404(request, pk, book=True)
    booking = booking_or_404(event, booking_pk)
    form = BookingForm(
        request.POST or None,
        instance=booking,
        event=event,
        kind=booking.kind,
        guests=guests_of(event),
    )
    saved = request.method == "POST" and form.is_valid()
    if saved and _save(request, event, form, booking.kind, booking=booking):
        messages.success(request, gettext("The booking is saved."))
        return redirect("events:bookings", event.pk)
    return render_booking_form(request, event, form, booking.kind, booking)


@login_required
@require_POST
def booking_confirm(request, pk, booking_pk):
    event = logistics_event_or_404(request, pk, book=True)
    booking = booking_or_404(event, booking_pk)
    try:
        confirm_booking(booking, actor=request.user)
    except EventError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, gettext("The booking is marked as booked."))
    return redirect("events:bookings", event.pk)


@login_required
def booking_cancel(request, pk, booking_pk):
    event = logistics_event_or_404(request, pk, book=True)
    booking = booking_or_404(event, booking_pk)
    form = CancelBookingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cancel_booking(booking, actor=request.user, reason=form.cleaned_data["reason"])
        except EventError as error:
            form.add_error("reason" if error.field == "reason" else None, str(error))
        else:
            messages.success(request, gettext("The booking is cancelled."))
            return redirect("events:bookings", event.pk)
    context = {"event": event, "booking": booking, "form": form}
    return render(
        request,
        "events/logistics/booking_cancel.html",
        context,
        status=400 if form.errors else 200,
    )


@login_required
def booking_payment(request, pk, booking_pk):
    event = logistics_event_or_404(request, pk, book=True)
    booking = booking_or_404(event, booking_pk)
    form = BookingPaymentForm(
        request.POST or None,
        initial={"actual_cost": booking.planned_cost, "paid_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            record_payment(booking, actor=request.user, **form.cleaned_data)
        except EventError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
        else:
            messages.success(request, gettext("The payment is recorded."))
            return redirect("events:bookings", event.pk)
    context = {"event": event, "booking": booking, "form": form}
    return render(
        request,
        "events/logistics/booking_payment.html",
        context,
        status=400 if form.errors else 200,
    )


@login_required
def travel(request, pk, kind, traveller_pk):
    """The contractor records the travel of a travelling expert or participant (the same form
    and checks as the staff's travel page)."""
    event = logistics_event_or_404(request, pk, book=True)
    found = guests_of(event).get((kind, traveller_pk))
    if found is None:
        raise Http404
    traveller, name = found
    lookup = {"event_expert": traveller} if kind == "expert" else {"participant": traveller}
    instance = Travel.objects.filter(**lookup).first() or Travel(event=event, **lookup)
    form = TravelForm(request.POST or None, instance=instance, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            save_travel(event, traveller, actor=request.user, values=form.cleaned_data)
        except EventError as error:
            form.add_error(error.field, str(error))
        else:
            messages.success(request, gettext("The travel of %(name)s is saved.") % {"name": name})
            return redirect("events:bookings", event.pk)
    context = {"event": event, "form": form, "traveller_name": name, "is_new": instance.pk is None}
    return render(
        request,
        "events/logistics/travel_form.html",
        context,
        status=400 if form.errors else 200,
    )

"""What waits for the logistics contractor: the events it must organise (soonest first, with
how many bookings each still misses) and the bookings still waiting for the supplier."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from taiex.events.enums import PREPARATION_STATES, BookingState
from taiex.events.models import Booking
from taiex.events.queries.logistics import events_assigned_to, events_to_organise

from .sections import Item, day_of, section


def missing_label(count):
    if count == 0:
        return _("everything booked")
    return ngettext("%(count)s booking to make", "%(count)s bookings to make", count) % {
        "count": count
    }


def contractor_sections(user):
    today = timezone.localdate()
    to_organise = events_to_organise(user, today).select_related("beneficiary", "venue_country")
    requested = (
        Booking.objects.filter(
            event__in=events_assigned_to(user).filter(state__in=PREPARATION_STATES),
            state=BookingState.REQUESTED,
        )
        .select_related("event")
        .order_by("starts_on", "pk")
    )
    contracted = reverse("events:contracted")
    return [
        section(
            "events_to_organise",
            _("Events to organise"),
            to_organise,
            lambda event: Item(
                label=f"{event.reference} {event.title}",
                url=reverse("events:bookings", args=[event.pk]),
                detail=_("%(place)s: %(missing)s")
                % {
                    "place": event.place or event.venue_country or event.beneficiary,
                    "missing": missing_label(event.missing_bookings),
                },
                deadline=event.start_date,
            ),
            more_url=contracted,
        ),
        section(
            "bookings_requested",
            _("Bookings waiting for the supplier's confirmation"),
            requested,
            lambda booking: Item(
                label=f"{booking.get_kind_display()}: {booking.supplier}",
                url=reverse("events:booking_edit", args=[booking.event_id, booking.pk]),
                detail=booking.event.reference,
                since=day_of(booking.created_at),
                deadline=booking.starts_on,
            ),
            more_url=contracted,
        ),
    ]

"""The logistics section of the event's page, for staff: the contractor, how many bookings are
still to make and the state of every booking (the bookings page has the details and the forms).
Two queries whatever the number of bookings."""

from django import template

from ..models import Booking, Event
from ..queries.logistics import with_missing_bookings

register = template.Library()


@register.inclusion_tag("events/logistics/_event_section.html", takes_context=True)
def event_logistics_section(context, event):
    user = context["request"].user
    if not user.has_perm("events.see_logistics", event):
        return {"shown": False}
    counted = (
        with_missing_bookings(Event.objects.filter(pk=event.pk))
        .select_related("contractor_assignment__contractor")
        .get()
    )
    assignment = getattr(counted, "contractor_assignment", None)
    bookings = (
        Booking.objects.filter(event=event)
        .select_related("event_expert__expert__user", "participant")
        .order_by("kind", "starts_on", "pk")
    )
    return {
        "shown": True,
        "event": event,
        "contractor": assignment.contractor if assignment else None,
        "missing": counted.missing_bookings,
        "bookings": list(bookings),
    }

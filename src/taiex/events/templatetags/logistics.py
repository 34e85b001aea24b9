"""The logistics section of the event's page, for staff: the contractor, what is still to book
and the state of every booking (the bookings page has the details and the forms)."""

from django import template

from ..queries.logistics import bookings_of, needs_of

register = template.Library()


@register.inclusion_tag("events/logistics/_event_section.html", takes_context=True)
def event_logistics_section(context, event):
    user = context["request"].user
    if not user.has_perm("events.see_logistics", event):
        return {"shown": False}
    assignment = getattr(event, "contractor_assignment", None)
    needs = needs_of(event)
    return {
        "shown": True,
        "event": event,
        "contractor": assignment.contractor if assignment else None,
        "missing": [need for need in needs if not need.met],
        "bookings": list(bookings_of(event)),
        "can_book": False,
    }

"""Writes on travel: the itinerary, hotel, meals, booking state and cost of one traveller (an
accepted expert of the event, or a travelling participant), with the checks
that keep it consistent with the event's dates."""

from datetime import timedelta

from django.db import transaction
from django.utils.translation import gettext, ngettext

from taiex.core.audit import log_action

from ..enums import BookingState
from ..models import EventExpert, Participant, Travel
from ..queries.fees import is_travelling
from .errors import EventError
from .line_texts import local_day

# How far travel may lie from the event: arriving up to 3 days before, leaving up to 3 after.
DAYS_AROUND_EVENT = 3
TRAVEL_FIELDS = [
    "from_place",
    "to_place",
    "outbound_date",
    "outbound_departure",
    "outbound_arrival",
    "return_date",
    "return_departure",
    "return_arrival",
    "flight_details",
    "hotel_nights",
    "breakfasts_provided",
    "lunches_provided",
    "dinners_provided",
    "state",
    "cost",
    "actual_cost",
    "supplier_reference",
    "note",
]


def traveller_name(traveller):
    if isinstance(traveller, EventExpert):
        return traveller.expert.user.full_name
    return traveller.full_name


def travel_problems(event, values) -> dict:
    """What is wrong with these travel `values` for `event`: {field: message}, empty when
    nothing is. Missing values are the form's business and are skipped here."""
    problems = {}
    if event.start_date is None or event.end_date is None:
        return {None: gettext("The event has no dates yet: fix them before recording travel.")}
    outbound, back = values.get("outbound_date"), values.get("return_date")
    earliest = event.start_date - timedelta(days=DAYS_AROUND_EVENT)
    latest = event.end_date + timedelta(days=DAYS_AROUND_EVENT)
    if outbound is not None:
        if outbound < earliest:
            problems["outbound_date"] = gettext(
                "The outbound date cannot be earlier than %(earliest)s, %(days)s days before the "
                "event starts."
            ) % {"earliest": local_day(earliest), "days": DAYS_AROUND_EVENT}
        elif outbound > event.end_date:
            problems["outbound_date"] = gettext(
                "The outbound date cannot be after the event ends (%(end_date)s)."
            ) % {"end_date": local_day(event.end_date)}
    if back is not None:
        if outbound is not None and back < outbound:
            problems["return_date"] = gettext("The return date cannot be before the outbound date.")
        elif back > latest:
            problems["return_date"] = gettext(
                "The return date cannot be later than %(latest)s, %(days)s days after the event "
                "ends."
            ) % {"latest": local_day(latest), "days": DAYS_AROUND_EVENT}
        elif back < event.start_date:
            problems["return_date"] = gettext(
                "The return date cannot be before the event starts (%(start_date)s)."
            ) % {"start_date": local_day(event.start_date)}
    if (
        outbound is not None
        and back is not None
        and back == outbound
        and values.get("outbound_departure")
        and values.get("return_arrival")
        and values["return_arrival"] <= values["outbound_departure"]
    ):
        problems["return_arrival"] = gettext(
            "On a same-day trip the return flight must land after the outbound flight leaves."
        )
    if outbound is not None and back is not None and back >= outbound:
        days = (back - outbound).days + 1
        nights = days - 1
        if (values.get("hotel_nights") or 0) > nights:
            problems["hotel_nights"] = ngettext(
                "The trip has %(nights)s night: no more hotel nights.",
                "The trip has %(nights)s nights: no more hotel nights.",
                nights,
            ) % {"nights": nights}
        for name, message in (
            (
                "breakfasts_provided",
                ngettext(
                    "The trip has %(days)s day: no more breakfasts than that.",
                    "The trip has %(days)s days: no more breakfasts than that.",
                    days,
                ),
            ),
            (
                "lunches_provided",
                ngettext(
                    "The trip has %(days)s day: no more lunches than that.",
                    "The trip has %(days)s days: no more lunches than that.",
                    days,
                ),
            ),
            (
                "dinners_provided",
                ngettext(
                    "The trip has %(days)s day: no more dinners than that.",
                    "The trip has %(days)s days: no more dinners than that.",
                    days,
                ),
            ),
        ):
            if (values.get(name) or 0) > days:
                problems[name] = message % {"days": days}
    cost = values.get("cost")
    if cost is not None and cost < 0:
        problems["cost"] = gettext("The cost cannot be negative.")
    actual = values.get("actual_cost")
    if actual is not None:
        if actual < 0:
            problems["actual_cost"] = gettext("The invoiced cost cannot be negative.")
        elif values.get("state") is not None and values["state"] != BookingState.BOOKED:
            problems["actual_cost"] = gettext(
                "Only a booked journey has an invoice: mark it as booked, or leave the invoiced "
                "cost empty."
            )
    return problems


def check_traveller(event, traveller):
    """Refuse a traveller who does not travel for `event` (EventError)."""
    if isinstance(traveller, EventExpert):
        if traveller.event_id != event.pk or not traveller.is_current:
            raise EventError(gettext("Only the accepted experts of the event travel for it."))
    elif isinstance(traveller, Participant):
        if not is_travelling(event, traveller):
            raise EventError(
                gettext("Only the travelling participants of the event travel for it.")
            )
    else:
        raise EventError(gettext("Unknown traveller."))


def save_travel(event, traveller, *, actor, values) -> Travel:
    """Record or change the travel of `traveller` (an expert on the event or a travelling
    Participant, `queries.fees.is_travelling`). Refused with EventError naming the field when
    the values do not fit the event. Logged on the event."""
    check_traveller(event, traveller)
    problems = travel_problems(event, values)
    if problems:
        field_name, message = next(iter(problems.items()))
        raise EventError(message, field=field_name)
    key = "event_expert" if isinstance(traveller, EventExpert) else "participant"
    with transaction.atomic():
        travel = Travel.objects.select_for_update().filter(**{key: traveller}).first()
        is_new = travel is None
        travel = travel or Travel(event=event, **{key: traveller})
        for name in TRAVEL_FIELDS:
            if name in values:
                setattr(travel, name, values[name])
        travel.save()
        log_action(
            event,
            actor=actor,
            action="record_travel" if is_new else "edit_travel",
            note=f"Travel of {traveller_name(traveller)}: {travel.get_state_display().lower()}.",
            data={"travel": travel.pk},
        )
    return travel

"""A request answered by a series of events: the case handler adds a follow-up event (a workshop,
then an expert mission to follow it up) to an approved request from one of its events' pages.

The follow-up is created like the request's first event (`create_event_from_application`: the
request's languages, venue country, time zone, expected participants and interpretation), with
its own type, title, dates and experts, and records the event it follows. It is checked against
the dated limits of its own type on its own first day (days and experts; the participants are
checked later, on the event's capacity).
"""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_lazy

from taiex.applications.enums import ApplicationState
from taiex.reference.enums import AssistanceType

from ..enums import EventState
from ..models import Event
from .errors import EventError
from .limits import limit_problems

NO_REQUEST = gettext_lazy(
    "This event was not created from a request, so it has no series to add to."
)
REQUEST_NOT_APPROVED = gettext_lazy("Only an approved request can be answered by further events.")
FOLLOWS_CANCELLED = gettext_lazy("A cancelled event cannot be followed up.")
NO_START = gettext_lazy("Give the first day of the follow-up event.")
ENDS_BEFORE_START = gettext_lazy("The last day cannot be before the first day.")
ONLY_MISSIONS_HAVE_A_KIND = gettext_lazy(
    "Only an expert mission is a peer review or an assessment mission: leave the kind empty for "
    "a workshop or a study visit."
)
NO_EXPERTS_ON_STUDY_VISIT = gettext_lazy(
    "A study visit has no Member State experts (a Member State administration hosts it): "
    "leave the experts at 0."
)


@dataclass(frozen=True)
class FollowUp:
    """What the case handler chooses for a follow-up; the rest comes from the request."""

    follows: Event
    event_type: str
    title: str
    start_date: date | None
    end_date: date | None
    experts_needed: int = 0
    mission_kind: str = ""


def follow_up_refusal(event):
    """Why no follow-up can be added to `event` (a sentence), or None when one can."""
    if event.application_id is None:
        return NO_REQUEST
    if event.application.state != ApplicationState.APPROVED:
        return REQUEST_NOT_APPROVED
    if event.state == EventState.CANCELLED:
        return FOLLOWS_CANCELLED
    return None


def add_follow_up_event(follow_up: FollowUp, *, actor):
    """Create the follow-up event of `follow_up.follows`' request, planned, handled by the same
    case handler; raises EventError (naming the field) and stores nothing when it cannot be."""
    # Imported here: the package's __init__ imports this module's neighbours.
    from . import create_event_from_application

    event = follow_up.follows
    refusal = follow_up_refusal(event)
    if refusal:
        raise EventError(refusal)
    if follow_up.start_date is None:
        raise EventError(NO_START, field="start_date")
    if follow_up.end_date is not None and follow_up.end_date < follow_up.start_date:
        raise EventError(ENDS_BEFORE_START, field="end_date")
    last_day = event.end_date or event.start_date
    if last_day is not None and follow_up.start_date <= last_day:
        raise EventError(
            gettext("A follow-up starts after the event it follows: %(reference)s ends on %(day)s.")
            % {"reference": event.reference, "day": date_format(last_day, "d F Y")},
            field="start_date",
        )
    if follow_up.mission_kind and follow_up.event_type != AssistanceType.EXPERT_MISSION:
        raise EventError(ONLY_MISSIONS_HAVE_A_KIND, field="mission_kind")
    if follow_up.event_type == AssistanceType.STUDY_VISIT and follow_up.experts_needed:
        raise EventError(NO_EXPERTS_ON_STUDY_VISIT, field="experts_needed")
    application = event.application
    with transaction.atomic():
        created = create_event_from_application(
            application,
            actor=actor,
            case_handler=event.case_handler,
            follow_up=follow_up,
            note=f"Created to follow up {event.reference} (request {application.reference}).",
        )
        problems = limit_problems(
            created,
            start_date=created.start_date,
            end_date=created.end_date or created.start_date,
            experts=created.experts_needed,
        )
        if problems:
            raise EventError(problems[0].message, field=problems[0].field)  # rolls back
    return created

"""Events and their participants in the authenticated API (/api/v1/casework/events/): what the
event pages show to the same user, and confirm/cancel through the same services."""

from datetime import date
from typing import Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import Field, Path, Query, Router, Schema
from pydantic import field_validator

from taiex.accounts.api_tokens import read_token, write_token
from taiex.core.api_schemas import MAX_ID, problem_responses, refuse_nul, with_problems
from taiex.core.cursors import page_of
from taiex.core.text import CleanInput

from . import services
from .queries import event_for_detail, events_visible_to, with_staff_columns
from .queries.participants import participants_of

router = Router(tags=["casework events"])


class HostOut(Schema):
    institution: str = Field(description="The Member State administration that hosts.")
    country: str = Field(description="ISO code of its Member State.")


class CaseEventOut(Schema):
    id: int
    reference: str
    type: str
    mission_kind: str | None = Field(
        description="Expert missions: advice, peer_review or assessment; null for other types."
    )
    state: str
    state_label: str
    title: str
    start_date: date | None
    end_date: date | None
    beneficiary: str = Field(description="ISO code of the beneficiary country.")
    team: str | None
    case_handler: str | None
    request: str | None = Field(description="Reference of the request the event answers.")
    follows: str | None = Field(
        description="Reference of the earlier event of the same request that this one follows up."
    )
    host: HostOut | None = Field(
        description="Study visits: the administration that agreed to host (null until one has)."
    )


class CaseEventPage(Schema):
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page.")
    items: list[CaseEventOut]


class ParticipantOut(Schema):
    id: int
    full_name: str
    email: str
    institution: str
    country: str
    state: str
    state_label: str


class ListQuery(CleanInput, Schema):
    limit: int = Field(25, ge=1, le=100, description="Events per page.")
    cursor: str | None = Field(None, max_length=100, description="`next_cursor` of the last page.")


class EventActionIn(CleanInput, Schema):
    note: str = Field("", max_length=5000, description="Optional note when confirming.")
    reason: str = Field("", max_length=5000, description="Required to cancel.")

    check_text = field_validator("reason", "note")(refuse_nul)


EventAction = Literal["confirm", "cancel"]

ACTIONS = {
    "confirm": lambda event, user, body: services.confirm_event(event, actor=user, note=body.note),
    "cancel": lambda event, user, body: services.cancel_event(
        event, actor=user, reason=body.reason
    ),
}


def event_out(event):
    return {
        "id": event.pk,
        "reference": event.reference,
        "type": event.event_type,
        "mission_kind": event.mission_kind or None,
        "state": event.state,
        "state_label": event.get_state_display(),
        "title": event.title,
        "start_date": event.start_date,
        "end_date": event.end_date,
        "beneficiary": event.beneficiary.code,
        "team": event.team.code if event.team else None,
        "case_handler": event.case_handler.full_name if event.case_handler else None,
        "request": event.application.reference if event.application else None,
        "follows": event.follows.reference if event.follows else None,
        "host": host_out(event),
    }


def host_out(event):
    """The agreed host of a study visit (`Event.host_institution`): an administration, never a
    person."""
    host = event.host_institution
    if host is None:
        return None
    return {"institution": host.name, "country": host.country.code}


def participant_out(participant):
    return {
        "id": participant.pk,
        "full_name": participant.full_name,
        "email": participant.email,
        "institution": participant.institution,
        "country": participant.country.code,
        "state": participant.state,
        "state_label": participant.get_state_display(),
    }


def visible_event(user, pk):
    """The event as its page finds it; 404 when the user may not see it."""
    event = event_for_detail(user, pk)
    if event is None or not user.has_perm("events.see_event", event):
        raise Http404
    return event


@router.get(
    "/",
    response=with_problems(CaseEventPage, 401, 404, 422),
    openapi_extra=problem_responses(401, 404, 422),
    auth=read_token,
    summary="Events you may see",
)
def list_events(request, params: Query[ListQuery]):
    """Every event the token's owner sees on the event pages (all states), newest first."""
    visible = with_staff_columns(events_visible_to(request.auth))
    return page_of(visible, cursor=params.cursor, limit=params.limit, shape=event_out)


@router.get(
    "/{event_id}",
    response=with_problems(CaseEventOut, 401, 404, 422),
    openapi_extra=problem_responses(401, 404, 422),
    auth=read_token,
    summary="One event",
)
def get_event(request, event_id: int = Path(..., ge=1, le=MAX_ID)):
    return event_out(visible_event(request.auth, event_id))


@router.get(
    "/{event_id}/participants",
    response=with_problems(list[ParticipantOut], 401, 404, 422),
    openapi_extra=problem_responses(401, 404, 422),
    auth=read_token,
    summary="The participants of an event",
)
def list_participants(request, event_id: int = Path(..., ge=1, le=MAX_ID)):
    """Every registration in registration order, as the event's participants page lists them."""
    event = visible_event(request.auth, event_id)
    return [participant_out(p) for p in participants_of(event)]


@router.post(
    "/{event_id}/actions/{action}",
    response=with_problems(CaseEventOut, 400, 401, 403, 404, 409, 422),
    openapi_extra=problem_responses(400, 401, 403, 404, 409, 422),
    auth=write_token,
    summary="Confirm or cancel an event (needs a write token)",
)
def act_on_event(
    request, action: EventAction, body: EventActionIn, event_id: int = Path(..., ge=1, le=MAX_ID)
):
    """With the page's permission (managing the event); a move not possible now is a 409."""
    event = visible_event(request.auth, event_id)
    if not request.auth.has_perm("events.manage_event", event):
        raise PermissionDenied
    ACTIONS[action](event, request.auth, body)
    return event_out(visible_event(request.auth, event_id))

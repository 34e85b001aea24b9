"""Requests in the authenticated API (/api/v1/requests/): what the pages show to the same user,
and the workflow moves as POST actions through the same services and permissions as the page."""

from datetime import datetime
from typing import Literal

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema
from pydantic import field_validator

from taiex.accounts.api_tokens import read_token, write_token
from taiex.core.api_schemas import MAX_ID, problem_responses, refuse_nul, with_problems
from taiex.core.cursors import page_of
from taiex.core.text import CleanInput

from . import queries, services
from .models import InterpretationPair

router = Router(tags=["requests"])


class InterpretationPairOut(Schema):
    source: str = Field(description="ISO 639 code of the language interpreted from.")
    target: str = Field(description="ISO 639 code of the language interpreted into.")
    mode: Literal["simultaneous", "consecutive"]


class RequestOut(Schema):
    id: int
    reference: str | None
    state: str
    state_label: str
    title: str
    country: str | None = Field(description="ISO code of the beneficiary country.")
    lead_institution: str | None
    team: str | None
    case_handler: str | None
    submitted_at: datetime | None
    forwarded_at: datetime | None
    interpretation: list[InterpretationPairOut] = Field(
        description="The language pairs to interpret, in the order the applicant gave them."
    )
    interpretation_note: str = Field(description="Other interpretation needs, as free text.")


class RequestPage(Schema):
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page.")
    items: list[RequestOut]


class ListQuery(CleanInput, Schema):
    limit: int = Field(25, ge=1, le=100, description="Requests per page.")
    cursor: str | None = Field(None, max_length=100, description="`next_cursor` of the last page.")


class ActionIn(CleanInput, Schema):
    reason: str = Field("", max_length=5000, description="Required to withdraw, return, hold.")
    note: str = Field("", max_length=5000, description="Optional note to forward or resume.")

    check_text = field_validator("reason", "note")(refuse_nul)


Action = Literal["submit", "withdraw", "return", "forward", "hold", "resume"]

# action -> (the page's permission, the service call): the same table as the request page.
ACTIONS = {
    "submit": ("submit", lambda a, user, body: services.submit_application(a, actor=user)),
    "withdraw": (
        "withdraw",
        lambda a, user, body: services.withdraw_application(a, actor=user, reason=body.reason),
    ),
    "return": (
        "check",
        lambda a, user, body: services.return_application(a, actor=user, reason=body.reason),
    ),
    "forward": (
        "check",
        lambda a, user, body: services.forward_application(a, actor=user, note=body.note),
    ),
    "hold": ("hold", lambda a, user, body: services.put_on_hold(a, actor=user, reason=body.reason)),
    "resume": (
        "hold",
        lambda a, user, body: services.resume_application(a, actor=user, note=body.note),
    ),
}


def request_out(application):
    return {
        "id": application.pk,
        "reference": application.reference,
        "state": application.state,
        "state_label": application.get_state_display(),
        "title": application.title,
        "country": application.country.code if application.country else None,
        "lead_institution": str(application.lead_institution)
        if application.lead_institution
        else None,
        "team": application.team.code if application.team else None,
        "case_handler": application.case_handler.full_name if application.case_handler else None,
        "submitted_at": application.submitted_at,
        "forwarded_at": application.forwarded_at,
        "interpretation": [
            {"source": pair.source.code, "target": pair.target.code, "mode": pair.mode}
            for pair in application.interpretation_pairs.all()
        ],
        "interpretation_note": application.interpretation_note,
    }


def with_api_columns(queryset):
    """The list columns and the interpretation pairs (two queries whatever the page size)."""
    return queries.with_list_columns(queryset).prefetch_related(
        Prefetch(
            "interpretation_pairs",
            queryset=InterpretationPair.objects.select_related("source", "target"),
        )
    )


def visible_request(user, pk):
    """404 for a request the user may not see, as on the page: existence never leaks."""
    return get_object_or_404(with_api_columns(queries.applications_visible_to(user)), pk=pk)


@router.get(
    "/",
    response=with_problems(RequestPage, 401, 404, 422),
    openapi_extra=problem_responses(401, 404, 422),
    auth=read_token,
    summary="Requests you may see",
)
def list_requests(request, params: Query[ListQuery]):
    """The requests the token's owner sees on the pages, newest first."""
    visible = with_api_columns(queries.applications_visible_to(request.auth))
    return page_of(visible, cursor=params.cursor, limit=params.limit, shape=request_out)


@router.get(
    "/{request_id}",
    response=with_problems(RequestOut, 401, 404, 422),
    openapi_extra=problem_responses(401, 404, 422),
    auth=read_token,
    summary="One request",
)
def get_request(request, request_id: int = Path(..., ge=1, le=MAX_ID)):
    return request_out(visible_request(request.auth, request_id))


@router.post(
    "/{request_id}/actions/{action}",
    response=with_problems(RequestOut, 400, 401, 403, 404, 409, 422),
    openapi_extra=problem_responses(400, 401, 403, 404, 409, 422),
    auth=write_token,
    summary="Move a request (needs a write token)",
)
def act_on_request(
    request, action: Action, body: ActionIn, request_id: int = Path(..., ge=1, le=MAX_ID)
):
    """submit, withdraw, return, forward, hold or resume, with the page's permission; a move the
    workflow does not allow now is a 409, a missing reason a 422 naming `reason`."""
    application = visible_request(request.auth, request_id)
    permission, move = ACTIONS[action]
    if not request.auth.has_perm(f"applications.{permission}_application", application):
        raise PermissionDenied
    move(application, request.auth, body)
    return request_out(visible_request(request.auth, request_id))

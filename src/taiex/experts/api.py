"""The expert database in the authenticated API (/api/v1/experts/), for staff only as on the
search pages (404 for everybody else); read through experts' own queries."""

from typing import Literal

from django.http import Http404
from ninja import Field, Path, Query, Router, Schema
from pydantic import field_validator

from taiex.accounts.api_tokens import read_token
from taiex.core.api_schemas import MAX_ID, problem_responses, refuse_nul, with_problems
from taiex.core.cursors import page_of

from .models import Expert
from .queries.profiles import expert_for_review
from .queries.search import experts_matching

router = Router(tags=["experts"])

VerificationFilter = Literal["", "pending", "verified", "rejected"]


class ExpertLanguageOut(Schema):
    language: str
    level: str


class ExpertOut(Schema):
    id: int
    full_name: str
    email: str
    member_state: str = Field(description="ISO code of the expert's Member State.")
    employer: str | None
    position: str
    years_of_experience: int
    verification_state: str
    is_active: bool
    languages: list[ExpertLanguageOut]
    chapters: list[int]


class ExpertPage(Schema):
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page.")
    items: list[ExpertOut]


class ExpertQuery(Schema):
    q: str = Field("", max_length=200, description="Words in the name, expertise, keywords...")
    verification_state: VerificationFilter = Field("", description="Only experts in this state.")
    limit: int = Field(25, ge=1, le=100, description="Experts per page.")
    cursor: str | None = Field(None, max_length=100, description="`next_cursor` of the last page.")

    check_text = field_validator("q")(refuse_nul)


def expert_out(expert):
    return {
        "id": expert.pk,
        "full_name": expert.user.full_name,
        "email": expert.user.email,
        "member_state": expert.member_state.code,
        "employer": expert.employer.name if expert.employer else None,
        "position": expert.position,
        "years_of_experience": expert.years_of_experience,
        "verification_state": expert.verification_state,
        "is_active": expert.is_active,
        "languages": [
            {"language": entry.language.code, "level": entry.level}
            for entry in expert.languages.all()
        ],
        "chapters": sorted(chapter.number for chapter in expert.chapters.all()),
    }


def require_staff(user):
    if not user.has_perm("experts.search_experts"):
        raise Http404


@router.get(
    "/",
    response=with_problems(ExpertPage, 401, 404, 422),
    openapi_extra=problem_responses(401, 404, 422),
    auth=read_token,
    summary="Search the expert database",
)
def list_experts(request, params: Query[ExpertQuery]):
    require_staff(request.auth)
    experts = experts_matching(text=params.q, verification_state=params.verification_state)
    return page_of(experts, cursor=params.cursor, limit=params.limit, shape=expert_out)


@router.get(
    "/{expert_id}",
    response=with_problems(ExpertOut, 401, 404, 422),
    openapi_extra=problem_responses(401, 404, 422),
    auth=read_token,
    summary="One expert",
)
def get_expert(request, expert_id: int = Path(..., ge=1, le=MAX_ID)):
    require_staff(request.auth)
    try:
        return expert_out(expert_for_review(expert_id))
    except Expert.DoesNotExist:
        raise Http404 from None

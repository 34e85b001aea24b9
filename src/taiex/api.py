"""The one JSON API of taiex under /api/v1/; errors are application/problem+json."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from taiex.accounts.api_tokens import ReadOnlyToken
from taiex.applications.services import ApplicationError
from taiex.core.workflow import TransitionNotAllowed
from taiex.events.services.errors import EventError


class TaiexAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        """Every operation may answer 400: an address holding a control character is refused
        before any view (core.middleware.RefuseControlCharactersMiddleware); the schema says so."""
        schema = super().get_openapi_schema(*args, **kwargs)
        problem = {"schema": {"$ref": "#/components/schemas/Problem"}}
        for operations in schema["paths"].values():
            for operation in operations.values():
                operation["responses"].setdefault(
                    400,
                    {
                        "description": "A control character in the address",
                        "content": {"application/problem+json": problem},
                    },
                )
        return schema


api = TaiexAPI(
    title="taiex API",
    version="1",
    description="Public reference data and implemented events of the technical assistance "
    "instrument, and with a personal token (Authorization: Bearer ..., created on the profile "
    "page) the requests, events, participants and experts its owner may see, and the workflow "
    "moves. Errors are RFC 9457 problem documents.",
    urls_namespace="api",
)


def problem(request, status, title, detail, errors=None):
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    if errors:
        body["errors"] = errors
    response = api.create_response(request, body, status=status)
    response["Content-Type"] = "application/problem+json"
    return response


@api.exception_handler(ValidationError)
def validation_problem(request, exc):
    errors = [
        {
            "field": ".".join(str(part) for part in error.get("loc", [])[1:]) or None,
            "in": (error.get("loc") or ["body"])[0],
            "message": error.get("msg", "invalid"),
        }
        for error in exc.errors
    ]
    fields = ", ".join(sorted({e["field"] for e in errors if e["field"]}))
    return problem(request, 422, "Invalid input", f"Check these fields: {fields}.", errors)


@api.exception_handler(HttpError)
def http_problem(request, exc):
    """ninja's own errors (a body that is not JSON is a 400) as problem documents too."""
    return problem(request, exc.status_code, "Bad request", str(exc))


@api.exception_handler(Http404)
def not_found_problem(request, exc):
    return problem(request, 404, "Not found", "No such resource.")


@api.exception_handler(AuthenticationError)
def unauthenticated_problem(request, exc):
    return problem(request, 401, "Unauthenticated", "Log in or send a personal token.")


@api.exception_handler(ReadOnlyToken)
def read_only_problem(request, exc):
    return problem(request, 403, "Read-only token", "This token may read but not change.")


@api.exception_handler(PermissionDenied)
def forbidden_problem(request, exc):
    return problem(request, 403, "Forbidden", "You may see this but not do this.")


@api.exception_handler(TransitionNotAllowed)
def conflict_problem(request, exc):
    return problem(request, 409, "Not possible now", str(exc))


@api.exception_handler(ApplicationError)
def request_problem(request, exc):
    errors = [
        {"field": field, "in": "body", "message": message}
        for field, messages in exc.problems.items()
        for message in messages
    ]
    return problem(request, 422, "Invalid input", str(exc), errors or None)


@api.exception_handler(EventError)
def event_problem(request, exc):
    errors = [{"field": exc.field, "in": "body", "message": str(exc)}] if exc.field else None
    return problem(request, 422, "Invalid input", str(exc), errors)


api.add_router("/reference/", "taiex.reference.api.router")
api.add_router("/events/", "taiex.portal.api.router")
api.add_router("/statistics/", "taiex.portal.statistics.api.router")
api.add_router("/requests/", "taiex.applications.api.router")
api.add_router("/casework/events/", "taiex.events.api.router")
api.add_router("/experts/", "taiex.experts.api.router")

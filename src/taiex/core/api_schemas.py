"""What every part of the API shares in its schema: the problem document (RFC 9457) its errors
are sent as, and how an operation declares them."""

from ninja import Schema


class Problem(Schema):
    type: str
    title: str
    status: int
    detail: str
    errors: list[dict] | None = None


def problem_responses(*statuses):
    """Errors are sent as application/problem+json (taiex.api); the schema says so."""
    problem = {"schema": {"$ref": "#/components/schemas/Problem"}}
    return {
        "responses": {
            status: {"content": {"application/problem+json": problem}} for status in statuses
        }
    }


def with_problems(schema, *statuses):
    """The `response=` of an operation: `schema` on 200, a Problem on each error status."""
    return {200: schema, **dict.fromkeys(statuses, Problem)}


# The largest primary key a database column holds; a larger id is a 422, not a database error.
MAX_ID = 2**63 - 1


def refuse_nul(value):
    """PostgreSQL cannot store a NUL character: refuse it as bad input (422)."""
    if "\x00" in value:
        raise ValueError("The text contains a NUL character.")
    return value

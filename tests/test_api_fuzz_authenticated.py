"""The authenticated API (requests, casework events, participants, experts) fuzzed against its
own OpenAPI schema with a head of unit's write token: no server error, and every response
matches the schema. Runs on both CI databases, with a bounded number of examples."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from taiex.accounts.enums import Role
from taiex.applications import services
from taiex.reference.models import ThematicTeam
from tests.factories import EventFactory, ExpertFactory, make_user, submittable_application
from tests.factories.participants import ParticipantFactory
from tests.factories.tokens import bearer

# The WSGI application without taiex.wsgi's start-up warm-up, whose background thread would query
# the database from outside the tests' access to it.
application = get_wsgi_application()
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application).include(
    path_regex="^/api/v1/(requests|casework|experts)/"
)
CHECKS = [
    schemathesis.checks.not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def signed_in(db, applicant):
    """Something to read and move, a write token of the head of unit, and the test's database
    connection kept open across the WSGI requests (as Django's test client does)."""
    services.submit_application(submittable_application(applicant), actor=applicant)
    event = EventFactory(state="planned", team=ThematicTeam.objects.get(code="jfs"))
    ParticipantFactory(event=event)
    ExpertFactory()
    headers = bearer(make_user(Role.HEAD_OF_UNIT), scope="write")
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield headers
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_authenticated_api_conforms_to_its_schema(signed_in, case):
    case.call_and_validate(headers=signed_in, checks=CHECKS)

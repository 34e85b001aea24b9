"""The public API fuzzed against its own OpenAPI schema (schemathesis): no server error, every
response (200, 404, 422) matches the schema. Runs on both CI databases, with a bounded number
of examples per operation."""

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

# The WSGI application without taiex.wsgi's start-up warm-up, whose background thread would query
# the database from outside the tests' access to it.
application = get_wsgi_application()
# Every endpoint of the public API: events, reference data and statistics.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
CHECKS = [
    schemathesis.checks.not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def some_events(catalogue):
    """Events to find, and the test's database connection kept open across the WSGI
    requests (as Django's test client does), or its transaction would be closed."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield catalogue
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_conforms_to_its_schema(some_events, case):
    case.call_and_validate(checks=CHECKS)

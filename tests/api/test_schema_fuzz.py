"""Schemathesis against the served schema: generated requests for every operation, valid and
invalid, find no server error and no response that breaks the schema.

The WSGI application runs in the test's thread, on the test's database connection, so it
reads the seeded world inside the test's transaction on SQLite and PostgreSQL alike. The run
is bounded by its number of examples (derandomised: the same requests every run) rather than
by a Hypothesis deadline, which would assert a wall time on a shared machine.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from forum.wsgi import application

EXAMPLES_PER_OPERATION = 25
CHECKS = [not_a_server_error, response_schema_conformance]


@pytest.fixture
def served_schema(world, settings):
    settings.AGORA_API_RATES = {}  # the fuzzer is one client asking fast: no rate limit here
    # Django closes the connection when a request ends, which inside the test's transaction
    # (on PostgreSQL) loses the world; its own test client stops that the same way.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_generated_requests_find_no_server_error_and_no_schema_break(served_schema, mode):
    operations = [result.ok() for result in served_schema.get_all_operations()]
    assert len(operations) == 12
    for operation in operations:

        @given(case=operation.as_strategy(generation_mode=mode))
        @hypothesis_settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case) -> None:
            case.call_and_validate(checks=CHECKS)

        check()

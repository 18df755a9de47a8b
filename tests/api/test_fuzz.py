"""Schemathesis reads the live schema (/api/v1/openapi.json) and throws generated
requests at every operation through the Django WSGI app, with an office token and a
district handler's: no server error, and every answer fits the schema (status
documented, body in the documented shape, JSON). Few examples, so it stays quick."""

from contextlib import contextmanager

import schemathesis
from django.core import signals
from django.core.cache import cache
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api.test_complaints import ComplaintApiTestCase

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES = 12


@contextmanager
def in_test_transaction():
    """As Django's test client does: a request must not close the test's connection."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


class FuzzTests(ComplaintApiTestCase):
    def fuzz(self, token: str):
        raw = self.client.get("/api/v1/openapi.json", HTTP_AUTHORIZATION=f"Bearer {token}").json()
        schema = schemathesis.openapi.from_dict(raw)
        app = get_wsgi_application()
        headers = {"Authorization": f"Bearer {token}"}
        operations = [result.ok() for result in schema.get_all_operations()]
        self.assertGreater(len(operations), 3)
        for operation in operations:
            with self.subTest(operation=operation.label):

                @given(case=operation.as_strategy())
                @settings(
                    max_examples=EXAMPLES,
                    deadline=None,
                    database=None,
                    derandomize=True,
                    suppress_health_check=list(HealthCheck),
                )
                def run(case):
                    cache.clear()  # failed-token throttling is not what is tested here
                    response = case.call(app=app, headers=headers)
                    case.validate_response(response, checks=CHECKS)

                with in_test_transaction():
                    run()

    def test_the_office_token_finds_no_server_error_and_no_schema_violation(self):
        self.fuzz(self.office_token)

    def test_a_handler_token_finds_no_server_error_and_no_schema_violation(self):
        self.fuzz(self.handler_token)

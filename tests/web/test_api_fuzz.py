"""The JSON API fuzzed from its OpenAPI description (schemathesis): no 500s, answers match the description."""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis not installed: pip install -e '.[fuzz]'")
from hypothesis import HealthCheck, given, settings  # noqa: E402


def test_api_never_fails(example_db):
    from consilience.web import create_app

    schema = schemathesis.openapi.from_asgi("/api/openapi.json", create_app(example_db))
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10
    for operation in operations:

        @settings(max_examples=30, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def check(case):
            response = case.call()
            assert response.status_code < 500, (case.path, case.query, response.text[:300])
            assert response.status_code in (200, 400, 404), (case.path, case.query, response.status_code)
            if response.status_code == 200:
                operation.validate_response(response)

        check()

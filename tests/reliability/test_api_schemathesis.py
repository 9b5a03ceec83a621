"""schemathesis against the OpenAPI spec: generated requests to every operation, reads and writes (with a
key), on both databases; no answer may be a server error. Skipped where schemathesis is not installed.

(schemathesis' own pytest integration for schemas built in fixtures needs pytest < 9, so its hypothesis
strategies are driven here directly, one operation after another.)"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings

from tests.reliability.conftest import API_KEY

schemathesis = pytest.importorskip("schemathesis")
EXAMPLES = 8  # per operation


def test_no_server_errors(api: TestClient) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", api.app)
    failures: list[str] = []
    calls = 0
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                  suppress_health_check=list(HealthCheck))
        def call(case) -> None:  # type: ignore[no-untyped-def]
            nonlocal calls
            calls += 1
            response = case.call(headers={"X-API-Key": API_KEY})
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path} {case.query} {case.body!r:.200}: "
                                f"{response.status_code} {response.text[:200]}")

        call()
    assert failures == [], "\n".join(failures)
    assert calls >= 2 * len(list(schema.get_all_operations()))

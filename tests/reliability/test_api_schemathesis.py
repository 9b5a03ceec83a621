"""schemathesis against the OpenAPI spec: generated requests to every operation, reads and writes (with a
key), on both databases; no answer may be a server error. Skipped where schemathesis is not installed.
``make fuzz`` runs the same driver (``evaluation/api_fuzz.py``) with a larger budget."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from evaluation.api_fuzz import fuzz_operations
from tests.reliability.conftest import API_KEY

pytest.importorskip("schemathesis")
EXAMPLES = 8  # per operation


def test_no_server_errors(api: TestClient) -> None:
    found = fuzz_operations(api.app, EXAMPLES, api_key=API_KEY)
    assert found.failures == [], "\n".join(found.failures)
    assert found.server_errors == 0
    # every operation was reached (one without parameters has a single possible request)
    assert len(found.calls) >= 20 and sum(found.calls.values()) >= EXAMPLES * (len(found.calls) - 3), found.calls

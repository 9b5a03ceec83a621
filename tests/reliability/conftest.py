"""An API over an analysed store, for the hostile-request tests (SQL injection, schemathesis)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from service.api.app import create_app
from service.ingest.runner import Ingestor
from service.settings import Settings
from tests.conftest import DEMO

API_KEY = "secret"


@pytest.fixture
def api(settings: Settings) -> Iterator[TestClient]:
    """Part of the demo corpus, analysed (so organizations, events and figures exist), behind an API that
    answers server errors as responses (to be counted) and accepts writes with ``X-API-Key: secret``."""
    from service.pipeline import analyze_stored_document

    settings.api_keys = [f"tester:{API_KEY}"]
    inputs = [str(p) for p in sorted((DEMO / "tr").glob("0[1-7]*.html")) + sorted((DEMO / "fa").glob("0[1-6]*.html"))]
    Ingestor(settings, on_document=analyze_stored_document).run([*inputs, str(DEMO / "bulletin")], progress=False)
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        yield client

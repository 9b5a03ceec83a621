"""SQL (and full-text query) injection through every parameter of every read route, API and web UI: the
answer is 2xx or 4xx, fast (no injected sleep ran), and the store is unchanged afterwards."""

from __future__ import annotations

import time
from urllib.parse import quote

from fastapi.testclient import TestClient
from sqlalchemy import func, select, text

from service.api.ui import FILTER_KEYS
from service.settings import Settings
from service.store.db import transaction
from service.store.models import CurationAction, Document, EntityMention, Event, Organization

INJECTIONS = [
    "' OR '1'='1' --",
    "1; DROP TABLE documents; --') UNION SELECT id, text FROM documents --",
    "1 AND (SELECT 1 FROM pg_sleep(3)) IS NOT NULL OR randomblob(900000000) --'",  # time-based probes
    "a:* & !b | (c <-> d NEAR(a b) OR title:x* \"%",  # PostgreSQL tsquery, SQLite FTS5 and LIKE syntax
    "\x00",  # PostgreSQL refuses NUL bytes in text
    "9" * 40,  # no database integer holds it
    "a" * 3000,
]
#: Web UI pages and the query parameters they read themselves (they are not in the OpenAPI spec).
UI_ROUTES = {
    "/": [*FILTER_KEYS, "q", "p", "cursor", "ui"],
    "/ui/organizations": ["q", "lang", "offset"],
    "/ui/events": ["type", "lang", "offset"],  # slow pages: the filters they share with "/" are tried there
    "/ui/graph": ["event_type", "date_from"],
    "/ui/documents/1": ["hl", "ui"],
}


def _snapshot(settings: Settings) -> dict:
    with transaction(settings.database_url) as session:
        counts = {m.__tablename__: session.scalar(select(func.count()).select_from(m))
                  for m in (Document, EntityMention, Organization, Event, CurationAction)}
        counts["search_index"] = session.scalar(text("SELECT count(*) FROM search_index"))
    return counts


def _targets(client: TestClient) -> list[tuple[str, str | None]]:
    """(path, query parameter) for every parameter of every GET route; None marks an injected path."""
    targets: list[tuple[str, str | None]] = []
    for path, operations in client.app.openapi()["paths"].items():
        operation = operations.get("get")
        if operation is None:
            continue
        parameters = operation.get("parameters", [])
        concrete = path
        for parameter in parameters:
            if parameter["in"] == "path":
                targets.append((path.replace("{" + parameter["name"] + "}", "{}"), None))
                concrete = concrete.replace("{" + parameter["name"] + "}", "documents" if "dataset" in
                                            parameter["name"] else "1")
        targets += [(concrete, p["name"]) for p in parameters if p["in"] == "query"]
    targets += [(path, name) for path, names in UI_ROUTES.items() for name in names]
    return targets


def test_injection_through_every_parameter(api: TestClient, settings: Settings) -> None:
    before = _snapshot(settings)
    baseline = api.get("/search", params={"q": "eğitim"}).json()["total"]
    failures, slowest = [], 0.0
    for path, name in _targets(api):
        for payload in INJECTIONS:
            started = time.perf_counter()
            if name is None:
                response = api.get(path.replace("{}", quote(payload, safe="")))
            else:
                response = api.get(path, params={name: payload})
            slowest = max(slowest, time.perf_counter() - started)
            if response.status_code >= 500:
                failures.append(f"{response.status_code} {path} {name}={payload[:40]!r}: {response.text[:200]}")
    assert failures == [], "\n".join(failures)
    assert slowest < 2.5  # an injected sleep (pg_sleep, randomblob) would have run for seconds
    assert _snapshot(settings) == before
    assert api.get("/search", params={"q": "eğitim"}).json()["total"] == baseline

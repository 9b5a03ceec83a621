"""Fixtures of the monitor tests: a fresh local site per test and a registry of sources pointing at it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

from service.monitor.registry import load_registry, upsert_source
from service.settings import Settings
from service.store.db import migrate, transaction
from tests.conftest import DEMO
from tests.ingest.server import LocalServer

T0 = datetime(2026, 1, 5, 6, 0, tzinfo=UTC)


@pytest.fixture
def server() -> Iterator[LocalServer]:
    """Function-scoped: each test gets its own feed state and hit counters."""
    with LocalServer(DEMO) as running:
        yield running


def registry_file(server: LocalServer, folder: Path) -> Path:
    """The sample registry's shape, pointed at the local server (as an operator would write it)."""
    data = {
        "defaults": {"schedule": "6h", "delay": 0, "max_pages": 20, "country": "TR"},
        "sources": [
            {"name": "local-feed", "language": "tr", "kind": "feed", "url": server.url("/monitor/feed.xml")},
            {"name": "local-sitemap", "language": "tr", "kind": "sitemap", "url": server.url("/monitor/sitemap.xml")},
            {"name": "local-section", "language": "tr", "kind": "section", "url": server.url("/monitor/section.html"),
             "hints": {"links": "//ul[@class='news']//a"}},
            {"name": "local-broken", "language": "fa", "country": "IR", "kind": "feed",
             "url": server.url("/monitor/broken-feed.xml")},
        ],
    }
    path = folder / "sources.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture
def registry(settings: Settings, server: LocalServer, tmp_path: Path) -> dict[str, int]:
    """The registry imported into the store, every source due at ``T0``; name -> id."""
    migrate(settings.database_url)
    ids = {}
    with transaction(settings.database_url) as session:
        for config in load_registry(registry_file(server, tmp_path)):
            source, _created = upsert_source(session, config)
            source.next_run = T0
            ids[source.name] = source.id
    return ids

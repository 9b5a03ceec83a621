"""Shared fixtures: an isolated store per test (SQLite, and PostgreSQL when a test server is given),
the shared data folder, a local HTTP server."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from service.settings import REPO_ROOT, Settings, get_settings
from service.store.db import dispose_engine, migrate

SHARED = Path(os.environ.get("HAMKAR_SHARED_DIR", REPO_ROOT.parent / "shared"))
DEMO = REPO_ROOT / "corpora" / "demo"
#: Set by .ci/run (a throwaway cluster); without it the PostgreSQL variants of the tests are skipped.
POSTGRES_URL = os.environ.get("HAMKAR_TEST_POSTGRES_URL")
TEMPLATE = "hamkar_template"
_template_ready = False


def _postgres_database() -> str:
    """A new, migrated PostgreSQL database, cloned from a template migrated once per session."""
    global _template_ready
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            if not _template_ready:
                connection.execute(text(f"DROP DATABASE IF EXISTS {TEMPLATE}"))
                connection.execute(text(f"CREATE DATABASE {TEMPLATE}"))
                template_url = make_url(POSTGRES_URL).set(database=TEMPLATE).render_as_string(hide_password=False)
                migrate(template_url)
                dispose_engine(template_url)
                _template_ready = True
            name = f"test_{uuid.uuid4().hex[:12]}"
            connection.execute(text(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}"))
    finally:
        admin.dispose()
    return make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "postgresql":
        if not POSTGRES_URL:
            pytest.skip("no PostgreSQL test server (HAMKAR_TEST_POSTGRES_URL is unset)")
        url = _postgres_database()
    else:
        url = f"sqlite:///{tmp_path / 'hamkar.db'}"
    yield url
    dispose_engine(url)


@pytest.fixture
def settings(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Settings]:
    """Settings on a fresh store, allowing the loopback test server, with fast network limits."""
    monkeypatch.setenv("HAMKAR_DATABASE_URL", database_url)
    monkeypatch.setenv("HAMKAR_ALLOW_PRIVATE_NETWORKS", "1")
    monkeypatch.setenv("HAMKAR_HOST_DELAY", "0")
    monkeypatch.setenv("HAMKAR_BACKOFF", "0.05")
    monkeypatch.setenv("HAMKAR_TIMEOUT", "5")
    get_settings.cache_clear()
    yield get_settings()
    get_settings.cache_clear()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"shared data folder {SHARED} is absent")
    return SHARED

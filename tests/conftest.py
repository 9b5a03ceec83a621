"""Shared fixtures: an isolated store per test, the shared data folder, a local HTTP server."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from service.settings import REPO_ROOT, Settings, get_settings

SHARED = Path(os.environ.get("HAMKAR_SHARED_DIR", REPO_ROOT.parent / "shared"))
DEMO = REPO_ROOT / "corpora" / "demo"


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Settings]:
    """Settings on a fresh SQLite file, allowing the loopback test server, with fast network limits."""
    monkeypatch.setenv("HAMKAR_DATABASE_URL", f"sqlite:///{tmp_path / 'hamkar.db'}")
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

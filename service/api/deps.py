"""FastAPI dependencies: settings, a database session per request, API-key checks."""

from __future__ import annotations

import hmac
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request, Security
from fastapi.security import APIKeyHeader
from sqlalchemy.orm import Session

from service.settings import Settings
from service.store.db import session_factory

API_KEY = APIKeyHeader(name="X-API-Key", auto_error=False, description="A key from HAMKAR_API_KEYS.")


def get_app_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_session(request: Request) -> Iterator[Session]:
    session = session_factory(request.app.state.settings.database_url)()
    try:
        yield session
    finally:
        session.close()


def _actor_for(key: str | None, settings: Settings) -> str | None:
    """The name of the configured ``name:secret`` entry matching ``key`` (constant-time compare)."""
    if not key:
        return None
    for entry in settings.api_keys:
        name, _, secret = entry.partition(":")
        secret = secret or name
        if hmac.compare_digest(secret.encode(), key.encode()):
            return name
    return None


def require_writer(
    settings: Annotated[Settings, Depends(get_app_settings)], key: Annotated[str | None, Security(API_KEY)]
) -> str:
    """Write endpoints need a configured API key; the key's name becomes the actor in the audit log."""
    if not settings.api_keys:
        raise HTTPException(403, "writes are disabled: set HAMKAR_API_KEYS to enable them")
    actor = _actor_for(key, settings)
    if actor is None:
        raise HTTPException(401, "missing or invalid X-API-Key", headers={"WWW-Authenticate": "APIKey"})
    return actor


def require_reader(
    settings: Annotated[Settings, Depends(get_app_settings)], key: Annotated[str | None, Security(API_KEY)]
) -> None:
    """Reads are open unless HAMKAR_READ_KEYS_REQUIRED is set."""
    if settings.read_keys_required and _actor_for(key, settings) is None:
        raise HTTPException(401, "missing or invalid X-API-Key", headers={"WWW-Authenticate": "APIKey"})

"""FastAPI dependencies: settings and a database session per request."""

from __future__ import annotations

from collections.abc import Iterator

from fastapi import Request
from sqlalchemy.orm import Session

from service.settings import Settings
from service.store.db import session_factory


def get_app_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_session(request: Request) -> Iterator[Session]:
    session = session_factory(request.app.state.settings.database_url)()
    try:
        yield session
    finally:
        session.close()

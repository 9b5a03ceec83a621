"""The FastAPI application factory used by ``hamkar serve`` and the tests."""

from __future__ import annotations

import logging

from fastapi import Depends, FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy import func, select
from sqlalchemy.exc import DataError
from sqlalchemy.orm import Session

from service import __version__
from service.api import docs, documents, export, kb, search, sources, ui
from service.api.deps import get_session
from service.schemas import Health
from service.settings import Settings, get_settings
from service.store.db import get_engine, migrate
from service.store.models import Document

log = logging.getLogger(__name__)


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app for ``settings`` (migrating the database first, so a fresh store just works)."""
    settings = settings or get_settings()
    migrate(settings.database_url)
    app = FastAPI(
        title="Hamkar",
        version=__version__,
        description="Turkish and Persian vocational-education news: documents, stories, search, the "
        "collaboration knowledge base, curation and exports.",
        docs_url=None,
        redoc_url=None,
    )
    docs.install(app)
    app.state.settings = settings
    app.add_exception_handler(OverflowError, _unstorable_value)
    app.add_exception_handler(DataError, _unstorable_value)

    @app.get("/health", response_model=Health, tags=["service"])
    def health(session: Session = Depends(get_session)) -> Health:
        count = session.scalar(select(func.count(Document.id))) or 0
        return Health(status="ok", documents=count, database=get_engine(settings.database_url).dialect.name)

    app.include_router(documents.router)
    app.include_router(search.router)
    app.include_router(kb.router)
    app.include_router(kb.write)
    app.include_router(export.router)
    app.include_router(sources.router)
    ui.install(app)  # the web UI (pages and /ui/static)
    return app


def _unstorable_value(request: Request, exc: Exception) -> JSONResponse:
    """A request value the database cannot take (an id of forty digits; a NUL byte, which PostgreSQL
    refuses in text) is the client's mistake: 422, not a server error (found by the hostile-request tests
    in tests/reliability/). Any other data error comes from our own code and stays a logged 500."""
    orig = getattr(exc, "orig", None)
    if isinstance(exc, OverflowError) or getattr(orig, "sqlstate", None) == "22003" or "NUL (0x00)" in str(orig):
        return JSONResponse({"detail": "a value in the request is out of range or contains a NUL byte"},
                            status_code=422)
    log.error("the database refused a value on %s %s", request.method, request.url.path, exc_info=exc)
    return JSONResponse({"detail": "Internal Server Error"}, status_code=500)

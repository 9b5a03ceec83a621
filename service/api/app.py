"""The FastAPI application factory used by ``hamkar serve`` and the tests."""

from __future__ import annotations

from fastapi import Depends, FastAPI
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from service import __version__
from service.api import docs, documents, export, kb, search, sources, ui
from service.api.deps import get_session
from service.schemas import Health
from service.settings import Settings, get_settings
from service.store.db import get_engine, migrate
from service.store.models import Document


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

"""``/sources``: the monitored sources with their status; adding and changing them needs an API key."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel, ConfigDict, Field, field_validator
from sqlalchemy import select
from sqlalchemy.orm import Session

from service.api.deps import get_session, require_writer
from service.monitor.registry import (
    SourceConfig,
    SourceStatus,
    list_sources,
    set_enabled,
    status_of,
    upsert_source,
)
from service.monitor.schedule import as_utc
from service.store.models import Source, SourceRun

router = APIRouter(tags=["sources"])
SessionDep = Annotated[Session, Depends(get_session)]
Writer = Annotated[str, Depends(require_writer)]
RECENT_RUNS = 20


class SourceRunOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    started_at: datetime
    finished_at: datetime | None
    status: str = Field(examples=["ok", "failed"])
    listed: int
    fetched: int
    new: int
    changed: int
    failed: int
    error: str | None
    ingest_run_id: int | None = Field(description="the ingest run whose per-item outcomes `hamkar failures --run` shows")

    @field_validator("started_at", "finished_at")
    @classmethod
    def _utc(cls, value: datetime | None) -> datetime | None:
        return as_utc(value) if value else value


class SourceDetail(SourceStatus):
    runs: list[SourceRunOut] = Field(description=f"the latest {RECENT_RUNS} runs, newest first")


class EnabledRequest(BaseModel):
    enabled: bool


def _source(session: Session, source_id: int) -> Source:
    source = session.get(Source, source_id)
    if source is None:
        raise HTTPException(404, f"source {source_id} not found")
    return source


@router.get("/sources", response_model=list[SourceStatus], summary="Monitored sources and their status")
def get_sources(session: SessionDep) -> list[SourceStatus]:
    return list_sources(session)


@router.get("/sources/{source_id}", response_model=SourceDetail, summary="A source, its status and recent runs")
def get_source(source_id: int, session: SessionDep) -> SourceDetail:
    source = _source(session, source_id)
    runs = session.scalars(select(SourceRun).where(SourceRun.source_id == source_id)
                           .order_by(SourceRun.id.desc()).limit(RECENT_RUNS))
    return SourceDetail(**status_of(source).model_dump(), runs=[SourceRunOut.model_validate(r) for r in runs])


@router.post("/sources", response_model=SourceStatus, summary="Add a source, or replace its configuration by name")
def post_source(config: SourceConfig, session: SessionDep, _actor: Writer) -> SourceStatus:
    source, _created = upsert_source(session, config)
    session.commit()
    return status_of(source)


@router.patch("/sources/{source_id}", response_model=SourceStatus, summary="Enable or disable a source")
def patch_source(source_id: int, body: EnabledRequest, session: SessionDep, _actor: Writer) -> SourceStatus:
    source = _source(session, source_id)
    set_enabled(source, body.enabled)
    session.commit()
    return status_of(source)

"""Routes of the knowledge base: organizations, events, figures, and curation (API key required)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query
from sqlalchemy import select
from sqlalchemy.orm import Session

from service.api.deps import get_session, require_writer
from service.kb import curation, queries
from service.schemas import (
    AliasRequest,
    CurationOut,
    EventOut,
    FigureOut,
    MergeRequest,
    OrganizationDetail,
    OrganizationSummary,
    Page,
    RejectRequest,
    RenameRequest,
    SplitRequest,
)
from service.store.models import CurationAction, Event, Organization
from service.store.paging import paginate

router = APIRouter(tags=["knowledge base"])
write = APIRouter(tags=["curation"])
SessionDep = Annotated[Session, Depends(get_session)]
EVIDENCE_LIMIT = 10  # evidence sentences per event in lists: a syndicated story can have hundreds
Writer = Annotated[str, Depends(require_writer)]


def _org(session: Session, org_id: int) -> Organization:
    org = session.get(Organization, org_id)
    if org is None:
        raise HTTPException(404, f"organization {org_id} not found")
    return org


@router.get("/organizations", response_model=Page[OrganizationSummary], summary="Find organizations by any alias")
def list_organizations(
    session: SessionDep,
    q: Annotated[str | None, Query(description="Part of any name or alias, either script", examples=["işkur", "فنی و حرفه"])] = None,
    lang: Annotated[str | None, Query(examples=["tr"])] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Page[OrganizationSummary]:
    items, total = queries.ranked_organizations(session, q, lang, limit=limit, offset=offset)
    following = offset + limit if offset + limit < total else None
    return Page[OrganizationSummary](items=items, total=total, limit=limit, offset=offset, next_offset=following)


@router.get("/organizations/{org_id}", response_model=OrganizationDetail,
            summary="An organization: aliases (with merge reasons), parent, events, partners, figure timeline")
def get_organization(org_id: int, session: SessionDep) -> OrganizationDetail:
    org = _org(session, org_id)
    if org.merged_into_id is not None:
        org = _org(session, org.merged_into_id)
    return queries.organization_detail(session, org)


@router.get("/events", response_model=Page[EventOut], summary="Collaboration events with participants and evidence")
def list_events(
    session: SessionDep,
    org: Annotated[int | None, Query(description="organization id")] = None,
    type: Annotated[str | None, Query(description="meeting, protocol, project, training, funding, other")] = None,
    date_from: date | None = None,
    date_to: date | None = None,
    lang: str | None = None,
    include_rejected: bool = False,
    evidence_limit: Annotated[int, Query(ge=0, le=1000, description=(
        "Evidence sentences (and sources) shown per event; `evidence_total` and `sources_total` count all, "
        "`/events/{id}` lists all"))] = EVIDENCE_LIMIT,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Page[EventOut]:
    if org is not None:
        _org(session, org)  # an unknown organization is a 404, as on /figures
    query = queries.events_query(session, org_id=org, event_type=type, date_from=date_from, date_to=date_to,
                                 lang=lang, include_rejected=include_rejected)
    events, total = paginate(session, query, limit, offset)
    items = queries.events_out(session, events, evidence_limit=evidence_limit)
    following = offset + limit if offset + limit < total else None
    return Page[EventOut](items=items, total=total, limit=limit, offset=offset, next_offset=following)


@router.get("/events/{event_id}", response_model=EventOut, summary="One event")
def get_event(event_id: int, session: SessionDep) -> EventOut:
    event = session.get(Event, event_id)
    if event is None:
        raise HTTPException(404, f"event {event_id} not found")
    return queries.event_out(session, event)


@router.get("/figures", response_model=Page[FigureOut], summary="Figures as facts, with conflicts across stories")
def list_figures(
    session: SessionDep,
    org: Annotated[int | None, Query(description="organization id")] = None,
    unit: Annotated[str | None, Query(examples=["kursiyer", "مرکز"])] = None,
    lang: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    min_value: float | None = None,
    max_value: float | None = None,
    conflicts_only: bool = False,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Page[FigureOut]:
    org_ids = queries.filter_ids(session, _org(session, org).id) if org is not None else None
    query = queries.figures_query(org_ids=org_ids, unit=unit, lang=lang, date_from=date_from, date_to=date_to,
                                  min_value=min_value, max_value=max_value)
    if conflicts_only:
        query = queries.with_conflicts(query)
    page, total = paginate(session, query, limit, offset)
    items = queries.figures_out(session, page)
    following = offset + limit if offset + limit < total else None
    return Page[FigureOut](items=items, total=total, limit=limit, offset=offset, next_offset=following)


@router.get("/curation/log", response_model=list[CurationOut], summary="The audit log of curation")
def curation_log(session: SessionDep, limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> list[CurationOut]:
    rows = session.scalars(select(CurationAction).order_by(CurationAction.id.desc()).limit(limit)).all()
    return [CurationOut.model_validate(r) for r in rows]


def _curate(session: Session, action, *args, **kwargs):  # type: ignore[no-untyped-def]
    try:
        result = action(session, *args, **kwargs)
        session.commit()
        return result
    except curation.NotFound as exc:
        session.rollback()
        raise HTTPException(404, str(exc)) from exc
    except curation.CurationError as exc:
        session.rollback()
        raise HTTPException(409, str(exc)) from exc


@write.post("/organizations/{org_id}/merge", response_model=OrganizationDetail, summary="Merge into another organization")
def merge(org_id: int, body: MergeRequest, session: SessionDep, actor: Writer) -> OrganizationDetail:
    target = _curate(session, curation.merge, org_id, body.into, actor=actor, reason=body.reason)
    return queries.organization_detail(session, target)


@write.post("/organizations/{org_id}/split", response_model=OrganizationDetail, summary="Move aliases to a new organization")
def split(org_id: int, body: SplitRequest, session: SessionDep, actor: Writer) -> OrganizationDetail:
    new = _curate(session, curation.split, org_id, body.aliases, body.name, actor=actor, reason=body.reason)
    return queries.organization_detail(session, new)


@write.post("/organizations/{org_id}/rename", response_model=OrganizationDetail, summary="Rename the canonical name")
def rename(org_id: int, body: RenameRequest, session: SessionDep, actor: Writer) -> OrganizationDetail:
    org = _curate(session, curation.rename, org_id, body.name, actor=actor, reason=body.reason)
    return queries.organization_detail(session, org)


@write.post("/organizations/{org_id}/aliases", response_model=OrganizationDetail, summary="Add an alias")
def add_alias(org_id: int, body: AliasRequest, session: SessionDep, actor: Writer) -> OrganizationDetail:
    org = _curate(session, curation.add_alias, org_id, body.alias, actor=actor, reason=body.reason)
    return queries.organization_detail(session, org)


@write.post("/mentions/{mention_id}/reject", status_code=204, summary="Reject an entity mention")
def reject_mention(mention_id: int, body: RejectRequest, session: SessionDep, actor: Writer) -> None:
    _curate(session, curation.reject_mention, mention_id, actor=actor, reason=body.reason)


@write.post("/events/{event_id}/reject", response_model=EventOut, summary="Reject an event")
def reject_event(event_id: int, body: RejectRequest, session: SessionDep, actor: Writer) -> EventOut:
    event = _curate(session, curation.reject_event, event_id, actor=actor, reason=body.reason)
    return queries.event_out(session, event)

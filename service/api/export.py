"""Exports (CSV, NDJSON, followthemoney) and the collaboration graph (JSON, GraphML).

An export takes the same filters as the page the user is looking at, so what is downloaded is what was
filtered; ``since`` returns only rows changed after a previous export's ``X-Hamkar-Next-Since``.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from service.api.deps import get_session
from service.api.search import FilterParams
from service.kb import export, queries
from service.kb.graph import build_graph, to_graphml
from service.search.query import QueryError, parse_query
from service.search.service import hit_ids
from service.store.models import Document, Event, FigureMention, Organization

router = APIRouter(tags=["export"])
SessionDep = Annotated[Session, Depends(get_session)]
MEDIA = {"csv": "text/csv; charset=utf-8", "ndjson": "application/x-ndjson", "ftm": "application/x-ndjson"}
MAX_ROWS = 100_000


@router.get("/export/{dataset}", summary="Export what the filters select",
            responses={200: {"content": {"text/csv": {}, "application/x-ndjson": {}}}})
def export_dataset(
    dataset: Literal["documents", "events", "figures", "organizations"],
    session: SessionDep,
    params: Annotated[FilterParams, Depends()],
    format: Annotated[Literal["csv", "ndjson", "ftm"], Query(description="csv, ndjson or ftm (followthemoney)")] = "csv",
    q: Annotated[str | None, Query(description="search query (documents, organizations)")] = None,
    since: Annotated[str | None, Query(description="X-Hamkar-Next-Since of a previous export")] = None,
    include_rejected: bool = False,
) -> Response:
    try:
        rows = _rows(session, dataset, params, q, since, include_rejected)
    except QueryError as exc:
        raise HTTPException(422, str(exc)) from exc
    except ValueError as exc:
        raise HTTPException(400, f"invalid since: {exc}") from exc
    body = "".join(export.render(dataset, rows, format))
    headers = {"Content-Disposition": f'attachment; filename="hamkar-{dataset}.{"csv" if format == "csv" else "ndjson"}"',
               "X-Hamkar-Rows": str(len(rows))}
    following = export.next_since(dataset, rows)
    if following:
        headers["X-Hamkar-Next-Since"] = following
    return Response(content=body, media_type=MEDIA[format], headers=headers)


def _rows(session: Session, dataset: str, params: FilterParams, q: str | None, since: str | None,
          include_rejected: bool) -> list[dict]:
    filters = params.filters()
    if dataset == "documents":
        parsed = parse_query(q, filters.lang) if q and q.strip() else None
        ids = hit_ids(session, parsed, filters).subquery()
        query = export.since_filter(select(Document).where(Document.id.in_(select(ids.c.id))).order_by(Document.id), Document, since)
        return list(export.document_rows(session.scalars(query.limit(MAX_ROWS))))
    if dataset == "events":
        query = queries.events_query(session, org_id=filters.org, event_type=filters.event_type,
                                     date_from=filters.date_from, date_to=filters.date_to, lang=filters.lang,
                                     include_rejected=include_rejected)
        query = export.since_filter(query.order_by(None).order_by(Event.id), Event, since)
        return list(export.event_rows(session, session.scalars(query.limit(MAX_ROWS))))
    if dataset == "figures":
        org_ids = queries.filter_ids(session, filters.org) if filters.org is not None else None
        query = queries.figures_query(org_ids=org_ids, unit=filters.unit, lang=filters.lang, date_from=filters.date_from,
                                      date_to=filters.date_to, min_value=filters.value_min, max_value=filters.value_max)
        query = export.since_filter(query.order_by(None).order_by(FigureMention.id), FigureMention, since)
        return list(export.figure_rows(session, session.scalars(query.limit(MAX_ROWS))))
    # An incremental export also carries organizations merged away since the cursor (with the survivor in
    # merged_into_id), so that a dashboard that synced them before can fold them into the survivor.
    query = export.since_filter(queries.search_organizations(session, q, filters.lang, include_merged=bool(since)),
                                Organization, since)
    return [r for r in export.organization_rows(session, session.scalars(query.limit(MAX_ROWS)))
            if r["mentions"] or r["events"] or r["merged_into_id"]]


@router.get("/graph", summary="The collaboration network (JSON, or GraphML with format=graphml)")
def graph(
    session: SessionDep,
    org: Annotated[int | None, Query(description="only edges of this organization")] = None,
    type: Annotated[str | None, Query(description="event type")] = None,
    lang: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    format: Literal["json", "graphml"] = "json",
) -> Response:
    events = queries.events_query(session, org_id=org, event_type=type, date_from=date_from, date_to=date_to, lang=lang)
    focus = None
    if org is not None:
        found = session.get(Organization, org)
        focus = (found.merged_into_id or found.id) if found else org
    data = build_graph(session, events, focus)
    if format == "graphml":
        return Response(to_graphml(data), media_type="application/graphml+xml",
                        headers={"Content-Disposition": 'attachment; filename="hamkar-graph.graphml"'})
    return Response(json.dumps(data, ensure_ascii=False), media_type="application/json")

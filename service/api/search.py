"""``/search``: Turkish/Persian-aware full-text search with filters, facets and cursor pagination."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Query
from sqlalchemy.orm import Session

from service.api.deps import get_session
from service.schemas import DocumentSummary, FacetValue, SearchHit, SearchResponse
from service.search.query import QueryError
from service.search.service import SearchFilters, search

router = APIRouter(tags=["search"])


@dataclass
class FilterParams:
    """The filters shared by search and exports (so an export is exactly what the user filtered)."""

    lang: Annotated[str | None, Query(description="tr or fa")] = None
    date_from: Annotated[date | None, Query(description="on or after")] = None
    date_to: Annotated[date | None, Query(description="on or before")] = None
    date_field: Annotated[Literal["published", "event"], Query(description="which date the range applies to")] = "published"
    org: Annotated[int | None, Query(description="organization id (merged ones included)")] = None
    person: Annotated[str | None, Query(description="person name")] = None
    location: Annotated[str | None, Query(description="place name")] = None
    event_type: Annotated[str | None, Query(description="meeting, protocol, project, training, funding, other")] = None
    story: Annotated[int | None, Query(description="story id")] = None
    unit: Annotated[str | None, Query(description="figure unit, e.g. kursiyer or مرکز")] = None
    value_min: Annotated[float | None, Query(description="figure value at least")] = None
    value_max: Annotated[float | None, Query(description="figure value at most")] = None
    include_off_topic: Annotated[bool, Query(description="also documents the topic filter judged off-topic")] = False

    def filters(self) -> SearchFilters:
        return SearchFilters(**self.__dict__)


@router.get("/search", response_model=SearchResponse, summary="Search documents")
def search_documents(
    session: Annotated[Session, Depends(get_session)],
    params: Annotated[FilterParams, Depends()],
    q: Annotated[str | None, Query(max_length=500, description='words, "phrase", OR, NOT/-word, prefix*',
                                  examples=["kursiyer", '"Ankara Ticaret Odası"', "حرفه ای"])] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: Annotated[str | None, Query(description="next_cursor of the previous page")] = None,
    facets: Annotated[bool, Query(description="compute facet counts")] = True,
) -> SearchResponse:
    try:
        result = search(session, q, params.filters(), limit=limit, cursor=cursor, facets=facets)
    except QueryError as exc:
        raise HTTPException(422, str(exc)) from exc
    except ValueError as exc:
        raise HTTPException(400, str(exc)) from exc
    return SearchResponse(
        total=result.total,
        items=[SearchHit(document=DocumentSummary.model_validate(h.document), score=h.score, snippet=h.snippet,
                         snippet_html=h.snippet_html, highlights=h.highlights) for h in result.hits],
        facets={k: [FacetValue(**v) for v in values] for k, values in result.facets.items()},
        next_cursor=result.next_cursor,
    )

"""Routes for documents and stories."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from service.api.deps import get_session
from service.schemas import DocumentDetail, DocumentSummary, Page, StoryOut
from service.store.models import Document, DocumentSource, Story
from service.store.paging import paginate

router = APIRouter(tags=["documents"])
SessionDep = Annotated[Session, Depends(get_session)]


@router.get("/documents", response_model=Page[DocumentSummary], summary="List documents")
def list_documents(
    session: SessionDep,
    lang: Annotated[str | None, Query(description="tr or fa", examples=["fa"])] = None,
    date_from: Annotated[date | None, Query(description="published on or after")] = None,
    date_to: Annotated[date | None, Query(description="published on or before")] = None,
    source: Annotated[str | None, Query(description="substring of a source URL or path")] = None,
    story: Annotated[int | None, Query(description="story id")] = None,
    status: Annotated[str | None, Query(description="ok or skipped")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Page[DocumentSummary]:
    query = select(Document).order_by(Document.published.desc().nullslast(), Document.id.desc())
    if lang:
        query = query.where(Document.lang == lang)
    if date_from:
        query = query.where(Document.published >= date_from)
    if date_to:
        query = query.where(Document.published <= date_to)
    if story is not None:
        query = query.where(Document.story_id == story)
    if status:
        query = query.where(Document.status == status)
    if source:
        query = query.where(
            Document.id.in_(select(DocumentSource.document_id).where(DocumentSource.locator.contains(source)))
        )
    rows, total = paginate(session, query, limit, offset)
    items = [DocumentSummary.model_validate(row) for row in rows]
    following = offset + limit if offset + limit < total else None
    return Page[DocumentSummary](items=items, total=total, limit=limit, offset=offset, next_offset=following)


@router.get("/documents/{document_id}", response_model=DocumentDetail, summary="One document with its text")
def get_document(document_id: int, session: SessionDep) -> DocumentDetail:
    document = session.get(Document, document_id, options=[selectinload(Document.sources)])
    if document is None:
        raise HTTPException(404, f"document {document_id} not found")
    return DocumentDetail.model_validate(document, from_attributes=True)


@router.get("/stories/{story_id}", response_model=StoryOut, summary="A story and all its sources")
def get_story(story_id: int, session: SessionDep) -> StoryOut:
    story = session.get(Story, story_id, options=[selectinload(Story.documents).selectinload(Document.sources)])
    if story is None:
        raise HTTPException(404, f"story {story_id} not found")
    sources = [source.locator for document in story.documents for source in document.sources]
    return StoryOut(
        id=story.id,
        documents=[DocumentSummary.model_validate(d) for d in story.documents],
        sources=sources,
    )

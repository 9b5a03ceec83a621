"""Typed read models: the API's responses (and OpenAPI schema), also used by the CLI."""

from __future__ import annotations

from datetime import date, datetime
from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")


class Health(BaseModel):
    status: str = Field(examples=["ok"])
    documents: int = Field(examples=[26])
    database: str = Field(examples=["sqlite"])


class SourceOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    locator: str = Field(examples=["https://www.meb.gov.tr/haber/123"])
    kind: str = Field(examples=["url"])
    http_status: int | None = None
    first_seen: datetime


class DocumentSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int = Field(examples=[1])
    title: str | None = Field(examples=["Mesleki eğitimde işbirliği protokolü imzalandı"])
    url: str | None = None
    lang: str | None = Field(examples=["tr"])
    status: str = Field(examples=["ok"])
    published: date | None = Field(examples=["2025-01-09"])
    published_calendar: str | None = Field(default=None, examples=["jalali"])
    story_id: int | None = None
    raw_type: str = Field(examples=["html"])


class DocumentDetail(DocumentSummary):
    author: str | None = None
    sitename: str | None = None
    description: str | None = None
    published_text: str | None = Field(default=None, examples=["۱۴ فروردین ۱۴۰۳"])
    published_source: str | None = Field(default=None, examples=["metadata", "text"])
    lang_confidence: float | None = None
    skip_reason: str | None = None
    text: str
    pages: list[tuple[int, int]] | None = Field(default=None, description="[start, end) of each PDF page in text")
    fetched_at: datetime
    sources: list[SourceOut]


class StoryOut(BaseModel):
    id: int
    documents: list[DocumentSummary]
    sources: list[str] = Field(description="Every place the story was found.")


class SearchHit(BaseModel):
    document: DocumentSummary
    score: float = Field(description="BM25 relevance (higher is better); 0 when browsing without a query.")
    snippet: str = Field(description="Text around the first match in the original text.")
    snippet_html: str = Field(description="The snippet, HTML-escaped, matches in <mark>.")
    highlights: list[tuple[int, int]] = Field(description="[start, end) of matched words in the original text.")


class FacetValue(BaseModel):
    value: str | int
    label: str | None = None
    count: int


class SearchResponse(BaseModel):
    total: int
    items: list[SearchHit]
    facets: dict[str, list[FacetValue]] = Field(
        description="Counts per value for lang, year, event_type, org, person, location, unit."
    )
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page; null on the last page.")


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int
    next_offset: int | None = None


class Evidence(BaseModel):
    """Where a fact was read: the document, character offsets into its original text, the quote."""

    document_id: int
    start: int
    end: int
    text: str = Field(description="The quoted sentence or mention.")
    url: str | None = None
    page: int | None = Field(default=None, description="1-based PDF page, when the document is a PDF.")


class AliasOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    alias: str
    origin: str = Field(description="table, text, acronym, fuzzy or curator")
    score: float
    reason: str = Field(examples=["fuzzy match 94 with 'ankara ticaret odasi'"])


class OrganizationSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str = Field(examples=["Türkiye İş Kurumu"])
    lang: str
    kind: str | None = None
    acronym: str | None = None
    province: str | None = None
    mention_count: int = 0
    event_count: int = 0


class ParticipantOut(BaseModel):
    organization: OrganizationSummary
    role: str = Field(examples=["signatory"])


class EventOut(BaseModel):
    id: int
    type: str = Field(examples=["protocol"])
    lang: str | None = Field(default=None, examples=["fa"])
    status: str
    date_start: date | None
    date_end: date | None
    date_text: str | None
    location: str | None
    confidence: float
    story_id: int | None
    participants: list[ParticipantOut]
    evidence: list[Evidence] = Field(description="Sentences stating the event, oldest first; lists of events "
                                     "show the first `evidence_limit` of them, `/events/{id}` all.")
    evidence_total: int = Field(0, description="How many sentences state the event in all.")
    sources: list[str] = Field(description="URLs or paths of the documents that report the event (as many as "
                                           "`evidence_limit` in lists of events).")
    sources_total: int = Field(0, description="How many URLs or paths report the event in all.")


class FigureOut(BaseModel):
    id: int
    value: float = Field(examples=[4608])
    unit: str | None = Field(examples=["kursiyer"])
    qualifier: str = Field(examples=["more_than"])
    kind: str
    currency: str | None
    period_start: date | None
    period_end: date | None
    organization: OrganizationSummary | None
    evidence: Evidence
    conflicts_with: list[int] = Field(default_factory=list, description="Figures of the same organization, unit and period with another value.")


class PartnerOut(BaseModel):
    organization: OrganizationSummary
    events: int = Field(description="Events in which both took part.")


class OrganizationDetail(OrganizationSummary):
    parent: OrganizationSummary | None
    children: list[OrganizationSummary]
    merged: list[OrganizationSummary] = Field(description="Organizations curators merged into this one.")
    aliases: list[AliasOut]
    events: list[EventOut]
    partners: list[PartnerOut]
    figures: list[FigureOut] = Field(description="The figure timeline, oldest period first.")


class CurationOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    at: datetime
    actor: str
    action: str
    target_type: str
    target_id: int | None
    payload: dict
    reason: str


class MergeRequest(BaseModel):
    into: int = Field(description="The organization that survives.")
    reason: str = Field(min_length=1, examples=["same chamber, old name"])


class SplitRequest(BaseModel):
    aliases: list[str] = Field(min_length=1, examples=[["Ankara Sanayi Odası"]])
    name: str = Field(min_length=1)
    reason: str = Field(min_length=1)


class RenameRequest(BaseModel):
    name: str = Field(min_length=1)
    reason: str = Field(min_length=1)


class AliasRequest(BaseModel):
    alias: str = Field(min_length=1, examples=["İŞKUR"])
    reason: str = Field(min_length=1)


class RejectRequest(BaseModel):
    reason: str = Field(min_length=1, examples=["not an organization"])

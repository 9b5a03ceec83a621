"""Typed response models of the API (they are also the OpenAPI schema)."""

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
    snippet: str = Field(description="Text around the first match in the original text.")


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int
    next_offset: int | None = None

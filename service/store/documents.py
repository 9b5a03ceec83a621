"""Storing documents: exact and near-duplicate handling, sources, and never losing what is stored.

All writes for one document happen in the caller's transaction; a crash before commit leaves nothing.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import UTC, datetime

from datasketch import MinHash
from sqlalchemy import select
from sqlalchemy.orm import Session

from service.ingest.dedup import NearDuplicateIndex, content_hash, minhash, to_bytes
from service.ingest.parse import ParsedDocument
from service.search.index import index_document
from service.store.models import Document, DocumentSource, Story
from service.text import LanguageGuess


@dataclass(frozen=True)
class StoreOutcome:
    """``outcome`` is new, duplicate (same text elsewhere), unchanged, updated or skipped."""

    outcome: str
    document_id: int
    story_id: int | None
    similarity: float | None = None
    signature: MinHash | None = None  # to add to the near-duplicate index once committed


def compress(raw: bytes) -> bytes:
    return zlib.compress(raw, 6)


def decompress(raw: bytes | None) -> bytes | None:
    return zlib.decompress(raw) if raw is not None else None


def find_source(session: Session, locator: str) -> DocumentSource | None:
    return session.scalar(select(DocumentSource).where(DocumentSource.locator == locator))


def load_index(session: Session, threshold: float) -> NearDuplicateIndex:
    """The near-duplicate index over every stored document of a supported language."""
    index = NearDuplicateIndex(threshold)
    rows = session.execute(select(Document.id, Document.minhash).where(Document.minhash.is_not(None)))
    index.add_all((row.id, row.minhash) for row in rows)
    return index


def store_parsed(
    session: Session,
    parsed: ParsedDocument,
    *,
    locator: str,
    kind: str,
    raw: bytes,
    language: LanguageGuess,
    index: NearDuplicateIndex,
    etag: str | None = None,
    last_modified: str | None = None,
    http_status: int | None = None,
    canonical: str | None = None,
) -> StoreOutcome:
    """Store ``parsed`` found at ``locator`` and return what happened. Idempotent for unchanged input."""
    digest = content_hash(parsed.text)
    source = find_source(session, locator)
    existing = session.scalar(select(Document).where(Document.content_hash == digest))
    now = datetime.now(UTC)
    if source is not None and existing is not None and source.document_id == existing.id:
        if etag != source.etag or last_modified != source.last_modified:
            source.etag, source.last_modified = etag, last_modified
        return StoreOutcome("unchanged", existing.id, existing.story_id)
    signature: MinHash | None = None
    if existing is not None:
        outcome = "duplicate"
        document = existing
    else:
        document, signature = _new_document(session, parsed, digest, raw, language, canonical or locator, kind, index)
        outcome = "skipped" if document.status == "skipped" else ("updated" if source else "new")
    if source is None:
        session.add(
            DocumentSource(
                document_id=document.id,
                locator=locator,
                kind=kind,
                etag=etag,
                last_modified=last_modified,
                http_status=http_status,
            )
        )
    else:
        # The page changed: the source now points at the new text; the old version stays stored.
        source.document_id = document.id
        source.etag, source.last_modified, source.http_status, source.last_seen = etag, last_modified, http_status, now
    session.flush()
    if existing is None:
        index_document(session, document)
    return StoreOutcome(
        outcome, document.id, document.story_id, document.story_similarity, signature
    )


def _new_document(
    session: Session,
    parsed: ParsedDocument,
    digest: str,
    raw: bytes,
    language: LanguageGuess,
    url: str,
    kind: str,
    index: NearDuplicateIndex,
) -> tuple[Document, MinHash | None]:
    document = Document(
        content_hash=digest,
        url=url if kind == "url" else None,
        title=parsed.title,
        author=parsed.author,
        sitename=parsed.sitename,
        description=parsed.description,
        published=parsed.published,
        published_text=parsed.published_text,
        published_calendar=parsed.published_calendar or ("gregorian" if parsed.published else None),
        published_source=parsed.published_source,
        lang=language.lang,
        lang_confidence=language.confidence,
        status="ok" if language.supported else "skipped",
        skip_reason=None if language.supported else language.reason,
        text=parsed.text,
        pages=[list(p) for p in parsed.pages] if parsed.pages else None,
        raw=compress(raw),
        raw_type=parsed.raw_type,
        raw_encoding=parsed.encoding,
    )
    session.add(document)
    session.flush()
    if not language.supported:
        return document, None
    signature = minhash(parsed.text)
    document.minhash = to_bytes(signature)
    match = index.best_match(signature)
    if match is not None:
        other = session.get(Document, match[0])
        document.story_id = other.story_id if other is not None else None
        document.story_similarity = round(match[1], 3)
    if document.story_id is None:
        story = Story()
        session.add(story)
        session.flush()
        document.story_id = story.id
    return document, signature

"""Exports for dashboards: CSV, NDJSON and followthemoney (FtM) entities, with a ``since`` cursor.

Rows are flat and stable (same columns in the same order every time), carry their provenance
(document id, offsets, URL), and an export holds exactly what the given filters select. The cursor is
the largest ``updated_at`` (or id, for figures) returned: pass it back as ``since`` to get only what
changed after.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from datetime import datetime

from sqlalchemy import Select
from sqlalchemy.orm import Session

from service import schemas
from service.kb import queries
from service.store.models import Document, Event, FigureMention, Organization

FORMATS = ("csv", "ndjson", "ftm")

DOCUMENT_COLUMNS = ["id", "lang", "published", "published_calendar", "title", "url", "story_id", "sitename", "updated_at"]
EVENT_COLUMNS = ["id", "type", "status", "date_start", "date_end", "date_text", "location", "lang", "story_id",
                 "confidence", "participants", "participant_ids", "roles", "documents", "sources", "evidence", "updated_at"]
FIGURE_COLUMNS = ["id", "value", "unit", "qualifier", "kind", "currency", "period_start", "period_end",
                  "organization_id", "organization", "document_id", "start", "end", "text", "sentence", "url"]
ORGANIZATION_COLUMNS = ["id", "name", "lang", "kind", "acronym", "province", "parent_id", "aliases", "mentions",
                        "events", "merged_into_id", "updated_at"]
COLUMNS = {"documents": DOCUMENT_COLUMNS, "events": EVENT_COLUMNS, "figures": FIGURE_COLUMNS,
           "organizations": ORGANIZATION_COLUMNS}


def _iso(value: object) -> object:
    return value.isoformat() if hasattr(value, "isoformat") else value


def document_rows(documents: Iterable[Document]) -> Iterator[dict]:
    for d in documents:
        yield {c: _iso(getattr(d, c)) for c in DOCUMENT_COLUMNS}


def event_rows(session: Session, events: Iterable[Event]) -> Iterator[dict]:
    for chunk in queries.chunked(events):
        yield from _event_chunk(session, chunk)


def _event_chunk(session: Session, events: list[Event]) -> Iterator[dict]:
    for event, out in zip(events, queries.events_out(session, events), strict=True):
        yield {
            "id": event.id, "type": event.type, "status": event.status, "date_start": _iso(event.date_start), "date_end": _iso(event.date_end),
            "date_text": event.date_text, "location": event.location, "lang": event.lang, "story_id": event.story_id,
            "confidence": event.confidence,
            "participants": [p.organization.name for p in out.participants],
            "participant_ids": [p.organization.id for p in out.participants],
            "roles": [p.role for p in out.participants],
            "documents": sorted({e.document_id for e in out.evidence}),
            "sources": out.sources,
            "evidence": [{"document_id": e.document_id, "start": e.start, "end": e.end, "text": e.text} for e in out.evidence],
            "updated_at": _iso(event.updated_at),
        }


def figure_rows(session: Session, figures: Iterable[FigureMention]) -> Iterator[dict]:
    for f in figures:
        document = session.get(Document, f.document_id)
        org = session.get(Organization, f.organization_id) if f.organization_id else None
        yield {
            "id": f.id, "value": f.value, "unit": f.unit, "qualifier": f.qualifier, "kind": f.kind,
            "currency": f.currency, "period_start": _iso(f.period_start), "period_end": _iso(f.period_end),
            "organization_id": f.organization_id, "organization": org.name if org else None,
            "document_id": f.document_id, "start": f.start, "end": f.end, "text": f.text,
            "sentence": document.text[f.sentence_start : f.sentence_end], "url": document.url,
        }


def organization_rows(session: Session, orgs: Iterable[Organization]) -> Iterator[dict]:
    for chunk in queries.chunked(orgs):
        summaries = queries.summaries(session, chunk)
        for org in chunk:
            yield _organization_row(org, summaries[org.id])


def _organization_row(org: Organization, summary: schemas.OrganizationSummary) -> dict:
    return {
        "id": org.id, "name": org.name, "lang": org.lang, "kind": org.kind, "acronym": org.acronym,
        "province": org.province, "parent_id": org.parent_id, "aliases": [a.alias for a in org.aliases],
        "mentions": summary.mention_count, "events": summary.event_count, "merged_into_id": org.merged_into_id,
        "updated_at": _iso(org.updated_at),
    }


def to_ftm(dataset: str, row: dict) -> dict:
    """A followthemoney entity (``id``, ``schema``, ``properties`` of string lists) for ``row``."""
    def props(**values: object) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for key, value in values.items():
            items = value if isinstance(value, list) else [value]
            items = [str(v) for v in items if v not in (None, "")]
            if items:
                out[key] = items
        return out

    if dataset == "organizations":
        return {"id": f"hamkar-org-{row['id']}", "schema": "Organization",
                "properties": props(name=row["name"], alias=row["aliases"], country={"tr": "tr", "fa": "ir"}.get(row["lang"]))}
    if dataset == "events":
        return {"id": f"hamkar-event-{row['id']}", "schema": "Event",
                "properties": props(name=f"{row['type']}: " + ", ".join(row["participants"]), startDate=row["date_start"],
                                    endDate=row["date_end"], location=row["location"], summary=row["type"],
                                    involved=[f"hamkar-org-{i}" for i in row["participant_ids"]], sourceUrl=row["sources"])}
    if dataset == "documents":
        return {"id": f"hamkar-doc-{row['id']}", "schema": "Article",
                "properties": props(title=row["title"], publishedAt=row["published"], sourceUrl=row["url"], language=row["lang"])}
    return {"id": f"hamkar-figure-{row['id']}", "schema": "Note",
            "properties": props(description=f"{row['value']} {row['unit'] or ''} ({row['qualifier']})", summary=row["sentence"],
                                entity=f"hamkar-org-{row['organization_id']}" if row["organization_id"] else None,
                                date=row["period_start"], sourceUrl=row["url"])}


def render(dataset: str, rows: Iterable[dict], fmt: str) -> Iterator[str]:
    """Serialize rows as CSV, NDJSON, or FtM NDJSON. A list or object in a CSV cell is written as JSON:
    unambiguous (names may contain any separator) and read back by any dashboard tool."""
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=COLUMNS[dataset], extrasaction="ignore")
        writer.writeheader()
        yield buffer.getvalue()
        for row in rows:
            buffer.seek(0)
            buffer.truncate()
            writer.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v
                             for k, v in row.items()})
            yield buffer.getvalue()
        return
    for row in rows:
        record = to_ftm(dataset, row) if fmt == "ftm" else row
        yield json.dumps(record, ensure_ascii=False, default=str) + "\n"


def since_filter(query: Select, model: type, since: str | None) -> Select:
    """Rows changed after the cursor ``since`` (an ISO timestamp, or an id for figures)."""
    if not since:
        return query
    if model is FigureMention:
        return query.where(FigureMention.id > int(since))
    return query.where(model.updated_at > datetime.fromisoformat(since))


def next_since(dataset: str, rows: list[dict]) -> str | None:
    if not rows:
        return None
    if dataset == "figures":
        return str(max(r["id"] for r in rows))
    return max(r["updated_at"] for r in rows)

"""Search with filters, facet counts, stable cursor pagination and highlighted snippets.

The engine (:mod:`service.search.index`) returns matching ids and scores; filters and facets are SQL
over the knowledge base, so every facet value is a real, clickable filter (language, year, event type,
organization, person, location, figure unit, story).
"""

from __future__ import annotations

import base64
import html
import json
import re
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import (
    Column,
    Float,
    Integer,
    MetaData,
    Select,
    Table,
    delete,
    desc,
    exists,
    func,
    insert,
    or_,
    select,
    text,
)
from sqlalchemy.orm import Session

from service.nlp.topic import OFF_TOPIC
from service.search.analyzer import search_view
from service.search.index import match_sql
from service.search.query import ParsedQuery, parse_query
from service.store.models import Document, EntityMention, Event, EventEvidence, FigureMention, Organization
from service.text import match_key

SNIPPET_CHARS = 110
_WORD = re.compile(r"\S+")
FACET_SIZE = 12


@dataclass
class SearchFilters:
    """Every filter of the search page and API (all optional)."""

    lang: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    date_field: str = "published"  # or "event": the date of an event the document reports
    org: int | None = None
    person: str | None = None
    location: str | None = None
    event_type: str | None = None
    story: int | None = None
    unit: str | None = None
    value_min: float | None = None
    value_max: float | None = None
    include_skipped: bool = False
    include_off_topic: bool = False  # off-topic documents (service/nlp/topic.py) are hidden unless asked for


@dataclass
class Hit:
    document: Document
    score: float
    snippet: str
    snippet_html: str
    highlights: list[tuple[int, int]]


@dataclass
class SearchResult:
    total: int
    hits: list[Hit]
    facets: dict[str, list[dict]]
    next_cursor: str | None
    query: ParsedQuery | None = None
    engine_ms: float = 0.0
    warnings: list[str] = field(default_factory=list)


def _conditions(filters: SearchFilters) -> list:
    """SQL conditions on ``Document`` for the filters."""
    conditions = [] if filters.include_skipped else [Document.status == "ok"]
    if not filters.include_off_topic:  # unclassified documents (topic_label NULL) stay visible
        conditions.append(or_(Document.topic_label.is_(None), Document.topic_label != OFF_TOPIC))
    if filters.lang:
        conditions.append(Document.lang == filters.lang)
    if filters.date_field == "event" and (filters.date_from or filters.date_to):
        event_dates = [Event.id == EventEvidence.event_id, EventEvidence.document_id == Document.id, Event.status == "active"]
        if filters.date_from:
            event_dates.append(Event.date_start >= filters.date_from)
        if filters.date_to:
            event_dates.append(Event.date_start <= filters.date_to)
        conditions.append(exists().where(*event_dates))
    else:
        if filters.date_from:
            conditions.append(Document.published >= filters.date_from)
        if filters.date_to:
            conditions.append(Document.published <= filters.date_to)
    if filters.org is not None:
        merged = select(Organization.id).where(or_(Organization.id == filters.org, Organization.merged_into_id == filters.org))
        conditions.append(exists().where(EntityMention.document_id == Document.id, EntityMention.organization_id.in_(merged)))
    for label, value in (("PER", filters.person), ("LOC", filters.location)):
        if value:
            conditions.append(exists().where(EntityMention.document_id == Document.id, EntityMention.label == label,
                                             EntityMention.normalized == match_key(value, filters.lang)))
    if filters.event_type:
        conditions.append(exists().where(EventEvidence.document_id == Document.id, Event.id == EventEvidence.event_id,
                                         Event.type == filters.event_type, Event.status == "active"))
    if filters.story is not None:
        conditions.append(Document.story_id == filters.story)
    if filters.unit or filters.value_min is not None or filters.value_max is not None:
        figure = [FigureMention.document_id == Document.id]
        if filters.unit:
            from service.kb.orgnames import org_key

            figure.append(FigureMention.unit_key == org_key(filters.unit, filters.lang))
        if filters.value_min is not None:
            figure.append(FigureMention.value >= filters.value_min)
        if filters.value_max is not None:
            figure.append(FigureMention.value <= filters.value_max)
        conditions.append(exists().where(*figure))
    return conditions


def _encode(values: list) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


def _decode(cursor: str) -> list:
    padded = cursor + "=" * (-len(cursor) % 4)
    try:
        values = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, json.JSONDecodeError) as exc:
        raise ValueError("invalid cursor") from exc
    if not isinstance(values, list) or len(values) != 2 or not all(
        isinstance(v, int | float) and not isinstance(v, bool) for v in values
    ):
        raise ValueError("invalid cursor")
    return values


def hit_ids(session: Session, query: ParsedQuery | None, filters: SearchFilters) -> Select:
    """``(id, score)`` of every document that matches the query and the filters."""
    if query is None:
        return select(Document.id.label("id"), func.coalesce(0.0, 0.0).label("score")).where(*_conditions(filters))
    sql, params = match_sql(session, query)
    # Materialized: the engine runs the match once; otherwise SQLite may re-run it for every document row.
    hits = text(sql).bindparams(**params).columns(document_id=Integer, score=Float).cte("hits").prefix_with("MATERIALIZED")
    return (select(Document.id.label("id"), hits.c.score.label("score"))
            .join(hits, hits.c.document_id == Document.id).where(*_conditions(filters)))


#: The ids of the current request's hits, for the facet queries (one engine run per request, not one
#: per facet); a temporary table lives on the request's own connection.
HITS = Table("search_hits", MetaData(), Column("id", Integer, primary_key=True), prefixes=["TEMPORARY"])
_MIN_DATE = date(1, 1, 1)


def search(session: Session, q: str | None, filters: SearchFilters, *, limit: int = 20, cursor: str | None = None,
           facets: bool = True) -> SearchResult:
    """Run a search; ``cursor`` continues after the last hit of the previous page.

    The engine runs once: every hit comes back with its sort key (score, or publication date when
    browsing without a query), the total and the page are taken from that list, and the facets count
    over the same ids.
    """
    query = parse_query(q, filters.lang) if q and q.strip() else None
    matched = hit_ids(session, query, filters).subquery("matched")
    if query is not None:
        rows = [(float(r.score), r.id) for r in session.execute(select(matched.c.id, matched.c.score))]
    else:
        dated = select(matched.c.id, Document.published).join(Document, Document.id == matched.c.id)
        rows = [((r.published or _MIN_DATE).toordinal(), r.id) for r in session.execute(dated)]
    rows.sort(reverse=True)
    total = len(rows)
    all_ids = [i for _, i in rows]
    if cursor:
        last = tuple(_decode(cursor))
        rows = [r for r in rows if r < last]
    page, more = rows[:limit], len(rows) > limit
    documents = {d.id: d for d in session.scalars(select(Document).where(Document.id.in_([i for _, i in page])))}
    hits = [_hit(documents[i], key if query is not None else 0.0, query) for key, i in page]
    next_cursor = _encode(list(page[-1])) if more and page else None
    result = SearchResult(total=total, hits=hits, facets={}, next_cursor=next_cursor, query=query)
    if facets:
        HITS.create(session.connection(), checkfirst=True)
        session.execute(delete(HITS))
        if all_ids:
            session.execute(insert(HITS), [{"id": i} for i in all_ids])
        result.facets = facet_counts(session, select(HITS.c.id))
    return result


def facet_counts(session: Session, ids: Select) -> dict[str, list[dict]]:
    """Counts of matching documents per facet value (top values only for open-ended facets)."""
    id_list = ids
    out: dict[str, list[dict]] = {}
    rows = session.execute(select(Document.lang, func.count()).where(Document.id.in_(id_list)).group_by(Document.lang))
    out["lang"] = [{"value": lang, "count": n} for lang, n in rows if lang]
    year = func.extract("year", Document.published)
    rows = session.execute(select(year, func.count()).where(Document.id.in_(id_list), Document.published.is_not(None))
                           .group_by(year).order_by(desc(year)))
    out["year"] = [{"value": int(y), "count": n} for y, n in rows]
    rows = session.execute(
        select(Event.type, func.count(func.distinct(EventEvidence.document_id)))
        .join(EventEvidence, EventEvidence.event_id == Event.id)
        .where(EventEvidence.document_id.in_(id_list), Event.status == "active").group_by(Event.type)
        .order_by(desc(func.count(func.distinct(EventEvidence.document_id)))))
    out["event_type"] = [{"value": t, "count": n} for t, n in rows]
    target = func.coalesce(Organization.merged_into_id, Organization.id)
    rows = session.execute(
        select(target, func.count(func.distinct(EntityMention.document_id)))
        .join(Organization, Organization.id == EntityMention.organization_id)
        .where(EntityMention.document_id.in_(id_list)).group_by(target)
        .order_by(desc(func.count(func.distinct(EntityMention.document_id))), target).limit(FACET_SIZE))
    rows = list(rows)
    names = dict(session.execute(select(Organization.id, Organization.name).where(Organization.id.in_([r[0] for r in rows]))).all())
    out["org"] = [{"value": org_id, "label": names.get(org_id, str(org_id)), "count": n} for org_id, n in rows]
    for facet, label in (("person", "PER"), ("location", "LOC")):
        count = func.count(func.distinct(EntityMention.document_id))
        rows = session.execute(
            select(EntityMention.normalized, func.min(EntityMention.text), count)
            .where(EntityMention.document_id.in_(id_list), EntityMention.label == label)
            .group_by(EntityMention.normalized).order_by(desc(count), EntityMention.normalized).limit(FACET_SIZE))
        out[facet] = [{"value": shown, "count": n} for _key, shown, n in rows]
    count = func.count(func.distinct(FigureMention.document_id))
    rows = session.execute(
        select(FigureMention.unit_key, func.min(FigureMention.unit), count)
        .where(FigureMention.document_id.in_(id_list), FigureMention.unit_key.is_not(None))
        .group_by(FigureMention.unit_key).order_by(desc(count), FigureMention.unit_key).limit(FACET_SIZE))
    out["unit"] = [{"value": shown, "count": n} for _key, shown, n in rows]
    return out


def _hit(document: Document, score: float, query: ParsedQuery | None) -> Hit:
    spans = highlight_spans(document.text, document.lang, query.highlight if query else [])
    snippet, snippet_html = _snippet(document.text, spans)
    return Hit(document, score, snippet, snippet_html, spans)


def highlight_spans(original: str, lang: str | None, stems: list[str], limit: int = 50) -> list[tuple[int, int]]:
    """Original-text spans of words that start with one of ``stems`` (analysed forms)."""
    if not stems:
        return []
    view = search_view(original, lang)
    spans: list[tuple[int, int]] = []
    for word in _WORD.finditer(view.text):
        if any(word.group().startswith(stem) for stem in stems):
            spans.append(view.to_original(word.start(), word.end()))
            if len(spans) >= limit:
                break
    return spans


def _snippet(original: str, spans: list[tuple[int, int]]) -> tuple[str, str]:
    """Text around the first match, plain and as HTML with ``<mark>`` (everything else escaped)."""
    if not spans:
        piece = original[: SNIPPET_CHARS * 2]
        return piece, html.escape(piece)
    start = max(0, spans[0][0] - SNIPPET_CHARS)
    end = min(len(original), spans[0][1] + SNIPPET_CHARS)
    parts: list[str] = []
    cursor = start
    for a, b in spans:
        if a < cursor or b > end:
            continue
        parts.append(html.escape(original[cursor:a]))
        parts.append(f"<mark>{html.escape(original[a:b])}</mark>")
        cursor = b
    parts.append(html.escape(original[cursor:end]))
    prefix, suffix = ("…" if start else ""), ("…" if end < len(original) else "")
    return prefix + original[start:end] + suffix, prefix + "".join(parts) + suffix

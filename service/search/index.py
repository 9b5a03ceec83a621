"""The full-text index: one row per searchable document, analysed text in ``title`` and ``body``.

SQLite uses an FTS5 table (BM25 ranking); PostgreSQL a ``tsvector`` column with a GIN index over the
same analysed text (``simple`` configuration: our analyzer already did the language work), ranked by
``ts_rank_cd``. Rows are written in the document's own transaction, so the index never disagrees
with the store after a crash.
"""

from __future__ import annotations

from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session

from service.search.analyzer import index_text
from service.search.query import ParsedQuery
from service.store.models import Document

TITLE_WEIGHT = 4.0


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def index_document(session: Session, document: Document) -> None:
    """(Re)index ``document``; skipped documents are removed from the index."""
    remove_document(session, document.id)
    if document.status != "ok":
        return
    insert_rows(session, [{"id": document.id, "title": index_text(document.title or "", document.lang),
                           "body": index_text(document.text, document.lang)}])


def insert_rows(session: Session, rows: list[dict]) -> None:
    """Insert analysed ``{id, title, body}`` rows (bulk; also used by the benchmark's corpus)."""
    if not rows:
        return
    if _dialect(session) == "sqlite":
        session.execute(text("INSERT INTO search_index(rowid, title, body) VALUES (:id, :title, :body)"), rows)
    else:
        session.execute(text(
            "INSERT INTO search_index(rowid, title, body, vector) VALUES (:id, :title, :body, "
            "setweight(to_tsvector('simple', :title), 'A') || setweight(to_tsvector('simple', :body), 'D'))"
        ), rows)


def remove_document(session: Session, document_id: int) -> None:
    session.execute(text("DELETE FROM search_index WHERE rowid = :id"), {"id": document_id})


def match_sql(session: Session, query: ParsedQuery) -> tuple[str, dict]:
    """SQL selecting ``document_id, score`` (higher is better) for ``query``."""
    if _dialect(session) == "sqlite":
        return (
            f"SELECT rowid AS document_id, -bm25(search_index, {TITLE_WEIGHT}, 1.0) AS score "
            "FROM search_index WHERE search_index MATCH :match",
            {"match": query.fts5()},
        )
    return (
        "SELECT rowid AS document_id, CAST(ts_rank_cd(vector, to_tsquery('simple', :match)) AS DOUBLE PRECISION) AS score "
        "FROM search_index WHERE vector @@ to_tsquery('simple', :match)",
        {"match": query.tsquery()},
    )


def match_ids(session: Session, query: ParsedQuery) -> dict[int, float]:
    """Raw engine query: every matching document id with its score."""
    sql, params = match_sql(session, query)
    return {row.document_id: float(row.score) for row in session.execute(text(sql).bindparams(
        *[bindparam(k) for k in params]), params)}

"""Offset pagination done by the database: one page of rows and the count of all matching rows."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session


def paginate(session: Session, query: Select, limit: int, offset: int) -> tuple[list[Any], int]:
    """One page of ``query``'s rows and the count of all, both in SQL (a page never loads the whole table)."""
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    rows = list(session.scalars(query.limit(limit).offset(offset)))
    return rows, total

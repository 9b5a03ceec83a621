"""Throw-away stores for the benchmarks that need a database of their own."""

from __future__ import annotations

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url


def new_postgres_database(admin_url: str, name: str) -> str:
    """A new empty database called ``name`` on the server of ``admin_url`` (dropped first if it is left
    over from an earlier run); returns its URL."""
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)

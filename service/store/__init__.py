"""Durable storage: SQLAlchemy models, Alembic migrations, sessions and repositories."""

"""search index: SQLite FTS5 table, or a tsvector table with a GIN index on PostgreSQL

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21 09:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # rowid = documents.id; the columns hold the analysed text (service/search/analyzer.py)
        op.execute(
            "CREATE VIRTUAL TABLE search_index USING fts5(title, body, tokenize='unicode61 remove_diacritics 2')"
        )
        return
    op.create_table(
        "search_index",
        sa.Column("rowid", sa.Integer(), sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("vector", sa.dialects.postgresql.TSVECTOR(), nullable=False),
    )
    op.create_index("ix_search_index_vector", "search_index", ["vector"], postgresql_using="gin")


def downgrade() -> None:
    op.drop_table("search_index")

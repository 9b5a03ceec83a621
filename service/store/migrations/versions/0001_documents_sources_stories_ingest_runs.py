"""documents, sources, stories, ingest runs

Revision ID: 0001
Revises:
Create Date: 2026-11-21 08:31:20.928355
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ingest_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("arguments", sa.JSON(), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "stories",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("url", sa.String(length=2048), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("author", sa.Text(), nullable=True),
        sa.Column("sitename", sa.Text(), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("published_text", sa.Text(), nullable=True),
        sa.Column("published_calendar", sa.String(length=16), nullable=True),
        sa.Column("published_source", sa.String(length=32), nullable=True),
        sa.Column("lang", sa.String(length=8), nullable=True),
        sa.Column("lang_confidence", sa.Float(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("skip_reason", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("pages", sa.JSON(), nullable=True),
        sa.Column("raw", sa.LargeBinary(), nullable=True),
        sa.Column("raw_type", sa.String(length=16), nullable=False),
        sa.Column("raw_encoding", sa.String(length=32), nullable=True),
        sa.Column("minhash", sa.LargeBinary(), nullable=True),
        sa.Column("story_id", sa.Integer(), nullable=True),
        sa.Column("story_similarity", sa.Float(), nullable=True),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["story_id"],
            ["stories.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_documents_content_hash"), ["content_hash"], unique=True)
        batch_op.create_index(batch_op.f("ix_documents_lang"), ["lang"], unique=False)
        batch_op.create_index(batch_op.f("ix_documents_published"), ["published"], unique=False)
        batch_op.create_index(batch_op.f("ix_documents_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_documents_story_id"), ["story_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_documents_url"), ["url"], unique=False)

    op.create_table(
        "document_sources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("locator", sa.String(length=2048), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("etag", sa.String(length=512), nullable=True),
        sa.Column("last_modified", sa.String(length=128), nullable=True),
        sa.Column("http_status", sa.Integer(), nullable=True),
        sa.Column("first_seen", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("locator", name="uq_document_sources_locator"),
    )
    with op.batch_alter_table("document_sources", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_document_sources_document_id"), ["document_id"], unique=False)

    op.create_table(
        "ingest_results",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("locator", sa.String(length=2048), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=True),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
        ),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["ingest_runs.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("ingest_results", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ingest_results_locator"), ["locator"], unique=False)
        batch_op.create_index(batch_op.f("ix_ingest_results_outcome"), ["outcome"], unique=False)
        batch_op.create_index(batch_op.f("ix_ingest_results_reason"), ["reason"], unique=False)
        batch_op.create_index(batch_op.f("ix_ingest_results_run_id"), ["run_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("ingest_results", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ingest_results_run_id"))
        batch_op.drop_index(batch_op.f("ix_ingest_results_reason"))
        batch_op.drop_index(batch_op.f("ix_ingest_results_outcome"))
        batch_op.drop_index(batch_op.f("ix_ingest_results_locator"))

    op.drop_table("ingest_results")
    with op.batch_alter_table("document_sources", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_document_sources_document_id"))

    op.drop_table("document_sources")
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_documents_url"))
        batch_op.drop_index(batch_op.f("ix_documents_story_id"))
        batch_op.drop_index(batch_op.f("ix_documents_status"))
        batch_op.drop_index(batch_op.f("ix_documents_published"))
        batch_op.drop_index(batch_op.f("ix_documents_lang"))
        batch_op.drop_index(batch_op.f("ix_documents_content_hash"))

    op.drop_table("documents")
    op.drop_table("stories")
    op.drop_table("ingest_runs")

"""entity, date and figure mentions

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 08:37:32.531802
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "date_mentions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("calendar", sa.String(length=16), nullable=False),
        sa.Column("granularity", sa.String(length=16), nullable=False),
        sa.Column("iso_start", sa.Date(), nullable=False),
        sa.Column("iso_end", sa.Date(), nullable=False),
        sa.Column("relative", sa.Boolean(), nullable=False),
        sa.Column("sentence_start", sa.Integer(), nullable=False),
        sa.Column("sentence_end", sa.Integer(), nullable=False),
        sa.Column("extractor", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("date_mentions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_date_mentions_document_id"), ["document_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_date_mentions_iso_start"), ["iso_start"], unique=False)

    op.create_table(
        "entity_mentions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=16), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("normalized", sa.Text(), nullable=False),
        sa.Column("sentence_start", sa.Integer(), nullable=False),
        sa.Column("sentence_end", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("extractor", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("entity_mentions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_entity_mentions_document_id"), ["document_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_entity_mentions_label"), ["label"], unique=False)
        batch_op.create_index(batch_op.f("ix_entity_mentions_normalized"), ["normalized"], unique=False)

    op.create_table(
        "figure_mentions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("unit", sa.Text(), nullable=True),
        sa.Column("qualifier", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("currency", sa.String(length=16), nullable=True),
        sa.Column("sentence_start", sa.Integer(), nullable=False),
        sa.Column("sentence_end", sa.Integer(), nullable=False),
        sa.Column("attached", sa.JSON(), nullable=False),
        sa.Column("extractor", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("figure_mentions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_figure_mentions_document_id"), ["document_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_figure_mentions_unit"), ["unit"], unique=False)
        batch_op.create_index(batch_op.f("ix_figure_mentions_value"), ["value"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("figure_mentions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_figure_mentions_value"))
        batch_op.drop_index(batch_op.f("ix_figure_mentions_unit"))
        batch_op.drop_index(batch_op.f("ix_figure_mentions_document_id"))

    op.drop_table("figure_mentions")
    with op.batch_alter_table("entity_mentions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_entity_mentions_normalized"))
        batch_op.drop_index(batch_op.f("ix_entity_mentions_label"))
        batch_op.drop_index(batch_op.f("ix_entity_mentions_document_id"))

    op.drop_table("entity_mentions")
    with op.batch_alter_table("date_mentions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_date_mentions_iso_start"))
        batch_op.drop_index(batch_op.f("ix_date_mentions_document_id"))

    op.drop_table("date_mentions")

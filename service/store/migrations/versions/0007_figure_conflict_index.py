"""figure_mentions: a composite index for finding conflicting figures (same organization, unit and
period, another value), which the figures list filters on in SQL

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-21 12:00:00
"""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_figure_mentions_conflict", "figure_mentions",
                    ["organization_id", "unit_key", "period_start", "period_end", "value"])


def downgrade() -> None:
    op.drop_index("ix_figure_mentions_conflict", table_name="figure_mentions")

"""notices the central server addresses to this till (id conflicts with another till)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_notices",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(100), nullable=False, unique=True),
        sa.Column("code", sa.String(32), nullable=False),
        sa.Column("record_kind", sa.String(16), nullable=False),
        sa.Column("record_id", sa.String(36), nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),  # UTC ISO 8601 text (UtcDateTime)
    )


def downgrade() -> None:
    op.drop_table("sync_notices")

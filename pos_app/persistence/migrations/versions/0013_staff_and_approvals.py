"""staff (PIN hashes, persisted lockouts) and the approvals asked of managers

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

TS = sa.String(32)  # UTC ISO 8601 text (UtcDateTime)

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "staff",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("store_code", sa.String(16), nullable=False),
        sa.Column("name", sa.String(32), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("pin_hash", sa.String(200), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("origin", sa.String(8), nullable=False),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("locked_until", TS, nullable=True),
        sa.Column("updated_at", TS, nullable=False),
    )
    op.create_table(
        "approvals",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("action", sa.String(24), nullable=False),
        sa.Column("amount", sa.Integer, nullable=False),
        sa.Column("reference", sa.String(64), nullable=False),
        sa.Column("requested_by", sa.String(32), nullable=False),
        sa.Column("approver_id", sa.String(36), nullable=False),
        sa.Column("approver_name", sa.String(32), nullable=False),
        sa.Column("granted", sa.Boolean, nullable=False),
        sa.Column("reason", sa.String(24), nullable=False),
        sa.Column("terminal_code", sa.String(16), nullable=False),
        sa.Column("at", TS, nullable=False),
    )
    op.create_index("ix_approvals_at", "approvals", ["at"])


def downgrade() -> None:
    op.drop_index("ix_approvals_at", "approvals")
    op.drop_table("approvals")
    op.drop_table("staff")

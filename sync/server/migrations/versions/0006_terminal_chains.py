"""the last link of each till position's hash chain, to check a push's continuity

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27 15:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "terminal_chains",
        sa.Column("store_code", sa.String(length=16), nullable=False),
        sa.Column("terminal_code", sa.String(length=16), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("store_code", "terminal_code"),
    )


def downgrade() -> None:
    op.drop_table("terminal_chains")

"""an order keeps the 抹零 (cash rounding) its till took off the total

`rounding_fen` is the rounding the server checked against the order's lines
(less than one 元, only what rounding down to a whole 角 or 元 gives); orders
stored before had none.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27 15:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # in place on both databases: rebuilding `orders` (SQLite batch mode) would have
    # to drop a table the refunds and claims point at
    op.add_column(
        "orders", sa.Column("rounding_fen", sa.BigInteger(), nullable=False, server_default="0")
    )


def downgrade() -> None:
    # SQLite ≥ 3.35 and PostgreSQL both drop a plain column in place
    op.execute("ALTER TABLE orders DROP COLUMN rounding_fen")

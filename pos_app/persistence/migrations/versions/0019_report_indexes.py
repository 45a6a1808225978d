"""the till's sales report: refunds found by when they were given

The report counts a refund on the day it was given, so it reads refunds by
`created_at` range; without an index a day's report over a year of refunds
scans them all. Sales (`ix_sales_created_at`) and redemptions
(`ix_redemptions_created_at`) have theirs already. An index only: no row is
written, the append-only triggers stay as they are.

Revision ID: 0019
Revises: 0016
Create Date: 2026-11-27
"""

from alembic import op

revision = "0019"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_refunds_created_at", "refunds", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_refunds_created_at", table_name="refunds")

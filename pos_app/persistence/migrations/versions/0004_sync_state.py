"""sync state: rejected outbox items kept with their reason, a case-free SKU index

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # SQLite adds nullable columns in place; the outbox keeps its rows and ids
    op.add_column("outbox", sa.Column("rejected_reason", sa.Text(), nullable=True))
    op.add_column("outbox", sa.Column("flags", sa.Text(), nullable=True))
    op.execute("CREATE INDEX ix_products_sku_lower ON products (lower(sku))")


def downgrade() -> None:
    op.execute("DROP INDEX ix_products_sku_lower")
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("flags")
        batch.drop_column("rejected_reason")

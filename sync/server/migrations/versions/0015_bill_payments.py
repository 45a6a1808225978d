"""property-fee bills: the payments recorded against them (cash, transfer, wallets; points
stay in redemptions), an index of redemptions by bill for the collection rate, and the
day each community's showroom opened

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-27 20:50:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "bill_payments",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            primary_key=True,
            autoincrement=True,
        ),
        sa.Column(
            "community_id", sa.String(length=40), sa.ForeignKey("communities.id"), nullable=False
        ),
        sa.Column("reference", sa.String(length=64), nullable=False),
        sa.Column("bill_id", sa.String(length=40), sa.ForeignKey("bills.id"), nullable=False),
        sa.Column("method", sa.String(length=16), nullable=False),
        sa.Column("amount_fen", sa.BigInteger(), nullable=False),
        sa.Column("paid_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("source", sa.String(length=8), nullable=False),
        sa.UniqueConstraint("community_id", "reference", name="ux_bill_payments_reference"),
        sa.CheckConstraint("amount_fen > 0", name="ck_bill_payment_amount"),
    )
    op.create_index("ix_bill_payments_bill_id", "bill_payments", ["bill_id"])
    op.create_index("ix_redemptions_bill_id", "redemptions", ["bill_id"])
    op.add_column("communities", sa.Column("showroom_opened_on", sa.Date(), nullable=True))


def downgrade() -> None:
    # SQLite ≥ 3.35: ALTER TABLE DROP COLUMN (a batch copy of communities would break the
    # foreign keys that point at it)
    op.drop_column("communities", "showroom_opened_on")
    op.drop_index("ix_redemptions_bill_id", table_name="redemptions")
    op.drop_index("ix_bill_payments_bill_id", table_name="bill_payments")
    op.drop_table("bill_payments")

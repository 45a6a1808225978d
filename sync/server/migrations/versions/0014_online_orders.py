"""orders of the online shop: the order (delivery point in WGS-84 and as given, its
attribution by geofence or by an operator), its lines as the server priced them,
its refunds and their lines, and the audit of hand attributions

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-27 21:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def _when() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def _order_fk() -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(
        "order_id", sa.String(length=40), sa.ForeignKey("online_orders.order_id"), nullable=False
    )


def upgrade() -> None:
    op.create_table(
        "online_orders",
        sa.Column("order_id", sa.String(length=40), primary_key=True),
        sa.Column("created_at", _when(), nullable=False),
        sa.Column("received_at", _when(), nullable=False),
        sa.Column("token_id", sa.String(length=16), nullable=False),
        sa.Column("crs", sa.String(length=8), nullable=False),
        sa.Column("lon_given", sa.Float(), nullable=False),
        sa.Column("lat_given", sa.Float(), nullable=False),
        sa.Column("lon", sa.Float(), nullable=False),
        sa.Column("lat", sa.Float(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column(
            "community_id", sa.String(length=40), sa.ForeignKey("communities.id"), nullable=True
        ),
        sa.Column("candidates", sa.String(length=400), nullable=False),
        sa.Column(
            "resident_id", sa.String(length=40), sa.ForeignKey("residents.id"), nullable=True
        ),
        sa.Column("earner_id", sa.String(length=40), sa.ForeignKey("residents.id"), nullable=True),
        sa.Column(
            "contract_id", sa.Integer(), sa.ForeignKey("contract_versions.id"), nullable=True
        ),
        sa.Column("total_fen", sa.BigInteger(), nullable=False),
        sa.Column("eligible_fen", sa.BigInteger(), nullable=False),
        sa.Column("refunded_fen", sa.BigInteger(), nullable=False),
        sa.Column("refunded_eligible_fen", sa.BigInteger(), nullable=False),
        sa.Column("points", sa.BigInteger(), nullable=False),
        sa.Column("body_hash", sa.String(length=64), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "status IN ('geofence', 'overlap', 'outside', 'operator')",
            name="ck_online_orders_status",
        ),
    )
    op.create_index("ix_online_orders_unattributed", "online_orders", ["status", "created_at"])
    op.create_index(
        "ix_online_orders_community_created", "online_orders", ["community_id", "created_at"]
    )
    op.create_table(
        "online_order_lines",
        sa.Column(
            "order_id",
            sa.String(length=40),
            sa.ForeignKey("online_orders.order_id"),
            primary_key=True,
        ),
        sa.Column("line_no", sa.Integer(), primary_key=True),
        sa.Column("sku", sa.String(length=64), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("unit_price_fen", sa.BigInteger(), nullable=False),
        sa.Column("discount_fen", sa.BigInteger(), nullable=False),
        sa.Column("net_fen", sa.BigInteger(), nullable=False),
        sa.Column("points_eligible", sa.Boolean(), nullable=False),
        sa.Column("refunded_quantity", sa.Integer(), nullable=False),
        sa.Column("refunded_fen", sa.BigInteger(), nullable=False),
    )
    op.create_index("ix_online_order_lines_sku", "online_order_lines", ["sku"])
    op.create_table(
        "online_refunds",
        sa.Column("refund_id", sa.String(length=40), primary_key=True),
        _order_fk(),
        sa.Column("created_at", _when(), nullable=False),
        sa.Column("received_at", _when(), nullable=False),
        sa.Column("total_fen", sa.BigInteger(), nullable=False),
        sa.Column("eligible_fen", sa.BigInteger(), nullable=False),
        sa.Column("clawback", sa.BigInteger(), nullable=False),
        sa.Column("body_hash", sa.String(length=64), nullable=False),
    )
    op.create_index("ix_online_refunds_order_id", "online_refunds", ["order_id"])
    op.create_table(
        "online_refund_lines",
        sa.Column(
            "refund_id",
            sa.String(length=40),
            sa.ForeignKey("online_refunds.refund_id"),
            primary_key=True,
        ),
        sa.Column("line_no", sa.Integer(), primary_key=True),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("amount_fen", sa.BigInteger(), nullable=False),
        sa.Column("eligible_fen", sa.BigInteger(), nullable=False),
    )
    op.create_table(
        "online_attributions",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            primary_key=True,
            autoincrement=True,
        ),
        _order_fk(),
        sa.Column("previous_status", sa.String(length=10), nullable=False),
        sa.Column("candidates", sa.String(length=400), nullable=False),
        sa.Column(
            "community_id", sa.String(length=40), sa.ForeignKey("communities.id"), nullable=False
        ),
        sa.Column("by", sa.String(length=80), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.Column("points", sa.BigInteger(), nullable=False),
        sa.Column("at", _when(), nullable=False),
    )
    op.create_index("ix_online_attributions_order_id", "online_attributions", ["order_id"])


def downgrade() -> None:
    op.drop_index("ix_online_attributions_order_id", table_name="online_attributions")
    op.drop_table("online_attributions")
    op.drop_table("online_refund_lines")
    op.drop_index("ix_online_refunds_order_id", table_name="online_refunds")
    op.drop_table("online_refunds")
    op.drop_index("ix_online_order_lines_sku", table_name="online_order_lines")
    op.drop_table("online_order_lines")
    op.drop_index("ix_online_orders_community_created", table_name="online_orders")
    op.drop_index("ix_online_orders_unattributed", table_name="online_orders")
    op.drop_table("online_orders")

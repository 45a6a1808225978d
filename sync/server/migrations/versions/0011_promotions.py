"""promotions: definitions and their versions, stores, status history, budget, what
each sale got;
order lines for the sales-uplift report (backfilled from the stored orders)

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-27 18:20:00
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def _when() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "promotions",
        sa.Column("id", sa.String(length=64), primary_key=True),
        sa.Column("definition", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("budget_fen", sa.BigInteger(), nullable=True),
        sa.Column("given_fen", sa.BigInteger(), nullable=False, server_default="0"),
        sa.Column("created_at", _when(), nullable=False),
        sa.Column("updated_at", _when(), nullable=False),
    )
    op.create_table(
        "promotion_stores",
        sa.Column(
            "promotion_id", sa.String(length=64), sa.ForeignKey("promotions.id"), primary_key=True
        ),
        sa.Column(
            "store_code", sa.String(length=16), sa.ForeignKey("stores.code"), primary_key=True
        ),
    )
    big_id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
    op.create_table(
        "promotion_status_changes",
        sa.Column("id", big_id, primary_key=True, autoincrement=True),
        sa.Column(
            "promotion_id", sa.String(length=64), sa.ForeignKey("promotions.id"), nullable=False
        ),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("at", _when(), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=False),
    )
    op.create_index(
        "ix_promotion_status_changes_promo_at", "promotion_status_changes", ["promotion_id", "at"]
    )
    op.create_table(
        "promotion_versions",
        sa.Column("id", big_id, primary_key=True, autoincrement=True),
        sa.Column(
            "promotion_id", sa.String(length=64), sa.ForeignKey("promotions.id"), nullable=False
        ),
        sa.Column("definition", sa.Text(), nullable=False),
        sa.Column("since", _when(), nullable=False),
    )
    op.create_index(
        "ix_promotion_versions_promo_since", "promotion_versions", ["promotion_id", "since"]
    )
    op.create_table(
        "promotion_uses",
        sa.Column(
            "sale_id", sa.String(length=36), sa.ForeignKey("orders.sale_id"), primary_key=True
        ),
        sa.Column(
            "promotion_id", sa.String(length=64), sa.ForeignKey("promotions.id"), primary_key=True
        ),
        sa.Column("store_code", sa.String(length=16), nullable=False),
        sa.Column("created_at", _when(), nullable=False),
        sa.Column("saving_fen", sa.BigInteger(), nullable=False),
        sa.Column("claimed_fen", sa.BigInteger(), nullable=False),
    )
    op.create_index("ix_promotion_uses_promo_at", "promotion_uses", ["promotion_id", "created_at"])
    op.create_table(
        "order_lines",
        sa.Column(
            "sale_id", sa.String(length=36), sa.ForeignKey("orders.sale_id"), primary_key=True
        ),
        sa.Column("line_no", sa.Integer(), primary_key=True),
        sa.Column("store_code", sa.String(length=16), nullable=False),
        sa.Column("created_at", _when(), nullable=False),
        sa.Column("sku", sa.String(length=64), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("amount_fen", sa.BigInteger(), nullable=False),
    )
    op.create_index("ix_order_lines_sku_at", "order_lines", ["sku", "created_at"])
    op.create_index("ix_order_lines_category_at", "order_lines", ["category", "created_at"])
    _backfill()


_INSERT = sa.text(
    "INSERT INTO order_lines (sale_id, line_no, store_code, created_at, sku, category, "
    "quantity, amount_fen) VALUES (:sale_id, :line_no, :store_code, :created_at, :sku, "
    ":category, :quantity, :amount_fen)"
)


def _backfill() -> None:
    """The lines of the orders already stored, from their payloads (the till's category:
    the server's own was not kept), so that an uplift reaches back before this revision."""
    conn = op.get_bind()
    orders = conn.execute(sa.text("SELECT sale_id, store_code, created_at, payload FROM orders"))
    rows = []
    for sale_id, store_code, created_at, payload in orders:
        for line in json.loads(payload).get("lines", []):
            if line.get("voided"):
                continue
            gross = line.get("fixed_amount")
            if gross is None:
                price, qty = line["unit_price"], line["quantity"]
                gross = (price * qty * 2 + 1000) // 2000 if line["unit"] == "kg" else price * qty
            rows.append(
                {
                    "sale_id": sale_id,
                    "line_no": line["line_no"],
                    "store_code": store_code,
                    "created_at": created_at,
                    "sku": line["sku"],
                    "category": line["category"],
                    "quantity": line["quantity"],
                    "amount_fen": max(gross - line["discount"], 0),
                }
            )
    for i in range(0, len(rows), 5000):
        # raw SQL: each back-end's time is passed back as it read it
        conn.execute(_INSERT, rows[i : i + 5000])


def downgrade() -> None:
    op.drop_index("ix_order_lines_category_at", table_name="order_lines")
    op.drop_index("ix_order_lines_sku_at", table_name="order_lines")
    op.drop_table("order_lines")
    op.drop_index("ix_promotion_uses_promo_at", table_name="promotion_uses")
    op.drop_table("promotion_uses")
    op.drop_index("ix_promotion_versions_promo_since", table_name="promotion_versions")
    op.drop_table("promotion_versions")
    op.drop_index("ix_promotion_status_changes_promo_at", table_name="promotion_status_changes")
    op.drop_table("promotion_status_changes")
    op.drop_table("promotion_stores")
    op.drop_table("promotions")

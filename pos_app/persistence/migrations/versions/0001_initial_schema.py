"""initial schema: catalog, sales, outbox, held orders, counters, settings

Revision ID: 0001
Revises:
Create Date: 2026-11-26 17:11:17.042138
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# (code, name, points eligible): lottery tickets and deposits earn no points.
# A migration is history, so this stays a frozen copy of the one list,
# pos_app.core.categories.DEFAULT_CATEGORIES; tests/unit/core/test_categories.py
# asserts the two are equal (a changed list needs a new migration, not an edit here).
DEFAULT_CATEGORIES = [
    ("water", "饮用水", True),
    ("grain", "粮油米面", True),
    ("tea", "茶叶", True),
    ("deli", "卤味熟食", True),
    ("soup", "汤品", True),
    ("health", "健康产品", True),
    ("craft", "文创盲盒", True),
    ("office", "办公用品", True),
    ("snack", "零食饮料", True),
    ("dairy", "乳品", True),
    ("fresh", "生鲜称重", True),
    ("daily", "日用百货", True),
    ("gift", "礼品礼盒", True),
    ("lottery", "彩票", False),
    ("deposit", "押金", False),
]


def upgrade() -> None:
    op.create_table(
        "categories",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("points_eligible", sa.Boolean(), nullable=False),
        sa.Column("sort", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("code"),
    )
    op.create_table(
        "counters",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    op.create_table(
        "held_orders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cart_json", sa.Text(), nullable=False),
        sa.Column("item_count", sa.Integer(), nullable=False),
        sa.Column("total_fen", sa.Integer(), nullable=False),
        sa.Column("cashier", sa.String(length=32), nullable=False),
        sa.Column("held_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("aggregate_id", sa.String(length=36), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("sent_at", sa.String(length=32), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("item_id"),
    )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.create_index("ix_outbox_pending", ["sent_at", "id"], unique=False)

    op.create_table(
        "sales",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("receipt_no", sa.String(length=40), nullable=False),
        sa.Column("store_code", sa.String(length=16), nullable=False),
        sa.Column("terminal_code", sa.String(length=16), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("cashier", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("subtotal_fen", sa.Integer(), nullable=False),
        sa.Column("discount_fen", sa.Integer(), nullable=False),
        sa.Column("total_fen", sa.Integer(), nullable=False),
        sa.Column("change_fen", sa.Integer(), nullable=False),
        sa.Column("eligible_fen", sa.Integer(), nullable=False),
        sa.Column("line_count", sa.Integer(), nullable=False),
        sa.CheckConstraint("total_fen = subtotal_fen - discount_fen", name="total_consistent"),
        sa.CheckConstraint("total_fen >= 0 AND change_fen >= 0", name="amounts_not_negative"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("receipt_no"),
    )
    with op.batch_alter_table("sales", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sales_created_at"), ["created_at"], unique=False)

    op.create_table(
        "settings",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "products",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sku", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("unit", sa.String(length=8), nullable=False),
        sa.Column("unit_label", sa.String(length=8), nullable=False),
        sa.Column("price_fen", sa.Integer(), nullable=False),
        sa.Column("member_price_fen", sa.Integer(), nullable=True),
        sa.Column("plu", sa.String(length=8), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("pinyin_full", sa.Text(), nullable=False),
        sa.Column("pinyin_initials", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.CheckConstraint(
            "member_price_fen IS NULL OR member_price_fen >= 0", name="member_price_ok"
        ),
        sa.CheckConstraint("price_fen >= 0", name="price_not_negative"),
        sa.ForeignKeyConstraint(
            ["category"],
            ["categories.code"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("plu"),
        sa.UniqueConstraint("sku"),
    )
    op.create_table(
        "sale_lines",
        sa.Column("sale_id", sa.String(length=36), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=True),
        sa.Column("sku", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("points_eligible", sa.Boolean(), nullable=False),
        sa.Column("unit", sa.String(length=8), nullable=False),
        sa.Column("unit_price_fen", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("barcode", sa.String(length=64), nullable=True),
        sa.Column("fixed_amount_fen", sa.Integer(), nullable=True),
        sa.Column("gross_fen", sa.Integer(), nullable=False),
        sa.Column("discount_fen", sa.Integer(), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("voided", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["sale_id"],
            ["sales.id"],
        ),
        sa.PrimaryKeyConstraint("sale_id", "line_no"),
    )
    op.create_table(
        "sale_payments",
        sa.Column("sale_id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("tendered_fen", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["sale_id"],
            ["sales.id"],
        ),
        sa.PrimaryKeyConstraint("sale_id", "seq"),
    )
    op.create_table(
        "product_barcodes",
        sa.Column("barcode", sa.String(length=14), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["product_id"], ["products.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("barcode"),
    )
    with op.batch_alter_table("product_barcodes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_product_barcodes_product_id"), ["product_id"], unique=False
        )

    categories = sa.table(
        "categories",
        sa.column("code", sa.String),
        sa.column("name", sa.String),
        sa.column("points_eligible", sa.Boolean),
        sa.column("sort", sa.Integer),
    )
    op.bulk_insert(
        categories,
        [
            {"code": code, "name": name, "points_eligible": eligible, "sort": i}
            for i, (code, name, eligible) in enumerate(DEFAULT_CATEGORIES)
        ],
    )
    counters = sa.table("counters", sa.column("name", sa.String), sa.column("value", sa.Integer))
    op.bulk_insert(counters, [{"name": "receipt", "value": 0}])
    # Completed sales are append-only: corrections are new records (refunds),
    # so an UPDATE or DELETE is refused by the database itself.
    for table in ("sales", "sale_lines", "sale_payments"):
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
            )


def downgrade() -> None:
    with op.batch_alter_table("product_barcodes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_product_barcodes_product_id"))

    op.drop_table("product_barcodes")
    op.drop_table("sale_payments")
    op.drop_table("sale_lines")
    op.drop_table("products")
    op.drop_table("settings")
    with op.batch_alter_table("sales", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sales_created_at"))

    op.drop_table("sales")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_pending")

    op.drop_table("outbox")
    op.drop_table("held_orders")
    op.drop_table("counters")
    op.drop_table("categories")

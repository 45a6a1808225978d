"""catalog history, review queue, id conflicts, spent member-code nonces, per-terminal notices

Every product's priced facts get a version table (the current catalog of an
existing database becomes each SKU's first version, in force from its last
price update). Refunds keep the till's figures beside the server's, and the
change log gains a per-terminal visibility for notices. An order remembers
which of its lines earned, so that its refunds give back only those.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 12:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "member_code_uses",
        sa.Column("key_id", sa.String(length=40), nullable=False),
        sa.Column("nonce", sa.String(length=40), nullable=False),
        sa.Column("sale_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key_id", "nonce"),
    )
    op.create_table(
        "product_versions",
        sa.Column("id", BigId, autoincrement=True, nullable=False),
        sa.Column("sku", sa.String(length=64), nullable=False),
        sa.Column("effective_from", sa.DateTime(timezone=True), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("unit", sa.String(length=8), nullable=False),
        sa.Column("price_fen", sa.BigInteger(), nullable=False),
        sa.Column("member_price_fen", sa.BigInteger(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("sku", "effective_from", name="ux_product_versions"),
    )
    op.create_table(
        "id_conflicts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("record_kind", sa.String(length=16), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("owner_terminal_id", sa.String(length=36), nullable=False),
        sa.Column("terminal_id", sa.String(length=36), nullable=False),
        sa.Column("item_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["owner_terminal_id"], ["terminals.id"]),
        sa.ForeignKeyConstraint(["terminal_id"], ["terminals.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("record_kind", "record_id", "terminal_id", name="ux_id_conflicts"),
    )
    op.create_table(
        "review_items",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("terminal_id", sa.String(length=36), nullable=False),
        sa.Column("item_id", sa.String(length=36), nullable=False),
        sa.Column("source_kind", sa.String(length=16), nullable=False),
        sa.Column("source_id", sa.String(length=40), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=120), nullable=False),
        sa.Column("resident_id", sa.String(length=40), nullable=True),
        sa.Column("points", sa.BigInteger(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["terminal_id"], ["terminals.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("source_kind", "source_id", "line_no", "code", name="ux_review_items"),
    )
    op.create_index("ix_review_items_status", "review_items", ["status"], unique=False)
    # plain ADD COLUMNs: a batch copy of `changes` on SQLite would drop its AUTOINCREMENT
    op.add_column("changes", sa.Column("terminal_id", sa.String(length=36), nullable=True))
    op.add_column("orders", sa.Column("earning_lines", sa.Text(), nullable=True))
    op.add_column("refunds", sa.Column("total_terminal", sa.BigInteger(), nullable=True))
    op.add_column("refunds", sa.Column("payments_fen", sa.BigInteger(), nullable=True))
    op.add_column("refunds", sa.Column("payments_terminal", sa.BigInteger(), nullable=True))
    # the catalog as it stands becomes each product's first version
    op.execute(
        "INSERT INTO product_versions "
        "(sku, effective_from, category, unit, price_fen, member_price_fen, active) "
        "SELECT p.sku, pr.updated_at, p.category, p.unit, pr.price_fen, pr.member_price_fen, "
        "p.active FROM products p JOIN prices pr ON pr.sku = p.sku"
    )


def downgrade() -> None:
    with op.batch_alter_table("refunds", schema=None) as batch_op:
        batch_op.drop_column("payments_terminal")
        batch_op.drop_column("payments_fen")
        batch_op.drop_column("total_terminal")
    # the copy SQLite's batch mode makes must keep AUTOINCREMENT (seqs are never reused)
    with op.batch_alter_table(
        "changes", schema=None, table_kwargs={"sqlite_autoincrement": True}
    ) as batch_op:
        batch_op.drop_column("terminal_id")
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.drop_column("earning_lines")
    op.drop_index("ix_review_items_status", table_name="review_items")
    op.drop_table("review_items")
    op.drop_table("id_conflicts")
    op.drop_table("product_versions")
    op.drop_table("member_code_uses")

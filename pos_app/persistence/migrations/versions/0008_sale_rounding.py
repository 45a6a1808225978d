"""a sale keeps the 抹零 (cash rounding) taken off its total; a line says it was open-price

`total_fen` stays the cart's total (subtotal − discount); `rounding_fen` is
what 抹零 took off it, so the customer paid total_fen − rounding_fen. The
database itself bounds it: never negative, less than one 元 (the largest
unit any rule rounds to), never more than the total.

`sale_lines.open_price` marks a 无码商品 line: sold by category and typed
amount, with no product behind it.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-27
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # SQLite adds a column in place (with its CHECK): the append-only triggers and
    # the rows stay; every sale recorded before had no rounding
    op.execute(
        "ALTER TABLE sales ADD COLUMN rounding_fen INTEGER NOT NULL DEFAULT 0 "
        "CONSTRAINT rounding_bounded CHECK (rounding_fen >= 0 AND rounding_fen < 100 "
        "AND rounding_fen <= total_fen)"
    )
    op.execute("ALTER TABLE sale_lines ADD COLUMN open_price BOOLEAN NOT NULL DEFAULT 0")


def downgrade() -> None:
    op.execute("ALTER TABLE sale_lines DROP COLUMN open_price")
    # SQLite ≥ 3.35 drops a column in place when no constraint names only it in the
    # table: the CHECK is the column's own, so it goes with it and the triggers stay
    op.execute("ALTER TABLE sales DROP COLUMN rounding_fen")

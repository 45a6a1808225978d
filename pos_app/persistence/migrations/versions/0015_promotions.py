"""promotions kept on the till, the promotions each sale line got, and a sale's event

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

TS = sa.String(32)  # UTC ISO 8601 text (UtcDateTime)

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "promotions",
        sa.Column("promo_id", sa.String(64), primary_key=True),
        sa.Column("definition", sa.Text, nullable=False),  # promotion_to_dict, as JSON
        sa.Column("stores", sa.Text, nullable=False),  # JSON list of store codes; [] = every
        sa.Column("status", sa.String(8), nullable=False),
        sa.Column("origin", sa.String(8), nullable=False),  # "server" or "local"
        sa.Column("created_by", sa.String(32), nullable=False),
        sa.Column("updated_at", TS, nullable=False),
    )
    op.create_table(
        "sale_promotions",
        sa.Column("sale_id", sa.String(36), sa.ForeignKey("sales.id"), primary_key=True),
        sa.Column("promo_id", sa.String(64), primary_key=True),
        sa.Column("definition", sa.Text, nullable=False),
    )
    op.create_table(
        "sale_line_promotions",
        sa.Column("sale_id", sa.String(36), sa.ForeignKey("sales.id"), primary_key=True),
        sa.Column("line_no", sa.Integer, primary_key=True),
        sa.Column("seq", sa.Integer, primary_key=True),
        sa.Column("promo_id", sa.String(64), nullable=False),
        sa.Column("saving_fen", sa.Integer, nullable=False),
        sa.CheckConstraint("saving_fen > 0", name="saving_positive"),
    )
    # in place (as 0008): the append-only triggers and the rows stay
    op.execute("ALTER TABLE sales ADD COLUMN event_id VARCHAR(64)")
    # what a sale's lines got is part of the sale: append-only like it
    for table in ("sale_promotions", "sale_line_promotions"):
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
            )


def downgrade() -> None:
    op.execute("ALTER TABLE sales DROP COLUMN event_id")
    op.drop_table("sale_line_promotions")
    op.drop_table("sale_promotions")
    op.drop_table("promotions")

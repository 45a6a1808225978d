"""store-only promotions and events set up at a till: where each promotion and event
came from (origin central or store), its approving manager (staff id), and a
promotion's revision and the budget its till asked for (capped by the server)

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-27 20:50:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("promotions") as batch:
        batch.add_column(
            sa.Column("origin", sa.String(length=8), nullable=False, server_default="central")
        )
        batch.add_column(sa.Column("store_code", sa.String(length=16), nullable=True))
        batch.add_column(sa.Column("approver", sa.String(length=36), nullable=True))
        batch.add_column(sa.Column("revision", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("claimed_budget_fen", sa.BigInteger(), nullable=True))
        batch.add_column(
            sa.Column("budget_capped", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("events") as batch:
        batch.add_column(
            sa.Column("origin", sa.String(length=8), nullable=False, server_default="central")
        )
        batch.add_column(sa.Column("created_by", sa.String(length=36), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.drop_column("created_by")
        batch.drop_column("origin")
    with op.batch_alter_table("promotions") as batch:
        for name in (
            "budget_capped", "claimed_budget_fen", "revision", "approver", "store_code", "origin"
        ):  # fmt: skip
            batch.drop_column(name)

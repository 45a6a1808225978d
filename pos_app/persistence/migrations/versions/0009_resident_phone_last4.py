"""the last four digits of a resident's phone, for finding them offline; community names

A resident who left their phone at home tells the cashier the last four
digits of their number. Online the central server answers; offline the till
looks in its resident cache, which keeps those four digits and nothing more
of the number (the sync pull of residents brings them).

Communities and their property companies are named by name on screen, never
by code: the pull brings every community's name (change kind "community").

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("residents", sa.Column("phone_last4", sa.String(length=4), nullable=True))
    op.create_index("ix_residents_phone_last4", "residents", ["phone_last4"])
    op.create_table(
        "communities",
        sa.Column("community_id", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("property_company_id", sa.String(length=40), nullable=False),
        sa.Column("property_company_name", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("community_id"),
    )


def downgrade() -> None:
    op.drop_table("communities")
    op.drop_index("ix_residents_phone_last4", table_name="residents")
    op.drop_column("residents", "phone_last4")

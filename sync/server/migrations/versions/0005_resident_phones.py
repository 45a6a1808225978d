"""residents' phones for the lookup by last four digits: last4 and a masked form only

A resident who left their phone at home gives the cashier the last four
digits of their number; the server answers the matching residents of the
till's property company. It stores those four digits and the masked number
("138****1234") to tell candidates apart, never the number itself.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27 14:45:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ALTER TABLE (no batch copy): on SQLite a copy of residents would trip
    # the foreign keys of every table that refers to it
    op.add_column("residents", sa.Column("phone_last4", sa.String(length=4), nullable=True))
    op.add_column("residents", sa.Column("phone_masked", sa.String(length=16), nullable=True))
    op.create_index(
        "ix_residents_company_phone", "residents", ["property_company_id", "phone_last4"]
    )


def downgrade() -> None:
    op.drop_index("ix_residents_company_phone", table_name="residents")
    op.drop_column("residents", "phone_masked")  # SQLite ≥ 3.35: ALTER TABLE DROP COLUMN
    op.drop_column("residents", "phone_last4")

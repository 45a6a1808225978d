"""staff of each store, their PINs as argon2id hashes made by the server

The tills receive the hash (change kind "staff"), never the PIN.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-27 15:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "staff",
        sa.Column("id", sa.String(length=36), primary_key=True),
        sa.Column("store_code", sa.String(length=16), sa.ForeignKey("stores.code"), nullable=False),
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("pin_hash", sa.String(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_staff_store_code", "staff", ["store_code"])


def downgrade() -> None:
    op.drop_index("ix_staff_store_code", table_name="staff")
    op.drop_table("staff")

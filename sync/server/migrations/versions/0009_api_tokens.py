"""api_tokens: bearer credentials of operations, property companies and store managers

Tills keep their terminal token (terminals.token_hash); the people who read the
settlement, balances and a store's figures get a token of their role, issued by
`yuancang-central token issue` and revocable. Only the token's sha256 is stored.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-27 15:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.String(length=16), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=24), nullable=False),
        sa.Column("property_company_id", sa.String(length=40), nullable=True),
        sa.Column("store_code", sa.String(length=16), nullable=True),
        sa.Column("label", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["property_company_id"], ["property_companies.id"]),
        sa.ForeignKeyConstraint(["store_code"], ["stores.code"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )


def downgrade() -> None:
    op.drop_table("api_tokens")

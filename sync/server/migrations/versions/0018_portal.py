"""the partners' portal: its users (argon2id password hashes, role and company)
and their sessions

Revision ID: 0018
Revises: 0017
Create Date: 2026-11-27 21:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    when = sa.DateTime(timezone=True)
    op.create_table(
        "portal_users",
        sa.Column("username", sa.String(length=40), primary_key=True),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=24), nullable=False),
        sa.Column(
            "property_company_id",
            sa.String(length=40),
            sa.ForeignKey("property_companies.id"),
            nullable=True,
        ),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("failed", sa.Integer(), nullable=False),
        sa.Column("locked_until", when, nullable=True),
        sa.Column("created_at", when, nullable=False),
    )
    op.create_table(
        "portal_sessions",
        sa.Column("token_hash", sa.String(length=64), primary_key=True),
        sa.Column(
            "username",
            sa.String(length=40),
            sa.ForeignKey("portal_users.username"),
            nullable=False,
        ),
        sa.Column("created_at", when, nullable=False),
        sa.Column("last_seen_at", when, nullable=False),
        sa.Column("ended_at", when, nullable=True),
    )
    op.create_index("ix_portal_sessions_username", "portal_sessions", ["username"])


def downgrade() -> None:
    op.drop_index("ix_portal_sessions_username", "portal_sessions")
    op.drop_table("portal_sessions")
    op.drop_table("portal_users")

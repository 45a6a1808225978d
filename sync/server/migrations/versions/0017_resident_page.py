"""the residents' own page: one-time sign-in codes and the sessions they open

Revision ID: 0017
Revises: 0016
Create Date: 2026-11-27 21:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def _when() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    big_id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
    op.create_table(
        "resident_codes",
        sa.Column("id", big_id, primary_key=True, autoincrement=True),
        sa.Column(
            "resident_id", sa.String(length=40), sa.ForeignKey("residents.id"), nullable=False
        ),
        sa.Column("salt", sa.String(length=32), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("sent_at", _when(), nullable=False),
        sa.Column("expires_at", _when(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("used_at", _when(), nullable=True),
    )
    op.create_index("ix_resident_codes_resident_sent", "resident_codes", ["resident_id", "sent_at"])
    op.create_table(
        "resident_sessions",
        sa.Column("token_hash", sa.String(length=64), primary_key=True),
        sa.Column(
            "resident_id", sa.String(length=40), sa.ForeignKey("residents.id"), nullable=False
        ),
        sa.Column("created_at", _when(), nullable=False),
        sa.Column("last_seen_at", _when(), nullable=False),
        sa.Column("ended_at", _when(), nullable=True),
    )
    op.create_index("ix_resident_sessions_resident_id", "resident_sessions", ["resident_id"])


def downgrade() -> None:
    op.drop_index("ix_resident_sessions_resident_id", "resident_sessions")
    op.drop_table("resident_sessions")
    op.drop_index("ix_resident_codes_resident_sent", "resident_codes")
    op.drop_table("resident_codes")

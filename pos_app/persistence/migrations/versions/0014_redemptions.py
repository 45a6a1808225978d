"""the redemptions (核销) the central server granted at this till

Only the central server knows balances, so a redemption is made there; the till
keeps what the server answered (points, bill, what the bill and the balance
came to), so the shift's Z report counts the points redeemed at its counter.
Append-only like the sales, and chained (`pos_app.persistence.redemptions_repo`).

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

TS = sa.String(32)  # UTC ISO 8601 text (UtcDateTime)

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "redemptions",
        sa.Column("id", sa.String(36), primary_key=True),  # the request's redemption_id
        sa.Column("resident_id", sa.String(40), nullable=False),
        sa.Column("bill_id", sa.String(64), nullable=False),
        sa.Column("points", sa.Integer, nullable=False),
        sa.Column("bill_open_fen", sa.Integer, nullable=False),
        sa.Column("balance_after", sa.Integer, nullable=False),
        sa.Column("cashier", sa.String(32), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.CheckConstraint("points > 0", name="redemption_points_positive"),
    )
    op.create_index("ix_redemptions_created_at", "redemptions", ["created_at"])
    for action in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER redemptions_no_{action.lower()} BEFORE {action} ON redemptions "
            "BEGIN SELECT RAISE(ABORT, 'redemptions is append-only'); END"
        )


def downgrade() -> None:
    for action in ("update", "delete"):
        op.execute(f"DROP TRIGGER IF EXISTS redemptions_no_{action}")
    op.drop_index("ix_redemptions_created_at", "redemptions")
    op.drop_table("redemptions")

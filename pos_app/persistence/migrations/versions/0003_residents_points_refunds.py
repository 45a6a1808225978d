"""residents, revocations, contracts, points ledger, sale members, refunds

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

APPEND_ONLY = (
    "sale_members",
    "points_ledger",
    "refunds",
    "refund_lines",
    "refund_payments",
)


def upgrade() -> None:
    ts = sa.String(length=32)  # UTC ISO 8601 text (UtcDateTime)
    op.create_table(
        "residents",
        sa.Column("resident_id", sa.String(40), primary_key=True),
        sa.Column("community_id", sa.String(40), nullable=False),
        sa.Column("property_company_id", sa.String(40), nullable=False),
        sa.Column("masked_name", sa.String(32), nullable=False),
        sa.Column("community_name", sa.String(64), nullable=False),
        sa.Column("balance", sa.Integer(), nullable=False),
        sa.Column("balance_as_of", ts, nullable=True),
    )
    op.create_table(
        "revocations",
        sa.Column("resident_id", sa.String(40), primary_key=True),
        sa.Column("revoked_at", ts, nullable=False),
        sa.Column("reason", sa.String(32), nullable=False),
    )
    op.create_table(
        "contracts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("community_id", sa.String(40), nullable=False),
        sa.Column("effective_from", ts, nullable=False),
        sa.Column("share_bps", sa.Integer(), nullable=False),
        sa.Column("points_bps", sa.Integer(), nullable=False),
        sa.UniqueConstraint("community_id", "effective_from"),
        sa.CheckConstraint("share_bps BETWEEN 0 AND 10000 AND points_bps BETWEEN 0 AND 10000"),
    )
    op.create_table(
        "sale_members",
        sa.Column("sale_id", sa.String(36), sa.ForeignKey("sales.id"), primary_key=True),
        sa.Column("resident_id", sa.String(40), nullable=False, index=True),
        sa.Column("community_id", sa.String(40), nullable=False),
        sa.Column("property_company_id", sa.String(40), nullable=False),
        sa.Column("masked_name", sa.String(32), nullable=False),
        sa.Column("code_nonce", sa.String(40), nullable=False),
        sa.Column("eligible_fen", sa.Integer(), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("share_bps", sa.Integer(), nullable=True),
        sa.Column("points_bps", sa.Integer(), nullable=True),
        sa.Column("contract_from", ts, nullable=True),
    )
    op.create_table(
        "used_member_codes",
        sa.Column("nonce", sa.String(40), primary_key=True),
        sa.Column("resident_id", sa.String(40), nullable=False),
        sa.Column("sale_id", sa.String(36), nullable=False),
        sa.Column("expires_at", sa.Integer(), nullable=False),
    )
    op.create_table(
        "points_ledger",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("entry_id", sa.String(36), nullable=False, unique=True),
        sa.Column("resident_id", sa.String(40), nullable=False, index=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("sale_id", sa.String(36), nullable=True, index=True),
        sa.Column("refund_id", sa.String(36), nullable=True),
        sa.Column("created_at", ts, nullable=False),
    )
    op.create_table(
        "refunds",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("refund_no", sa.String(40), nullable=False, unique=True),
        sa.Column("sale_id", sa.String(36), sa.ForeignKey("sales.id"), nullable=False, index=True),
        sa.Column("created_at", ts, nullable=False),
        sa.Column("cashier", sa.String(32), nullable=False),
        sa.Column("approved_by", sa.String(32), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("total_fen", sa.Integer(), nullable=False),
        sa.Column("eligible_fen", sa.Integer(), nullable=False),
        sa.Column("points_clawback", sa.Integer(), nullable=False),
        sa.CheckConstraint("total_fen >= 0 AND points_clawback >= 0"),
    )
    op.create_table(
        "refund_lines",
        sa.Column("refund_id", sa.String(36), sa.ForeignKey("refunds.id"), primary_key=True),
        sa.Column("line_no", sa.Integer(), primary_key=True),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("eligible", sa.Boolean(), nullable=False),
        sa.Column("restock", sa.Boolean(), nullable=False),
        sa.CheckConstraint("quantity > 0 AND amount_fen >= 0"),
    )
    op.create_table(
        "refund_payments",
        sa.Column("refund_id", sa.String(36), sa.ForeignKey("refunds.id"), primary_key=True),
        sa.Column("seq", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(64), nullable=False),
    )
    op.bulk_insert(
        sa.table("counters", sa.column("name", sa.String), sa.column("value", sa.Integer)),
        [{"name": "refund", "value": 0}],
    )
    for table in APPEND_ONLY:
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
            )


def downgrade() -> None:
    for table in APPEND_ONLY:
        for action in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{action}")
    op.execute("DELETE FROM counters WHERE name = 'refund'")
    for table in (
        "refund_payments",
        "refund_lines",
        "refunds",
        "points_ledger",
        "used_member_codes",
        "sale_members",
        "contracts",
        "revocations",
        "residents",
    ):
        op.drop_table(table)

"""closed shifts (交班) pushed by the tills, with the server's own figures beside theirs

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-27 15:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "shifts",
        sa.Column("shift_id", sa.String(36), primary_key=True),
        sa.Column("shift_no", sa.String(40), nullable=False),
        sa.Column("terminal_id", sa.String(36), sa.ForeignKey("terminals.id"), nullable=False),
        sa.Column("store_code", sa.String(16), sa.ForeignKey("stores.code"), nullable=False),
        sa.Column("terminal_code", sa.String(16), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("opened_by", sa.String(64), nullable=False),
        sa.Column("closed_by", sa.String(64), nullable=False),
        sa.Column("approved_by", sa.String(64), nullable=False),
        sa.Column("float_fen", sa.BigInteger, nullable=False),
        sa.Column("counted_fen", sa.BigInteger, nullable=False),
        sa.Column("expected_server", sa.BigInteger, nullable=False),
        sa.Column("expected_terminal", sa.BigInteger, nullable=False),
        sa.Column("difference_server", sa.BigInteger, nullable=False),
        sa.Column("difference_terminal", sa.BigInteger, nullable=False),
        sa.Column("sales_server", sa.BigInteger, nullable=False),
        sa.Column("sales_terminal", sa.BigInteger, nullable=False),
        sa.Column("figures_server", sa.Text, nullable=False),
        sa.Column("mismatch", sa.Boolean, nullable=False),
        sa.Column("flags", sa.Text, nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
    )
    op.create_index("ix_shifts_store_closed", "shifts", ["store_code", "closed_at"])


def downgrade() -> None:
    op.drop_index("ix_shifts_store_closed", table_name="shifts")
    op.drop_table("shifts")

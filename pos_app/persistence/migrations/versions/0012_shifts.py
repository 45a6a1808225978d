"""shifts (交班) and the cash moved in or out of the drawer during them

A shift opens with a float and closes with a count by denomination; the Z
report's figures are kept with it. A counter numbers shifts per terminal.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "shifts",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("shift_no", sa.String(40), nullable=False, unique=True),
        sa.Column("store_code", sa.String(16), nullable=False),
        sa.Column("terminal_code", sa.String(16), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("opened_by", sa.String(32), nullable=False),
        sa.Column("float_fen", sa.Integer, nullable=False),
        sa.Column("closed_at", sa.String(32)),
        sa.Column("closed_by", sa.String(32)),
        sa.Column("approved_by", sa.String(32)),
        sa.Column("figures", sa.Text),
        sa.Column("counted", sa.Text),
        sa.Column("counted_fen", sa.Integer),
        sa.Column("expected_fen", sa.Integer),
        sa.Column("difference_fen", sa.Integer),
        sa.CheckConstraint("float_fen >= 0", name="shift_float_not_negative"),
        sa.CheckConstraint(
            "(closed_at IS NULL) = (counted_fen IS NULL)", name="shift_closed_with_count"
        ),
    )
    op.create_index("ix_shifts_open", "shifts", ["closed_at"])
    # at most one open shift per till, whatever a bug or a second process tries
    op.execute(
        "CREATE UNIQUE INDEX ux_shifts_one_open ON shifts (terminal_code) WHERE closed_at IS NULL"
    )
    op.create_table(
        "shift_movements",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("shift_id", sa.String(36), sa.ForeignKey("shifts.id"), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("amount_fen", sa.Integer, nullable=False),
        sa.Column("reason", sa.String(64), nullable=False),
        sa.Column("cashier", sa.String(32), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.CheckConstraint("amount_fen > 0", name="movement_amount_positive"),
        sa.CheckConstraint("kind IN ('cash_in', 'cash_out')", name="movement_kind"),
    )
    op.create_index("ix_shift_movements_shift_id", "shift_movements", ["shift_id"])
    op.execute("INSERT INTO counters (name, value) VALUES ('shift', 0)")


def downgrade() -> None:
    op.execute("DELETE FROM counters WHERE name = 'shift'")
    op.drop_index("ix_shift_movements_shift_id", "shift_movements")
    op.drop_table("shift_movements")
    op.execute("DROP INDEX ux_shifts_one_open")
    op.drop_index("ix_shifts_open", "shifts")
    op.drop_table("shifts")

"""a sale's member keeps the code it showed and the balance its receipt printed

`code` is the YCM1 membership code as scanned: a short-lived token signed by the
central server, carrying nothing personal beyond the resident id already stored;
it is pushed with the sale so the server can check it. `balance_after` is the
points balance the sale's receipt showed (NULL when the resident was not cached),
so a reprint says what the original said even when no print job was made.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # SQLite adds columns in place: the append-only triggers and the rows stay
    op.add_column(
        "sale_members", sa.Column("code", sa.String(400), nullable=False, server_default="")
    )
    op.add_column("sale_members", sa.Column("balance_after", sa.Integer(), nullable=True))


def downgrade() -> None:
    # batch mode rebuilds the table, which drops its triggers: put them back
    for action in ("update", "delete"):
        op.execute(f"DROP TRIGGER IF EXISTS sale_members_no_{action}")
    with op.batch_alter_table("sale_members") as batch:
        batch.drop_column("balance_after")
        batch.drop_column("code")
    for action in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER sale_members_no_{action.lower()} BEFORE {action} ON sale_members "
            "BEGIN SELECT RAISE(ABORT, 'sale_members is append-only'); END"
        )

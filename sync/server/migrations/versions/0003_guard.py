"""one membership code claims at most one receipt: unique (resident_id, member_nonce) on claims

Before this revision one code (one nonce) could claim several anonymous
receipts. Claims already stored that way stay (their points were credited and
are in the ledger); only their nonce text gets the sale id appended, so the
index can be built and the history still reads which code was shown.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 12:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            "SELECT sale_id, resident_id, member_nonce FROM claims "
            "ORDER BY resident_id, member_nonce, created_at, sale_id"
        )
    ).all()
    seen: set[tuple[str, str]] = set()
    for sale_id, resident_id, nonce in rows:
        if (resident_id, nonce) in seen:
            bind.execute(
                sa.text("UPDATE claims SET member_nonce = :n WHERE sale_id = :s"),
                {"n": f"{nonce[:27]}~{sale_id[:12]}", "s": sale_id},
            )
        seen.add((resident_id, nonce))
    op.create_index(
        "ux_claims_member_nonce", "claims", ["resident_id", "member_nonce"], unique=True
    )


def downgrade() -> None:
    op.drop_index("ux_claims_member_nonce", table_name="claims")

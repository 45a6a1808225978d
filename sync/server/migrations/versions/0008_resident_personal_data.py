"""residents' personal data sealed (AES-GCM) and the phone lookup by keyed hash

Full name, phone and bill address are stored only as AES-GCM ciphertexts, the
key outside the database (sync/server/personal_data.py). The plain last four
digits of 0005 and the masked phone (which shows them) are dropped: the lookup
matches `phone_tag`, an HMAC of the four digits, and the masked phone is made
from the decrypted number when a till asks. Rows of 0005 hold no full phone to
seal: `yuancang-central init --demo` seals the demo residents' again; a real
resident's phone comes back with the next import of residents.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-27 15:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ALTER TABLE (no batch copy): on SQLite a copy of residents would trip
    # the foreign keys of every table that refers to it
    op.add_column("residents", sa.Column("name_enc", sa.LargeBinary(), nullable=True))
    op.add_column("residents", sa.Column("phone_enc", sa.LargeBinary(), nullable=True))
    op.add_column("residents", sa.Column("address_enc", sa.LargeBinary(), nullable=True))
    op.add_column("residents", sa.Column("phone_tag", sa.String(length=64), nullable=True))
    op.drop_index("ix_residents_company_phone", table_name="residents")
    op.drop_column("residents", "phone_masked")  # SQLite ≥ 3.35: ALTER TABLE DROP COLUMN
    op.drop_column("residents", "phone_last4")
    op.create_index(
        "ix_residents_company_phone_tag", "residents", ["property_company_id", "phone_tag"]
    )


def downgrade() -> None:
    # the sealed values cannot become last-four digits without the key: lost on the way down
    op.drop_index("ix_residents_company_phone_tag", table_name="residents")
    op.add_column("residents", sa.Column("phone_last4", sa.String(length=4), nullable=True))
    op.add_column("residents", sa.Column("phone_masked", sa.String(length=16), nullable=True))
    op.create_index(
        "ix_residents_company_phone", "residents", ["property_company_id", "phone_last4"]
    )
    for column in ("phone_tag", "address_enc", "phone_enc", "name_enc"):
        op.drop_column("residents", column)

"""the catalog generation is bumped once per catalog write, not by per-row triggers

0007's triggers fired once per product and barcode row: an import of 100,000
products paid about a second for them (they more than doubled the bulk
insert). Every write to the catalog goes through `catalog_repo.upsert_products`
(imports and sync pages), which now bumps the generation once, in the same
transaction as the rows.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-27
"""

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

_TABLES = ("products", "product_barcodes")
_EVENTS = ("INSERT", "UPDATE", "DELETE")


def upgrade() -> None:
    for table in _TABLES:
        for event in _EVENTS:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_{event.lower()}_bumps_generation")


def downgrade() -> None:
    for table in _TABLES:
        for event in _EVENTS:
            op.execute(
                f"CREATE TRIGGER {table}_{event.lower()}_bumps_generation AFTER {event} ON {table} "
                "BEGIN UPDATE catalog_generation SET generation = generation + 1 WHERE id = 1; END"
            )

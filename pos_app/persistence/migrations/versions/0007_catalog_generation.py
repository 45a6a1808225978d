"""a catalog generation number that every change to products or barcodes bumps

The till keeps its search index in a file next to the database so that a
300,000-product catalog is searchable a second after start instead of after a
rebuild of several seconds. The file records the generation it was built
from; triggers (not the application's good intentions) bump the number on
any insert, update or delete, whoever writes, so a stale file is never used.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-27
"""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_TABLES = ("products", "product_barcodes")
_EVENTS = ("INSERT", "UPDATE", "DELETE")


def upgrade() -> None:
    op.execute(
        "CREATE TABLE catalog_generation ("
        " id INTEGER PRIMARY KEY CHECK (id = 1),"
        " generation INTEGER NOT NULL)"
    )
    op.execute("INSERT INTO catalog_generation (id, generation) VALUES (1, 1)")
    for table in _TABLES:
        for event in _EVENTS:
            op.execute(
                f"CREATE TRIGGER {table}_{event.lower()}_bumps_generation AFTER {event} ON {table} "
                "BEGIN UPDATE catalog_generation SET generation = generation + 1 WHERE id = 1; END"
            )


def downgrade() -> None:
    for table in _TABLES:
        for event in _EVENTS:
            op.execute(f"DROP TRIGGER {table}_{event.lower()}_bumps_generation")
    op.execute("DROP TABLE catalog_generation")

"""tasting events: the events this till knows, and what a promoter records at one

`events` holds each event's definition (from the central server's feed, or set
up here by a manager) and may change (its status moves on). The records made at
an event are append-only like the sales: samples handed out (a stock movement
with the reason 试吃, chained since each has a cost), feedback, visitor tallies
and leads. Each record's outbox item is written in its transaction
(`pos_app.persistence.events_repo`).

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

TS = sa.String(32)  # UTC ISO 8601 text (UtcDateTime)

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

RECORDS = ("event_samples", "event_feedback", "event_visitors", "event_leads")


def _who() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column("event_id", sa.String(40), nullable=False),
        sa.Column("promoter", sa.String(40), nullable=False),  # staff id
        sa.Column("terminal_code", sa.String(16), nullable=False),
        sa.Column("store_code", sa.String(16), nullable=False),
        sa.Column("at", TS, nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("event_id", sa.String(40), primary_key=True),
        sa.Column("definition", sa.Text, nullable=False),  # event_to_dict, as JSON
        sa.Column("origin", sa.String(8), nullable=False),  # "server" or "local"
        sa.Column("created_by", sa.String(40), nullable=False),
        sa.Column("updated_at", TS, nullable=False),
    )
    op.create_table(
        "event_samples",
        sa.Column("sample_id", sa.String(36), primary_key=True),
        *_who(),
        sa.Column("sku", sa.String(64), nullable=False),
        sa.Column("quantity", sa.Integer, nullable=False),
        sa.Column("unit", sa.String(8), nullable=False),
        sa.Column("cost_fen", sa.Integer, nullable=False),
        sa.Column("reason", sa.String(8), nullable=False),  # 试吃: a stock movement, not a sale
        sa.CheckConstraint("quantity > 0 AND cost_fen >= 0", name="sample_positive"),
    )
    op.create_table(
        "event_feedback",
        sa.Column("feedback_id", sa.String(36), primary_key=True),
        *_who(),
        sa.Column("sku", sa.String(64), nullable=True),
        sa.Column("rating", sa.Integer, nullable=False),
        sa.Column("tags", sa.Text, nullable=False),  # JSON list
        sa.Column("note", sa.String(200), nullable=False),
        sa.Column("resident_id", sa.String(40), nullable=True),
        sa.Column("consent", sa.Boolean, nullable=False),
        sa.CheckConstraint("rating BETWEEN 1 AND 5", name="rating_range"),
        sa.CheckConstraint("resident_id IS NULL OR consent", name="resident_needs_consent"),
    )
    op.create_table(
        "event_visitors",
        sa.Column("tally_id", sa.String(36), primary_key=True),
        *_who(),
        sa.Column("count", sa.Integer, nullable=False),
        sa.CheckConstraint("count BETWEEN 1 AND 500", name="tally_range"),
    )
    op.create_table(
        "event_leads",
        sa.Column("lead_id", sa.String(36), primary_key=True),
        *_who(),
        sa.Column("resident_id", sa.String(40), nullable=False),
        sa.Column("consent", sa.Boolean, nullable=False),
        sa.CheckConstraint("consent", name="lead_needs_consent"),
    )
    for table in RECORDS:
        op.create_index(f"ix_{table}_event", table, ["event_id", "at"])
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
            )
    op.create_index("ix_sales_event", "sales", ["event_id"])


def downgrade() -> None:
    op.drop_index("ix_sales_event", "sales")
    for table in reversed(RECORDS):
        for action in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_{action}")
        op.drop_index(f"ix_{table}_event", table)
        op.drop_table(table)
    op.drop_table("events")

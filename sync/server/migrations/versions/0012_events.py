"""tasting events: the events, their products (sample cost per unit) and promoters;
what tills push from them (samples, feedback and its tags, visitor tallies, leads),
each keyed by the till's own id; the sales credited to an event

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-27 18:45:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def _when() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def _event_fk() -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(
        "event_id", sa.String(length=40), sa.ForeignKey("events.event_id"), nullable=False
    )


def _record(name: str, id_column: str, *columns: sa.Column) -> None:  # type: ignore[type-arg]
    op.create_table(
        name,
        sa.Column(id_column, sa.String(length=36), primary_key=True),
        _event_fk(),
        sa.Column(
            "terminal_id", sa.String(length=36), sa.ForeignKey("terminals.id"), nullable=False
        ),
        sa.Column("promoter", sa.String(length=40), nullable=False),
        sa.Column("at", _when(), nullable=False),
        sa.Column("received_at", _when(), nullable=False),
        *columns,
    )
    op.create_index(f"ix_{name}_event_id", name, ["event_id"])


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("event_id", sa.String(length=40), primary_key=True),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("store_code", sa.String(length=16), sa.ForeignKey("stores.code"), nullable=False),
        sa.Column("community_code", sa.String(length=40), nullable=True),
        sa.Column("place", sa.String(length=100), nullable=False),
        sa.Column("starts_at", _when(), nullable=False),
        sa.Column("ends_at", _when(), nullable=False),
        sa.Column("sample_budget_fen", sa.BigInteger(), nullable=False),
        sa.Column("feedback_tags", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("created_at", _when(), nullable=False),
        sa.Column("updated_at", _when(), nullable=False),
    )
    op.create_index("ix_events_store_code", "events", ["store_code"])
    op.create_table(
        "event_products",
        sa.Column(
            "event_id", sa.String(length=40), sa.ForeignKey("events.event_id"), primary_key=True
        ),
        sa.Column("sku", sa.String(length=64), primary_key=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("sample_cost_fen", sa.BigInteger(), nullable=False),
        sa.Column("sample_unit", sa.String(length=8), nullable=False),
    )
    op.create_table(
        "event_promoters",
        sa.Column(
            "event_id", sa.String(length=40), sa.ForeignKey("events.event_id"), primary_key=True
        ),
        sa.Column("staff_id", sa.String(length=36), sa.ForeignKey("staff.id"), primary_key=True),
    )
    _record(
        "event_samples",
        "sample_id",
        sa.Column("sku", sa.String(length=64), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("unit", sa.String(length=8), nullable=False),
        sa.Column("reason", sa.String(length=8), nullable=False),
        sa.Column("cost_fen", sa.BigInteger(), nullable=False),
        sa.Column("cost_terminal", sa.BigInteger(), nullable=False),
    )
    _record(
        "event_feedback",
        "feedback_id",
        sa.Column("sku", sa.String(length=64), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.Column("resident_id", sa.String(length=40), nullable=True),
        sa.Column("consent", sa.Boolean(), nullable=False),
    )
    op.create_table(
        "event_feedback_tags",
        sa.Column(
            "feedback_id",
            sa.String(length=36),
            sa.ForeignKey("event_feedback.feedback_id"),
            primary_key=True,
        ),
        sa.Column("tag", sa.String(length=16), primary_key=True),
        sa.Column("event_id", sa.String(length=40), nullable=False),
        sa.Column("sku", sa.String(length=64), nullable=False),
    )
    op.create_index("ix_event_feedback_tags_event_id", "event_feedback_tags", ["event_id"])
    _record("event_visitors", "tally_id", sa.Column("count", sa.Integer(), nullable=False))
    _record(
        "event_leads",
        "lead_id",
        sa.Column("resident_id", sa.String(length=40), nullable=False),
        sa.Column("consent", sa.Boolean(), nullable=False),
    )
    op.create_table(
        "event_sales",
        sa.Column(
            "sale_id", sa.String(length=36), sa.ForeignKey("orders.sale_id"), primary_key=True
        ),
        _event_fk(),
        sa.Column("promoter", sa.String(length=64), nullable=False),
        sa.Column("created_at", _when(), nullable=False),
        sa.Column("member_id", sa.String(length=40), nullable=True),
    )
    op.create_index("ix_event_sales_event_id", "event_sales", ["event_id"])


def downgrade() -> None:
    op.drop_index("ix_event_sales_event_id", table_name="event_sales")
    op.drop_table("event_sales")
    for name in ("event_leads", "event_visitors"):
        op.drop_index(f"ix_{name}_event_id", table_name=name)
        op.drop_table(name)
    op.drop_index("ix_event_feedback_tags_event_id", table_name="event_feedback_tags")
    op.drop_table("event_feedback_tags")
    for name in ("event_feedback", "event_samples"):
        op.drop_index(f"ix_{name}_event_id", table_name=name)
        op.drop_table(name)
    op.drop_table("event_promoters")
    op.drop_table("event_products")
    op.drop_index("ix_events_store_code", table_name="events")
    op.drop_table("events")

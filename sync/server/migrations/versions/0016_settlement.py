"""settlement: order lines complete (promotion saving, eligible, net of 抹零, eligible
amount, points), refund lines, settlement signing keys and closed settlements
(immutable by trigger); both line tables backfilled from the stored payloads

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-27 21:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

#: rows read per round trip of the backfill: bounded memory on a big database
BATCH = 2000

_IMMUTABLE = "a closed settlement is immutable: correct it by an adjustment in a later month"


def _when() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    for name, column_type in (
        ("promo_saving_fen", sa.BigInteger()),
        ("net_fen", sa.BigInteger()),
        ("eligible_fen", sa.BigInteger()),
        ("points", sa.BigInteger()),
    ):
        op.add_column(
            "order_lines", sa.Column(name, column_type, nullable=False, server_default="0")
        )
    op.add_column(
        "order_lines",
        sa.Column("eligible", sa.Boolean(), nullable=False, server_default=sa.text("'0'")),
    )
    op.create_table(
        "refund_lines",
        sa.Column(
            "refund_id", sa.String(length=36), sa.ForeignKey("refunds.refund_id"), primary_key=True
        ),
        sa.Column("line_no", sa.Integer(), primary_key=True),
        sa.Column("sale_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", _when(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("amount_fen", sa.BigInteger(), nullable=False),
        sa.Column("eligible_fen", sa.BigInteger(), nullable=False),
        sa.Column("clawed_points", sa.BigInteger(), nullable=False),
    )
    op.create_index("ix_refund_lines_sale", "refund_lines", ["sale_id", "line_no"])
    op.create_table(
        "settlement_keys",
        sa.Column("key_id", sa.String(length=40), primary_key=True),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("created_at", _when(), nullable=False),
    )
    op.create_table(
        "settlements",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True,
                  autoincrement=True),
        sa.Column(
            "community_id", sa.String(length=40), sa.ForeignKey("communities.id"), nullable=False
        ),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("closed_at", _when(), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column(
            "key_id", sa.String(length=40), sa.ForeignKey("settlement_keys.key_id"), nullable=False
        ),
        sa.Column("signature", sa.String(length=100), nullable=False),
        sa.UniqueConstraint("community_id", "month", name="ux_settlements_month"),
    )  # fmt: skip
    _immutable()
    _backfill()


def _immutable() -> None:
    """The database itself refuses to change a closed settlement, whatever the code does."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION settlements_immutable() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN RAISE EXCEPTION '{_IMMUTABLE}'; END $$"
        )
        op.execute(
            "CREATE TRIGGER settlements_no_change BEFORE UPDATE OR DELETE ON settlements "
            "FOR EACH ROW EXECUTE FUNCTION settlements_immutable()"
        )
        return
    for action in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER settlements_no_{action.lower()} BEFORE {action} ON settlements "
            f"BEGIN SELECT RAISE(ABORT, '{_IMMUTABLE}'); END"
        )


def _backfill() -> None:
    """The figures of the orders and refunds stored before this revision, from their
    payloads, by the same functions as the push path (sync/server/settlement_lines.py).

    What the push path knew and did not store (the server's promotion nets of a line)
    is not recomputed: a backfilled line's eligible amount is what was paid for it.
    """
    from sync.protocol.payloads import RefundPayload, SalePayload
    from sync.server.settlement_lines import earning_set, refund_line_rows, sale_line_figures

    conn = op.get_bind()
    categories = {
        str(c): bool(e)
        for c, e in conn.execute(sa.text("SELECT code, points_eligible FROM categories"))
    }
    update = sa.text(
        "UPDATE order_lines SET promo_saving_fen = :promo_saving_fen, eligible = :eligible, "
        "net_fen = :net_fen, eligible_fen = :eligible_fen, points = :points "
        "WHERE sale_id = :sale_id AND line_no = :line_no"
    )
    last = ""
    while True:
        rows = conn.execute(
            sa.text(
                "SELECT sale_id, earning_lines, points_server, payload FROM orders "
                "WHERE sale_id > :last ORDER BY sale_id LIMIT :n"
            ),
            {"last": last, "n": BATCH},
        ).all()
        if not rows:
            break
        params = []
        for sale_id, earning_lines, points, payload in rows:
            sale = SalePayload.model_validate_json(payload)
            figures = sale_line_figures(
                sale, earning=earning_set(earning_lines, sale, categories), points=points
            )
            params += [
                {"sale_id": sale_id, "line_no": n, **values} for n, values in figures.items()
            ]
        if params:
            conn.execute(update, params)
        last = rows[-1][0]
    insert = sa.text(
        "INSERT INTO refund_lines (refund_id, line_no, sale_id, created_at, quantity, "
        "amount_fen, eligible_fen, clawed_points) VALUES (:refund_id, :line_no, :sale_id, "
        ":created_at, :quantity, :amount_fen, :eligible_fen, :clawed_points)"
    )
    last = ""
    while True:
        rows = conn.execute(
            sa.text(
                "SELECT r.refund_id, r.created_at, r.clawback_server, r.payload, "
                "o.earning_lines, o.payload FROM refunds r JOIN orders o "
                "ON o.sale_id = r.sale_id WHERE r.refund_id > :last ORDER BY r.refund_id "
                "LIMIT :n"
            ),
            {"last": last, "n": BATCH},
        ).all()
        if not rows:
            break
        params = []
        for _refund_id, created_at, clawed, payload, earning_lines, sale_payload in rows:
            refund = RefundPayload.model_validate_json(payload)
            sale = SalePayload.model_validate_json(sale_payload)
            params += refund_line_rows(
                refund,
                earning=earning_set(earning_lines, sale, categories),
                clawed=clawed,
                created_at=created_at,
            )
        if params:
            conn.execute(insert, params)
        last = rows[-1][0]


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER settlements_no_change ON settlements")
        op.execute("DROP FUNCTION settlements_immutable()")
    else:
        op.execute("DROP TRIGGER settlements_no_update")
        op.execute("DROP TRIGGER settlements_no_delete")
    op.drop_table("settlements")
    op.drop_table("settlement_keys")
    op.drop_index("ix_refund_lines_sale", table_name="refund_lines")
    op.drop_table("refund_lines")
    for name in ("eligible", "points", "eligible_fen", "net_fen", "promo_saving_fen"):
        with op.batch_alter_table("order_lines") as batch:
            batch.drop_column(name)

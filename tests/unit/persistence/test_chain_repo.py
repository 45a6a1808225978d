"""The hash chain on a real database: every sale, refund and ledger entry is chained
in its own transaction, the outbox says where, and the chain verifies."""

from __future__ import annotations

import json

import pytest
from alembic import command
from sqlalchemy import event, text

from pos_app.core.chain import GENESIS, Break, Problem
from pos_app.core.errors import PosError
from pos_app.core.money import Money
from pos_app.demo import demo_code
from pos_app.persistence.chain_repo import PREVIOUS_PUSHED, check
from pos_app.persistence.db import alembic_config, writer
from sync.protocol.payloads import RefundPayload, SalePayload
from tests.staff_helpers import refund_as_manager

WATER, RICE = "6975321000012", "6921445000018"


def sell(context, codes, member_code=None, void_first=False):
    co = context.checkout
    for c in codes:
        co.scan(c)
    if void_first:
        co.void(1)
    if member_code:
        co.scan(member_code)
    tender = co.start_tender()
    tender.add_cash(Money(tender.total.fen))
    return co.complete(tender)


def links(context) -> list[tuple[int, str, str]]:
    with context.engine.connect() as conn:
        return [
            tuple(r)
            for r in conn.execute(text("SELECT seq, kind, record_id FROM chain_links ORDER BY seq"))
        ]


def test_a_member_sale_and_its_refund_are_chained_in_order(context) -> None:
    sale = sell(context, [WATER, RICE], demo_code("R0001"))
    refund = refund_as_manager(context, context.refunds.find(sale.receipt_no), {2: 1})
    with context.engine.connect() as conn:
        entries = (
            conn.execute(text("SELECT entry_id FROM points_ledger ORDER BY id")).scalars().all()
        )
        audits = dict(conn.execute(text("SELECT kind, id FROM audit_log")).all())
        details = conn.execute(
            text("SELECT details FROM audit_log WHERE kind = 'refund'")
        ).scalar_one()
        payloads = [
            json.loads(p)
            for p in conn.execute(text("SELECT payload FROM outbox ORDER BY id")).scalars()
        ]
        hashes = dict(conn.execute(text("SELECT seq, hash FROM chain_links")).all())
    assert links(context) == [
        (1, "audit", str(audits["catalog_import"])),  # the demo catalog
        (2, "ledger", entries[0]),
        (3, "sale", sale.sale_id),
        (4, "audit", str(audits["manager_pin"])),  # the manager's PIN given
        (5, "audit", str(audits["approval"])),  # the refund's approval
        (6, "refund", refund.refund_id),
        (7, "ledger", entries[1]),
        (8, "audit", str(audits["refund"])),
    ]
    assert json.loads(details) == {
        "approved_by": "店长老李",  # the demo manager's PIN (every refund needs one)
        "lines": 1,
        "points_clawback": refund.plan.points_clawback,
        "receipt_no": sale.receipt_no,
        "total_fen": 8990,
    }
    assert payloads[0]["chain"] == {
        "seq": 3,
        "hash": hashes[3],
        "prev_seq": 0,
        "prev_hash": GENESIS,
    }
    assert payloads[1]["chain"] == {
        "seq": 6,
        "hash": hashes[6],
        "prev_seq": 3,
        "prev_hash": hashes[3],
    }
    assert check(context.engine) == (None, 8)
    # what the central server reads: the protocol's own models accept both
    assert SalePayload.model_validate(payloads[0]).chain is not None
    assert RefundPayload.model_validate(payloads[1]).chain is not None


def test_a_voided_line_is_audited_with_its_sale(context) -> None:
    sale = sell(context, [RICE, WATER], void_first=True)
    with context.engine.connect() as conn:
        row = conn.execute(
            text("SELECT actor, kind, subject, details FROM audit_log WHERE kind = 'line_void'")
        ).one()
    assert tuple(row[:3]) == (sale.cashier, "line_void", sale.receipt_no)
    assert json.loads(row.details) == {"gross_fen": 8990, "line_no": 1, "sku": "YC-GRN-0001"}
    assert [k for _, k, _ in links(context)] == ["audit", "sale", "audit"]
    assert check(context.engine) == (None, 3)


def test_a_failed_sale_leaves_no_chain_entry(context) -> None:
    """The last write of the sale fails (its void's audit entry, after its chain link):
    the link and the chain counter roll back with the sale."""
    sell(context, [WATER])
    co = context.checkout
    co.scan(RICE)
    co.scan(WATER)
    co.void(1)
    tender = co.start_tender()
    tender.add_cash(Money(tender.total.fen))

    def fail_on_audit(conn, cursor, statement, params, ctx, many):  # type: ignore[no-untyped-def]
        if statement.startswith("INSERT INTO audit_log"):
            raise OSError(5, "Input/output error")

    event.listen(context.engine, "before_cursor_execute", fail_on_audit)
    try:
        with pytest.raises(PosError):
            co.complete(tender)
    finally:
        event.remove(context.engine, "before_cursor_execute", fail_on_audit)
    assert len(links(context)) == 2  # the demo catalog's import, the first sale
    assert check(context.engine) == (None, 2)
    sell_again = co.complete(tender)
    assert [k for _, k, _ in links(context)][2:] == ["sale", "audit"]
    assert links(context)[2][2] == sell_again.sale_id
    assert check(context.engine) == (None, 4)


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE chain_links SET hash = 'x'",
        "DELETE FROM chain_links",
        "UPDATE audit_log SET actor = 'x'",
        "DELETE FROM audit_log",
    ],
)
def test_chain_and_audit_log_are_append_only(context, sql: str) -> None:
    sell(context, [RICE, WATER], void_first=True)
    with pytest.raises(Exception, match="append-only"), context.engine.begin() as conn:
        conn.execute(text(sql))
    assert check(context.engine) == (None, 3)


def test_an_edit_behind_the_triggers_back_is_named(context) -> None:
    first = sell(context, [WATER])
    sell(context, [RICE])
    with context.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER sale_lines_no_update"))
        conn.execute(
            text("UPDATE sale_lines SET amount_fen = 1 WHERE sale_id = :s"), {"s": first.sale_id}
        )
    assert check(context.engine) == (Break(Problem.EDITED, "sale", first.sale_id, 2), 3)


def test_records_older_than_the_chain_are_chained_by_the_migration(context) -> None:
    sale = sell(context, [WATER, RICE], demo_code("R0001"))
    refund = refund_as_manager(context, context.refunds.find(sale.receipt_no), {1: 1})
    cfg = alembic_config(writer(context.engine))
    command.downgrade(cfg, "0010")  # as a till before the chain: its records stay
    command.upgrade(cfg, "head")
    kinds = [(k, r) for _, k, r in links(context)]  # the audit log went with 0013
    assert kinds[0] == ("sale", sale.sale_id)
    assert [k for k, _ in kinds] == ["sale", "ledger", "refund", "ledger"]
    assert kinds[2] == ("refund", refund.refund_id)
    assert check(context.engine) == (None, 4)


def test_the_previous_pushed_link_is_found_by_walking_the_primary_key_back(context) -> None:
    # through the (kind, record_id) index it read and sorted every sale ever made,
    # on every sale (the commit grew with the till's age)
    with context.engine.connect() as conn:
        plan = [
            row[-1] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {PREVIOUS_PUSHED}", (9,))
        ]
    assert plan == ["SEARCH chain_links USING INTEGER PRIMARY KEY (rowid<?)"]


def test_a_pushed_record_names_the_pushed_record_before_it_past_ledger_entries(context) -> None:
    first = sell(context, [RICE], demo_code("R0001"))  # its ledger entry is chained first
    second = sell(context, [RICE])
    with context.engine.connect() as conn:
        links = conn.exec_driver_sql("SELECT seq, kind, record_id, hash FROM chain_links").all()
        pushed = {
            json.loads(p)["sale_id"]: json.loads(p)["chain"]
            for (p,) in conn.exec_driver_sql("SELECT payload FROM outbox WHERE kind = 'sale'")
        }
    seq_of = {record_id: (seq, h) for seq, kind, record_id, h in links if kind == "sale"}
    assert pushed[first.sale_id]["prev_seq"] == 0
    assert (pushed[second.sale_id]["prev_seq"], pushed[second.sale_id]["prev_hash"]) == seq_of[
        first.sale_id
    ]
    assert [kind for _, kind, _, _ in links][-3:] == ["ledger", "sale", "sale"]

"""A sale read back from a real SQLite file as it was recorded, its member
included: what every reprint and preview is built from, whether or not a print
job was ever made. Also migration 0005, which added the member's code and the
balance the receipt printed."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import inspect, text

from pos_app.app import AppContext, build_context
from pos_app.core.money import Money
from pos_app.core.sale import Sale, sale_to_dict
from pos_app.demo import demo_code
from pos_app.persistence.db import alembic_config, writer
from pos_app.persistence.sale_reader import SaleReader
from sync.protocol.payloads import SalePayload

WATER, RICE = "6975321000012", "6921445000018"


def sell(context: AppContext, *codes: str) -> Sale:
    for code in codes:
        context.checkout.scan(code)
    tender = context.checkout.start_tender()
    tender.add_cash(tender.total)
    return context.checkout.complete(tender)


def test_a_member_sale_is_read_back_with_its_member_points_and_printed_balance(
    data_dir: Path,
) -> None:
    code = demo_code("R0001")
    context = build_context(data_dir, demo=True)
    try:
        sale = sell(context, RICE, WATER, code)
    finally:
        context.close()
    reopened = build_context(data_dir, demo=True)  # a restart: only the file remains
    try:
        reader = SaleReader(reopened.engine)
        stored = reader.load(sale.sale_id)
        assert stored is not None and stored.member is not None
        assert stored.member.resident_id == "R0001"
        assert stored.member.masked_name == "张*明"
        assert stored.member.code == code and stored.member.code_nonce == sale.member.code_nonce  # type: ignore[union-attr]
        assert stored.points == sale.points == 275  # (8990 + 190) × 10 % × 30 %
        assert stored.contract is not None
        assert (stored.contract.share_bps, stored.contract.points_bps) == (1000, 3000)
        assert stored.totals == sale.totals and stored.lines == sale.lines
        assert reader.balance_printed(sale.sale_id) == 1280 + 275
    finally:
        reopened.close()


def test_only_what_the_receipt_needs_is_stored_of_the_member(context: AppContext) -> None:
    sell(context, RICE, demo_code("R0001"))
    columns = {c["name"] for c in inspect(context.engine).get_columns("sale_members")}
    assert columns == {
        "sale_id",
        "resident_id",
        "community_id",
        "property_company_id",
        "masked_name",
        "code_nonce",
        "code",
        "eligible_fen",
        "points",
        "share_bps",
        "points_bps",
        "contract_from",
        "balance_after",
    }


def test_an_anonymous_sale_has_no_member_and_no_balance(context: AppContext) -> None:
    sale = sell(context, RICE)
    reader = SaleReader(context.engine)
    stored = reader.load(sale.sale_id)
    assert stored is not None
    assert (stored.member, stored.contract, stored.points) == (None, None, 0)
    assert reader.balance_printed(sale.sale_id) is None


def test_the_scanned_code_travels_in_the_sale_payload(context: AppContext) -> None:
    code = demo_code("R0002")
    sale = sell(context, WATER, code)
    with context.engine.connect() as conn:
        pushed = conn.execute(text("SELECT payload FROM outbox WHERE kind = 'sale'")).scalar_one()
    payload = SalePayload.model_validate_json(pushed)
    assert payload.member is not None and payload.member.code == code
    assert sale_to_dict(sale)["member"]["code"] == code  # type: ignore[index]


def test_item_count_is_the_carts_after_a_restart(context: AppContext) -> None:
    sale = sell(context, WATER, WATER, RICE)
    stored = SaleReader(context.engine).load(sale.sale_id)
    assert stored is not None and stored.totals.item_count == 3 == sale.totals.item_count
    assert stored.totals.total == Money(200 * 2 + 8990)


def test_migration_0005_both_ways_keeps_the_rows_and_the_append_only_guard(
    context: AppContext,
) -> None:
    sale = sell(context, RICE, demo_code("R0001"))
    cfg = alembic_config(writer(context.engine))

    def triggers() -> set[str]:
        with context.engine.connect() as conn:
            return set(
                conn.exec_driver_sql(
                    "SELECT name FROM sqlite_master WHERE type = 'trigger' "
                    "AND tbl_name = 'sale_members'"
                ).scalars()
            )

    def columns() -> set[str]:
        return {c["name"] for c in inspect(context.engine).get_columns("sale_members")}

    command.downgrade(cfg, "0004")
    assert not {"code", "balance_after"} & columns()
    assert triggers() == {"sale_members_no_update", "sale_members_no_delete"}
    command.upgrade(cfg, "0005")
    assert {"code", "balance_after"} <= columns()
    assert triggers() == {"sale_members_no_update", "sale_members_no_delete"}
    with context.engine.connect() as conn:
        row = conn.execute(
            text("SELECT resident_id, points, code, balance_after FROM sale_members")
        ).one()
    assert tuple(row) == ("R0001", sale.points, "", None)  # older sales: nothing invented
    command.upgrade(cfg, "head")  # the reader reads today's schema
    stored = SaleReader(context.engine).load(sale.sale_id)
    assert stored is not None and stored.member is not None and stored.member.code == ""

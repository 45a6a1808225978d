"""The checkout service on the demo catalog: scans, search, edits, tenders, and
the resident kept with held and restored orders."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from pos_app.app import AppContext, build_context
from pos_app.core.barcodes import with_check_digit
from pos_app.core.catalog import Unit
from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.money import Money
from pos_app.core.tender import TenderKind
from pos_app.demo import demo_code
from pos_app.paths import DEMO_CATALOG
from pos_app.services.members import SAVED_MEMBER_GRACE_S

WATER = "6975321000012"  # YC-WAT-0001 硒泉水 550ml ¥2.00
WATER_CASE_2ND = "6975321500024"  # second barcode of YC-WAT-0002 (箱, ¥42.00)
RICE = "6921445000018"  # YC-GRN-0001 五常大米 ¥89.90
INACTIVE = "6937862000067"  # YC-TEA-0006, active = 0


def demo_rows() -> list[dict[str, str]]:
    with DEMO_CATALOG.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def lines(context: AppContext) -> list[tuple[str, int, int]]:
    return [(ln.sku, ln.quantity, ln.amount.fen) for ln in context.checkout.cart.active_lines]


def expect(code: ErrorCode, fn, *args):  # type: ignore[no-untyped-def]
    with pytest.raises(PosError) as err:
        fn(*args)
    assert err.value.code is code
    return err.value


# --- barcodes ------------------------------------------------------------------


def test_scanning_demo_barcodes_adds_lines(context: AppContext) -> None:
    co = context.checkout
    first = co.scan(WATER)
    second = co.scan(RICE)
    third = co.scan(WATER_CASE_2ND + "\r\n")  # the scanner's suffix is stripped
    assert (first.line_no, second.line_no, third.line_no) == (1, 2, 3)
    assert all(c.saved for c in (first, second, third))
    assert lines(context) == [
        ("YC-WAT-0001", 1, 200),
        ("YC-GRN-0001", 1, 8990),
        ("YC-WAT-0002", 1, 4200),
    ]
    assert co.cart.lines[2].barcode == WATER_CASE_2ND
    assert co.cart.totals().total.fen == 200 + 8990 + 4200


def test_every_active_demo_barcode_scans_to_its_product(context: AppContext) -> None:
    co = context.checkout
    checked = 0
    for row in demo_rows():
        if not row["barcodes"] or row["active"] != "1":
            continue
        for code in row["barcodes"].split("|"):
            co.clear()
            co.scan(code)
            assert [ln.sku for ln in co.cart.lines] == [row["sku"]], code
            checked += 1
    assert checked > 200


def test_repeat_scan_merges_into_one_line(context: AppContext) -> None:
    co = context.checkout
    co.scan(WATER)
    co.scan(RICE)
    change = co.scan(WATER)
    assert change.line_no == 1
    assert lines(context) == [("YC-WAT-0001", 2, 400), ("YC-GRN-0001", 1, 8990)]
    assert co.cart.totals().item_count == 3


def test_unknown_valid_ean13(context: AppContext) -> None:
    code = with_check_digit("697532199999")
    error = expect(ErrorCode.SCAN_UNKNOWN_PRODUCT, context.checkout.scan, code)
    assert error.params == {"scanned": code}
    assert context.checkout.cart.lines == ()


def test_bad_check_digit(context: AppContext) -> None:
    context.checkout.scan(WATER)
    bad = WATER[:-1] + str((int(WATER[-1]) + 1) % 10)
    expect(ErrorCode.SCAN_BAD_CHECK_DIGIT, context.checkout.scan, bad)
    assert lines(context) == [("YC-WAT-0001", 1, 200)]


def test_wechat_payment_code_in_the_cart_is_refused(context: AppContext) -> None:
    co = context.checkout
    co.scan(RICE)
    before = co.cart.to_dict()
    expect(ErrorCode.SCAN_PAYMENT_CODE_IN_CART, co.scan, "134567890123456789")
    assert co.cart.to_dict() == before
    assert co.held.load_current()["cart"] == before  # type: ignore[index]


@pytest.mark.parametrize("code", ["285678901234567890", "6212345678901234"])  # Alipay, UnionPay
def test_other_payment_codes_are_refused_too(context: AppContext, code: str) -> None:
    expect(ErrorCode.SCAN_PAYMENT_CODE_IN_CART, context.checkout.scan, code)
    assert context.checkout.cart.lines == ()


def test_inactive_product(context: AppContext) -> None:
    product = context.catalog.by_barcode(INACTIVE)
    assert product is not None
    assert not product.active
    error = expect(ErrorCode.SCAN_INACTIVE_PRODUCT, context.checkout.scan, INACTIVE)
    assert error.params["sku"] == "YC-TEA-0006"
    assert context.checkout.cart.lines == ()


# --- scale labels ---------------------------------------------------------------


def weighed_demo_product() -> dict[str, str]:
    row = next(r for r in demo_rows() if r["plu"] and r["unit"] == "kg" and r["active"] == "1")
    return row


def test_scale_label_adds_a_weighed_line_with_the_label_amount(context: AppContext) -> None:
    row = weighed_demo_product()
    label = with_check_digit("20" + row["plu"] + "01234")  # ¥12.34 on the label
    co = context.checkout
    change = co.scan(label)
    line = co.cart.lines[0]
    assert change.line_no == 1
    assert line.sku == row["sku"]
    assert line.unit is Unit.KG
    assert line.fixed_amount == Money(1234)
    assert line.amount.fen == 1234
    price_per_kg = Money.parse(row["price"]).fen
    assert line.quantity == round(1234 * 1000 / price_per_kg)  # grams, for the receipt
    assert line.barcode == label
    # a second label of the same product is its own line, never merged
    co.scan(label)
    assert [ln.amount.fen for ln in co.cart.lines] == [1234, 1234]
    tender = co.start_tender()
    assert tender.total.fen == 2468


def test_a_changed_scale_layout_applies_at_the_next_scan(context: AppContext) -> None:
    row = weighed_demo_product()
    label = with_check_digit("27" + row["plu"] + "00500")  # 500 g, flag 27
    co = context.checkout
    expect(ErrorCode.SCAN_UNKNOWN_PRODUCT, co.scan, label)  # 27 is no scale flag yet
    context.save_setting(
        "scale.layouts",
        "flags=20-24;plu=5;value=5;kind=price|flags=27;plu=5;value=5;kind=weight",
    )
    co.scan(label)
    (line,) = co.cart.lines
    assert (line.sku, line.unit, line.quantity) == (row["sku"], Unit.KG, 500)


def test_scale_label_for_an_unknown_plu(context: AppContext) -> None:
    known = {r["plu"] for r in demo_rows() if r["plu"]}
    assert "99999" not in known
    error = expect(
        ErrorCode.SCAN_SCALE_ITEM_UNKNOWN,
        context.checkout.scan,
        with_check_digit("20" + "99999" + "00500"),
    )
    assert error.params == {"plu": "99999"}
    assert context.checkout.cart.lines == ()


def test_weighed_product_cannot_be_added_by_piece(context: AppContext) -> None:
    row = weighed_demo_product()
    product = context.catalog.by_sku(row["sku"])
    assert product is not None
    with pytest.raises(PosError) as err:
        context.checkout.add_by_id(product.id)  # type: ignore[arg-type]
    assert err.value.code is ErrorCode.WEIGHED_NEEDS_LABEL
    assert err.value.params == {"name": product.name}
    assert context.checkout.cart.lines == ()


def test_a_weight_typed_from_the_scale_prices_like_a_weight_label(context: AppContext) -> None:
    row = weighed_demo_product()
    product = context.catalog.by_sku(row["sku"])
    assert product is not None and product.id is not None
    co = context.checkout
    change = co.add_weighed_by_id(product.id, 350)
    (line,) = co.cart.lines
    assert change.line_no == line.line_no == 1
    assert (line.sku, line.unit, line.quantity, line.barcode) == (row["sku"], Unit.KG, 350, None)
    assert line.amount == Money(round(Money.parse(row["price"]).fen * 350 / 1000))
    expect(ErrorCode.QUANTITY_INVALID, co.add_weighed_by_id, product.id, 0)
    water = context.catalog.by_barcode("6975321000012")
    assert water is not None and water.id is not None
    expect(ErrorCode.LINE_NOT_EDITABLE, co.add_weighed_by_id, water.id, 350)  # sold by piece
    expect(ErrorCode.SCAN_UNKNOWN_PRODUCT, co.add_weighed_by_id, 999_999, 350)
    assert len(co.cart.lines) == 1


# --- text -----------------------------------------------------------------------


def test_pinyin_initials_search(context: AppContext) -> None:
    change = context.checkout.scan("wcdm")
    names = [p.name for p in change.results]
    assert change.line_no is None
    assert any("五常大米" in n for n in names)
    assert context.checkout.cart.lines == ()  # a search adds nothing
    # and the hit can be added by its id
    rice = next(p for p in change.results if p.sku == "YC-GRN-0001")
    context.checkout.add_by_id(rice.id)  # type: ignore[arg-type]
    assert lines(context) == [("YC-GRN-0001", 1, 8990)]


def test_search_by_chinese_name(context: AppContext) -> None:
    results = context.checkout.scan("恩施玉露").results
    assert results
    assert all("恩施玉露" in p.name for p in results[:3])
    assert all(p.active for p in results)  # the inactive 2023 gift box is not offered
    assert "YC-TEA-0006" not in {p.sku for p in results}


@pytest.mark.parametrize("typed", ["YC-GRN-0001", "yc-grn-0001", "  YC-GRN-0001 "])
def test_sku_typed_exactly_adds_the_product(context: AppContext, typed: str) -> None:
    change = context.checkout.scan(typed)
    assert change.results == []
    assert change.line_no == 1
    assert lines(context) == [("YC-GRN-0001", 1, 8990)]


def test_scan_rejects_junk(context: AppContext) -> None:
    expect(ErrorCode.SCAN_EMPTY, context.checkout.scan, "  \r\n")
    expect(ErrorCode.SCAN_TOO_LONG, context.checkout.scan, "1" * 65)
    expect(ErrorCode.SCAN_BAD_CHARS, context.checkout.scan, "abc\x00def")
    assert context.checkout.cart.lines == ()


# --- editing --------------------------------------------------------------------


@pytest.mark.parametrize("quantity", [0, -1, -5, 10_000])
def test_bad_quantities_are_refused(context: AppContext, quantity: int) -> None:
    co = context.checkout
    co.scan(WATER)
    co.set_quantity(1, 3)
    before = co.cart.to_dict()
    error = expect(ErrorCode.QUANTITY_INVALID, co.set_quantity, 1, quantity)
    assert error.params == {"quantity": quantity}
    assert co.cart.to_dict() == before
    assert lines(context) == [("YC-WAT-0001", 3, 600)]
    assert co.held.load_current()["cart"] == before  # type: ignore[index]


def test_quantity_of_a_scale_line_cannot_be_changed(context: AppContext) -> None:
    row = weighed_demo_product()
    context.checkout.scan(with_check_digit("20" + row["plu"] + "00800"))
    expect(ErrorCode.LINE_NOT_EDITABLE, context.checkout.set_quantity, 1, 2)
    assert context.checkout.cart.lines[0].amount.fen == 800


def test_void_and_discount(context: AppContext) -> None:
    co = context.checkout
    co.scan(WATER)
    co.scan(RICE)
    co.set_discount(2, Money(990))
    co.void(1)
    assert lines(context) == [("YC-GRN-0001", 1, 8000)]
    assert [ln.voided for ln in co.cart.lines] == [True, False]  # kept for the audit
    expect(ErrorCode.DISCOUNT_INVALID, co.set_discount, 2, Money(9000))
    expect(ErrorCode.LINE_NOT_FOUND, co.set_quantity, 1, 2)  # voided
    tender = co.start_tender()
    assert tender.total.fen == 8000


# --- tenders --------------------------------------------------------------------


def test_split_tender(context: AppContext) -> None:
    co = context.checkout
    co.scan(RICE)
    co.scan(WATER)
    tender = co.start_tender()
    assert tender.total.fen == 9190
    tender.add_external(TenderKind.WECHAT, Money(5000), "4200001234", co.provider, co.sale_id)
    tender.add_external(TenderKind.ALIPAY, Money(3000), "2088000001", co.provider, co.sale_id)
    assert tender.remaining.fen == 1190
    expect(
        ErrorCode.TENDER_OVERPAY,
        tender.add_external,
        TenderKind.UNIONPAY,
        Money(2000),
        "x",
        co.provider,
        co.sale_id,
    )
    tender.add_cash(Money(2000))
    assert tender.settled
    assert tender.change.fen == 810

    sale = co.complete(tender)
    assert sale.change.fen == 810
    stored = context.sales.payments(sale.sale_id)
    assert [
        (p["seq"], p["kind"], p["amount_fen"], p["tendered_fen"], p["reference"]) for p in stored
    ] == [
        (1, "wechat", 5000, 5000, "4200001234"),
        (2, "alipay", 3000, 3000, "2088000001"),
        (3, "cash", 1190, 2000, ""),
    ]
    assert sum(p["amount_fen"] for p in stored) == sale.total.fen
    summary = context.sales.find_by_receipt(sale.receipt_no)
    assert summary is not None
    assert summary.total_fen == 9190


def test_external_tender_needs_a_reference(context: AppContext) -> None:
    co = context.checkout
    co.scan(WATER)
    tender = co.start_tender()
    expect(
        ErrorCode.TENDER_REFERENCE_REQUIRED,
        tender.add_external,
        TenderKind.WECHAT,
        Money(200),
        "   ",
        co.provider,
        co.sale_id,
    )
    assert tender.payments == []


def test_tender_for_a_changed_cart_is_refused(context: AppContext) -> None:
    co = context.checkout
    co.scan(WATER)
    tender = co.start_tender()
    tender.add_cash(Money(200))
    co.scan(RICE)  # the cart grew after the tender started
    expect(ErrorCode.TENDER_INSUFFICIENT, co.complete, tender)
    assert context.sales.count() == 0
    assert len(co.cart.active_lines) == 2


# --- the resident in held and restored orders -------------------------------------


def member_sale_ready(context: AppContext, resident: str = "R0001") -> str:
    """Water (¥2.00, member ¥1.90) and rice, for a resident; returns the code shown."""
    co = context.checkout
    co.scan(WATER)
    co.scan(RICE)
    code = demo_code(resident)
    co.scan(code)
    assert co.cart.member is not None and lines(context)[0] == ("YC-WAT-0001", 1, 190)
    return code


def pay(context: AppContext):  # type: ignore[no-untyped-def]
    tender = context.checkout.start_tender()
    tender.add_cash(tender.total)
    return context.checkout.complete(tender)


def test_a_held_order_keeps_its_resident_and_resumes_with_them(context: AppContext) -> None:
    co = context.checkout
    member_sale_ready(context)
    preview = co.points_preview()
    held_id = co.hold()
    # the next customer is a walk-in at shelf prices
    assert co.member is None and co.cart.member is None
    co.scan(WATER)
    assert lines(context) == [("YC-WAT-0001", 1, 200)]
    [order] = co.held_orders()
    assert order.member is not None and order.member.masked_name == "张*明"

    change = co.resume(held_id)
    assert change.reset and change.member_changed and change.member_dropped is None
    assert co.member is not None and co.member.member.resident_id == "R0001"
    assert co.member.balance == 1280
    assert lines(context) == [("YC-WAT-0001", 1, 190), ("YC-GRN-0001", 1, 8990)]
    assert co.points_preview() == preview == 275  # (190 + 8990) × 10 % × 30 %
    # the walk-in's cart was parked in its place, still without a resident
    [parked] = co.held_orders()
    assert parked.member is None and parked.total_fen == 200
    sale = pay(context)
    assert sale.member is not None and sale.member.resident_id == "R0001"
    assert sale.points == 275 and [ln.unit_price.fen for ln in sale.lines] == [190, 8990]


def _revoke(context: AppContext) -> None:
    context.members.repo.revoke("R0001", datetime.now(UTC), "moved out")


def _expire(context: AppContext) -> None:
    later = datetime.now(UTC) + timedelta(seconds=60 + SAVED_MEMBER_GRACE_S + 5)
    context.members.clock = lambda: later


def _other_company(context: AppContext) -> None:
    context.settings.set("store.property_company_id", "P900")


def _retire_key(context: AppContext) -> None:
    context.settings.set("membership.public_keys", "")
    context.members.reload()


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (_revoke, ErrorCode.QR_REVOKED),
        (_expire, ErrorCode.QR_EXPIRED),
        (_other_company, ErrorCode.QR_WRONG_COMMUNITY),
        (_retire_key, ErrorCode.QR_FORGED),
    ],
)
def test_a_resident_who_no_longer_checks_out_resumes_at_shelf_prices(
    context: AppContext, change, code: ErrorCode
) -> None:  # type: ignore[no-untyped-def]
    co = context.checkout
    member_sale_ready(context)
    held_id = co.hold()
    change(context)
    resumed = co.resume(held_id)
    assert resumed.member_dropped is code
    assert co.member is None and co.points_preview() == 0
    assert lines(context) == [("YC-WAT-0001", 1, 200), ("YC-GRN-0001", 1, 8990)]
    sale = pay(context)
    assert sale.member is None and sale.points == 0
    assert [ln.unit_price.fen for ln in sale.lines] == [200, 8990]


def test_a_code_used_for_another_sale_meanwhile_does_not_come_back(context: AppContext) -> None:
    co = context.checkout
    code = member_sale_ready(context)
    held_id = co.hold()
    co.scan(RICE)
    co.scan(code)  # the same code for the next order, which is paid first
    assert pay(context).member is not None
    resumed = co.resume(held_id)
    assert resumed.member_dropped is ErrorCode.QR_REPLAYED
    assert co.cart.member is None and lines(context)[0] == ("YC-WAT-0001", 1, 200)


def test_a_saved_resident_edited_on_disk_does_not_come_back(context: AppContext) -> None:
    co = context.checkout
    member_sale_ready(context)
    held_id = co.hold()
    with context.engine.begin() as conn:
        raw = conn.execute(text("SELECT cart_json FROM held_orders")).scalar_one()
        data = json.loads(raw)
        data["cart"]["member"]["resident_id"] = "R0002"  # someone else earns? no
        conn.execute(text("UPDATE held_orders SET cart_json = :j"), {"j": json.dumps(data)})
    assert co.resume(held_id).member_dropped is ErrorCode.QR_TAMPERED
    assert co.cart.member is None and lines(context)[0] == ("YC-WAT-0001", 1, 200)


def test_restore_after_a_restart_brings_the_resident_back(data_dir: Path) -> None:
    ctx = build_context(data_dir, demo=True)
    member_sale_ready(ctx)
    sale_id = ctx.checkout.sale_id
    ctx.close()  # the till stops with a resident's cart on screen

    again = build_context(data_dir)
    try:
        change = again.checkout.restore_cart()
        assert change is not None and change.member_dropped is None and change.member_changed
        assert again.checkout.sale_id == sale_id
        member = again.checkout.member
        assert member is not None and member.member.masked_name == "张*明"
        assert lines(again) == [("YC-WAT-0001", 1, 190), ("YC-GRN-0001", 1, 8990)]
        assert again.checkout.points_preview() == 275
    finally:
        again.close()


def test_restore_when_the_resident_was_revoked_meanwhile(data_dir: Path) -> None:
    ctx = build_context(data_dir, demo=True)
    member_sale_ready(ctx)
    _revoke(ctx)  # e.g. pulled from the server just before the power cut
    ctx.close()

    again = build_context(data_dir)
    try:
        change = again.checkout.restore_cart()
        assert change is not None and change.member_dropped is ErrorCode.QR_REVOKED
        assert again.checkout.member is None
        assert lines(again) == [("YC-WAT-0001", 1, 200), ("YC-GRN-0001", 1, 8990)]
        # and the shelf-priced cart is what is on disk now
        saved = again.checkout.held.load_current()
        assert saved is not None and saved["cart"]["member"] is None
    finally:
        again.close()
    third = build_context(data_dir)
    try:
        change = third.checkout.restore_cart()
        assert change is not None and change.member_dropped is None
        assert lines(third)[0] == ("YC-WAT-0001", 1, 200)
    finally:
        third.close()


def test_the_history_reads_recent_sales_and_finds_one_by_receipt(context: AppContext) -> None:
    co = context.checkout
    sold = []
    for _ in range(3):
        co.scan(WATER)
        tender = co.start_tender()
        tender.add_cash(Money(200))
        sold.append(co.complete(tender))
    recent = co.recent_sales(2)
    assert [s.receipt_no for s in recent] == [sold[2].receipt_no, sold[1].receipt_no]
    found = co.find_sale(sold[0].receipt_no)
    assert found is not None
    assert (found.sale_id, found.total_fen, found.line_count) == (sold[0].sale_id, 200, 1)
    assert co.find_sale("T99-9999") is None

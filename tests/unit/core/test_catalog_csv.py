"""Catalog file rules: every row problem, with its row number, and the products built."""

from __future__ import annotations

from collections.abc import Mapping

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_app.core.barcodes import with_check_digit
from pos_app.core.catalog import Category, Unit
from pos_app.core.catalog_csv import (
    MAX_NAME_LENGTH,
    Problem,
    RowProblem,
    canonical_header,
    validate_rows,
)
from pos_app.core.money import Money
from pos_app.core.pinyin import pinyin_keys

CATEGORIES = {
    "tea": Category("tea", "茶叶", True),
    "lottery": Category("lottery", "彩票", False),
    "fresh": Category("fresh", "生鲜", True),
}
EAN_A = with_check_digit("690123456789")
EAN_B = with_check_digit("690123456790")
UPC = "036282818705"
BAD_EAN = EAN_A[:-1] + str((int(EAN_A[-1]) + 1) % 10)


def row(**values: str) -> dict[str, str]:
    base = {"sku": "TEA-1", "name": "恩施玉露", "category": "tea", "price": "128.00"}
    base.update(values)
    return base


def validate(*rows: Mapping[str, str | None], **kwargs: object):  # type: ignore[no-untyped-def]
    numbered = [(number, r) for number, r in enumerate(rows, start=2)]
    return validate_rows(numbered, CATEGORIES, **kwargs)  # type: ignore[arg-type]


def only_problem(*rows: Mapping[str, str | None], **kwargs: object) -> RowProblem:
    products, problems = validate(*rows, **kwargs)
    assert len(problems) == 1, problems
    assert len(products) == len(rows) - 1  # the row with the problem builds nothing
    return problems[0]


# --- valid rows ---------------------------------------------------------------


def test_valid_row_builds_a_product() -> None:
    products, problems = validate(
        row(barcodes=EAN_A, member_price="118.00", unit="盒", plu="", active="1")
    )
    assert problems == []
    [product] = products
    assert product.sku == "TEA-1"
    assert product.name == "恩施玉露"
    assert product.category == "tea"
    assert product.price == Money(12800)
    assert product.member_price == Money(11800)
    assert product.barcodes == (EAN_A,)
    assert product.unit is Unit.PIECE
    assert product.unit_label == "盒"
    assert product.plu is None
    assert product.active is True
    assert product.points_eligible is True
    assert "enshiyulu" in product.pinyin_full.split()
    assert "esyl" in product.pinyin_initials.split()


def test_defaults_for_optional_columns() -> None:
    [product], problems = validate(row())
    assert problems == []
    assert product.unit_label == "件"
    assert product.unit is Unit.PIECE
    assert product.member_price is None
    assert product.barcodes == ()
    assert product.active is True


def test_values_are_stripped() -> None:
    [product], problems = validate(row(sku=" TEA-1 ", name=" 恩施玉露 ", price=" 5 "))
    assert problems == []
    assert (product.sku, product.name, product.price) == ("TEA-1", "恩施玉露", Money(500))


def test_category_by_chinese_name() -> None:
    [product], problems = validate(row(category="茶叶"))
    assert problems == []
    assert product.category == "tea"


def test_lottery_category_earns_no_points() -> None:
    [product], problems = validate(row(sku="LOT-2", name="体彩 2元", category="彩票", price="2"))
    assert problems == []
    assert product.category == "lottery"
    assert product.points_eligible is False


@pytest.mark.parametrize("unit", ["kg", "KG", "Kg", "千克", "公斤"])
def test_weighed_units(unit: str) -> None:
    [product], problems = validate(
        row(sku="PORK", name="猪肉", category="fresh", price="39.80", unit=unit)
    )
    assert problems == []
    assert product.unit is Unit.KG
    assert product.weighed
    assert product.unit_label == unit


@pytest.mark.parametrize("unit", ["件", "g", "斤", "box"])
def test_other_units_are_pieces(unit: str) -> None:
    [product], _ = validate(row(unit=unit))
    assert product.unit is Unit.PIECE


def test_price_with_currency_symbol() -> None:
    products, problems = validate(row(price="¥12.50"), row(sku="T2", price="￥3"))
    assert problems == []
    assert [p.price for p in products] == [Money(1250), Money(300)]


@pytest.mark.parametrize(
    ("text", "fen"),
    [("12.50元", 1250), ("¥12.5", 1250), ("12.500", 1250), ("１２.５０", 1250), (" 8 元 ", 800)],
)
def test_prices_in_yuan_as_previous_systems_write_them(text: str, fen: int) -> None:
    [product], problems = validate(row(price=text))
    assert problems == []
    assert product.price == Money(fen)


@pytest.mark.parametrize("code", ["6.90123E+12", "6.90123e+12", "6E+12", "6.9012345678901E+12"])
def test_scientific_notation_barcode_is_named_as_such(code: str) -> None:
    assert only_problem(row(barcodes=code)) == RowProblem(
        2, "barcodes", Problem.SCIENTIFIC_BARCODE, code
    )


def test_member_price_equal_to_price_is_fine() -> None:
    [product], problems = validate(row(price="10", member_price="10.00"))
    assert problems == []
    assert product.member_price == Money(1000)


@pytest.mark.parametrize(
    ("text", "active"),
    [
        ("1", True),
        ("true", True),
        ("是", True),
        ("0", False),
        ("false", False),
        ("否", False),
        ("", True),
        ("启用", True),  # a previous system's 状态 column
        ("停用", False),
        ("上架", True),
        ("下架", False),
    ],
)
def test_active_values(text: str, active: bool) -> None:
    [product], problems = validate(row(active=text))
    assert problems == []
    assert product.active is active


@pytest.mark.parametrize(("text", "active"), [("TRUE", True), ("FALSE", False), ("True", True)])
def test_active_values_from_spreadsheets_any_case(text: str, active: bool) -> None:
    # Excel writes TRUE/FALSE for booleans
    [product], problems = validate(row(active=text))
    assert problems == []
    assert product.active is active


def test_several_barcodes_normalized_and_deduplicated() -> None:
    [product], problems = validate(row(barcodes=f"{EAN_A}|{UPC}; {EAN_A} |"))
    assert problems == []
    assert product.barcodes == (EAN_A, "0" + UPC)


def test_same_barcode_allowed_for_an_update_of_the_same_sku() -> None:
    products, problems = validate(
        row(barcodes=EAN_A),
        barcode_owners={EAN_A: "tea-1"},  # owner case differs
    )
    assert problems == []
    assert products[0].barcodes == (EAN_A,)


def test_plu_accepted_and_same_plu_for_same_sku() -> None:
    [product], problems = validate(
        row(sku="PORK", name="猪肉", category="fresh", unit="kg", plu="10001"),
        plu_owners={"10001": "PORK"},
    )
    assert problems == []
    assert product.plu == "10001"


# --- problems -----------------------------------------------------------------


def test_bad_check_digit() -> None:
    problem = only_problem(row(barcodes=BAD_EAN))
    assert problem == RowProblem(2, "barcodes", Problem.BAD_BARCODE, BAD_EAN)


@pytest.mark.parametrize("code", ["12345", "69012345678", "abc", "6901234567892X"])
def test_barcode_that_is_not_a_gtin(code: str) -> None:
    assert only_problem(row(barcodes=code)).problem is Problem.BAD_BARCODE


def test_duplicate_barcode_within_the_file() -> None:
    products, problems = validate(row(barcodes=EAN_A), row(sku="TEA-2", barcodes=EAN_A))
    assert problems == [RowProblem(3, "barcodes", Problem.DUPLICATE_BARCODE, EAN_A)]
    assert [p.sku for p in products] == ["TEA-1"]


def test_duplicate_barcode_across_upc_and_ean_forms() -> None:
    _, problems = validate(row(barcodes=UPC), row(sku="TEA-2", barcodes="0" + UPC))
    assert problems == [RowProblem(3, "barcodes", Problem.DUPLICATE_BARCODE, "0" + UPC)]


def test_barcode_owned_by_another_sku_in_the_database() -> None:
    problem = only_problem(row(barcodes=EAN_A), barcode_owners={EAN_A: "RICE-5KG"})
    assert problem == RowProblem(2, "barcodes", Problem.DUPLICATE_BARCODE, EAN_A)


def test_barcode_owners_are_not_modified() -> None:
    owners = {EAN_B: "OTHER"}
    validate(row(barcodes=EAN_A), barcode_owners=owners)
    assert owners == {EAN_B: "OTHER"}


def test_negative_price() -> None:
    assert only_problem(row(price="-5")) == RowProblem(2, "price", Problem.NEGATIVE_PRICE, "-5")


def test_negative_member_price() -> None:
    problem = only_problem(row(member_price="-1.00"))
    assert (problem.column, problem.problem) == ("member_price", Problem.NEGATIVE_PRICE)


@pytest.mark.parametrize("price", ["100000", "99999999", "100000000", "9999999999999"])
def test_absurd_price(price: str) -> None:
    assert only_problem(row(price=price)) == RowProblem(2, "price", Problem.ABSURD_PRICE, price)


def test_highest_sensible_price_is_fine() -> None:
    [product], problems = validate(row(price="99999.99"))
    assert problems == []
    assert product.price == Money(9_999_999)


@pytest.mark.parametrize(
    "price", ["abc", "12.345", "1e5", "NaN", "1,000", "元12", "12元5", "¥¥12", "-¥-3", "1.2.3"]
)
def test_unreadable_price(price: str) -> None:
    assert only_problem(row(price=price)) == RowProblem(2, "price", Problem.BAD_PRICE, price)


def test_member_price_above_price() -> None:
    problem = only_problem(row(price="10", member_price="10.01"))
    assert problem == RowProblem(2, "member_price", Problem.MEMBER_PRICE_ABOVE_PRICE, "10.01")


def test_unknown_category() -> None:
    assert only_problem(row(category="咖啡")) == RowProblem(
        2, "category", Problem.UNKNOWN_CATEGORY, "咖啡"
    )


@pytest.mark.parametrize("column", ["sku", "name", "category", "price"])
def test_missing_value(column: str) -> None:
    problem = only_problem(row(**{column: "  "}))
    assert problem == RowProblem(2, column, Problem.MISSING_VALUE)


def test_missing_column_in_the_row_is_a_missing_value() -> None:
    r = row()
    del r["price"]
    assert only_problem(r) == RowProblem(2, "price", Problem.MISSING_VALUE)


def test_duplicate_sku_case_insensitive() -> None:
    products, problems = validate(row(), row(sku="tea-1", name="另一个"))
    assert problems == [RowProblem(3, "sku", Problem.DUPLICATE_SKU, "tea-1")]
    assert [p.name for p in products] == ["恩施玉露"]


@pytest.mark.parametrize("plu", ["123", "1234567", "12a4", "１２３４"])
def test_bad_plu(plu: str) -> None:
    assert only_problem(row(plu=plu)) == RowProblem(2, "plu", Problem.BAD_PLU, plu)


def test_duplicate_plu() -> None:
    _, problems = validate(row(plu="10001"), row(sku="TEA-2", plu="10001"))
    assert problems == [RowProblem(3, "plu", Problem.DUPLICATE_PLU, "10001")]
    problem = only_problem(row(plu="10001"), plu_owners={"10001": "PORK"})
    assert problem.problem is Problem.DUPLICATE_PLU


def test_bad_active() -> None:
    assert only_problem(row(active="maybe")) == RowProblem(2, "active", Problem.BAD_ACTIVE, "maybe")
    assert only_problem(row(active="Maybe")) == RowProblem(2, "active", Problem.BAD_ACTIVE, "Maybe")


def test_name_too_long() -> None:
    name = "茶" * (MAX_NAME_LENGTH + 1)
    assert only_problem(row(name=name)) == RowProblem(2, "name", Problem.NAME_TOO_LONG, name)
    [product], problems = validate(row(name="茶" * MAX_NAME_LENGTH))
    assert problems == []
    assert len(product.name) == MAX_NAME_LENGTH


def test_too_many_fields() -> None:
    # csv.DictReader puts the surplus under the key None
    extra: dict[str | None, object] = {**row(), None: ["x", "y"]}
    assert only_problem(extra) == RowProblem(2, "", Problem.WRONG_FIELD_COUNT)  # type: ignore[arg-type]


def test_too_few_fields() -> None:
    # csv.DictReader fills missing trailing fields with None
    assert only_problem(row(price=None)) == RowProblem(2, "", Problem.WRONG_FIELD_COUNT)  # type: ignore[arg-type]


def test_every_problem_of_a_row_is_reported() -> None:
    _, problems = validate(
        row(category="咖啡", price="-1", barcodes=BAD_EAN, plu="1", active="x", name="")
    )
    assert {p.problem for p in problems} == {
        Problem.UNKNOWN_CATEGORY,
        Problem.NEGATIVE_PRICE,
        Problem.BAD_BARCODE,
        Problem.BAD_PLU,
        Problem.BAD_ACTIVE,
        Problem.MISSING_VALUE,
    }
    assert {p.row for p in problems} == {2}


def test_row_numbers_are_the_ones_given() -> None:
    rows = [
        (2, row(sku="A")),
        (3, row(sku="B", price="x")),
        (7, row(sku="C", category="咖啡")),  # e.g. blank lines skipped by the reader
    ]
    products, problems = validate_rows(rows, CATEGORIES)
    assert [p.sku for p in products] == ["A"]
    assert [(p.row, p.problem) for p in problems] == [
        (3, Problem.BAD_PRICE),
        (7, Problem.UNKNOWN_CATEGORY),
    ]


def test_bad_rows_produce_no_product() -> None:
    products, problems = validate(row(sku="A"), row(sku="B", price="-1"), row(sku="C"))
    assert [p.sku for p in products] == ["A", "C"]
    assert len(problems) == 1


# --- headers ------------------------------------------------------------------


def test_canonical_header_with_chinese_aliases() -> None:
    columns, problems = canonical_header(
        ["货号", "条码", "商品名称", "分类", "单位", "零售价", "会员价", "秤号", "启用"]
    )
    assert columns == [
        "sku",
        "barcodes",
        "name",
        "category",
        "unit",
        "price",
        "member_price",
        "plu",
        "active",
    ]
    assert problems == []


def test_canonical_header_is_case_and_blank_insensitive() -> None:
    columns, problems = canonical_header([" SKU ", "Name", "CATEGORY", "Price", "Barcode", "extra"])
    assert columns == ["sku", "name", "category", "price", "barcodes", "extra"]
    assert problems == []


def test_missing_required_columns() -> None:
    _, problems = canonical_header(["货号", "名称"])
    assert problems == [
        RowProblem(1, "category", Problem.MISSING_COLUMN),
        RowProblem(1, "price", Problem.MISSING_COLUMN),
    ]


# --- property -----------------------------------------------------------------


@given(st.integers(0, 9_999_999), st.integers(0, 9_999_999))
def test_any_sensible_price_pair(price: int, member: int) -> None:
    text = Money(price).plain()
    member_text = Money(member).plain()
    products, problems = validate(row(price=text, member_price=member_text))
    if member > price:
        assert [p.problem for p in problems] == [Problem.MEMBER_PRICE_ABOVE_PRICE]
        assert products == []
    else:
        assert problems == []
        assert products[0].price == Money(price)
        assert products[0].member_price == Money(member)


def test_repeated_prices_and_names_read_the_same_on_every_row() -> None:
    # prices and pinyin keys are computed once per distinct text: a refused
    # price must still be reported on each row that carries it
    products, problems = validate(
        row(sku="A", price="12.50", member_price="9.90"),
        row(sku="B", price="-1.00"),
        row(sku="C", price="9.90", member_price="12.50"),
        row(sku="D", price="-1.00"),
        row(sku="E", price="12.50"),
    )
    assert problems == [
        RowProblem(3, "price", Problem.NEGATIVE_PRICE, "-1.00"),
        RowProblem(4, "member_price", Problem.MEMBER_PRICE_ABOVE_PRICE, "12.50"),
        RowProblem(5, "price", Problem.NEGATIVE_PRICE, "-1.00"),
    ]
    a, e = products
    assert (a.sku, a.price, a.member_price) == ("A", Money(1250), Money(990))
    assert (e.sku, e.price, e.member_price) == ("E", Money(1250), None)
    assert (a.pinyin_full, a.pinyin_initials) == (e.pinyin_full, e.pinyin_initials)
    assert (a.pinyin_full, a.pinyin_initials) == pinyin_keys("恩施玉露")

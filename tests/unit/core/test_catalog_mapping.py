"""Column mapping of a previous system's export: guesses, rows, generated SKUs,
category mapping, and the saved MAP.json."""

from __future__ import annotations

import pytest

from pos_app.core.barcodes import with_check_digit
from pos_app.core.catalog_csv import Problem, RowProblem, validate_rows
from pos_app.core.catalog_mapping import (
    ColumnMapping,
    explain_generated,
    find_header_row,
    generated_sku,
    guess_category,
    guess_field,
    guess_mapping,
    map_rows,
    mapping_problems,
    unknown_categories,
)
from pos_app.core.catalog_mapping_file import mapping_from_json, mapping_to_json
from pos_app.core.categories import DEFAULT_CATEGORIES
from pos_app.core.money import Money

CATEGORIES = {c.code: c for c in DEFAULT_CATEGORIES}
EAN = with_check_digit("690123456789")
OLD_SYSTEM = [
    "商品名称",
    "国际条码",
    "规格",
    "零售价(元)",
    "会员价",
    "商品分类",
    "单位",
    "状态",
    "进货价",
    "库存",
]


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("商品名称", "name"), ("品名", "name"), ("名称", "name"), ("Name", "name"),
        ("条码", "barcodes"), ("条形码", "barcodes"), ("国际条码", "barcodes"),
        ("售价", "price"), ("零售价", "price"), ("销售价", "price"), ("零售价（元）", "price"),
        (" 售 价(元) ", "price"), ("会员价", "member_price"),
        ("分类", "category"), ("类别", "category"), ("商品分类", "category"),
        ("单位", "unit"), ("规格", "spec"), ("状态", "active"), ("货号", "sku"),
        ("sku", "sku"), ("barcodes", "barcodes"), ("member_price", "member_price"),
        ("进货价", None), ("库存", None), ("供应商", None), ("", None),
    ],
)  # fmt: skip
def test_guess_field(header: str, field: str | None) -> None:
    assert guess_field(header) == field


def test_guess_mapping_of_an_old_system_export() -> None:
    mapping = guess_mapping(OLD_SYSTEM)
    assert mapping.fields == (
        "name", "barcodes", "spec", "price", "member_price", "category", "unit", "active",
        None, None,
    )  # fmt: skip
    assert mapping.generates_sku


def test_a_field_named_twice_keeps_its_first_column() -> None:
    assert guess_mapping(["名称", "品名", "售价"]).fields == ("name", None, "price")


def test_the_projects_own_header_maps_to_itself() -> None:
    header = [
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
    assert guess_mapping(header).fields == tuple(header)
    assert not guess_mapping(header).generates_sku


def test_header_found_below_a_title_line() -> None:
    rows = [
        ["商品资料导出 2024-05-01", "", ""],
        ["", "", ""],
        ["品名", "条码", "售价"],
        ["水", "", "2"],
    ]
    assert find_header_row(rows) == 2
    assert find_header_row([["a", "b"], ["c", "d"]]) == 0


def test_mapping_problems() -> None:
    assert mapping_problems(guess_mapping(OLD_SYSTEM), CATEGORIES) == []
    mapping = ColumnMapping(("name", "name", None), {"饮料": "nope"})
    assert mapping_problems(mapping, CATEGORIES, header_row=3) == [
        RowProblem(3, "name", Problem.DUPLICATE_MAPPING),
        RowProblem(3, "price", Problem.MISSING_COLUMN),
        RowProblem(3, "category", Problem.MISSING_COLUMN),
        RowProblem(3, "category", Problem.UNKNOWN_MAPPED_CATEGORY, "nope"),
    ]
    # a default category stands in for a missing category column
    assert mapping_problems(ColumnMapping(("name", "price"), {}, "daily"), CATEGORIES) == []


def test_generated_sku_rule() -> None:
    assert generated_sku(EAN, "硒泉水", "550ml") == EAN
    upc = with_check_digit("03600029145")
    assert generated_sku(f" {upc}|{EAN}", "x", "") == "0" + upc  # UPC-A → EAN-13 form
    assert generated_sku(EAN, "x", "", {EAN: "YC-WAT-0001"}) == "YC-WAT-0001"  # already here
    hashed = generated_sku("", "硒泉水", "550ml")
    assert hashed.startswith("NB-") and len(hashed) == 15
    # stable: the same name and spec, however spaced or typed, give the same SKU
    assert generated_sku("", " 硒泉水 ", "550ｍｌ") == hashed
    assert generated_sku("", "硒泉水", "1L") != hashed
    assert generated_sku("", "硒泉水550ml", "") != hashed  # the spec is its own part


def rows_of(mapping: ColumnMapping, *rows: list[str], **kw: object) -> list[tuple[int, dict]]:  # type: ignore[type-arg]
    return list(map_rows(enumerate(rows, start=2), mapping, **kw))  # type: ignore[arg-type]


def test_map_rows_builds_canonical_rows() -> None:
    mapping = ColumnMapping(guess_mapping(OLD_SYSTEM).fields, {"酒水饮料": "snack"})
    [(number, row)] = rows_of(
        mapping, ["硒泉水", EAN, "550ml", "¥2.00", "1.80", "酒水饮料", "瓶", "启用", "1.20", "300"]
    )
    assert number == 2
    assert row == {
        "name": "硒泉水 550ml", "barcodes": EAN, "price": "¥2.00", "member_price": "1.80",
        "category": "snack", "unit": "瓶", "active": "启用", "sku": EAN,
    }  # fmt: skip
    products, problems = validate_rows([(number, row)], CATEGORIES)
    assert problems == []
    assert (products[0].sku, products[0].name, products[0].price) == (
        EAN,
        "硒泉水 550ml",
        Money(200),
    )


def test_spec_already_in_the_name_is_not_repeated() -> None:
    mapping = ColumnMapping(("name", "spec", "price", "category"))
    [(_, row)] = rows_of(mapping, ["硒泉水 550ml", "550ml", "2", "water"])
    assert row["name"] == "硒泉水 550ml"


def test_default_category_fills_empty_cells_only() -> None:
    mapping = ColumnMapping(("name", "price", "category"), {}, "daily")
    rows = rows_of(mapping, ["a", "1", ""], ["b", "1", "tea"])
    assert [r["category"] for _, r in rows] == ["daily", "tea"]


def test_row_width() -> None:
    mapping = ColumnMapping(("name", "price", "category"))
    assert rows_of(mapping, ["a", "1"]) == [(2, {None: ["a", "1"]})]  # CSV: cells may have slid
    [(_, row)] = rows_of(mapping, ["a", "1"], strict_width=False)  # workbook: padded
    assert row["category"] == ""


def test_duplicate_generated_skus_are_explained() -> None:
    mapping = guess_mapping(["品名", "条码", "售价", "分类"])
    rows = rows_of(
        mapping, ["水", "", "1", "water"], ["水", "", "2", "water"],
        ["茶", EAN, "1", "tea"], ["茶2", EAN, "1", "tea"],
    )  # fmt: skip
    _, problems = validate_rows(rows, CATEGORIES)
    assert explain_generated(problems, mapping) == [
        RowProblem(3, "name", Problem.DUPLICATE_PRODUCT, generated_sku("", "水", "")),
        RowProblem(5, "barcodes", Problem.DUPLICATE_BARCODE, EAN),
    ]


def test_unknown_categories_and_their_guess() -> None:
    values = ["茶叶", "tea", "酒水饮料", "", "电器", "酒水饮料", " 粮油 "]
    assert unknown_categories(values, CATEGORIES) == ["酒水饮料", "电器", "粮油"]
    assert guess_category("饮料", CATEGORIES) == "snack"
    assert guess_category("茶叶礼盒", CATEGORIES) == "tea"
    assert guess_category("粮油", CATEGORIES) == "grain"
    assert guess_category("电器", CATEGORIES) is None
    assert guess_category("礼", CATEGORIES) is None  # one character says too little


# --- MAP.json ---------------------------------------------------------------------


def test_saved_mapping_overrides_the_guess_column_by_column() -> None:
    header = ["编号", "品名", "条码", "售价", "零售价", "类别"]
    saved = {
        "version": 1,
        "columns": {"编号": "sku", "零售价(元)": "price", "售价": None},
        "categories": {"饮料": "snack"},
    }
    mapping, problems = mapping_from_json(saved, header)
    assert problems == []
    assert mapping.fields == ("sku", "name", "barcodes", None, "price", "category")
    assert mapping.categories == {"饮料": "snack"}


def test_an_explicit_field_takes_it_from_the_guessed_column() -> None:
    mapping, problems = mapping_from_json({"columns": {"零售价": "price"}}, ["售价", "零售价"])
    assert problems == [] and mapping.fields == (None, "price")


def test_bad_saved_mappings() -> None:
    header = ["品名", "售价"]
    assert mapping_from_json([], header)[1] == [
        RowProblem(0, "", Problem.BAD_MAPPING, "not a JSON object")
    ]
    _, problems = mapping_from_json(
        {"columns": {"品名": "title", "价格": "price"}, "colour": 1, "version": 2}, header
    )
    assert problems == [
        RowProblem(0, "", Problem.BAD_MAPPING, "unknown key 'colour'"),
        RowProblem(0, "", Problem.BAD_MAPPING, "version 2"),
        RowProblem(1, "品名", Problem.BAD_MAPPING, "title"),
        RowProblem(1, "", Problem.UNKNOWN_MAPPING_COLUMN, "价格"),
    ]


def test_mapping_round_trips_through_json() -> None:
    mapping = ColumnMapping(guess_mapping(OLD_SYSTEM).fields, {"酒水饮料": "snack"}, "daily")
    data = mapping_to_json(mapping, OLD_SYSTEM)
    assert data["columns"]["进货价"] is None and data["default_category"] == "daily"
    assert mapping_from_json(data, OLD_SYSTEM) == (mapping, [])

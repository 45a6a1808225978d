"""A store's export from its previous system: GBK with Chinese headers and no SKU
column, prices in yuan, its own category names, an .xlsx workbook, barcodes that
Excel turned into scientific notation. Real files, a real SQLite database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import Workbook

from pos_app.app import AppContext
from pos_app.core.barcodes import with_check_digit
from pos_app.core.catalog_csv import Problem, RowProblem
from pos_app.core.catalog_mapping import ColumnMapping, generated_sku, guess_mapping
from pos_app.services.catalog_files import Table, TableError, cell_text, read_table
from pos_app.services.catalog_import import preview_catalog

B1 = with_check_digit("694100000001")
B2 = with_check_digit("694100000002")
HEADER = "商品名称,国际条码,规格,零售价(元),会员价,商品分类,单位,状态,进货价,库存"
ROWS = [
    f"来凤藤茶,{B1},100g,￥68.00,62.50元,茶叶,盒,启用,40.00,12",
    f"硒泉水,{B2},550ml,2,,酒水饮料,瓶,启用,1.10,300",
    "汪集鸡汤 散称,,,36.8,,熟食,kg,停用,20,0",
]
CATEGORIES = {"酒水饮料": "snack", "熟食": "deli"}


def write(tmp_path: Path, lines: list[str], encoding: str = "gbk", name: str = "old.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def mapped(context: AppContext, path: Path) -> ColumnMapping:
    header = read_table(path).header
    return ColumnMapping(guess_mapping(header).fields, CATEGORIES)


def test_gbk_export_with_chinese_headers_and_no_sku_column(
    empty_context: AppContext, tmp_path: Path
) -> None:
    path = write(tmp_path, [HEADER, *ROWS])
    report = empty_context.import_catalog(path, mapping=mapped(empty_context, path))
    assert report.ok, report.problems
    assert (report.rows, report.inserted, report.updated, report.encoding) == (3, 3, 0, "gb18030")
    tea = empty_context.catalog.by_barcode(B1)
    assert tea is not None
    assert (tea.sku, tea.name, tea.category, tea.unit_label) == (B1, "来凤藤茶 100g", "tea", "盒")
    assert (tea.price.fen, tea.member_price and tea.member_price.fen) == (6800, 6250)
    water = empty_context.catalog.by_sku(B2)
    assert water is not None
    assert (water.name, water.category, water.price.fen) == ("硒泉水 550ml", "snack", 200)
    soup = empty_context.catalog.by_sku(generated_sku("", "汪集鸡汤 散称", ""))
    assert soup is not None
    assert (soup.category, soup.price.fen, soup.weighed, soup.active) == ("deli", 3680, True, False)

    # the same file again: the generated SKUs are the same, so it updates
    again = empty_context.import_catalog(path, mapping=mapped(empty_context, path))
    assert (again.inserted, again.updated) == (0, 3)
    assert empty_context.catalog.repo.count() == 3


def test_unmapped_store_categories_are_refused_by_row(
    empty_context: AppContext, tmp_path: Path
) -> None:
    report = empty_context.import_catalog(write(tmp_path, [HEADER, *ROWS]))  # the guess only
    assert report.problems == [
        RowProblem(3, "category", Problem.UNKNOWN_CATEGORY, "酒水饮料"),
        RowProblem(4, "category", Problem.UNKNOWN_CATEGORY, "熟食"),
    ]
    assert empty_context.catalog.repo.count() == 0


def test_scientific_notation_barcodes_named_with_their_rows(
    empty_context: AppContext, tmp_path: Path
) -> None:
    rows = [ROWS[0].replace(B1, "6.94100E+12"), ROWS[1].replace(B2, "6.9410E+12"), ROWS[2]]
    path = write(tmp_path, [HEADER, *rows])
    report = empty_context.import_catalog(path, mapping=mapped(empty_context, path))
    assert report.problems == [
        RowProblem(2, "barcodes", Problem.SCIENTIFIC_BARCODE, "6.94100E+12"),
        RowProblem(3, "barcodes", Problem.SCIENTIFIC_BARCODE, "6.9410E+12"),
    ]
    assert empty_context.catalog.repo.count() == 0


def test_xlsx_workbook_with_a_title_row(empty_context: AppContext, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["商品资料 导出于 2024-05-01"])
    sheet.append([])
    sheet.append(["品名", "条码", "售价", "类别", "单位", "库存"])
    sheet.append(["恩施玉露 礼盒", int(B1), 128.0, "tea", "盒", 5])  # numbers as Excel stores them
    sheet.append(["利川红", B2, 19.9, "茶叶", "盒"])  # short row: a workbook's cells cannot slide
    sheet.append(["硒泉水 24瓶", None, "¥45.50", "water", "箱", None])
    path = tmp_path / "old.xlsx"
    book.save(path)
    report = empty_context.import_catalog(path)
    assert report.ok, report.problems
    assert (report.encoding, report.inserted) == ("xlsx", 3)
    red = empty_context.catalog.by_barcode(B2)
    assert red is not None and (red.sku, red.price.fen, red.category) == (B2, 1990, "tea")
    jade = empty_context.catalog.by_barcode(B1)
    assert jade is not None and jade.price.fen == 12800
    case = empty_context.catalog.by_sku(generated_sku("", "硒泉水 24瓶", ""))
    assert case is not None and case.price.fen == 4550


def test_xlsx_problems_carry_the_spreadsheet_row(empty_context: AppContext, tmp_path: Path) -> None:
    book = Workbook()
    book.active.append(["品名", "条码", "售价", "分类"])
    book.active.append(["好", B1, 1, "tea"])
    book.active.append(["坏", "6.9410E+12", 1, "tea"])
    path = tmp_path / "x.xlsx"
    book.save(path)
    report = empty_context.import_catalog(path)
    assert report.problems == [RowProblem(3, "barcodes", Problem.SCIENTIFIC_BARCODE, "6.9410E+12")]


def test_saved_mapping_file(empty_context: AppContext, tmp_path: Path) -> None:
    path = write(tmp_path, ["编号,品名,条码,售价,零售价,类别", "A1,硒泉水,,9.99,2.00,饮料"])
    saved = {"columns": {"编号": "sku", "零售价": "price"}, "categories": {"饮料": "snack"}}
    report = empty_context.import_catalog(path, saved=json.loads(json.dumps(saved)))
    assert report.ok, report.problems
    water = empty_context.catalog.by_sku("A1")
    assert water is not None and (water.price.fen, water.category) == (200, "snack")


def test_mapping_problems_refuse_before_any_row(empty_context: AppContext, tmp_path: Path) -> None:
    path = write(tmp_path, ["品名,售价,分类", "水,1,water"])
    report = empty_context.import_catalog(path, saved={"categories": {"x": "nope"}})
    assert report.problems == [RowProblem(1, "category", Problem.UNKNOWN_MAPPED_CATEGORY, "nope")]
    stale = empty_context.import_catalog(path, mapping=ColumnMapping(("name", "price")))
    assert stale.problems == [RowProblem(1, "", Problem.WRONG_FIELD_COUNT)]
    assert empty_context.catalog.repo.count() == 0


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), Problem.OLD_EXCEL),
        ("名称,售价\n".encode("utf-16"), Problem.BAD_ENCODING),  # neither UTF-8 nor GB18030
        (b"PK\x03\x04 not really a zip", Problem.UNREADABLE_FILE),
    ],
)
def test_files_that_are_no_table(
    empty_context: AppContext, tmp_path: Path, data: bytes, problem: Problem
) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes(data)
    report = empty_context.import_catalog(path)
    assert [p.problem for p in report.problems] == [problem]
    with pytest.raises(TableError):
        read_table(path)


def test_tab_separated_text(tmp_path: Path) -> None:
    path = write(tmp_path, ["品名\t售价\t分类", "水\t1,5\ttea"], "utf-8")
    table = read_table(path)
    assert (table.header, table.rows) == (["品名", "售价", "分类"], [(2, ["水", "1,5", "tea"])])


def test_preview(context: AppContext, tmp_path: Path) -> None:
    path = write(tmp_path, ["导出", HEADER, *ROWS])
    preview = preview_catalog(path, context.catalog.repo)
    assert isinstance(preview.table, Table)
    assert preview.table.header_row == 2 and len(preview.table.rows) == 3
    assert preview.mapping == guess_mapping(HEADER.split(","))
    assert "tea" in preview.categories


@pytest.mark.parametrize(
    ("value", "text"),
    [(None, ""), (True, "1"), (False, "0"), (6901234567892, "6901234567892"), (12.0, "12"),
     (19.9, "19.9"), (0.1 + 0.2, "0.3"), ("  x ", "  x ")],
)  # fmt: skip
def test_cell_text(value: object, text: str) -> None:
    assert cell_text(value) == text


def test_every_problem_has_a_bilingual_reason_and_sci_notation_says_how_to_fix() -> None:
    from pos_app.services.import_text import REASONS, describe_problem

    assert set(REASONS) == set(Problem)
    text = describe_problem(RowProblem(7, "barcodes", Problem.SCIENTIFIC_BARCODE, "6.9E+12"))
    assert text.startswith("第 7 行 / row 7 [barcodes]") and text.endswith(": 6.9E+12")
    assert "科学计数法" in text and "scientific notation" in text and "as Text" in text

"""Catalog import from the files shops really get: UTF-8 (with or without BOM),
GBK/GB18030 from Excel, Chinese headers. All or nothing: one bad row and no row
of the file is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from pos_app.app import AppContext
from pos_app.core.barcodes import with_check_digit
from pos_app.core.catalog import Unit
from pos_app.core.catalog_csv import Problem, RowProblem

HEADER = "sku,barcodes,name,category,unit,price,member_price,plu,active"
CN_HEADER = "货号,条码,名称,分类,单位,售价,会员价,秤号,启用"

# three fresh products, codes not in the demo catalog
B1 = with_check_digit("694000000001")
B2 = with_check_digit("694000000002")
B3 = with_check_digit("694000000003")
GOOD_ROWS = [
    f"T-001,{B1},来凤藤茶 特级 100g,tea,盒,68.00,62.50,,1",
    f"T-002,{B2}|{B3},仙桃毛嘴卤 鸭脖 礼盒,deli,盒,99.90,,,1",
    "T-003,,汪集鸡汤 散称,soup,kg,36.80,,20001,1",
]


def write(tmp_path: Path, lines: list[str], encoding: str = "utf-8", name: str = "c.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def product_count(context: AppContext) -> int:
    return context.catalog.repo.count()


def assert_good_rows_imported(context: AppContext) -> None:
    tea = context.catalog.by_sku("T-001")
    assert tea is not None
    assert tea.name == "来凤藤茶 特级 100g"
    assert tea.unit_label == "盒"
    assert tea.price.fen == 6800
    assert tea.member_price is not None
    assert tea.member_price.fen == 6250
    assert tea.barcodes == (B1,)
    duck = context.catalog.by_barcode(B3)
    assert duck is not None
    assert duck.sku == "T-002"
    assert set(duck.barcodes) == {B2, B3}
    soup = context.catalog.by_plu("20001")
    assert soup is not None
    assert soup.name == "汪集鸡汤 散称"
    assert soup.unit is Unit.KG
    # the pinyin keys were built, so cashiers can find it by initials
    assert "T-001" in {p.sku for p in context.catalog.search("lftc")}


# --- encodings -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "reported"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8"),  # Excel's "CSV UTF-8" starts with a BOM
        ("gbk", "gb18030"),
        ("gb18030", "gb18030"),
    ],
)
def test_encodings(empty_context: AppContext, tmp_path: Path, encoding: str, reported: str) -> None:
    path = write(tmp_path, [HEADER, *GOOD_ROWS], encoding)
    if encoding == "utf-8-sig":
        assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    if encoding == "gbk":
        with pytest.raises(UnicodeDecodeError):
            path.read_bytes().decode("utf-8")
    report = empty_context.import_catalog(path)
    assert report.ok, report.problems
    assert (report.rows, report.inserted, report.updated) == (3, 3, 0)
    assert report.encoding == reported
    assert product_count(empty_context) == 3
    assert_good_rows_imported(empty_context)


def test_gb18030_characters_outside_gbk(empty_context: AppContext, tmp_path: Path) -> None:
    name = "䶮𠮷 文创盲盒"  # not representable in GBK
    with pytest.raises(UnicodeEncodeError):
        name.encode("gbk")
    code = with_check_digit("694000000009")
    path = write(tmp_path, [CN_HEADER, f"C-001,{code},{name},craft,盒,45.00,,,是"], "gb18030")
    report = empty_context.import_catalog(path)
    assert report.ok, report.problems
    product = empty_context.catalog.by_barcode(code)
    assert product is not None
    assert product.name == name
    assert product.active


def test_bom_does_not_hide_the_first_column(empty_context: AppContext, tmp_path: Path) -> None:
    """A BOM glued to 'sku' would make the first column unknown."""
    path = write(tmp_path, [HEADER, GOOD_ROWS[0]], "utf-8-sig")
    report = empty_context.import_catalog(path)
    assert report.ok, report.problems
    assert empty_context.catalog.by_sku("T-001") is not None


def test_chinese_header_aliases_and_category_names(
    empty_context: AppContext, tmp_path: Path
) -> None:
    rows = [
        "条形码,品名,类别,零售价,货号,单位,会员价,秤号,启用",  # other aliases, other order
        f"{B1},来凤藤茶 特级 100g,茶叶,68.00,T-001,盒,62.50,,1",  # category by its name
        f"{B2}|{B3},仙桃毛嘴卤 鸭脖 礼盒,卤味熟食,99.90,T-002,盒,,,1",
        ",汪集鸡汤 散称,soup,36.80,T-003,公斤,,20001,1",  # 公斤 means weighed
    ]
    report = empty_context.import_catalog(write(tmp_path, rows, "gbk"))
    assert report.ok, report.problems
    assert report.inserted == 3
    assert_good_rows_imported(empty_context)
    tea = empty_context.catalog.by_sku("T-001")
    assert tea is not None
    assert tea.category == "tea"


def test_minimal_chinese_header(empty_context: AppContext, tmp_path: Path) -> None:
    rows = ["货号,条码,名称,分类,售价", f"M-1,{B1},硒泉水 试饮装,water,1.00"]
    report = empty_context.import_catalog(write(tmp_path, rows, "gbk"))
    assert report.ok, report.problems
    product = empty_context.catalog.by_barcode(B1)
    assert product is not None
    assert (product.price.fen, product.unit_label, product.active) == (100, "件", True)


# --- bad rows: nothing imported -------------------------------------------------


BAD_CASES = {
    "bad check digit": (
        f"X-1,{B1[:-1]}{(int(B1[-1]) + 1) % 10},坏条码,tea,盒,1.00,,,1",
        RowProblem(3, "barcodes", Problem.BAD_BARCODE, f"{B1[:-1]}{(int(B1[-1]) + 1) % 10}"),
    ),
    "duplicate barcode in the file": (
        f"X-1,{B1},重复条码,tea,盒,1.00,,,1",
        RowProblem(3, "barcodes", Problem.DUPLICATE_BARCODE, B1),
    ),
    "barcode of a demo product": (
        "X-1,6975321000012,抢条码,tea,盒,1.00,,,1",
        RowProblem(3, "barcodes", Problem.DUPLICATE_BARCODE, "6975321000012"),
    ),
    "negative price": (
        "X-1,,负价,tea,盒,-1.00,,,1",
        RowProblem(3, "price", Problem.NEGATIVE_PRICE, "-1.00"),
    ),
    "absurd price": (
        "X-1,,天价,tea,盒,99999999.00,,,1",
        RowProblem(3, "price", Problem.ABSURD_PRICE, "99999999.00"),
    ),
    "unparsable price": (
        "X-1,,三位小数,tea,盒,1.005,,,1",
        RowProblem(3, "price", Problem.BAD_PRICE, "1.005"),
    ),
    "unknown category": (
        "X-1,,未知分类,电器,台,1.00,,,1",
        RowProblem(3, "category", Problem.UNKNOWN_CATEGORY, "电器"),
    ),
    "missing name": (
        "X-1,,,tea,盒,1.00,,,1",
        RowProblem(3, "name", Problem.MISSING_VALUE),
    ),
    "duplicate sku": (
        "T-001,,同货号,tea,盒,1.00,,,1",
        RowProblem(3, "sku", Problem.DUPLICATE_SKU, "T-001"),
    ),
    "too few fields": (
        "X-1,,少列,tea,盒,1.00",
        RowProblem(3, "", Problem.WRONG_FIELD_COUNT),
    ),
    "too many fields": (
        "X-1,,多列,tea,盒,1.00,,,1,extra",
        RowProblem(3, "", Problem.WRONG_FIELD_COUNT),
    ),
}


@pytest.mark.parametrize("case", list(BAD_CASES))
@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_one_bad_row_imports_nothing(
    context: AppContext, tmp_path: Path, case: str, encoding: str
) -> None:
    bad_row, problem = BAD_CASES[case]
    before = product_count(context)
    # good row 2, the bad row 3, good rows 4 and 5
    lines = [HEADER, GOOD_ROWS[0], bad_row, GOOD_ROWS[1], GOOD_ROWS[2]]
    report = context.import_catalog(write(tmp_path, lines, encoding))
    assert not report.ok
    assert report.problems == [problem]
    assert (report.inserted, report.updated) == (0, 0)
    assert product_count(context) == before
    for sku in ("T-001", "T-002", "T-003", "X-1"):
        assert context.catalog.by_sku(sku) is None
    assert context.catalog.by_barcode(B1) is None


def test_every_problem_is_reported_with_its_row(empty_context: AppContext, tmp_path: Path) -> None:
    lines = [
        HEADER,
        GOOD_ROWS[0],
        "X-1,,负价,tea,盒,-1.00,,,1",
        "",  # a blank line still counts as a line in the spreadsheet
        "X-2,,天价,tea,盒,99999999.00,,,1",
        "X-3,,未知,nope,盒,1.00,,,1",
    ]
    report = empty_context.import_catalog(write(tmp_path, lines))
    assert [(p.row, p.problem) for p in report.problems] == [
        (3, Problem.NEGATIVE_PRICE),
        (5, Problem.ABSURD_PRICE),
        (6, Problem.UNKNOWN_CATEGORY),
    ]
    assert product_count(empty_context) == 0


@pytest.mark.parametrize("dropped", ["name", "category", "price"])
def test_missing_required_column_in_the_header(
    empty_context: AppContext, tmp_path: Path, dropped: str
) -> None:
    columns = HEADER.split(",")
    index = columns.index(dropped)
    lines = [",".join(c for c in columns if c != dropped)]
    for row in GOOD_ROWS:
        values = row.split(",")
        lines.append(",".join(v for i, v in enumerate(values) if i != index))
    report = empty_context.import_catalog(write(tmp_path, lines))
    assert report.problems == [RowProblem(1, dropped, Problem.MISSING_COLUMN)]
    assert product_count(empty_context) == 0


def test_empty_and_unreadable_files(empty_context: AppContext, tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    report = empty_context.import_catalog(empty)
    assert not report.ok
    assert report.problems[0].row == 1
    missing = empty_context.import_catalog(tmp_path / "nope.csv")
    assert [p.problem for p in missing.problems] == [Problem.UNREADABLE_FILE]
    assert product_count(empty_context) == 0


# --- re-import ------------------------------------------------------------------


def test_reimport_updates_prices_by_sku(context: AppContext, tmp_path: Path) -> None:
    before = product_count(context)
    old = context.catalog.by_sku("YC-WAT-0001")
    assert old is not None
    assert old.price.fen == 200
    lines = [
        HEADER,
        "YC-WAT-0001,6975321000012,硒泉水 550ml,water,瓶,2.20,2.00,,1",
        "yc-grn-0001,6921445000018|6921445500013,五常大米 稻花香2号 5kg,grain,袋,85.00,,,0",
        GOOD_ROWS[0],
    ]
    report = context.import_catalog(write(tmp_path, lines, "gbk"))
    assert report.ok, report.problems
    assert (report.inserted, report.updated) == (1, 2)
    assert product_count(context) == before + 1

    water = context.catalog.by_barcode("6975321000012")
    assert water is not None
    assert water.id == old.id  # updated in place, not a new product
    assert (water.price.fen, water.member_price) == (220, water.member_price)
    assert water.member_price is not None
    assert water.member_price.fen == 200
    rice = context.catalog.by_sku("YC-GRN-0001")
    assert rice is not None
    assert rice.price.fen == 8500
    assert not rice.active
    assert set(rice.barcodes) == {"6921445000018", "6921445500013"}
    # the search index was rebuilt: the deactivated rice is no longer offered
    assert "YC-GRN-0001" not in {p.sku for p in context.catalog.search("wcdm")}
    # and new scans use the new price
    context.checkout.scan("6975321000012")
    assert context.checkout.cart.totals().total.fen == 220


def test_reimport_can_drop_a_barcode_of_the_same_sku(context: AppContext, tmp_path: Path) -> None:
    lines = [HEADER, "YC-GRN-0001,6921445500013,五常大米 稻花香2号 5kg,grain,袋,89.90,,,1"]
    report = context.import_catalog(write(tmp_path, lines))
    assert report.ok, report.problems
    assert context.catalog.by_barcode("6921445000018") is None
    rice = context.catalog.by_barcode("6921445500013")
    assert rice is not None
    assert rice.sku == "YC-GRN-0001"


def test_barcode_moving_to_another_sku_is_refused(context: AppContext, tmp_path: Path) -> None:
    before = product_count(context)
    lines = [
        HEADER,
        GOOD_ROWS[0],
        "YC-WAT-0002,6975321000012,硒泉水 550ml×24瓶,water,箱,40.00,,,1",  # takes 0001's code
    ]
    report = context.import_catalog(write(tmp_path, lines))
    assert report.problems == [
        RowProblem(3, "barcodes", Problem.DUPLICATE_BARCODE, "6975321000012")
    ]
    assert product_count(context) == before
    water = context.catalog.by_barcode("6975321000012")
    assert water is not None
    assert water.sku == "YC-WAT-0001"
    case = context.catalog.by_sku("YC-WAT-0002")
    assert case is not None
    assert case.price.fen == 4200  # the good part of the row did not sneak in


def test_plu_moving_to_another_sku_is_refused(context: AppContext, tmp_path: Path) -> None:
    lines = [HEADER, "T-9,,新散称,fresh,kg,10.00,,10001,1"]  # 10001 is a demo PLU
    report = context.import_catalog(write(tmp_path, lines))
    assert report.problems == [RowProblem(2, "plu", Problem.DUPLICATE_PLU, "10001")]
    assert context.catalog.by_sku("T-9") is None

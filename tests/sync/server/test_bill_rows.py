"""Reading the property company's exports: encodings, headers and their aliases, yuan to
exact 分, months, dates in Asia/Shanghai, payment methods and rooms."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from sync.server.bill_rows import (
    BILL_COLUMNS,
    PAYMENT_COLUMNS,
    FileRefused,
    RowCode,
    is_points,
    parse_fen,
    parse_method,
    parse_paid_at,
    parse_period,
    parse_reference,
    read_sheet,
    room_key,
)
from sync.server.models.bills import PAYMENT_METHODS
from tests.sync.server.bill_helpers import BILL_HEADER, csv_bytes, xlsx_bytes

ROWS = [BILL_HEADER, ["3栋2单元1102", "张晓明", "2026年10月", "¥1,260.50"]]


@pytest.mark.parametrize(
    ("value", "fen"),
    [
        ("260", 26000), ("260.5", 26050), ("260.05", 26005), ("¥1,260.50", 126050),
        ("￥260.00", 26000), ("260元", 26000), (" 0.01 ", 1), ("２６０.５", 26050),
        (260, 26000), (260.5, 26050), (0.29, 29), (1260.07, 126007), (19.99, 1999),
        ("0", None), ("-5", None), ("260.001", None), ("abc", None), ("", None),
        (float("nan"), None), (1e-5, None), (True, None), ("1e3", None),
        ("10000000.01", None), ("10000000.00", 1_000_000_000),
    ],
)  # fmt: skip
def test_yuan_become_exact_fen_or_nothing(value: object, fen: int | None) -> None:
    assert parse_fen(value) == fen


def test_float_cells_never_lose_a_fen() -> None:
    # every amount with 2 decimals up to ¥10,000 as Excel stores it (a binary float)
    for fen in range(1, 1_000_001, 37):
        assert parse_fen(fen / 100) == fen


@pytest.mark.parametrize(
    ("value", "period"),
    [
        ("2026-10", "2026-10"), ("2026/10", "2026-10"), ("2026.1", "2026-01"),
        ("202610", "2026-10"), ("2026年10月", "2026-10"), ("2026-10-01", "2026-10"),
        (date(2026, 3, 1), "2026-03"), (202610.0, "2026-10"), (202610, "2026-10"),
        (datetime(2026, 12, 31, 8), "2026-12"),
        ("2026-13", None), ("2026-00", None), ("1999-10", None), ("10/2026", None), ("", None),
    ],
)  # fmt: skip
def test_periods(value: object, period: str | None) -> None:
    assert parse_period(value) == period


def test_dates_are_shanghai_days_stored_in_utc() -> None:
    assert parse_paid_at("2026-10-15") == datetime(2026, 10, 14, 16, tzinfo=UTC)
    assert parse_paid_at("2026/10/15 09:30") == datetime(2026, 10, 15, 1, 30, tzinfo=UTC)
    assert parse_paid_at("2026年10月15日") == datetime(2026, 10, 14, 16, tzinfo=UTC)
    assert parse_paid_at(datetime(2026, 10, 15, 9, 30)) == datetime(2026, 10, 15, 1, 30, tzinfo=UTC)
    assert parse_paid_at(date(2026, 10, 15)) == datetime(2026, 10, 14, 16, tzinfo=UTC)
    assert parse_paid_at("2026-02-30") is None and parse_paid_at("yesterday") is None


def test_methods_and_references() -> None:
    assert [parse_method(m) for m in ("现金", "微信", "支付宝", "银联", "转账", "其他", "POS")] == [
        "cash", "wechat", "alipay", "unionpay", "transfer", "other", "unionpay"]  # fmt: skip
    assert set(PAYMENT_METHODS) == {parse_method(m) for m in PAYMENT_METHODS}
    assert parse_method("积分") is None and is_points("积分") and is_points(" 积分抵扣 ")
    assert parse_reference(20261015001.0) == "20261015001"  # a number read back from Excel
    assert parse_reference("x" * 65) is None and parse_reference("a\tb") is None


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("示范社区3栋2单元1102", "3-2-1102"), ("3-2-1102", "3-2-1102"),
        ("3栋2单元1102室", "3-2-1102"), ("３栋２单元１１０２", "3-2-1102"),
        ("3幢02单元1102", "3-2-1102"), (" 3 - 2 - 1102 ", "3-2-1102"),
        ("12栋401", "12-401"), ("滨江社区A座1803", "A座1803"), ("A座1803", "A座1803"),
    ],
)  # fmt: skip
def test_rooms_reduce_to_one_form(written: str, key: str) -> None:
    community = "示范社区" if written.startswith("示范") else "滨江社区"
    assert room_key(written, community) == key


def test_the_same_file_in_utf8_bom_gb18030_and_xlsx_reads_the_same() -> None:
    sheets = [
        read_sheet(csv_bytes(ROWS), BILL_COLUMNS),
        read_sheet(csv_bytes(ROWS, encoding="utf-8"), BILL_COLUMNS),
        read_sheet(csv_bytes(ROWS, encoding="gb18030"), BILL_COLUMNS),
        read_sheet(xlsx_bytes(ROWS), BILL_COLUMNS),
        # Excel's "Unicode text": UTF-16 with a BOM, tab-separated
        read_sheet("\r\n".join("\t".join(r) for r in ROWS).encode("utf-16"), BILL_COLUMNS),
    ]
    for sheet in sheets:
        assert sheet.headers == {
            "room": "房号", "owner": "业主", "period": "账期", "amount": "应收金额",
            "item": "费用项目",
        }  # fmt: skip
        ((row, cells),) = sheet.rows
        assert row == 2 and cells["room"] == "3栋2单元1102" and cells["period"] == "2026年10月"
        assert parse_fen(cells["amount"]) == 126050


def test_aliases_blank_rows_and_header_spacing() -> None:
    data = csv_bytes([[], ["房屋编号", "所属期间", " 应收 ", "收费项目"],
                      ["1-1-101", "2026-10", "10"], ["", "", "", ""],
                      ["1-1-102", "2026-10", "11", "物业费"]])  # fmt: skip
    sheet = read_sheet(data, BILL_COLUMNS)
    assert sheet.headers["room"] == "房屋编号" and sheet.headers["amount"] == "应收"
    assert [n for n, _c in sheet.rows] == [3, 5]  # Excel's row numbers, blank rows skipped


def test_a_file_without_its_columns_or_in_another_encoding_is_refused_whole() -> None:
    with pytest.raises(FileRefused) as missing:
        read_sheet(csv_bytes([["房号", "业主"], ["1-1-101", "x"]]), BILL_COLUMNS)
    assert [(p.row, p.column, p.code) for p in missing.value.problems] == [
        (1, "账期", RowCode.MISSING_COLUMN), (1, "应收金额", RowCode.MISSING_COLUMN)]  # fmt: skip
    with pytest.raises(FileRefused) as twice:
        read_sheet(csv_bytes([["房号", "房间号", "账期", "应收金额"]]), BILL_COLUMNS)
    assert twice.value.problems[0].code is RowCode.DUPLICATE_COLUMN
    for data in ("房号,账期".encode("utf-16-le"), b"PK\x03\x04 not a zip", b"\xff\xfe\x00\xd8"):
        with pytest.raises(FileRefused) as bad:
            read_sheet(data, PAYMENT_COLUMNS)
        assert bad.value.problems[0].code in {RowCode.FILE_UNREADABLE, RowCode.MISSING_COLUMN}
    with pytest.raises(FileRefused) as empty:
        read_sheet(b"", BILL_COLUMNS)
    assert empty.value.problems[0].code is RowCode.MISSING_COLUMN


def test_every_code_has_both_sentences() -> None:
    from sync.server.bill_rows import ROW_TEXTS, BadRow

    assert set(ROW_TEXTS) == set(RowCode)
    for code in RowCode:
        row = BadRow(2, "房号", code, value="x", detail="3")
        assert row.message_en and "{" not in row.message_en
        assert any("\u4e00" <= ch <= "\u9fff" for ch in row.message_zh)

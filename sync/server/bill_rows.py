"""Reading the property company's exports: CSV (UTF-8 with or without BOM, or GB18030 as
Chinese Excel saves it), Excel's tab-separated Unicode text (UTF-16) or XLSX (openpyxl,
read-only), Chinese headers and their aliases,
and the values in them: rooms, periods, yuan amounts to exact 分, dates, payment methods.

Every problem is a `BadRow`: the row number as the user sees it in Excel (the header is
row 1), the column's header as written in the file, and a code with its Chinese and
English sentence (`ROW_TEXTS`). Nothing here touches the database; sync/server/bills.py
decides what the rows mean.
"""

from __future__ import annotations

import csv
import enum
import io
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")
#: a sane bound: no monthly fee or payment of one home reaches ¥10,000,000
MAX_FEN = 1_000_000_000
MAX_ROWS = 200_000


class RowCode(enum.StrEnum):
    FILE_UNREADABLE = "file_unreadable"  # not a CSV in UTF-8/GB18030, nor an XLSX
    MISSING_COLUMN = "missing_column"  # a required column is absent from the header
    DUPLICATE_COLUMN = "duplicate_column"  # two headers mean the same column
    TOO_MANY_ROWS = "too_many_rows"
    EMPTY_VALUE = "empty_value"
    BAD_AMOUNT = "bad_amount"  # not a yuan amount with at most 2 decimals, or out of range
    BAD_PERIOD = "bad_period"  # not a month (2026-10, 2026年10月, 202610…)
    BAD_DATE = "bad_date"
    DATE_IN_FUTURE = "date_in_future"
    UNKNOWN_ROOM = "unknown_room"  # no resident of the community has this room
    AMBIGUOUS_ROOM = "ambiguous_room"  # several residents share this room
    NOT_PROPERTY_FEE = "not_property_fee"  # 费用项目 is another fee (parking, water…)
    DUPLICATE_ROW = "duplicate_row"  # the same bill, or payment reference, twice in the file
    AMOUNT_CHANGED_AFTER_PAYMENT = "amount_changed_after_payment"
    BILL_UNKNOWN = "bill_unknown"  # a payment for a bill that was never imported
    BAD_METHOD = "bad_method"
    POINTS_NOT_A_PAYMENT = "points_not_a_payment"  # points come from redemptions only
    BAD_REFERENCE = "bad_reference"
    PAYMENT_CONFLICT = "payment_conflict"  # the reference is stored with other content
    OVERPAYS_BILL = "overpays_bill"


#: code → (English, Chinese); {value} is the cell as written, {detail} a number or row
ROW_TEXTS: dict[RowCode, tuple[str, str]] = {
    RowCode.FILE_UNREADABLE: (
        "the file is neither a CSV (UTF-8, GB18030), Unicode text (UTF-16) nor an XLSX workbook",
        "文件既不是 CSV（UTF-8 或 GB18030）或 Unicode 文本（UTF-16），也不是 XLSX 工作簿",
    ),
    RowCode.MISSING_COLUMN: ("required column missing", "缺少必需的列"),
    RowCode.DUPLICATE_COLUMN: (
        "two columns mean the same thing ({detail})",
        "有两列含义相同（{detail}）",
    ),
    RowCode.TOO_MANY_ROWS: (
        "more than {detail} rows: split the file",
        "超过 {detail} 行，请拆分文件",
    ),
    RowCode.EMPTY_VALUE: ("empty", "为空"),
    RowCode.BAD_AMOUNT: (
        "'{value}' is not an amount in yuan above 0 with at most 2 decimals",
        "“{value}”不是大于 0、最多两位小数的元金额",
    ),
    RowCode.BAD_PERIOD: (
        "'{value}' is not a month such as 2026-10",
        "“{value}”不是月份（例如 2026-10）",
    ),
    RowCode.BAD_DATE: (
        "'{value}' is not a date such as 2026-10-15",
        "“{value}”不是日期（例如 2026-10-15）",
    ),
    RowCode.DATE_IN_FUTURE: ("'{value}' is in the future", "“{value}”是将来的日期"),
    RowCode.UNKNOWN_ROOM: (
        "no resident of this community has room '{value}'",
        "本小区没有房号为“{value}”的业主",
    ),
    RowCode.AMBIGUOUS_ROOM: (
        "{detail} residents have room '{value}'",
        "有 {detail} 位业主的房号是“{value}”",
    ),
    RowCode.NOT_PROPERTY_FEE: (
        "'{value}' is not the property-management fee",
        "“{value}”不是物业管理费",
    ),
    RowCode.DUPLICATE_ROW: ("the same as row {detail}", "与第 {detail} 行重复"),
    RowCode.AMOUNT_CHANGED_AFTER_PAYMENT: (
        "the bill is already partly paid ({detail} fen): its amount cannot change",
        "该账单已缴 {detail} 分，金额不能再改",
    ),
    RowCode.BILL_UNKNOWN: (
        "no bill of this room and period: import the bills first",
        "没有该房号该账期的账单，请先导入账单",
    ),
    RowCode.BAD_METHOD: (
        "'{value}' is not a payment method (cash, transfer, WeChat, Alipay, UnionPay, other)",
        "“{value}”不是缴费方式（现金、转账、微信、支付宝、银联、其他）",
    ),
    RowCode.POINTS_NOT_A_PAYMENT: (
        "points are recorded by redemptions at the showroom, not by the payment export",
        "积分抵扣由展厅核销记录，不能作为缴费导入",
    ),
    RowCode.BAD_REFERENCE: (
        "'{value}' is not a payment reference (1-64 printable characters)",
        "“{value}”不是有效的收据号（1 到 64 个可打印字符）",
    ),
    RowCode.PAYMENT_CONFLICT: (
        "this reference is already recorded with another bill, amount, method or date",
        "该收据号已登记为另一笔缴费（账单、金额、方式或日期不同）",
    ),
    RowCode.OVERPAYS_BILL: (
        "the bill has only {detail} fen open",
        "该账单只剩 {detail} 分未缴",
    ),
}


@dataclass(frozen=True, slots=True)
class BadRow:
    row: int  # as Excel numbers it: the header is row 1; 0 for the file itself
    column: str  # the header as written in the file ("" for the whole row or file)
    code: RowCode
    value: str = ""
    detail: str = ""

    @property
    def message_en(self) -> str:
        return ROW_TEXTS[self.code][0].format(value=self.value, detail=self.detail)

    @property
    def message_zh(self) -> str:
        return ROW_TEXTS[self.code][1].format(value=self.value, detail=self.detail)


class FileRefused(Exception):
    """The file as a whole cannot be read: no row is looked at."""

    def __init__(self, problems: list[BadRow]) -> None:
        super().__init__(problems[0].code.value)
        self.problems = problems


# --- columns ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    required: bool
    aliases: tuple[str, ...]


BILL_COLUMNS = (
    Column("room", True, ("房号", "房屋", "房间号", "房屋编号", "房产", "房屋地址", "收费地址")),
    Column("owner", False, ("业主", "业主姓名", "客户名称", "姓名", "住户")),
    Column("period", True, ("账期", "所属期间", "计费周期", "费用期间", "账单月份", "期间")),
    Column("amount", True, ("应收金额", "应收", "应缴金额", "账单金额", "应收合计", "金额")),
    Column("item", False, ("费用项目", "收费项目", "费用名称", "项目")),
)
PAYMENT_COLUMNS = (
    Column("room", True, BILL_COLUMNS[0].aliases),
    Column("period", True, BILL_COLUMNS[2].aliases),
    Column("amount", True, ("实收金额", "实收", "缴费金额", "收款金额", "金额")),
    Column("method", True, ("缴费方式", "支付方式", "收款方式", "付款方式")),
    Column("paid_on", True, ("缴费日期", "收款日期", "缴费时间", "收款时间", "日期")),
    Column("reference", True, ("收据号", "票据号", "流水号", "交易单号", "单据号")),
)
#: the fee items that are the property-management fee (物业费); any other is refused
PROPERTY_FEE_ITEMS = frozenset({"物业费", "物业管理费", "物业服务费", "物管费"})
METHODS = {
    "现金": "cash", "cash": "cash",
    "转账": "transfer", "银行转账": "transfer", "对公转账": "transfer", "transfer": "transfer",
    "微信": "wechat", "微信支付": "wechat", "wechat": "wechat",
    "支付宝": "alipay", "alipay": "alipay",
    "银联": "unionpay", "刷卡": "unionpay", "pos": "unionpay", "unionpay": "unionpay",
    "其他": "other", "other": "other",
}  # fmt: skip
POINTS_METHODS = frozenset({"积分", "积分抵扣", "points"})


def _clean_header(text: object) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text or ""))).strip("*")


@dataclass(frozen=True, slots=True)
class Sheet:
    """The rows of a file by column key; `headers` keep what the file wrote."""

    headers: dict[str, str]
    rows: list[tuple[int, dict[str, Any]]]


def read_sheet(data: bytes, columns: tuple[Column, ...]) -> Sheet:
    """The file's rows, or FileRefused (unreadable, a column missing or twice)."""
    raw = _xlsx_rows(data) if data[:4] == b"PK\x03\x04" else _csv_rows(data)
    header_at = next((i for i, r in enumerate(raw) if any(_cell(c) for c in r)), None)
    if header_at is None:
        raise FileRefused([BadRow(0, "", RowCode.MISSING_COLUMN, detail="")])
    written = [_clean_header(c) for c in raw[header_at]]
    headers: dict[str, str] = {}
    index: dict[str, int] = {}
    problems: list[BadRow] = []
    for col in columns:
        found = [i for i, h in enumerate(written) if h in col.aliases]
        if len(found) > 1:
            both = "/".join(written[i] for i in found)
            problems.append(BadRow(header_at + 1, both, RowCode.DUPLICATE_COLUMN, detail=both))
        elif found:
            index[col.key], headers[col.key] = found[0], written[found[0]]
        elif col.required:
            problems.append(BadRow(header_at + 1, col.aliases[0], RowCode.MISSING_COLUMN))
        headers.setdefault(col.key, col.aliases[0])
    if len(raw) - header_at - 1 > MAX_ROWS:
        problems.append(BadRow(0, "", RowCode.TOO_MANY_ROWS, detail=str(MAX_ROWS)))
    if problems:
        raise FileRefused(problems)
    rows = []
    for n, r in enumerate(raw[header_at + 1 :], start=header_at + 2):
        if not any(_cell(c) for c in r):
            continue  # blank lines and Excel's empty trailing rows
        rows.append((n, {k: (r[i] if i < len(r) else None) for k, i in index.items()}))
    return Sheet(headers, rows)


def _csv_rows(data: bytes) -> list[list[Any]]:
    # Excel's "Unicode text" (Unicode 文本) is UTF-16 with its byte-order mark, tab-separated
    encodings = ("utf-16",) if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8-sig", "gb18030")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            break  # a binary file that happens to decode
        first = text.split("\n", 1)[0]
        delimiter = "\t" if "\t" in first and "," not in first else ","
        try:
            return [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
        except csv.Error:
            break
    raise FileRefused([BadRow(0, "", RowCode.FILE_UNREADABLE)])


def _xlsx_rows(data: bytes) -> list[list[Any]]:
    import zipfile

    # loaded only for a workbook; in the central extra too (pyproject.toml)
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise FileRefused([BadRow(0, "", RowCode.FILE_UNREADABLE)]) from exc
    try:
        sheet = book.worksheets[0] if book.worksheets else None
        if sheet is None:
            raise FileRefused([BadRow(0, "", RowCode.FILE_UNREADABLE)])
        rows = []
        for r in sheet.iter_rows(values_only=True):
            rows.append(list(r))
            if len(rows) > MAX_ROWS + 10:
                break
        return rows
    finally:
        book.close()


def _cell(value: Any) -> str:
    """A cell as text: NFKC (full-width digits), trimmed."""
    if value is None:
        return ""
    return unicodedata.normalize("NFKC", str(value)).strip()


# --- values ------------------------------------------------------------------------------

_AMOUNT = re.compile(r"^(\d+)(?:\.(\d{1,2}))?$")


def parse_fen(value: Any) -> int | None:
    """'¥1,260.50' / 1260.5 / 1260 → 126050 exactly; None if not a positive amount."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        # openpyxl reads numbers as float: repr is the shortest exact decimal of it
        try:
            text = format(Decimal(repr(value)), "f")
        except InvalidOperation:
            return None
    else:
        text = _cell(value)
    text = text.replace(",", "").replace("¥", "").replace("元", "").strip()
    m = _AMOUNT.match(text)
    if m is None or len(m[1]) > 12:
        return None
    fen = int(m[1]) * 100 + int((m[2] or "0").ljust(2, "0"))
    return fen if 0 < fen <= MAX_FEN else None


_PERIOD = re.compile(r"^(\d{4})\s*(?:[-/.年]\s*(\d{1,2})\s*月?|(\d{2}))(?:[-/.]\d{1,2}日?)?$")


def parse_period(value: Any) -> str | None:
    """2026-10, 2026/10, 2026.10, 202610, 2026年10月, 2026-10-01, an Excel date → '2026-10'."""
    if isinstance(value, datetime | date):
        return f"{value.year:04d}-{value.month:02d}"
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # 202610 typed into a number cell
    m = _PERIOD.match(_cell(value))
    if m is None:
        return None
    year, month = int(m[1]), int(m[2] or m[3])
    return f"{year:04d}-{month:02d}" if 2000 <= year <= 2100 and 1 <= month <= 12 else None


_DATE = re.compile(
    r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$"
)


def parse_paid_at(value: Any) -> datetime | None:
    """A date or date-time in Asia/Shanghai (a bare date is its 00:00) → aware UTC."""
    if isinstance(value, datetime):
        when = value if value.tzinfo else value.replace(tzinfo=SHANGHAI)
        return when.astimezone(UTC)
    if isinstance(value, date):
        return datetime.combine(value, time(), SHANGHAI).astimezone(UTC)
    m = _DATE.match(_cell(value))
    if m is None:
        return None
    try:
        local = datetime(
            int(m[1]), int(m[2]), int(m[3]), int(m[4] or 0), int(m[5] or 0), int(m[6] or 0),
            tzinfo=SHANGHAI,
        )  # fmt: skip
    except ValueError:
        return None
    return local.astimezone(UTC) if local.year >= 2000 else None


def parse_method(value: Any) -> str | None:
    return METHODS.get(_cell(value).lower())


def is_points(value: Any) -> bool:
    return _cell(value).lower() in POINTS_METHODS


def parse_reference(value: Any) -> str | None:
    text = _cell(value)
    if isinstance(value, float) and text.endswith(".0"):
        text = text[:-2]  # a numeric receipt number read back from Excel
    return text if 0 < len(text) <= 64 and text.isprintable() else None


# --- rooms -------------------------------------------------------------------------------

_ROOM = re.compile(
    r"(\d+)\s*(?:栋|幢|号楼|座|楼|-)\s*(?:(\d+)\s*(?:单元|-)\s*)?(\d+)\s*(?:室|号)?$"
)


def room_key(text: str, community_name: str = "") -> str:
    """The room as the fee office and the resident's bill address both name it, reduced
    to one form: '示范社区3栋2单元1102室', '3-2-1102' and '３栋２单元１１０２' → '3-2-1102'.
    A room of another shape keeps its text (NFKC, no spaces, no community name)."""
    clean = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    name = re.sub(r"\s+", "", unicodedata.normalize("NFKC", community_name))
    if name and clean.startswith(name):
        clean = clean[len(name) :]
    m = _ROOM.search(clean)
    if m is None:
        return clean
    parts = [m[1], m[2], m[3]] if m[2] else [m[1], m[3]]
    return "-".join(str(int(p)) for p in parts)


def cell_text(value: Any) -> str:
    """A cell as the error message quotes it (at most 40 characters)."""
    return _cell(value)[:40]

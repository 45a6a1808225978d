"""Rules for a catalog file's rows: what a valid product line is, and why not.

Pure validation over already-decoded rows; reading the file (UTF-8 or
GBK/GB18030) is the import service's job. Every problem is reported with its
row number (as a spreadsheet shows it, header = row 1) and a coded reason.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pos_app.core.barcodes import is_valid_gtin, normalize_gtin
from pos_app.core.catalog import MAX_UNIT_PRICE_FEN, Category, Product, Unit
from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.money import Money
from pos_app.core.pinyin import pinyin_keys
from pos_app.core.yuan_text import parse_yuan

REQUIRED = ("sku", "name", "category", "price")
#: Accepted header spellings → canonical column (Chinese exports are common).
HEADER_ALIASES = {
    "sku": "sku", "货号": "sku", "编码": "sku",
    "barcodes": "barcodes", "barcode": "barcodes", "条码": "barcodes", "条形码": "barcodes",
    "name": "name", "名称": "name", "品名": "name", "商品名称": "name",
    "category": "category", "分类": "category", "类别": "category",
    "unit": "unit", "单位": "unit",
    "price": "price", "售价": "price", "零售价": "price",
    "member_price": "member_price", "会员价": "member_price",
    "plu": "plu", "秤号": "plu",
    "active": "active", "启用": "active",
}  # fmt: skip
WEIGHED_UNITS = {"kg", "千克", "公斤"}
MAX_NAME_LENGTH = 80
#: The active column's words, as spreadsheets and previous systems write them.
ACTIVE_WORDS = {
    "1": True, "true": True, "是": True, "启用": True, "上架": True, "正常": True,
    "0": False, "false": False, "否": False, "停用": False, "下架": False, "禁用": False,
}  # fmt: skip
#: What Excel shows (and saves to CSV) for a long number in a General cell,
#: '6.90123E+12': the digits after the sixth are gone for good.
SCIENTIFIC_RE = re.compile(r"^[+-]?\d+(?:\.\d+)?[eE][+-]?\d+$", re.ASCII)


#: C0 and C1 control characters and DEL, and lone surrogates (no UTF-8 exists for one)
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
#: any character that needs the careful path below (a control character, a break):
#: one search over a whole row's joined cells spares the clean rows a per-cell pass
_NEEDS_CARE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029]")
_SPACES = str.maketrans("\t\n\r\x0b\x0c\x85\u2028\u2029", "        ")


class Problem(enum.Enum):
    MISSING_COLUMN = "missing_column"
    MISSING_VALUE = "missing_value"
    BAD_BARCODE = "bad_barcode"
    DUPLICATE_BARCODE = "duplicate_barcode"
    DUPLICATE_SKU = "duplicate_sku"
    DUPLICATE_PLU = "duplicate_plu"
    BAD_PRICE = "bad_price"
    NEGATIVE_PRICE = "negative_price"
    ABSURD_PRICE = "absurd_price"
    MEMBER_PRICE_ABOVE_PRICE = "member_price_above_price"
    UNKNOWN_CATEGORY = "unknown_category"
    BAD_PLU = "bad_plu"
    BAD_ACTIVE = "bad_active"
    NAME_TOO_LONG = "name_too_long"
    WRONG_FIELD_COUNT = "wrong_field_count"
    UNREADABLE_FILE = "unreadable_file"
    FILE_TOO_LARGE = "file_too_large"
    BAD_ENCODING = "bad_encoding"
    SCIENTIFIC_BARCODE = "scientific_barcode"  # Excel turned the code into 6.90123E+12
    DUPLICATE_PRODUCT = "duplicate_product"  # same name and spec, no barcode, no SKU column
    DUPLICATE_MAPPING = "duplicate_mapping"  # two columns mapped to one field
    UNKNOWN_MAPPING_COLUMN = "unknown_mapping_column"  # the mapping names no column of the file
    #: a NUL, ESC or other control character inside a value: it would travel to the
    #: printer as a command and to the central server, which refuses it
    CONTROL_CHARACTER = "control_character"
    BAD_MAPPING = "bad_mapping"  # the mapping file is unreadable or names no field
    UNKNOWN_MAPPED_CATEGORY = "unknown_mapped_category"  # mapped to a category the till lacks
    OLD_EXCEL = "old_excel"  # a binary .xls: save it as .xlsx or CSV


@dataclass(frozen=True, slots=True)
class RowProblem:
    row: int
    column: str
    problem: Problem
    value: str = ""


def canonical_header(header: Iterable[str]) -> tuple[list[str], list[RowProblem]]:
    columns = [HEADER_ALIASES.get(h.strip().lower(), h.strip().lower()) for h in header]
    missing = [RowProblem(1, c, Problem.MISSING_COLUMN) for c in REQUIRED if c not in columns]
    return columns, missing


def validate_rows(
    rows: Iterable[tuple[int, Mapping[Any, Any]]],
    categories: Mapping[str, Category],
    *,
    barcode_owners: Mapping[str, str] | None = None,
    plu_owners: Mapping[str, str] | None = None,
) -> tuple[list[Product], list[RowProblem]]:
    """Products from (row number, row) pairs; any problem means import nothing.

    `barcode_owners` / `plu_owners` map codes already in the database to their
    SKU: a code may move only within its own SKU (an update), not to another.
    """
    by_name = {c.name: c for c in categories.values()}
    barcode_owner = dict(barcode_owners or {})
    plu_owner = dict(plu_owners or {})
    seen_sku: set[str] = set()
    # a catalog repeats names (sizes, colours, one name per supplier): each
    # distinct name is read into pinyin once
    keys_of_name: dict[str, tuple[str, str]] = {}
    prices: dict[str, Money] = {}  # prices repeat even more: each text parsed once
    products: list[Product] = []
    problems: list[RowProblem] = []

    for number, row in rows:
        found: list[RowProblem] = []

        def bad(
            column: str,
            problem: Problem,
            value: str = "",
            _found: list[RowProblem] = found,
            _row: int = number,
        ) -> None:
            _found.append(RowProblem(_row, column, problem, value))

        if None in row or any(v is None for v in row.values()):
            bad("", Problem.WRONG_FIELD_COUNT)
            problems.extend(found)
            continue
        if _NEEDS_CARE.search("".join(row.values())) is None:
            get = {k: v.strip() for k, v in row.items()}
        else:
            # a line break or tab inside a cell (Alt+Enter in Excel) reads as a space
            get = {k: v.translate(_SPACES).strip() for k, v in row.items()}
            for column, value in get.items():
                if _CONTROL.search(value):
                    bad(column, Problem.CONTROL_CHARACTER, value.encode("unicode_escape").decode())
        for column in REQUIRED:
            if not get.get(column):
                bad(column, Problem.MISSING_VALUE)
        sku, name = get.get("sku", ""), get.get("name", "")
        if sku:
            if sku.lower() in seen_sku:
                bad("sku", Problem.DUPLICATE_SKU, sku)
            seen_sku.add(sku.lower())
        if len(name) > MAX_NAME_LENGTH:
            bad("name", Problem.NAME_TOO_LONG, name)

        category = categories.get(get.get("category", "")) or by_name.get(get.get("category", ""))
        if get.get("category") and category is None:
            bad("category", Problem.UNKNOWN_CATEGORY, get["category"])

        price = _price(get.get("price", ""), "price", bad, prices)
        member = (
            _price(get["member_price"], "member_price", bad, prices)
            if get.get("member_price")
            else None
        )
        if price is not None and member is not None and member > price:
            bad("member_price", Problem.MEMBER_PRICE_ABOVE_PRICE, get["member_price"])

        barcodes: list[str] = []
        for raw in get.get("barcodes", "").replace(";", "|").split("|"):
            code = raw.strip()
            if not code:
                continue
            if SCIENTIFIC_RE.match(code):
                bad("barcodes", Problem.SCIENTIFIC_BARCODE, code)
                continue
            if not is_valid_gtin(code):
                bad("barcodes", Problem.BAD_BARCODE, code)
                continue
            code = normalize_gtin(code)
            owner = barcode_owner.get(code)
            if owner is not None and owner.lower() != sku.lower():
                bad("barcodes", Problem.DUPLICATE_BARCODE, code)
                continue
            barcode_owner[code] = sku
            barcodes.append(code)

        plu = get.get("plu") or None
        if plu is not None:
            if not (plu.isascii() and plu.isdigit() and 4 <= len(plu) <= 6):
                bad("plu", Problem.BAD_PLU, plu)
            elif plu_owner.get(plu, sku).lower() != sku.lower():
                bad("plu", Problem.DUPLICATE_PLU, plu)
            else:
                plu_owner[plu] = sku

        active_raw = get.get("active", "1") or "1"
        active = ACTIVE_WORDS.get(active_raw.lower())  # Excel writes TRUE/FALSE
        if active is None:
            bad("active", Problem.BAD_ACTIVE, active_raw)

        if found or category is None or price is None:
            problems.extend(found)
            continue
        unit_label = get.get("unit") or "件"
        keys = keys_of_name.get(name)
        if keys is None:
            keys = keys_of_name[name] = pinyin_keys(name)
        full, initials = keys
        products.append(
            Product(
                sku=sku,
                name=name,
                category=category.code,
                price=price,
                unit=Unit.KG if unit_label.lower() in WEIGHED_UNITS else Unit.PIECE,
                unit_label=unit_label,
                member_price=member,
                barcodes=tuple(dict.fromkeys(barcodes)),
                plu=plu,
                points_eligible=category.points_eligible,
                active=bool(active),
                pinyin_full=full,
                pinyin_initials=initials,
            )
        )
    return products, problems


def _price(text: str, column: str, bad, known: dict[str, Money]) -> Money | None:  # type: ignore[no-untyped-def]
    """`text` as a valid unit price, else None and a problem reported through `bad`.

    `known` caches the valid ones by their text (a refused text is never cached,
    so every row that carries it gets its own problem).
    """
    if not text:
        return None
    if (cached := known.get(text)) is not None:
        return cached
    try:
        value = parse_yuan(text)  # '12.5', '¥12.50', '12.50元': exact 分, never a float
    except PosError as exc:
        # a number too large even for Money is absurd, not unreadable
        overflow = exc.code is ErrorCode.AMOUNT_OVERFLOW
        bad(column, Problem.ABSURD_PRICE if overflow else Problem.BAD_PRICE, text)
        return None
    if value.fen < 0:
        bad(column, Problem.NEGATIVE_PRICE, text)
        return None
    if value.fen > MAX_UNIT_PRICE_FEN:
        bad(column, Problem.ABSURD_PRICE, text)
        return None
    known[text] = value
    return value

"""Which column of a previous system's export is which product field.

A shop's old till exports 商品名称, 国际条码, 零售价(元), 商品分类… in its own
words and order, and often has no SKU column. The mapping is guessed here from
common header names, corrected by the manager (import dialog) or given as a
file (command line), then turns each row into the canonical row that
`catalog_csv.validate_rows` checks. Pure: no file, no database, no Qt.

Rules a manager can rely on (docs/catalog-import.md):
- 规格 (spec) is appended to the name ('硒泉水' + '550ml' → '硒泉水 550ml') unless the
  name already contains it: the till has no spec field, and sizes must be told apart.
- 进货价 (cost) and 库存 (stock) are recognised and ignored: the till keeps no cost
  prices and does not count stock. Any other unknown column is ignored as well.
- With no SKU column, each row's SKU is generated (`generated_sku`), the same for
  the same row every time, so importing the file again updates instead of
  duplicating.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from pos_app.core.barcodes import is_valid_gtin, normalize_gtin
from pos_app.core.catalog import Category
from pos_app.core.catalog_csv import Problem, RowProblem

#: The product fields a column can fill, in the order the dialog offers them.
FIELDS = (
    "sku", "barcodes", "name", "spec", "category", "unit",
    "price", "member_price", "plu", "active",
)  # fmt: skip
#: Without these a product cannot be made (category may come from a default).
NEEDED = ("name", "price")
#: Generated SKUs of rows without a barcode start so: never a digit, never a barcode.
HASH_SKU_PREFIX = "NB-"

_FIELD_OF_HEADER: dict[str, str] = {}
for _field, _names in {
    "sku": ("sku", "货号", "编码", "商品编码", "商品编号", "自编码"),
    "barcodes": ("barcodes", "barcode", "条码", "条形码", "国际条码", "商品条码"),
    "name": ("name", "名称", "品名", "商品名称", "商品名"),
    "spec": ("spec", "规格", "规格型号"),
    "category": ("category", "分类", "类别", "商品分类", "分类名称", "类别名称"),
    "unit": ("unit", "单位", "计量单位"),
    "price": ("price", "售价", "零售价", "销售价", "价格"),
    "member_price": ("member_price", "会员价", "会员售价"),
    "plu": ("plu", "秤号", "plu码"),
    "active": ("active", "启用", "状态", "商品状态"),
}.items():
    for _name in _names:
        _FIELD_OF_HEADER[_name] = _field
#: Recognised and deliberately not imported (the till keeps no cost or stock).
IGNORED_HEADERS = frozenset(
    {"进货价", "进价", "成本价", "采购价", "库存", "库存量", "cost", "stock"}
)

# '零售价(元)', '售价（元）', '库存 (件)': the unit in brackets says nothing of the field
_BRACKETED_TAIL = re.compile(r"[(（][^)）]*[)）]$")


def header_key(text: str) -> str:
    """A header as compared: NFKC, no blanks, lower case, no bracketed unit."""
    key = unicodedata.normalize("NFKC", text).strip().lower().replace(" ", "")
    return _BRACKETED_TAIL.sub("", key) or key


def guess_field(header: str) -> str | None:
    """The field a header names, or None (ignored, including 进货价 and 库存)."""
    return _FIELD_OF_HEADER.get(header_key(header))


def is_known_header(header: str) -> bool:
    key = header_key(header)
    return key in _FIELD_OF_HEADER or key in IGNORED_HEADERS


@dataclass(frozen=True)
class ColumnMapping:
    """One entry per column of the file: the field it fills, or None (ignored);
    plus the store's category names mapped to the till's category codes."""

    fields: tuple[str | None, ...]
    categories: Mapping[str, str] = field(default_factory=dict)
    #: for rows whose category cell is empty, or when no column is a category
    default_category: str | None = None

    def column_of(self, name: str) -> int | None:
        return self.fields.index(name) if name in self.fields else None

    @property
    def generates_sku(self) -> bool:
        return "sku" not in self.fields


def guess_mapping(header: Sequence[str]) -> ColumnMapping:
    """The mapping read from the header; a field named twice keeps its first column."""
    fields: list[str | None] = []
    for text in header:
        guessed = guess_field(text)
        fields.append(guessed if guessed not in fields else None)
    return ColumnMapping(tuple(fields))


def find_header_row(rows: Sequence[Sequence[str]], limit: int = 10) -> int:
    """Index of the header among the first rows: exports often start with a title
    line ('商品资料 2024-05-01'). The row naming most known columns wins; ties go to
    the first; with none known, the first row that is not blank."""
    best, best_score = None, 0
    for index, row in enumerate(rows[:limit]):
        score = sum(1 for cell in row if is_known_header(cell))
        if score > best_score:
            best, best_score = index, score
    if best is not None:
        return best
    return next((i for i, row in enumerate(rows) if any(c.strip() for c in row)), 0)


def mapping_problems(
    mapping: ColumnMapping, categories: Mapping[str, Category], header_row: int = 1
) -> list[RowProblem]:
    """What makes a mapping unusable, before any row is read."""
    problems: list[RowProblem] = []
    for name in FIELDS:
        if mapping.fields.count(name) > 1:
            problems.append(RowProblem(header_row, name, Problem.DUPLICATE_MAPPING))
    for name in NEEDED:
        if name not in mapping.fields:
            problems.append(RowProblem(header_row, name, Problem.MISSING_COLUMN))
    if "category" not in mapping.fields and mapping.default_category is None:
        problems.append(RowProblem(header_row, "category", Problem.MISSING_COLUMN))
    targets = list(mapping.categories.items())
    if mapping.default_category is not None:
        targets.append(("", mapping.default_category))
    for source, code in targets:
        if code not in categories:
            problems.append(
                RowProblem(header_row, "category", Problem.UNKNOWN_MAPPED_CATEGORY, code or source)
            )
    return problems


def generated_sku(
    barcodes: str, name: str, spec: str, barcode_owners: Mapping[str, str] | None = None
) -> str:
    """The SKU of a row when the file has none.

    - with a barcode: the SKU that already owns the first barcode on this till,
      else that barcode itself (normalised to EAN-13), so a re-import finds it;
    - without one: 'NB-' and 12 hex digits of SHA-256 over the name and spec
      (NFKC, blanks collapsed), so the same product gets the same SKU.
    """
    first = next((c.strip() for c in re.split(r"[|;]", barcodes) if c.strip()), "")
    if first:
        code = normalize_gtin(first) if is_valid_gtin(first) else first
        return (barcode_owners or {}).get(code, code)
    text = "\x1f".join(" ".join(unicodedata.normalize("NFKC", t).split()) for t in (name, spec))
    return HASH_SKU_PREFIX + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12].upper()


def name_with_spec(name: str, spec: str) -> str:
    name, spec = name.strip(), spec.strip()
    return f"{name} {spec}" if spec and spec not in name else name


def map_rows(
    rows: Iterable[tuple[int, Sequence[str]]],
    mapping: ColumnMapping,
    *,
    barcode_owners: Mapping[str, str] | None = None,
    strict_width: bool = True,
) -> Iterator[tuple[int, dict[str | None, object]]]:
    """Canonical rows for `validate_rows` from (row number, cells) pairs.

    With `strict_width` (CSV) a row with another number of cells than the header
    is passed on as wrong, since its cells may have slid into the wrong columns;
    a workbook's cells cannot slide, so short rows are padded there.
    """
    width = len(mapping.fields)
    for number, cells in rows:
        if len(cells) != width and strict_width:
            yield number, {None: list(cells)}
            continue
        padded = list(cells[:width]) + [""] * (width - len(cells))
        row: dict[str | None, object] = {}
        for name, value in zip(mapping.fields, padded, strict=True):
            if name is not None:
                row[name] = value.strip()
        category = str(row.get("category", ""))
        if category in mapping.categories:
            row["category"] = mapping.categories[category]
        elif not category and mapping.default_category is not None:
            row["category"] = mapping.default_category
        name, spec = str(row.get("name", "")), str(row.pop("spec", ""))
        if name:
            row["name"] = name_with_spec(name, spec)
        if mapping.generates_sku:
            row["sku"] = generated_sku(str(row.get("barcodes", "")), name, spec, barcode_owners)
        yield number, row


def explain_generated(problems: list[RowProblem], mapping: ColumnMapping) -> list[RowProblem]:
    """A duplicate generated SKU is really a duplicate barcode or a repeated product:
    say so, since the SKU it names is not in the file."""
    if not mapping.generates_sku:
        return problems
    explained = []
    for p in problems:
        if p.problem is Problem.DUPLICATE_SKU and p.value.startswith(HASH_SKU_PREFIX):
            p = RowProblem(p.row, "name", Problem.DUPLICATE_PRODUCT, p.value)
        elif p.problem is Problem.DUPLICATE_SKU:
            p = RowProblem(p.row, "barcodes", Problem.DUPLICATE_BARCODE, p.value)
        explained.append(p)
    return explained


def unknown_categories(values: Iterable[str], categories: Mapping[str, Category]) -> list[str]:
    """The store's own category names (not a code or name of the till), in order."""
    names = {c.name for c in categories.values()}
    seen: dict[str, None] = {}
    for value in values:
        text = value.strip()
        if text and text not in categories and text not in names:
            seen.setdefault(text, None)
    return list(seen)


def guess_category(text: str, categories: Mapping[str, Category]) -> str | None:
    """A till category whose name contains the store's name or is contained in it
    ('饮料' → 零食饮料, '茶叶礼盒' → 茶叶), when exactly one does; else None."""
    text = text.strip()
    if len(text) < 2:
        return None
    found = [c.code for c in categories.values() if text in c.name or c.name in text]
    return found[0] if len(found) == 1 else None

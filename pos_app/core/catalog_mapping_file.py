"""A saved column mapping (MAP.json of `yuancang-pos import-catalog --mapping`).

The format (docs/catalog-import.md, example in docs/examples/):

    {"version": 1,
     "columns": {"商品名称": "name", "国际条码": "barcodes", "进货价": null},
     "categories": {"酒水饮料": "snack"},
     "default_category": "daily",
     "sheet": "商品资料"}

Columns are named by their header text (compared as `header_key` does: no
blanks, any case, '零售价(元)' = '零售价'); `null` ignores a column. A column
the file has but the mapping does not name keeps its guessed meaning, so a
mapping may correct one column only. Pure: it works on the parsed JSON.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pos_app.core.catalog_csv import Problem, RowProblem
from pos_app.core.catalog_mapping import FIELDS, ColumnMapping, guess_mapping, header_key

VERSION = 1
_KEYS = {"version", "columns", "categories", "default_category", "sheet"}


def _bad(what: str) -> RowProblem:
    return RowProblem(0, "", Problem.BAD_MAPPING, what)


def mapping_from_json(
    data: Any, header: Sequence[str], header_row: int = 1
) -> tuple[ColumnMapping, list[RowProblem]]:
    """The mapping a parsed MAP.json gives for this header, and what is wrong in it."""
    guessed = guess_mapping(header)
    if not isinstance(data, dict):
        return guessed, [_bad("not a JSON object")]
    problems = [_bad(f"unknown key {k!r}") for k in data if k not in _KEYS]
    if data.get("version", VERSION) != VERSION:
        problems.append(_bad(f"version {data.get('version')!r}"))
    columns = data.get("columns", {})
    categories = data.get("categories", {})
    default = data.get("default_category")
    if not isinstance(columns, dict) or not isinstance(categories, dict):
        return guessed, [*problems, _bad("columns and categories must be objects")]
    if default is not None and not isinstance(default, str):
        problems.append(_bad("default_category must be a category code"))
        default = None

    fields = list(guessed.fields)
    keys = [header_key(h) for h in header]
    explicit: set[int] = set()
    for name, target in columns.items():
        if target is not None and target not in FIELDS:
            problems.append(RowProblem(header_row, str(name), Problem.BAD_MAPPING, str(target)))
            continue
        key = header_key(str(name))
        if key not in keys:
            problems.append(RowProblem(header_row, "", Problem.UNKNOWN_MAPPING_COLUMN, str(name)))
            continue
        index = keys.index(key)
        fields[index] = target
        explicit.add(index)
    # a field given explicitly takes it from the column the guess had chosen
    chosen = {fields[i] for i in explicit} - {None}
    for index, name in enumerate(fields):
        if index not in explicit and name in chosen:
            fields[index] = None
    bad_targets = [k for k, v in categories.items() if not isinstance(v, str)]
    problems.extend(_bad(f"category {k!r} must map to a category code") for k in bad_targets)
    mapping = ColumnMapping(
        tuple(fields),
        {str(k).strip(): v for k, v in categories.items() if isinstance(v, str)},
        default,
    )
    return mapping, problems


def mapping_to_json(mapping: ColumnMapping, header: Sequence[str]) -> dict[str, Any]:
    """The mapping as MAP.json content: every column named, ignored ones as null."""
    data: dict[str, Any] = {
        "version": VERSION,
        "columns": {h: f for h, f in zip(header, mapping.fields, strict=True) if h.strip()},
        "categories": dict(mapping.categories),
    }
    if mapping.default_category is not None:
        data["default_category"] = mapping.default_category
    return data

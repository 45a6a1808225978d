"""Import a catalog file (CSV in UTF-8 or GBK/GB18030, or .xlsx) all or nothing.

The file is read into a table (`catalog_files`), its columns mapped to product
fields (guessed from the header, corrected by the manager or a saved MAP.json:
`core.catalog_mapping`), every row validated (`core.catalog_csv`). Any problem
means nothing from the file is written, and the report lists every problem with
its row. `preview_catalog` gives the import dialog the same table and guess.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pos_app.core.catalog import Category
from pos_app.core.catalog_csv import Problem, RowProblem, validate_rows
from pos_app.core.catalog_mapping import (
    ColumnMapping,
    explain_generated,
    guess_mapping,
    map_rows,
    mapping_problems,
)
from pos_app.core.catalog_mapping_file import mapping_from_json
from pos_app.persistence.catalog_repo import CatalogRepository
from pos_app.services.catalog_files import Table, TableError, read_table

log = logging.getLogger("pos_app.catalog")


@dataclass
class ImportReport:
    rows: int = 0
    inserted: int = 0
    updated: int = 0
    encoding: str = ""
    problems: list[RowProblem] = field(default_factory=list)
    #: the mapping used (None when the file could not be read)
    mapping: ColumnMapping | None = None
    header: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class CatalogPreview:
    """What the import dialog shows before anything is written."""

    table: Table
    mapping: ColumnMapping  # the guess
    categories: dict[str, Category]  # the till's categories, code → category


def load_mapping(path: Path) -> tuple[Any, list[RowProblem]]:
    """The parsed MAP.json, or a BAD_MAPPING problem naming the file."""
    try:
        return json.loads(path.read_text(encoding="utf-8-sig")), []
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        log.error("cannot read mapping %s: %s", path, exc)
        return None, [RowProblem(0, "", Problem.BAD_MAPPING, f"{path.name}: {exc}")]


def preview_catalog(
    path: Path, repo: CatalogRepository, *, sheet: str | None = None
) -> CatalogPreview:
    """The file's table and guessed mapping; TableError when it cannot be read."""
    table = read_table(path, sheet=sheet)
    return CatalogPreview(table, guess_mapping(table.header), repo.categories())


def import_catalog(
    path: Path,
    repo: CatalogRepository,
    *,
    mapping: ColumnMapping | None = None,
    saved: Any = None,
) -> ImportReport:
    """Import `path` with `mapping` (the dialog's), else the saved MAP.json content
    `saved` (the command line's), else the mapping guessed from the header."""
    report = ImportReport()
    sheet = saved.get("sheet") if isinstance(saved, dict) else None
    try:
        table = read_table(path, sheet=sheet if isinstance(sheet, str) else None)
    except TableError as exc:
        report.problems.append(exc.problem)
        return report
    report.encoding, report.header = table.encoding, table.header
    if mapping is None and saved is not None:
        mapping, report.problems = mapping_from_json(saved, table.header, table.header_row)
    elif mapping is None:
        mapping = guess_mapping(table.header)
    report.mapping = mapping
    if len(mapping.fields) != len(table.header):
        # the dialog's mapping was made for another version of the file
        report.problems.append(RowProblem(table.header_row, "", Problem.WRONG_FIELD_COUNT))
        return report
    categories = repo.categories()
    report.problems += mapping_problems(mapping, categories, table.header_row)
    if report.problems:
        return report

    owners = repo.existing_barcodes()
    rows = map_rows(table.rows, mapping, barcode_owners=owners, strict_width=table.strict_width)
    products, problems = validate_rows(
        rows, categories, barcode_owners=owners, plu_owners=repo.existing_plus()
    )
    report.rows = len(table.rows)
    report.problems = explain_generated(problems, mapping)
    if problems:
        log.warning("catalog import of %s refused: %d problems", path.name, len(problems))
        return report
    report.inserted, report.updated = repo.upsert(products)
    log.info("catalog import of %s: %d new, %d updated", path.name, report.inserted, report.updated)
    return report

"""Import a catalog CSV (UTF-8 or GBK/GB18030) all or nothing.

Shops get files from Excel in either encoding; we try strict UTF-8 first
(with or without BOM) and fall back to GB18030, a superset of GBK. Any bad row
means nothing from the file is written, and the report lists every problem.
"""

from __future__ import annotations

import csv
import io
import logging
from dataclasses import dataclass, field
from pathlib import Path

from pos_app.core.catalog_csv import (
    Problem,
    RowProblem,
    canonical_header,
    validate_rows,
)
from pos_app.core.catalog_text import decode
from pos_app.persistence.catalog_repo import CatalogRepository

log = logging.getLogger("pos_app.catalog")
MAX_FILE_BYTES = 200 * 1024 * 1024


@dataclass
class ImportReport:
    rows: int = 0
    inserted: int = 0
    updated: int = 0
    encoding: str = ""
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def import_catalog(path: Path, repo: CatalogRepository) -> ImportReport:
    report = ImportReport()
    try:
        data = path.read_bytes()
    except OSError as exc:
        log.error("cannot read %s: %s", path, exc)
        report.problems.append(RowProblem(0, "", Problem.UNREADABLE_FILE, str(path)))
        return report
    if len(data) > MAX_FILE_BYTES:
        report.problems.append(RowProblem(0, "", Problem.FILE_TOO_LARGE, f"{len(data)} bytes"))
        return report
    try:
        text, report.encoding = decode(data)
    except UnicodeDecodeError:
        report.problems.append(RowProblem(0, "", Problem.BAD_ENCODING))
        return report

    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None:
        report.problems.append(RowProblem(1, "sku", Problem.MISSING_COLUMN))
        return report
    columns, missing = canonical_header(header)
    if missing:
        report.problems.extend(missing)
        return report

    def rows():  # type: ignore[no-untyped-def]
        for values in reader:
            if not "".join(values).strip():  # one C call, not one per cell
                continue  # blank lines at the end of Excel exports
            number = reader.line_num
            if len(values) != len(columns):
                yield number, {None: values}
            else:
                yield number, dict(zip(columns, values, strict=True))

    products, problems = validate_rows(
        rows(),
        repo.categories(),
        barcode_owners=repo.existing_barcodes(),
        plu_owners=repo.existing_plus(),
    )
    report.rows = len(products) + len({p.row for p in problems})
    report.problems = problems
    if problems:
        log.warning("catalog import of %s refused: %d problems", path.name, len(problems))
        return report
    report.inserted, report.updated = repo.upsert(products)
    log.info("catalog import of %s: %d new, %d updated", path.name, report.inserted, report.updated)
    return report

"""Tables of cells written to CSV or XLSX, the way every report of the till
exports: money as yuan from 分 exactly (a `Decimal`, two places in CSV, a
number formatted 0.00 in XLSX), CSV in UTF-8 with a BOM (Excel on a Chinese
Windows opens UTF-8 CSV as GBK without it), and the file written beside the
target then moved into place, so an export interrupted halfway never leaves a
half file under the name.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

Cell = str | int | Decimal
Rows = Sequence[Sequence[Cell]]


def yuan(fen: int) -> Decimal:
    return Decimal(fen) / 100  # exact: a Decimal of 分 over 100, never a float


def write_csv(rows: Rows, path: Path) -> Path:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow([f"{c:.2f}" if isinstance(c, Decimal) else c for c in row])
    replace_file(path, ("\ufeff" + out.getvalue()).encode("utf-8"))
    return path


def write_xlsx(sheets: Sequence[tuple[str, Rows]], path: Path) -> Path:
    """One worksheet per (title, rows), in order."""
    from openpyxl import Workbook  # type: ignore[import-untyped]  # only an export needs it

    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
        for cells in sheet.iter_rows():
            for cell in cells:
                if isinstance(cell.value, Decimal):
                    cell.number_format = "0.00"
    buffer = io.BytesIO()
    book.save(buffer)
    replace_file(path, buffer.getvalue())
    return path


def replace_file(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".part")
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)

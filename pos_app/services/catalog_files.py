"""Read a catalog file into a table of text cells: CSV or an Excel workbook.

CSV comes as UTF-8 (with or without the BOM Excel writes) or GBK/GB18030, the
encoding of Chinese Windows exports; anything else is refused, never guessed
into mojibake. Tab-separated text (Excel's "Text (Tab delimited)") reads too.
Workbooks (.xlsx) are read with openpyxl in read-only mode, first sheet unless
one is named, cell values as the cell shows them. The header is the row naming
most known columns among the first ten, since exports often start with a title.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from pos_app.core.catalog_csv import Problem, RowProblem
from pos_app.core.catalog_mapping import find_header_row
from pos_app.core.catalog_text import decode

log = logging.getLogger("pos_app.catalog")
MAX_FILE_BYTES = 200 * 1024 * 1024
_ZIP_MAGIC = b"PK\x03\x04"  # .xlsx is a zip archive, whatever the file is called
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls
_HEADER_SEARCH = 10


class TableError(Exception):
    """The file cannot be read as a table; `problem` says why (row 0: the file)."""

    def __init__(self, problem: RowProblem) -> None:
        super().__init__(problem.problem.value)
        self.problem = problem


@dataclass
class Table:
    header: list[str]
    header_row: int  # as the spreadsheet numbers it (first row = 1)
    rows: list[tuple[int, list[str]]] = field(default_factory=list)  # blank rows left out
    encoding: str = ""  # "utf-8", "gb18030" or "xlsx"
    #: CSV cells can slide into the wrong column, a workbook's cannot
    strict_width: bool = True


def read_table(path: Path, *, sheet: str | None = None) -> Table:
    try:
        data = path.read_bytes()
    except OSError as exc:
        log.error("cannot read %s: %s", path, exc)
        raise TableError(RowProblem(0, "", Problem.UNREADABLE_FILE, str(path))) from exc
    if len(data) > MAX_FILE_BYTES:
        raise TableError(RowProblem(0, "", Problem.FILE_TOO_LARGE, f"{len(data)} bytes"))
    if data.startswith(_OLE_MAGIC):
        raise TableError(RowProblem(0, "", Problem.OLD_EXCEL, path.name))
    if data.startswith(_ZIP_MAGIC):
        numbered = _workbook_rows(data, path, sheet)
        return _table(numbered, "xlsx", strict_width=False)
    try:
        text, encoding = decode(data)
    except UnicodeDecodeError as exc:
        raise TableError(RowProblem(0, "", Problem.BAD_ENCODING, path.name)) from exc
    return _table(_csv_rows(text), encoding, strict_width=True)


def _table(numbered: list[tuple[int, list[str]]], encoding: str, *, strict_width: bool) -> Table:
    rows = [(n, cells) for n, cells in numbered if "".join(cells).strip()]
    if not rows:
        raise TableError(RowProblem(1, "name", Problem.MISSING_COLUMN))
    at = find_header_row([cells for _, cells in rows[:_HEADER_SEARCH]])
    header_row, header = rows[at]
    if not strict_width:  # a workbook's trailing empty header cells are not columns
        while header and not header[-1].strip():
            header = header[:-1]
    return Table(header, header_row, rows[at + 1 :], encoding, strict_width)


def _csv_rows(text: str) -> list[tuple[int, list[str]]]:
    first = text.lstrip("\r\n").split("\n", 1)[0]
    delimiter = "\t" if "\t" in first and "," not in first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    # line_num is the line a record ends on: the row number Excel shows for it
    return [(reader.line_num, values) for values in reader]


def cell_text(value: object) -> str:
    """A workbook cell as text: integers without '.0', other numbers to the 15
    significant digits Excel shows (19.9 stays '19.9', never 19.899999999999999)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return format(value, ".15g")
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _workbook_rows(data: bytes, path: Path, sheet: str | None) -> list[tuple[int, list[str]]]:
    # imported here: only the import of a workbook pays for loading openpyxl
    from openpyxl import load_workbook  # type: ignore[import-untyped]
    from openpyxl.utils.exceptions import InvalidFileException  # type: ignore[import-untyped]

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        log.error("cannot open workbook %s: %s", path, exc)
        raise TableError(RowProblem(0, "", Problem.UNREADABLE_FILE, path.name)) from exc
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise TableError(RowProblem(0, "", Problem.BAD_MAPPING, f"sheet {sheet!r}"))
        ws = book[sheet] if sheet is not None else book.worksheets[0]
        return [
            (number, [cell_text(v) for v in values])
            for number, values in enumerate(ws.iter_rows(min_row=1, values_only=True), start=1)
        ]
    finally:
        book.close()

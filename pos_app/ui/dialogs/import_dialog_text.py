"""Translated text of the catalog import: field names and the problems of a file.

The core reports `Problem` codes; only here do they become sentences, through
Qt's translator, so the manager reads them in the till's language.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from pos_app.core.catalog_csv import Problem, RowProblem


def field_title(name: str | None) -> str:
    """The product field a column fills, as the manager reads it; None: ignored."""
    titles = {
        None: QCoreApplication.translate("ImportText", "(ignore)"),
        "sku": QCoreApplication.translate("ImportText", "SKU"),
        "barcodes": QCoreApplication.translate("ImportText", "Barcode"),
        "name": QCoreApplication.translate("ImportText", "Name"),
        "spec": QCoreApplication.translate("ImportText", "Spec (added to the name)"),
        "category": QCoreApplication.translate("ImportText", "Category"),
        "unit": QCoreApplication.translate("ImportText", "Unit"),
        "price": QCoreApplication.translate("ImportText", "Price (yuan)"),
        "member_price": QCoreApplication.translate("ImportText", "Member price (yuan)"),
        "plu": QCoreApplication.translate("ImportText", "Scale PLU"),
        "active": QCoreApplication.translate("ImportText", "Active"),
    }
    return titles.get(name, name or "")


def problem_reason(problem: Problem) -> str:
    # QCoreApplication.translate spelt out at each call: lupdate does not see aliases
    p = Problem
    reasons = {
        p.MISSING_COLUMN: QCoreApplication.translate("ImportText", "no column for this field"),
        p.MISSING_VALUE: QCoreApplication.translate("ImportText", "value missing"),
        p.BAD_BARCODE: QCoreApplication.translate("ImportText", "bad barcode or check digit"),
        p.DUPLICATE_BARCODE: QCoreApplication.translate("ImportText", "barcode used twice"),
        p.DUPLICATE_SKU: QCoreApplication.translate("ImportText", "SKU used twice"),
        p.DUPLICATE_PLU: QCoreApplication.translate("ImportText", "scale PLU used twice"),
        p.BAD_PRICE: QCoreApplication.translate("ImportText", "not a price (e.g. 12.50)"),
        p.NEGATIVE_PRICE: QCoreApplication.translate("ImportText", "negative price"),
        p.ABSURD_PRICE: QCoreApplication.translate("ImportText", "price above ¥99,999.99"),
        p.MEMBER_PRICE_ABOVE_PRICE: QCoreApplication.translate(
            "ImportText", "member price above the price"
        ),
        p.UNKNOWN_CATEGORY: QCoreApplication.translate(
            "ImportText", "unknown category: map it to one of the till's"
        ),
        p.BAD_PLU: QCoreApplication.translate("ImportText", "a scale PLU has 4 to 6 digits"),
        p.BAD_ACTIVE: QCoreApplication.translate(
            "ImportText", "not an active flag (1/0, 启用/停用)"
        ),
        p.NAME_TOO_LONG: QCoreApplication.translate("ImportText", "name longer than 80 characters"),
        p.CONTROL_CHARACTER: QCoreApplication.translate(
            "ImportText", "a control character (NUL, ESC…): retype the value"
        ),
        p.WRONG_FIELD_COUNT: QCoreApplication.translate("ImportText", "wrong number of columns"),
        p.UNREADABLE_FILE: QCoreApplication.translate("ImportText", "the file cannot be read"),
        p.FILE_TOO_LARGE: QCoreApplication.translate("ImportText", "the file is too large"),
        p.BAD_ENCODING: QCoreApplication.translate(
            "ImportText",
            "the text is neither UTF-8 nor GBK: save the file as CSV UTF-8, or as .xlsx",
        ),
        p.SCIENTIFIC_BARCODE: QCoreApplication.translate(
            "ImportText",
            "Excel turned this barcode into scientific notation and its last digits are lost:"
            " format the barcode column as Text in Excel, enter the codes again and export"
            " again",
        ),
        p.DUPLICATE_PRODUCT: QCoreApplication.translate(
            "ImportText", "the same name and spec appear twice (no barcode, no SKU)"
        ),
        p.DUPLICATE_MAPPING: QCoreApplication.translate(
            "ImportText", "two columns are mapped to this field"
        ),
        p.UNKNOWN_MAPPING_COLUMN: QCoreApplication.translate(
            "ImportText", "the mapping names a column the file lacks"
        ),
        p.BAD_MAPPING: QCoreApplication.translate("ImportText", "bad mapping"),
        p.UNKNOWN_MAPPED_CATEGORY: QCoreApplication.translate(
            "ImportText", "mapped to a category this till lacks"
        ),
        p.OLD_EXCEL: QCoreApplication.translate(
            "ImportText", "an old .xls workbook: save it as .xlsx or CSV in Excel"
        ),
    }
    return reasons[problem]


def problem_text(problem: RowProblem) -> str:
    """'Row 7, Barcode: <reason>: 6.9E+12', or 'File: <reason>' for the whole file."""
    reason = problem_reason(problem.problem)
    if problem.value:
        reason = f"{reason}: {problem.value}"
    column = field_title(problem.column) if problem.column else ""
    if not problem.row:
        return QCoreApplication.translate("ImportText", "File: {reason}").format(reason=reason)
    if column:
        return QCoreApplication.translate("ImportText", "Row {row}, {column}: {reason}").format(
            row=problem.row, column=column, reason=reason
        )
    return QCoreApplication.translate("ImportText", "Row {row}: {reason}").format(
        row=problem.row, reason=reason
    )

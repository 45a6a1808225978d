"""The till's sales reports (销售报表), offline from the local database: the
figures of `pos_app.core.sales_report` for a range of showroom days, their
CSV/XLSX export, and the day's summary (营业日报) for the receipt printer.

Who sees what: a manager (or anyone on a till with no staff set up) sees the
whole store; a signed-in cashier or promoter sees only their own sales and the
refunds they gave (`scope`). The rule is here, not in the screen, so an
export or a print cannot show more than the screen would.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path

from pos_app.core.sales_report import DateRange, Dimension, Figures, SalesReport
from pos_app.core.staff import StaffMember
from pos_app.persistence.sales_report_reader import SalesReportReader
from pos_app.receipts.daily_summary import daily_receipt
from pos_app.receipts.document import ReceiptData, StoreInfo
from pos_app.services.table_export import Cell, write_csv, write_xlsx, yuan

#: the columns of every dimension's block, in CSV and XLSX alike
FIGURE_COLUMNS = [
    "key",
    "label",
    "sales_count",
    "items",
    "sales_yuan",
    "rounding_yuan",
    "refund_count",
    "refund_items",
    "refunds_yuan",
    "net_yuan",
]


def figure_cells(f: Figures) -> list[Cell]:
    return [
        f.key,
        f.label,
        f.sales_count,
        f.items,
        yuan(f.sales_fen),
        yuan(f.rounding_fen),
        f.refund_count,
        f.refund_items,
        yuan(f.refunds_fen),
        yuan(f.net_fen),
    ]


class SalesReportsService:
    def __init__(
        self,
        reader: SalesReportReader,
        store_info: Callable[[], StoreInfo],
        viewer: Callable[[], StaffMember | None],
        cashier_name: Callable[[], str],
        enqueue: Callable[[ReceiptData], int | None],
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._reader = reader
        self._store_info = store_info
        self._viewer = viewer  # the signed-in staff member, None on a till without staff
        self._cashier_name = cashier_name
        self._enqueue = enqueue
        self.clock = clock

    def scope(self) -> str | None:
        """Whose sales the viewer may see: None for all, else their own name."""
        viewer = self._viewer()
        return None if viewer is None or viewer.is_manager else viewer.name

    def report(self, span: DateRange) -> SalesReport:
        return self._reader.report(span, self.scope())

    # --- export -----------------------------------------------------------------

    def totals_table(self, report: SalesReport) -> list[list[Cell]]:
        t = report.totals
        return [
            ["first_day", report.range.first.isoformat()],
            ["last_day", report.range.last.isoformat()],
            ["cashier", report.cashier or ""],
            ["sales_count", t.sales_count],
            ["items", t.items],
            ["sales_yuan", yuan(t.sales_fen)],
            ["discount_yuan", yuan(t.discount_fen)],
            ["rounding_yuan", yuan(t.rounding_fen)],
            ["paid_yuan", yuan(t.paid_fen)],
            ["refund_count", t.refund_count],
            ["refunds_yuan", yuan(t.refunds_fen)],
            ["net_yuan", yuan(t.net_fen)],
            ["points_issued", t.points_issued],
            ["points_clawed_back", t.points_clawed_back],
            ["points_redeemed", t.points_redeemed],
            ["refunds_counted", "on the day they were given"],
        ]

    def dimension_table(self, report: SalesReport, dim: Dimension) -> list[list[Cell]]:
        return [list(FIGURE_COLUMNS), *(figure_cells(f) for f in report.rows(dim))]

    def export_csv(self, span: DateRange, path: Path) -> Path:
        """One file: the totals, then a block per dimension (its name on a row)."""
        report = self.report(span)
        rows: list[Sequence[Cell]] = list(self.totals_table(report))
        for dim in Dimension:
            rows += [[], [dim.value], *self.dimension_table(report, dim)]
        return write_csv(rows, path)

    def export_xlsx(self, span: DateRange, path: Path) -> Path:
        """A sheet of totals, then one sheet per dimension."""
        report = self.report(span)
        sheets = [("totals", self.totals_table(report))]
        sheets += [(dim.value, self.dimension_table(report, dim)) for dim in Dimension]
        return write_xlsx(sheets, path)

    # --- the day's summary on paper ------------------------------------------------

    def daily_receipt(self, day: date) -> ReceiptData:
        return daily_receipt(
            store=self._store_info(),
            report=self.report(DateRange(day, day)),
            issued_at=self.clock(),
            cashier=self._cashier_name(),
        )

    def print_daily(self, day: date) -> int | None:
        """Queue the day's summary; None when no printer is set."""
        return self._enqueue(self.daily_receipt(day))

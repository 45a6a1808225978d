"""Reports ▸ Sales reports… (Ctrl+R): opens the sales reports screen over the
till's own database, offline. Who sees what is the service's rule (a manager:
the store; a cashier or promoter: their own sales); a locked or signed-out
till opens nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pos_app.ui.dialogs.sales_report_dialog import SalesReportDialog
    from pos_app.ui.main_window import MainWindow

KEY = "Ctrl+R"


def open_sales_reports(window: MainWindow) -> SalesReportDialog | None:
    service = window.context.sales_reports
    staff = getattr(window, "staff_actions", None)  # built after the menus
    if service is None or (staff is not None and staff.blocks_input()):
        return None
    # imported on first use: QtCharts costs the till's cold start otherwise
    from pos_app.ui.dialogs.sales_report_dialog import SalesReportDialog

    dialog = SalesReportDialog(service, window)
    dialog.finished.connect(lambda _r: dialog.deleteLater())
    dialog.open()
    return dialog

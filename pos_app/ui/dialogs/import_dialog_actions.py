"""The steps of File ▸ Import catalog… around the dialog: read the file off the
GUI thread, open the mapping dialog on it, import with the chosen mapping off
the GUI thread too; the cashier can keep selling meanwhile."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from pos_app.core.catalog_mapping import ColumnMapping
from pos_app.core.errors import PosError
from pos_app.services.catalog_files import TableError
from pos_app.services.catalog_import import CatalogPreview, ImportReport
from pos_app.ui.dialogs.import_dialog import ImportDialog

if TYPE_CHECKING:
    from pos_app.ui.main_window import MainWindow

ReportHandler = Callable[[ImportReport], None]


def open_import_dialog(window: MainWindow, path: Path, on_report: ReportHandler) -> None:
    window.show_message(
        QCoreApplication.translate("ImportActions", "Reading {name}…").format(name=path.name)
    )

    def failed(exc: BaseException) -> None:
        if isinstance(exc, TableError):  # not a table at all: refused like a bad row
            on_report(ImportReport(problems=[exc.problem]))
        else:
            _show_failure(window, exc)

    window.runner.submit(
        lambda: window.context.preview_catalog(path),
        lambda preview: _open(window, path, preview, on_report),
        failed,
    )


def _open(
    window: MainWindow, path: Path, preview: CatalogPreview, on_report: ReportHandler
) -> None:
    window.show_message(QCoreApplication.translate("ImportActions", "Check the column mapping."))
    dialog = ImportDialog(preview, path.name, window)
    dialog.sig_import_requested.connect(
        lambda mapping: run_import(window, path, mapping, on_report)
    )
    dialog.finished.connect(lambda _result: dialog.deleteLater())
    dialog.open()


def run_import(
    window: MainWindow, path: Path, mapping: ColumnMapping, on_report: ReportHandler
) -> None:
    window.show_message(
        QCoreApplication.translate("ImportActions", "Importing {name}…").format(name=path.name)
    )
    window.runner.submit(
        lambda: window.context.import_catalog(path, mapping=mapping),
        on_report,
        lambda exc: _show_failure(window, exc),
    )


def _show_failure(window: MainWindow, exc: BaseException) -> None:
    if isinstance(exc, PosError):  # a locked, read-only or full database: nothing written
        window.show_error(exc)
        return
    window.show_message(
        QCoreApplication.translate("ImportActions", "Import failed: {error}").format(error=exc),
        error=True,
    )

"""The menu bar: catalog import, language, quit."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox

from pos_app.config import UiSettings
from pos_app.services.catalog_import import ImportReport
from pos_app.ui.dialogs.import_dialog_actions import open_import_dialog
from pos_app.ui.dialogs.import_dialog_text import problem_text

if TYPE_CHECKING:
    from pos_app.ui.main_window import MainWindow

LANGUAGES = (("zh_CN", "中文"), ("en", "English"))


def build_menus(window: MainWindow) -> None:
    file_menu = window.menuBar().addMenu(QCoreApplication.translate("Menus", "&File"))
    import_action = QAction(QCoreApplication.translate("Menus", "Import catalog…"), window)
    import_action.setShortcut(QKeySequence("Ctrl+I"))
    import_action.triggered.connect(lambda: choose_catalog_file(window))
    file_menu.addAction(import_action)
    history_action = QAction(
        QCoreApplication.translate("Menus", "Sales history and reprints…"), window
    )
    history_action.setShortcut(QKeySequence("Ctrl+H"))
    history_action.triggered.connect(window.printing.open_history)
    file_menu.addAction(history_action)
    problems_action = QAction(QCoreApplication.translate("Menus", "Sync problems…"), window)
    problems_action.triggered.connect(lambda: open_sync_problems(window))
    file_menu.addAction(problems_action)
    file_menu.addSeparator()
    quit_action = QAction(QCoreApplication.translate("Menus", "Quit"), window)
    quit_action.setShortcut(QKeySequence("Ctrl+Q"))
    quit_action.triggered.connect(window.close)
    file_menu.addAction(quit_action)

    settings_menu = window.menuBar().addMenu(QCoreApplication.translate("Menus", "&Settings"))
    camera_action = QAction(QCoreApplication.translate("Menus", "Camera…"), window)
    camera_action.triggered.connect(window.camera.open_settings)
    settings_menu.addAction(camera_action)
    printer_action = QAction(QCoreApplication.translate("Menus", "Receipt printer…"), window)
    printer_action.triggered.connect(window.printing.open_settings)
    settings_menu.addAction(printer_action)

    lang_menu = window.menuBar().addMenu(QCoreApplication.translate("Menus", "&Language"))
    group = QActionGroup(window)
    current = window.context.settings.ui.language
    for code, name in LANGUAGES:
        action = QAction(name, window, checkable=True)
        action.setChecked(code == current)
        action.triggered.connect(lambda _=False, c=code: set_language(window, c))
        group.addAction(action)
        lang_menu.addAction(action)


def open_sync_problems(window: MainWindow) -> None:
    from pos_app.ui.dialogs.sync_problems_dialog import SyncProblemsDialog

    dialog = SyncProblemsDialog(window.context.sync, window)
    dialog.finished.connect(lambda _r: (dialog.deleteLater(), window.refresh_pending()))
    dialog.open()


def set_language(window: MainWindow, code: str) -> None:
    window.context.save_settings(lambda s: replace(s, ui=UiSettings(language=code)))
    window.show_message(
        QCoreApplication.translate("Menus", "Language saved: it applies at the next start.")
    )


def choose_catalog_file(window: MainWindow) -> None:
    path, _ = QFileDialog.getOpenFileName(
        window,
        QCoreApplication.translate("Menus", "Import catalog"),
        str(Path.home()),
        QCoreApplication.translate("Menus", "Catalog files (*.csv *.xlsx *.txt);;All files (*)"),
    )
    if path:
        start_import(window, Path(path))


def start_import(window: MainWindow, path: Path) -> None:
    """Read the file off the GUI thread, let the manager check the mapping in the
    import dialog, then import off the GUI thread; selling goes on meanwhile."""
    open_import_dialog(window, path, lambda report: show_import_report(window, path, report))


def show_import_report(window: MainWindow, path: Path, report: ImportReport) -> None:
    if report.ok:
        text = QCoreApplication.translate(
            "Menus", "Imported {name}: {new} new, {updated} updated."
        ).format(name=path.name, new=report.inserted, updated=report.updated)
        window.show_message(text)
        window.sig_catalog_imported.emit(report)
        return
    lines = [problem_text(p) for p in report.problems[:20]]
    more = len(report.problems) - len(lines)
    if more > 0:
        lines.append(QCoreApplication.translate("Menus", "… and {count} more.").format(count=more))
    window.show_message(
        QCoreApplication.translate(
            "Menus", "Import refused: {count} problems, nothing imported."
        ).format(count=len(report.problems)),
        error=True,
    )
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("Menus", "Import refused"),
        "\n".join(lines),
        QMessageBox.StandardButton.Ok,
        window,
    )
    box.finished.connect(lambda _r: box.deleteLater())
    box.open()
    window.sig_catalog_imported.emit(report)

"""The menu bar: catalog import, history, sync problems, settings, language,
the sales reports, quit. Its labels follow a language switch at once (`MenuLabels`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from pos_app.options import UiSettings
from pos_app.services.catalog_import import ImportReport
from pos_app.ui.dialogs.import_dialog_actions import open_import_dialog
from pos_app.ui.dialogs.import_dialog_text import problem_text
from pos_app.ui.report_actions import KEY as REPORTS_KEY
from pos_app.ui.report_actions import open_sales_reports
from pos_app.ui.training_banner import toggle_training
from pos_app.ui.translators import install_translators

if TYPE_CHECKING:
    from pos_app.ui.main_window import MainWindow

LANGUAGES = (("zh_CN", "中文"), ("en", "English"))


def menu_texts() -> dict[str, str]:
    """Every menu label in the current language (called again on LanguageChange)."""
    return {
        "file": QCoreApplication.translate("Menus", "&File"),
        "import": QCoreApplication.translate("Menus", "Import catalog…"),
        "history": QCoreApplication.translate("Menus", "Sales history and reprints…"),
        "problems": QCoreApplication.translate("Menus", "Sync problems…"),
        "training": QCoreApplication.translate("Menus", "Training mode (practice)"),
        "quit": QCoreApplication.translate("Menus", "Quit"),
        "reports": QCoreApplication.translate("Menus", "&Reports"),
        "sales_reports": QCoreApplication.translate("Menus", "Sales reports…"),
        "settings": QCoreApplication.translate("Menus", "&Settings"),
        "camera": QCoreApplication.translate("Menus", "Camera…"),
        "printer": QCoreApplication.translate("Menus", "Receipt printer…"),
        "language": QCoreApplication.translate("Menus", "&Language"),
    }


class MenuLabels(QObject):
    """Relabels the menus when the language changes: Qt sends LanguageChange to
    the window when a translator is installed or removed, and this filter sees it."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.labelled: list[tuple[QMenu | QAction, str]] = []
        window.installEventFilter(self)

    def add(self, item: QMenu | QAction, key: str) -> None:
        self.labelled.append((item, key))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    def retranslate(self) -> None:
        texts = menu_texts()
        for item, key in self.labelled:
            if isinstance(item, QMenu):
                item.setTitle(texts[key])
            else:
                item.setText(texts[key])


def build_menus(window: MainWindow) -> MenuLabels:
    labels = MenuLabels(window)
    texts = menu_texts()

    def menu(key: str) -> QMenu:
        built = window.menuBar().addMenu(texts[key])
        labels.add(built, key)
        return built

    def action(key: str, slot: Callable[[], object], shortcut: str = "") -> QAction:
        built = QAction(texts[key], window)
        if shortcut:
            built.setShortcut(QKeySequence(shortcut))
        built.triggered.connect(lambda _checked=False: slot())
        labels.add(built, key)
        return built

    file_menu = menu("file")
    file_menu.addAction(action("import", lambda: choose_catalog_file(window), "Ctrl+I"))
    file_menu.addAction(action("history", window.printing.open_history, "Ctrl+H"))
    file_menu.addAction(action("problems", lambda: open_sync_problems(window)))
    file_menu.addActions([window.promos.list_action, window.promos.new_action])
    # checked while the till is in training mode; a refused switch leaves it as it was
    training = action("training", lambda: toggle_training(window))
    training.setObjectName("trainingAction")
    training.setCheckable(True)
    training.setChecked(window.context.training)
    training.triggered.connect(lambda _c=False: training.setChecked(window.context.training))
    file_menu.addAction(training)
    file_menu.addSeparator()
    file_menu.addAction(action("quit", window.close, "Ctrl+Q"))

    settings_menu = menu("settings")
    settings_menu.addAction(action("camera", window.camera.open_settings))
    settings_menu.addAction(action("printer", window.printing.open_settings))

    lang_menu = menu("language")
    group = QActionGroup(window)
    current = window.context.settings.ui.language
    for code, name in LANGUAGES:  # each language named in itself: never translated
        choice = QAction(name, window, checkable=True)
        choice.setChecked(code == current)
        choice.triggered.connect(lambda _=False, c=code: set_language(window, c))
        group.addAction(choice)
        lang_menu.addAction(choice)

    reports_menu = menu("reports")
    sales_reports = action("sales_reports", lambda: open_sales_reports(window), REPORTS_KEY)
    sales_reports.setObjectName("salesReportsAction")
    reports_menu.addAction(sales_reports)
    return labels


def open_sync_problems(window: MainWindow) -> None:
    from pos_app.ui.dialogs.sync_problems_dialog import SyncProblemsDialog

    dialog = SyncProblemsDialog(window.context.sync, window)
    dialog.finished.connect(lambda _r: (dialog.deleteLater(), window.refresh_pending()))
    dialog.open()


def set_language(window: MainWindow, code: str) -> None:
    """Store the choice and switch now: the translators are swapped, and every
    widget rebuilds its texts on the LanguageChange that follows."""
    window.context.save_settings(lambda s: replace(s, ui=UiSettings(language=code)))
    app = QCoreApplication.instance()
    if app is not None:
        install_translators(app, code)
    window.show_message(QCoreApplication.translate("Menus", "Language: English."))


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

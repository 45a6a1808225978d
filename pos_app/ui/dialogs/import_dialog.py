"""File ▸ Import catalog…: preview a previous system's export, correct the guessed
column mapping, map the store's own categories to the till's, then import.

Three tabs keep it inside a 1024×768 screen: the file's first rows (each column
headed by the field it fills), one combo box per column, one combo box per
unknown category. Import stays disabled while the mapping cannot work, and a
line under the tabs says why. The import itself runs elsewhere (on the
background runner): the dialog only emits the mapping.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pos_app.core.catalog_mapping import (
    FIELDS,
    ColumnMapping,
    guess_category,
    mapping_problems,
    unknown_categories,
)
from pos_app.services.catalog_import import CatalogPreview
from pos_app.ui.dialogs.import_dialog_model import ImportPreviewModel
from pos_app.ui.dialogs.import_dialog_text import field_title, problem_text

TOUCH = 48  # px: a finger's target


def _scrolled(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(widget)
    return area


class ImportDialog(QDialog):
    sig_import_requested = Signal(object)  # ColumnMapping

    def __init__(self, preview: CatalogPreview, file_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.preview = preview
        self.categories = preview.categories
        table = preview.table
        self.setWindowTitle(self.tr("Import catalog: {name}").format(name=file_name))
        layout = QVBoxLayout(self)
        encoding = {"xlsx": "Excel (.xlsx)", "gb18030": "GBK/GB18030", "utf-8": "UTF-8"}
        self.info = QLabel(
            self.tr("{encoding} · {rows} product rows · header on row {header}").format(
                encoding=encoding.get(table.encoding, table.encoding),
                rows=len(table.rows),
                header=table.header_row,
            )
        )
        layout.addWidget(self.info)

        self.tabs = QTabWidget()
        self.preview_model = ImportPreviewModel(table.header, table.rows, self)
        self.preview_view = QTableView()
        self.preview_view.setObjectName("importPreview")
        # a store's export may have more columns than the screen: it scrolls sideways
        self.preview_view.setProperty("scrollsSideways", True)
        self.preview_view.setModel(self.preview_model)
        self.tabs.addTab(self.preview_view, self.tr("Preview"))
        self.column_combos = self._column_tab()
        self.tabs.addTab(_scrolled(self._columns_page), self.tr("Columns"))
        self._categories_page = QWidget()
        self._categories_grid = QGridLayout(self._categories_page)
        self.category_combos: dict[str, QComboBox] = {}
        self.default_combo = self._category_combo(self.tr("(none)"))
        self.tabs.addTab(_scrolled(self._categories_page), self.tr("Categories"))
        layout.addWidget(self.tabs, 1)

        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #b00020;")
        layout.addWidget(self.hint)
        buttons = QDialogButtonBox()
        self.import_button = QPushButton(self.tr("Import"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        for button in (self.import_button, self.cancel_button):
            button.setMinimumHeight(TOUCH)
            button.setMinimumWidth(120)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        for combo in self.column_combos:
            combo.currentIndexChanged.connect(self._on_columns_changed)
        self.default_combo.currentIndexChanged.connect(self._refresh)
        self._fit_screen()
        self._on_columns_changed()

    # --- building -----------------------------------------------------------

    def _column_tab(self) -> list[QComboBox]:
        self._columns_page = QWidget()
        grid = QGridLayout(self._columns_page)
        grid.addWidget(QLabel(self.tr("<b>Column of the file</b>")), 0, 0)
        grid.addWidget(QLabel(self.tr("<b>First value</b>")), 0, 1)
        grid.addWidget(QLabel(self.tr("<b>Imported as</b>")), 0, 2)
        combos = []
        rows = self.preview.table.rows
        for column, header in enumerate(self.preview.table.header):
            sample = next(
                (c[column] for _, c in rows[:50] if column < len(c) and c[column].strip()), ""
            )
            grid.addWidget(QLabel(header or self.tr("(no header)")), column + 1, 0)
            grid.addWidget(QLabel(sample[:40]), column + 1, 1)
            combo = QComboBox()
            combo.setMinimumHeight(TOUCH)
            for name in (None, *FIELDS):
                combo.addItem(field_title(name), name)
            combo.setCurrentIndex(combo.findData(self.preview.mapping.fields[column]))
            grid.addWidget(combo, column + 1, 2)
            combos.append(combo)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(len(combos) + 1, 1)
        return combos

    def _category_combo(self, empty_text: str) -> QComboBox:
        combo = QComboBox()
        combo.setMinimumHeight(TOUCH)
        combo.addItem(empty_text, None)
        for code, category in self.categories.items():
            combo.addItem(f"{category.name} ({code})", code)
        return combo

    def _rebuild_categories(self, unknown: list[str]) -> None:
        """One combo per store category, keeping the choices already made."""
        chosen = {k: c.currentData() for k, c in self.category_combos.items()}
        while self._categories_grid.count():
            item = self._categories_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None and widget is not self.default_combo:
                widget.deleteLater()
        self.category_combos = {}
        grid = self._categories_grid
        grid.addWidget(QLabel(self.tr("<b>Category in the file</b>")), 0, 0)
        grid.addWidget(QLabel(self.tr("<b>Category of the till</b>")), 0, 1)
        for row, name in enumerate(unknown, start=1):
            combo = self._category_combo(self.tr("— choose —"))
            guess = chosen.get(name) or guess_category(name, self.categories)
            combo.setCurrentIndex(max(0, combo.findData(guess)))
            combo.currentIndexChanged.connect(self._refresh)
            grid.addWidget(QLabel(name), row, 0)
            grid.addWidget(combo, row, 1)
            self.category_combos[name] = combo
        last = len(unknown) + 1
        grid.addWidget(QLabel(self.tr("Rows without a category")), last, 0)
        grid.addWidget(self.default_combo, last, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(last + 1, 1)

    def _fit_screen(self) -> None:
        screen = self.screen() or QGuiApplication.primaryScreen()
        available = screen.availableGeometry()
        self.setMinimumSize(min(640, available.width()), min(440, available.height()))
        self.resize(min(920, available.width() - 40), min(640, available.height() - 60))

    # --- state --------------------------------------------------------------

    def mapping(self) -> ColumnMapping:
        fields = tuple(combo.currentData() for combo in self.column_combos)
        categories = {
            name: combo.currentData()
            for name, combo in self.category_combos.items()
            if combo.currentData() is not None
        }
        return ColumnMapping(fields, categories, self.default_combo.currentData())

    def _on_columns_changed(self) -> None:
        mapping = self.mapping()
        self.preview_model.set_fields(mapping.fields)
        column = mapping.column_of("category")
        values = (
            (cells[column] for _, cells in self.preview.table.rows if column < len(cells))
            if column is not None
            else ()
        )
        self._rebuild_categories(unknown_categories(values, self.categories))
        self._refresh()

    def _refresh(self) -> None:
        mapping = self.mapping()
        problems = [problem_text(p) for p in mapping_problems(mapping, self.categories)]
        unmapped = [n for n, c in self.category_combos.items() if c.currentData() is None]
        if unmapped:
            # a long export may bring dozens: the tab lists them all, the hint a few
            names = ", ".join(unmapped[:6]) + (", …" if len(unmapped) > 6 else "")
            problems.append(self.tr("Choose a till category for: {names}").format(names=names))
        self.hint.setText("\n".join(problems))
        self.import_button.setEnabled(not problems)

    def accept(self) -> None:
        if not self.import_button.isEnabled():
            return
        mapping = self.mapping()
        super().accept()
        self.sig_import_requested.emit(mapping)

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        # Enter in a combo box must not import half-way through the mapping
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            self.import_button.hasFocus()
        ):
            return
        super().keyPressEvent(event)

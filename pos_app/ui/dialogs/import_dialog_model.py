"""The import dialog's preview: the file's first rows as they are, each column
headed by its header and the field it is mapped to, so a wrong guess shows."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from pos_app.ui.dialogs.import_dialog_text import field_title

PREVIEW_ROWS = 20

_Index = QModelIndex | QPersistentModelIndex


class ImportPreviewModel(QAbstractTableModel):
    def __init__(
        self, header: list[str], rows: list[tuple[int, list[str]]], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._header = header
        self._rows = rows[:PREVIEW_ROWS]
        self._fields: tuple[str | None, ...] = (None,) * len(header)

    def set_fields(self, fields: tuple[str | None, ...]) -> None:
        self._fields = fields
        if self._header:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._header) - 1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._header)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        cells = self._rows[index.row()][1]
        return cells[index.column()] if index.column() < len(cells) else ""

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            # the row number the spreadsheet shows, the one problems are reported with
            return str(self._rows[section][0]) if 0 <= section < len(self._rows) else None
        if not 0 <= section < len(self._header):
            return None
        return f"{self._header[section]}\n→ {field_title(self._fields[section])}"

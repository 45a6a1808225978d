"""Read-only tables of the checkout window (cart, search results): whole rows
selected, one size of text, touch-high rows, and columns that never need a
horizontal scroll bar."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

#: cart lines and search results in one size, readable at arm's length
ROW_STYLE = "font-size: 13pt;"
ROW_HEIGHT = 36  # a finger picks a line


def row_table(model: object) -> QTableView:
    view = QTableView()
    view.setModel(model)  # type: ignore[arg-type]
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.setAlternatingRowColors(True)
    view.setStyleSheet(ROW_STYLE)
    view.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)  # a finger picks a line
    view.setMinimumHeight(3 * ROW_HEIGHT)
    return view


def name_stretches(view: QTableView, name_column: int) -> None:
    """Numbers as wide as they need, the name takes the rest: no column ever
    hides behind a horizontal scroll bar, whatever the window's width."""
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(name_column, QHeaderView.ResizeMode.Stretch)

"""Hostile text typed into every text field of the till's window and dialogs:
SQL-looking text, control characters, RTL marks, very long strings, each
committed like an input method does and confirmed with Enter. Each ends in a
refusal on screen or is stored harmlessly; never an exception, a Qt warning, a
damaged database, or a till that stops taking scans."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QWidget

from pos_app.ui.main_window import MainWindow
from pos_app.ui.menus import open_sync_problems
from pos_app.ui.open_price_actions import open_price_item
from pos_app.ui.resident_actions import find_member_by_phone
from tests.gui.helpers import WATER, commit_text, press

HOSTILE = [
    "'; DROP TABLE sales; --", "1' OR '1'='1", "\x00", "\x1b@\x1dV\x00", "\u202eRTL",
    "\u200f١٢٣٤", "%s%n{0}", "<b>bold</b>", "😀𠮷", "\x7f\x85\u2028", "9" * 2048,
]  # fmt: skip


def _tender(w: MainWindow) -> None:
    w.process_scan(WATER)
    w.open_tender()


OPENERS: dict[str, Callable[[MainWindow], object]] = {
    "window": lambda w: None,
    "member_lookup": find_member_by_phone,
    "open_price": open_price_item,
    "tender": _tender,
    "refund": lambda w: w.residents.open_refund(),
    "history": lambda w: w.printing.open_history(),
    "printer": lambda w: w.printing.open_settings(),
    "held": lambda w: w.held_orders.open_list(),
    "sync_problems": open_sync_problems,
}


def _schema(db: Path) -> tuple[list[str], str]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        tables = sorted(r[0] for r in conn.execute("SELECT name FROM sqlite_master"))
        return tables, conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def _fields(qapp: QApplication) -> list[QWidget]:
    found: list[QWidget] = []
    for top in qapp.topLevelWidgets():
        if not top.isVisible():
            continue
        for kind in (QLineEdit, QPlainTextEdit):
            # on every page of a tabbed dialog too, not only the page on show
            found += [f for f in top.findChildren(kind) if f.isEnabled() and not f.isReadOnly()
                      and f.window() is top]  # fmt: skip
    return found


@pytest.mark.parametrize("where", list(OPENERS))
def test_hostile_text_in_every_field(
    qtbot, qapp: QApplication, window: MainWindow, data_dir: Path, where: str
) -> None:
    before = _schema(data_dir / "pos.db")
    OPENERS[where](window)
    qapp.processEvents()
    fields = _fields(qapp)
    assert fields, f"no text field found for {where}"
    typed = 0
    for text in HOSTILE:
        for field in _fields(qapp):  # a dialog may have closed on Enter: ask again
            field.setFocus()
            if isinstance(field, QLineEdit):
                field.selectAll()
            commit_text(field, text)
            press(field, Qt.Key.Key_Return, "\r")
            qapp.processEvents()
            typed += 1
    assert typed >= len(HOSTILE)
    for top in qapp.topLevelWidgets():
        if top is not window and top.isVisible():
            top.close()
    qapp.processEvents()
    # the database is whole, no table went missing, and the till still sells
    assert _schema(data_dir / "pos.db") == before
    window.scan_field.setFocus()
    pieces = sum(line.quantity for line in window.checkout.cart.lines)
    window.process_scan(WATER)
    assert sum(line.quantity for line in window.checkout.cart.lines) == pieces + 1

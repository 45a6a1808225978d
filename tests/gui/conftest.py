"""A real checkout window on a real database, with the scanner filter installed
on the application exactly as the launcher does it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from pos_app.app import AppContext
from pos_app.ui.launch import create_window
from pos_app.ui.main_window import MainWindow
from pos_app.ui.translators import install_translators, remove_translators


@pytest.fixture(autouse=True)
def english(qapp: QApplication) -> Iterator[None]:
    """The till in English, as a cashier sees it: with the English plural forms
    ("1 point", "2 points"), not the source texts' "point(s)". A test that switches
    to Chinese replaces them; each test starts in English again."""
    install_translators(qapp, "en")
    yield
    remove_translators(qapp)


@pytest.fixture
def window(qtbot, qapp: QApplication, context: AppContext) -> Iterator[MainWindow]:
    win = create_window(qapp, context)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitActive(win)
    win.scan_field.setFocus()
    yield win
    if win.scanner is not None:
        qapp.removeEventFilter(win.scanner)
    for widget in qapp.topLevelWidgets():  # dialogs left open by the test
        widget.close()
    win.close()

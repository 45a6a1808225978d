"""The checkout window and every dialog at the screens tills have (1024×768 to
1920×1080), in Chinese and in English: nothing outside its window, no clipped
button or label text, no window larger than the screen (tests/gui/layout_check.py).

The window gets the room a maximised window has under a title bar and a task
bar; a dialog gets its own size, at most that room.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from pos_app.app import AppContext
from pos_app.ui.launch import create_window, install_translators
from pos_app.ui.main_window import MainWindow
from tests.gui.helpers import DUCK_PLU, RICE, TEA, WATER, scanner_burst
from tests.gui.layout_check import layout_problems

SCREENS = [QSize(1024, 768), QSize(1280, 800), QSize(1366, 768), QSize(1920, 1080)]
TITLE_AND_TASK_BAR = 70  # a maximised window's frame and the desktop's panel


def usable(screen: QSize) -> QSize:
    return QSize(screen.width(), screen.height() - TITLE_AND_TASK_BAR)


@pytest.fixture(params=["zh_CN", "en"])
def language(request, qapp: QApplication) -> Iterator[str]:
    translators = install_translators(qapp, request.param)
    assert request.param == "en" or translators, "the zh_CN translation did not load"
    yield request.param
    for translator in translators:
        qapp.removeTranslator(translator)


@pytest.fixture
def till(qtbot, qapp: QApplication, context: AppContext, language: str) -> Iterator[MainWindow]:
    window = create_window(qapp, context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    qapp.removeEventFilter(window.scanner)
    for widget in qapp.topLevelWidgets():
        if widget is not window:
            widget.close()
    window.close()


def _fit(qtbot, widget: QWidget, room: QSize) -> None:
    widget.resize(room)
    qtbot.wait(20)  # layouts settle on the next turns of the event loop
    QApplication.processEvents()


@pytest.mark.parametrize("screen", SCREENS, ids=lambda s: f"{s.width()}x{s.height()}")
def test_window_fits_every_screen(qtbot, till: MainWindow, screen: QSize) -> None:
    room = usable(screen)
    _fit(qtbot, till, room)
    assert till.size() == room, "the window cannot shrink to the screen"
    assert till.statusBar().isVisible()
    assert layout_problems(till, room) == [], "\n".join(layout_problems(till, room))
    # a working cart, a resident's panel, a finished sale and search results
    till.scan_field.setFocus()
    for code in (WATER, RICE, TEA):
        scanner_burst(qtbot, code, till.scan_field)
    till.totals.show_last_sale(
        "S001-T01-000123", till.checkout.cart.totals().total, till.checkout.cart.totals().total
    )
    till.show_results("wcdm", till.context.catalog.search("wcdm"))
    QApplication.processEvents()
    assert till.results_view.isVisible()
    assert layout_problems(till, room) == [], "\n".join(layout_problems(till, room))
    # every page of keys
    for _ in range(len(till.keys.pages)):
        till.keys.next_page()
        assert layout_problems(till, room) == [], "\n".join(layout_problems(till, room))


def test_right_panel_keeps_its_width_and_keys_stay_put(qtbot, till: MainWindow) -> None:
    _fit(qtbot, till, usable(SCREENS[0]))
    panel = till.findChild(QWidget, "rightPanel")
    keys = [b.mapTo(till, b.rect().topLeft()) for b in till.keys.buttons]
    width = panel.width()
    for code in (WATER, RICE, TEA, DUCK_PLU):
        scanner_burst(qtbot, code, till.scan_field)
    till.totals.show_last_sale(
        "S001-T01-000999", till.checkout.cart.totals().total, till.checkout.cart.totals().total
    )
    till.show_message("x" * 400, error=True)
    QApplication.processEvents()
    assert panel.width() == width
    assert [b.mapTo(till, b.rect().topLeft()) for b in till.keys.buttons] == keys
    _fit(qtbot, till, usable(SCREENS[3]))
    assert panel.width() == width


def test_results_as_large_as_cart_lines(till: MainWindow) -> None:
    till.show_results("wcdm", till.context.catalog.search("wcdm"))
    assert till.results_view.font().pointSize() == till.cart_view.font().pointSize() >= 13
    assert (
        till.results_view.verticalHeader().defaultSectionSize()
        == till.cart_view.verticalHeader().defaultSectionSize()
    )


# --- dialogs: one factory each, from the window the till runs --------------------

Factory = Callable[[MainWindow], QDialog]
DIALOGS: dict[str, Factory] = {}


def _dialog_cases() -> list[object]:
    return [pytest.param(name, id=name) for name in DIALOGS]


@pytest.mark.parametrize("screen", SCREENS, ids=lambda s: f"{s.width()}x{s.height()}")
@pytest.mark.parametrize("name", _dialog_cases())
def test_dialog_fits_every_screen(qtbot, till: MainWindow, name: str, screen: QSize) -> None:
    room = usable(screen)
    _fit(qtbot, till, room)
    dialog = DIALOGS[name](till)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    hint = dialog.sizeHint().expandedTo(dialog.minimumSize())
    _fit(qtbot, dialog, hint.boundedTo(room))
    assert layout_problems(dialog, room) == []
    dialog.reject()

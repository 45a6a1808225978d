"""The promotions on the checkout screen: each line's promotions under its
name, the saving per promotion and in all, the next-tier hint; in English and
Chinese, at 1024×768 and 1920×1080, from the real engine's result."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pos_app.ui.main_window import MainWindow
from pos_app.ui.promo_view import PromoView
from pos_app.ui.translators import install_translators
from pos_app.ui.widgets.promo_lines import NOTE_COLOR
from pos_app.ui.widgets.tables import ROW_HEIGHT
from tests.gui.helpers import LOTTERY, RICE, TEA, WATER
from tests.gui.layout_check import layout_problems
from tests.gui.promo_helpers import T300, TEA9, WATER21, priced

# ¥30.00 spread over ¥358.20, ¥4.00, ¥89.90 and ¥5.00 by largest remainder
TEA_NOTE = "茶叶9折 −¥39.80 · 满300减30 满500减60 −¥23.51"


def _view(window: MainWindow) -> PromoView:
    """The window's own, once it is wired (at the merge); else one over its cart."""
    wired = getattr(window, "promos", None)
    return wired.view if wired is not None else PromoView(window.cart_view)


def _cart(window: MainWindow) -> PromoView:
    for code in (TEA, WATER, WATER, WATER, RICE, LOTTERY):
        window.checkout.scan(code)
    view = _view(window)
    # these promotions on every redraw of the cart, after the window's own result
    window.sig_cart_changed.connect(
        lambda: view.show_result(priced(window.checkout.cart, T300, TEA9, WATER21))
    )
    window.refresh_cart()
    QApplication.processEvents()
    return view


def _row(window: MainWindow, sku: str) -> int:
    lines = window.checkout.cart.active_lines
    return window.cart_model.row_of(next(ln.line_no for ln in lines if ln.sku == sku))


def test_each_line_shows_its_promotions_and_saving(window: MainWindow) -> None:
    view = _cart(window)
    tea, water = _row(window, "YC-TEA-0001"), _row(window, "YC-WAT-0001")
    rice, lottery = _row(window, "YC-GRN-0001"), _row(window, "YC-LOT-0001")
    assert view.note_of(tea) == TEA_NOTE
    assert view.note_of(water) == "饮用水买二送一 −¥2.00 · 满300减30 满500减60 −¥0.26"
    assert view.note_of(rice) == "满300减30 满500减60 −¥5.90"
    assert view.note_of(lottery) == "满300减30 满500减60 −¥0.33"
    # the rows with a note are taller, the others as before
    assert window.cart_view.rowHeight(tea) > ROW_HEIGHT
    assert {window.cart_view.rowHeight(r) for r in (tea, water, rice, lottery)} == {
        window.cart_view.rowHeight(tea)
    }


def test_a_line_without_promotion_keeps_its_usual_row(window: MainWindow) -> None:
    view = _cart(window)
    view.show_result(priced(window.checkout.cart, TEA9))
    tea, rice = _row(window, "YC-TEA-0001"), _row(window, "YC-GRN-0001")
    assert view.note_of(tea) == "茶叶9折 −¥39.80"
    assert view.note_of(rice) == ""
    assert window.cart_view.rowHeight(tea) > ROW_HEIGHT
    assert window.cart_view.rowHeight(rice) == ROW_HEIGHT


def test_the_note_is_painted_in_green_under_the_name(window: MainWindow) -> None:
    view = _cart(window)
    cart = window.cart_view
    window.cart_view.clearSelection()  # the green on a plain row, not on the selection
    window.cart_view.setCurrentIndex(window.cart_model.index(-1, -1))
    QApplication.processEvents()

    def green_pixels(row: int) -> int:
        rect = cart.visualRect(window.cart_model.index(row, window.cart_model.NAME))
        image = cart.viewport().grab(rect).toImage()
        count = 0
        for y in range(ROW_HEIGHT, image.height()):
            for x in range(0, image.width(), 2):
                c = QColor(image.pixel(x, y))
                if c.green() > 90 and c.green() > c.red() + 40 and c.green() > c.blue() + 40:
                    count += 1
        return count

    tea = _row(window, "YC-TEA-0001")
    cart.scrollTo(window.cart_model.index(tea, 0))
    QApplication.processEvents()
    assert NOTE_COLOR.green() > NOTE_COLOR.red()
    assert green_pixels(tea) > 20
    view.show_result(None)  # no promotions: no note, no green
    QApplication.processEvents()
    assert window.cart_view.rowHeight(tea) == ROW_HEIGHT
    assert green_pixels(tea) == 0


def test_notes_survive_a_redraw_of_the_cart(window: MainWindow) -> None:
    view = _cart(window)
    window.cart_model.set_cart(window.checkout.cart)  # a model reset, no new result
    tea = _row(window, "YC-TEA-0001")
    assert view.note_of(tea) == TEA_NOTE
    assert window.cart_view.rowHeight(tea) > ROW_HEIGHT


def test_a_line_moving_up_takes_its_own_height(window: MainWindow) -> None:
    """A voided line's row is taken by the next line: its height is that line's."""
    for code in (TEA, RICE):
        window.checkout.scan(code)
    window.refresh_cart()
    view = _view(window)
    view.show_result(priced(window.checkout.cart, TEA9))
    assert window.cart_view.rowHeight(0) > ROW_HEIGHT  # the tea, with its 9折
    window.checkout.void(window.checkout.cart.active_lines[0].line_no)
    # the rice is row 0 now: the model is reset, before any new result arrives
    window.cart_model.set_cart(window.checkout.cart)
    assert view.note_of(0) == ""
    assert window.cart_view.rowHeight(0) == ROW_HEIGHT


def test_totals_show_saving_per_promotion_total_and_hint(window: MainWindow) -> None:
    view = _cart(window)
    summary = view.summary
    assert summary.isVisible()
    assert summary.savings.text() == (
        "饮用水买二送一 −¥2.00 · 茶叶9折 −¥39.80 · 满300减30 满500减60 −¥30.00"
    )
    assert summary.total.text() == "Promotions save ¥71.80"
    assert summary.hint.text() == "¥42.90 more for ¥60.00 off over ¥500.00"
    # the footer sits under the cart table, above the − / + keys
    assert (
        summary.mapTo(window, summary.rect().topLeft()).y()
        >= window.cart_view.mapTo(window, window.cart_view.rect().bottomLeft()).y()
    )
    minus = window.line_keys.minus
    assert (
        summary.mapTo(window, summary.rect().bottomLeft()).y()
        < minus.mapTo(window, minus.rect().topLeft()).y()
    )


def test_hint_follows_every_change_and_goes_when_the_tier_is_reached(window: MainWindow) -> None:
    view = _cart(window)
    window.checkout.scan(RICE)  # ¥89.90 more: past ¥500 after the 9折
    window.refresh_cart()
    view.show_result(priced(window.checkout.cart, T300, TEA9, WATER21))
    assert not view.summary.hint.isVisible()
    assert view.summary.total.text() == "Promotions save ¥101.80"
    view.show_result(priced(window.checkout.cart, TEA9))
    assert view.summary.savings.text() == "茶叶9折 −¥39.80"
    assert not view.summary.hint.isVisible()


def test_no_promotion_no_footer(window: MainWindow) -> None:
    window.checkout.scan(RICE)
    window.refresh_cart()
    view = _view(window)
    view.show_result(priced(window.checkout.cart, TEA9))
    assert not view.summary.isVisible()
    assert view.note_of(0) == ""
    assert window.cart_view.rowHeight(0) == ROW_HEIGHT


def test_chinese_hint_and_saving(qapp: QApplication, window: MainWindow) -> None:
    view = _cart(window)
    install_translators(qapp, "zh_CN")
    QApplication.processEvents()
    assert view.summary.hint.text() == "还差¥42.90，满¥500.00减¥60.00"
    assert view.summary.total.text() == "促销共省 ¥71.80"


def test_fits_1024_and_1920(qtbot: QtBot, qapp: QApplication, window: MainWindow) -> None:
    view = _cart(window)
    for language in ("en", "zh_CN"):
        install_translators(qapp, language)
        for screen in (QSize(1024, 698), QSize(1920, 1010)):
            window.resize(screen)
            qtbot.wait(30)
            QApplication.processEvents()
            assert view.summary.isVisible()
            assert window.cart_view.horizontalScrollBar().maximum() == 0
            problems = layout_problems(window, screen)
            assert problems == [], "\n".join(problems)

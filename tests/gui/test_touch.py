"""Selling by finger: the product grid, the paged keys (every F-key on a
button), the number pad, and a language change that relabels the open window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QKeySequence
from PySide6.QtWidgets import QApplication, QPushButton

from pos_app.core.money import Money
from pos_app.ui.launch import install_translators
from pos_app.ui.widgets.key_panel import COLUMNS, KEY_HEIGHT, ROWS
from pos_app.ui.widgets.number_pad import (
    BACKSPACE,
    CLEAR,
    ENTER,
    KEY_SIZE,
    NumberPad,
    NumberPadDialog,
)
from pos_app.ui.widgets.product_grid import PAGE_SIZE
from tests.gui.helpers import RICE, WATER, scanner_burst


def _tap(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())


def _category(window, name: str) -> QPushButton:
    return next(b for b in window.grid.category_group.buttons() if b.text() == name)


def test_grid_shows_categories_and_tiles_with_prices(window) -> None:
    grid = window.grid
    assert window.lower_pane.isVisible() and grid.isVisible()
    names = [b.text() for b in grid.category_group.buttons()]
    assert names[:3] == ["饮用水", "粮油米面", "茶叶"] and "押金" in names
    assert grid.category == "water" and len(grid.tiles) == 17
    tile = next(t for t in grid.tiles if t.product.name == "农夫山泉 饮用天然水 550ml")
    assert tile.price.text() == "¥2.00"
    assert tile.member_price.text() == "Member ¥1.90"
    assert tile.width() >= 48 and tile.height() >= 48


def test_tapping_a_tile_adds_it_like_a_scan(qtbot, window) -> None:
    _tap(qtbot, _category(window, "粮油米面"))
    assert window.grid.category == "grain"
    tile = next(t for t in window.grid.tiles if t.product.name.startswith("五常大米 稻花香2号"))
    window.grid.tile_scroll.ensureWidgetVisible(tile)
    _tap(qtbot, tile)
    _tap(qtbot, tile)
    lines = window.checkout.cart.active_lines
    assert [(ln.name, ln.quantity) for ln in lines] == [(tile.product.name, 2)]
    assert window.totals.total.text() == Money(2 * tile.product.price.fen).format()
    assert window.scan_field.hasFocus()  # the scanner still types into the scan field
    scanner_burst(qtbot, WATER)
    assert len(window.checkout.cart.active_lines) == 2


def test_weighed_tile_asks_the_weight_on_the_pad(qtbot, window) -> None:
    window.grid.show_category("fresh")
    weighed = [t for t in window.grid.tiles if t.product.weighed]
    assert weighed and all(t.price.text().endswith("/kg") for t in weighed)
    tile = weighed[0]
    window.grid.tile_scroll.ensureWidgetVisible(tile)
    _tap(qtbot, tile)  # no label to scan: the grams the scale shows, on the pad
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, NumberPadDialog)
    assert window.checkout.cart.is_empty()
    for key in ("3", "5", "0", ENTER):
        _tap(qtbot, dialog.pad.keys[key])
    (line,) = window.checkout.cart.active_lines
    assert (line.name, line.quantity, line.barcode) == (tile.product.name, 350, None)
    # price per kg × 0.350 kg, to the fen, as a weight label would charge it
    assert line.amount == Money(round(tile.product.price.fen * 350 / 1000))


def test_a_weight_of_nothing_is_refused_with_its_message(qtbot, window) -> None:
    window.grid.show_category("fresh")
    tile = next(t for t in window.grid.tiles if t.product.weighed)
    window.grid.tile_scroll.ensureWidgetVisible(tile)
    _tap(qtbot, tile)
    dialog = QApplication.activeModalWidget()
    for key in ("0", ENTER):
        _tap(qtbot, dialog.pad.keys[key])
    assert window.checkout.cart.is_empty()
    assert window.status_message.text() == "Quantity 0 is not allowed."


def test_long_category_loads_more_by_tile(qtbot, window, monkeypatch) -> None:
    from pos_app.ui.widgets import product_grid

    monkeypatch.setattr(product_grid, "PAGE_SIZE", 5)
    window.grid.show_category("water")
    assert len(window.grid.tiles) == 5 and window.grid.more.isVisible()
    assert window.grid.more.text() == "More… 5/17"
    for _ in range(3):
        _tap(qtbot, window.grid.more)
    assert len(window.grid.tiles) == 17 and not window.grid.more.isVisible()
    assert len({t.product.id for t in window.grid.tiles}) == 17
    assert PAGE_SIZE >= 20


def test_tile_image_from_the_data_directory(qtbot, window, context) -> None:
    first = context.browse.page("tea", limit=1).products[0]
    product = context.catalog.by_id(first.id)
    images = context.data_dir / "images"
    images.mkdir()
    picture = QImage(80, 80, QImage.Format.Format_RGB32)
    picture.fill(Qt.GlobalColor.darkGreen)
    assert picture.save(str(images / f"{product.sku}.png"))
    window.grid.show_category("tea")
    with_image = next(t for t in window.grid.tiles if t.product.id == first.id)
    from PySide6.QtWidgets import QLabel

    image = with_image.findChild(QLabel, "tileImage")
    assert image is not None and image.pixmap().width() == 40
    others = [t for t in window.grid.tiles if t.product.id != first.id]
    assert all(t.findChild(QLabel, "tileImage") is None for t in others)


def test_grid_scrolls_by_finger_drag(qtbot, window) -> None:
    from PySide6.QtWidgets import QScroller

    for area in (window.grid.tile_scroll, window.grid.category_scroll):
        viewport = area.viewport()
        assert QScroller.hasScroller(viewport)
        assert QScroller.grabbedGesture(viewport) == QScroller.grabbedGesture(viewport)
        assert QScroller.grabbedGesture(viewport) != Qt.GestureType.CustomGesture


def test_search_results_take_the_grids_place_and_give_it_back(qtbot, window) -> None:
    window.on_query_edited("wcdm")
    assert window.results_view.isVisible() and not window.grid.isVisible()
    assert window.cart_view.isVisible()
    qtbot.keyClick(window.scan_field, Qt.Key.Key_Return)
    assert window.grid.isVisible() and window.results_view.isHidden()


def test_grid_switch_hides_and_shows_the_grid(qtbot, window) -> None:
    _tap(qtbot, window.line_keys.grid_toggle)
    assert not window.lower_pane.isVisible()
    assert window.line_keys.grid_toggle.text() == "Show products"
    window.on_query_edited("wcdm")  # results still show when the grid is off
    assert window.results_view.isVisible()
    window.on_query_edited("")
    assert not window.lower_pane.isVisible()
    _tap(qtbot, window.line_keys.grid_toggle)
    assert window.grid.isVisible()


def test_every_f_key_has_a_touch_button(window) -> None:
    shortcuts = {
        a.shortcut().toString() for a in window.actions() if a.shortcut().toString().startswith("F")
    }
    labelled = {b.key for b in window.keys.buttons}
    pay = window.findChild(QPushButton, "payButton")
    labelled.add(pay.key)
    assert shortcuts <= labelled
    assert {"F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9", "F10", "F11", "F12"} <= labelled
    assert all(b.minimumHeight() >= 48 for b in window.keys.buttons)
    assert KEY_HEIGHT >= 48 and QKeySequence("F12").toString() == "F12"


def test_more_turns_the_key_page_and_back(qtbot, window) -> None:
    keys = window.keys
    assert len(keys.pages) == 3 and keys.more.isVisible()  # checkout, residents, shift/staff
    first_page = [b for b in keys.buttons if b.isVisible()]
    assert len(first_page) <= ROWS * COLUMNS and first_page[0].key == "F3"
    _tap(qtbot, keys.more)
    assert keys.page() == 1 and keys.more.text() == "More ▸ 2/3"
    visible = {b.key for b in keys.buttons if b.isVisible()}
    assert "F2" in visible and "F3" not in visible
    returns = next(b for b in keys.buttons if b.key == "F11")
    _tap(qtbot, returns)  # the button works from its page
    dialog = QApplication.activeModalWidget()
    assert dialog is not None
    dialog.reject()
    _tap(qtbot, keys.more)
    assert keys.page() == 2 and keys.more.text() == "◂ Back"
    _tap(qtbot, keys.more)
    assert keys.page() == 0 and keys.more.text() == "More ▸ 1/3"
    pay = window.findChild(QPushButton, "payButton")
    assert pay.isVisible()  # Pay is on every page


def test_number_pad_edits_its_field(qtbot) -> None:
    from PySide6.QtWidgets import QLineEdit

    field = QLineEdit()
    qtbot.addWidget(field)
    pad = NumberPad(field)
    qtbot.addWidget(pad)
    entered: list[str] = []
    pad.sig_entered.connect(entered.append)
    for key in ("1", "2", ".", "5", "00", BACKSPACE):
        pad.press(key)
    assert field.text() == "12.50"
    pad.press(ENTER)
    assert entered == ["12.50"]
    pad.press(CLEAR)
    assert field.text() == ""
    assert all(
        b.minimumWidth() >= KEY_SIZE >= 48 and b.minimumHeight() >= KEY_SIZE
        for b in pad.keys.values()
    )


def test_language_change_relabels_the_open_window(qtbot, qapp, window) -> None:
    assert window.keys.buttons[0].text() == "Search\n[F3]"
    assert window.totals.caption.text() == "Total due"
    translators = install_translators(qapp, "zh_CN")
    try:
        qtbot.waitUntil(lambda: window.keys.buttons[0].text() == "搜索\n[F3]")
        assert window.totals.caption.text() == "应收合计"
        assert window.cart_model.headerData(1, Qt.Orientation.Horizontal) == "商品"
        assert window.line_keys.grid_toggle.text() == "收起商品"
        window.grid.show_category("water")
        qtbot.waitUntil(
            lambda: any(t.member_price.text() == "会员 ¥1.90" for t in window.grid.tiles)
        )
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
    qtbot.waitUntil(lambda: window.keys.buttons[0].text() == "Search\n[F3]")
    assert any(t.member_price.text() == "Member ¥1.90" for t in window.grid.tiles)


def test_grid_follows_a_catalog_pulled_by_sync(window, context) -> None:
    from dataclasses import replace
    from datetime import UTC, datetime

    from pos_app.services.sync import SyncStatus

    window.grid.show_category("water")
    gone = window.grid.tiles[0].product
    product = context.catalog.by_id(gone.id)
    context.catalog.repo.upsert([replace(product, active=False)])  # as a pull writes it
    window.on_sync_sig_status(SyncStatus(True, True, 0, 0, datetime.now(UTC), pulled=0))
    assert gone.id in [t.product.id for t in window.grid.tiles]  # nothing pulled: kept
    window.on_sync_sig_status(SyncStatus(True, True, 0, 0, datetime.now(UTC), pulled=1))
    assert window.grid.category == "water"
    assert gone.id not in [t.product.id for t in window.grid.tiles]
    assert len(window.grid.tiles) == 16


def test_resume_key_counts_the_held_orders(qtbot, window) -> None:
    key = next(b for b in window.keys.buttons if b.key == "F7")
    assert key.text() == "Resume order\n[F7]"
    for code in (WATER, RICE):
        scanner_burst(qtbot, code)
        qtbot.keyClick(window.scan_field, Qt.Key.Key_F6)
    assert key.text() == "Resume order (2)\n[F7]"
    held = window.checkout.held_orders()
    window.held_orders.resume(held[0].id)  # the cart is empty: nothing held in its place
    assert key.text() == "Resume order (1)\n[F7]"
    window.held_orders.resume(held[1].id)  # the resumed cart is held in its place
    assert key.text() == "Resume order (1)\n[F7]"

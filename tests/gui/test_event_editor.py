"""A manager sets up a tasting event at the till (Events ▸ New tasting event…), in the
REAL window at 1024×768 and 1920×1080, in English and in Chinese, by touch and by
keyboard: two products (one found by its pinyin initials, one scanned), one with an
event price (the manager's PIN asked once), a promoter chosen. The promoter then
starts it from the event-mode list, the tile shows the event price, and a sale at it
is attributed to the event (read back with sqlite3 from the till's database).

Anyone but a manager sees the item disabled, saying why; a refusal names the field in
the dialog's own words and puts the focus there."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton

from pos_app.app import AppContext
from pos_app.ui.dialogs.event_editor import EventEditor
from pos_app.ui.main_window import MainWindow
from pos_app.ui.translators import install_translators
from tests.gui import test_event_in_window as in_window
from tests.gui.conftest import DEMO_MANAGER, DEMO_MANAGER_PIN, open_approval_dialog, type_pin
from tests.gui.helpers import commit_text, scanner_burst
from tests.gui.layout_check import layout_problems
from tests.gui.test_event_in_window import (
    HONG,
    PROMOTER,
    PROMOTER_PIN,
    pay_by_touch,
    tap,
    tap_tile,
)

# the event-mode window test's fixtures: the demo till with its event, a window maker
till, make_window = in_window.till, in_window.make_window
RICE, RICE_BARCODE = "YC-GRN-0001", "6921445000018"
CASHIER, CASHIER_PIN = "demo-cashier-wang", "1357"
TITLES = {"en": "New tasting event…", "zh_CN": "新建试吃活动…"}
WHY = {"en": "Only a manager can set up a tasting event.", "zh_CN": "只有店长可以新建试吃活动。"}


def open_editor(qtbot, window: MainWindow) -> EventEditor:  # type: ignore[no-untyped-def]
    setup = window.event_actions.setup
    window.event_actions.menu.aboutToShow.emit()  # as opening the menu does
    assert setup.action.isEnabled()
    setup.action.trigger()
    editor = setup.editor
    assert editor is not None
    qtbot.waitUntil(editor.isVisible)
    return editor


def type_into(qtbot, field: QLineEdit, text: str) -> None:  # type: ignore[no-untyped-def]
    """Typed by hand: the scanner filter holds fast keys back a moment before it
    hands them to the field as typing, so the next field waits for them."""
    field.setFocus()
    field.selectAll()
    if text.isascii():
        qtbot.keyClicks(field, text)
    else:
        commit_text(field, text)
    qtbot.waitUntil(lambda: field.text() == text)


def event_sales(db: Path, event_id: str) -> list[tuple[str, int, int]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(
            "SELECT l.sku, l.quantity, l.amount_fen FROM sales s"
            " JOIN sale_lines l ON l.sale_id = s.id WHERE s.event_id = ?",
            (event_id,),
        ).fetchall()
    finally:
        conn.close()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize("size", [QSize(1024, 768), QSize(1920, 1080)], ids=["1024", "1920"])
def test_a_manager_sets_up_an_event_by_touch_and_a_promoter_runs_it(  # type: ignore[no-untyped-def]
    qtbot, qapp: QApplication, make_window, till: AppContext, size: QSize, language: str
) -> None:
    install_translators(qapp, language)
    window = make_window(size)
    # a cashier sees the item, disabled, and why
    type_pin(qtbot, window.staff_actions.page.entry, CASHIER, CASHIER_PIN)
    setup = window.event_actions.setup
    window.event_actions.menu.aboutToShow.emit()
    assert setup.action in window.event_actions.menu.actions()
    assert setup.action.text() == TITLES[language] and not setup.action.isEnabled()
    assert setup.action.toolTip() == WHY[language]
    window.staff_actions.switch_cashier()
    type_pin(qtbot, window.staff_actions.page.entry, DEMO_MANAGER, DEMO_MANAGER_PIN)

    editor = open_editor(qtbot, window)
    QApplication.processEvents()
    assert layout_problems(editor, size) == [], "\n".join(layout_problems(editor, size))
    small = [b.objectName() for b in editor.findChildren(QPushButton)
             if b.isVisibleTo(editor) and b.height() < 48]  # fmt: skip
    assert small == []
    commit_text(editor.name, "利川红品鉴会")
    commit_text(editor.place, "3号楼前广场")
    # a product by its pinyin initials, tapped in the results; another scanned
    type_into(qtbot, editor.search, "lch")
    qtbot.waitUntil(lambda: any(b.objectName() == f"eventResult_{HONG}" for b in editor.results))
    [found] = [b for b in editor.results if b.objectName() == f"eventResult_{HONG}"]
    qtbot.waitUntil(found.isVisible)
    tap(qtbot, found)
    scanner_burst(qtbot, RICE_BARCODE, editor.search)
    qtbot.waitUntil(lambda: RICE in editor.products.rows)
    assert list(editor.products.rows) == [HONG, RICE]
    hong, rice = editor.products.rows[HONG], editor.products.rows[RICE]
    qtbot.waitUntil(rice.isVisible)
    type_into(qtbot, hong.cost, "5")
    type_into(qtbot, rice.cost, "0.02")
    tap(qtbot, rice.unit.keys["g"])
    type_into(qtbot, hong.price, "99")
    type_into(qtbot, editor.budget, "200")
    tap(qtbot, editor.promoters.keys[PROMOTER])
    tap(qtbot, editor.save_button)
    pin = open_approval_dialog(qtbot)  # once, for the event's one price
    type_pin(qtbot, pin.entry, DEMO_MANAGER, DEMO_MANAGER_PIN)
    qtbot.waitUntil(lambda: window.event_actions.setup.editor is None)

    assert till.events is not None and till.promotions is not None
    event = till.events.event(editor.event_id)
    assert (event.name, event.place, event.promoters) == (
        "利川红品鉴会",
        "3号楼前广场",
        (PROMOTER,),
    )
    assert [(p.sku, p.sample_cost_fen, p.sample_unit.value) for p in event.products] == [
        (HONG, 500, "piece"), (RICE, 2, "g")]  # fmt: skip
    assert (event.sample_budget_fen, event.feedback_tags) == (20000, ("口感", "价格", "包装"))
    [price] = [p for p in till.promotions.active() if p.event_id == event.event_id]
    assert (price.promo_id, price.name) == (f"{event.event_id}-P1", "利川红品鉴会 活动价")

    # the promoter starts it at once from the list, and sells at the event price
    window.staff_actions.switch_cashier()
    type_pin(qtbot, window.staff_actions.page.entry, PROMOTER, PROMOTER_PIN)
    key = window.event_actions.key  # Event mode… on the key panel, its pages turned by finger
    for _ in range(len(window.keys.pages)):
        if key.isVisible():
            break
        tap(qtbot, window.keys.more)
    tap(qtbot, key)
    chooser = window.event_actions.chooser
    assert chooser is not None and event.event_id in chooser.buttons
    tap(qtbot, chooser.buttons[event.event_id])
    screen = window.event_actions.screen
    assert screen is not None and screen.isVisible()
    assert screen.tiles.tile(HONG).price.text() == "¥99.00"
    tap_tile(qtbot, screen, HONG)
    tap(qtbot, screen.pay)
    pay_by_touch(qtbot, window, None)
    db = Path(str(till.engine.url.database))
    assert event_sales(db, event.event_id) == [(HONG, 1, 9900)]


def test_a_manager_sets_up_an_event_by_keyboard(  # type: ignore[no-untyped-def]
    qtbot, make_window, till: AppContext
) -> None:
    """Tab from field to field, Enter in the search adds the product, Enter saves."""
    window = make_window(QSize(1024, 768))
    type_pin(qtbot, window.staff_actions.page.entry, DEMO_MANAGER, DEMO_MANAGER_PIN)
    editor = open_editor(qtbot, window)
    editor.activateWindow()
    qtbot.waitUntil(editor.name.hasFocus)
    type_into(qtbot, editor.name, "Tea morning")
    qtbot.keyClick(editor.name, Qt.Key.Key_Tab)
    assert editor.place.hasFocus()
    type_into(qtbot, editor.place, "Gate 2")
    type_into(qtbot, editor.search, HONG)  # typed by hand: the SKU
    qtbot.keyClick(editor.search, Qt.Key.Key_Return)  # adds, never saves
    qtbot.waitUntil(lambda: HONG in editor.products.rows)
    assert editor.isVisible() and editor.search.text() == ""
    cost = editor.products.rows[HONG].cost
    type_into(qtbot, cost, "abc")
    qtbot.keyClick(cost, Qt.Key.Key_Return)  # saves: refused, the field named, focus there
    assert editor.isVisible()
    assert editor.message.text() == (
        "This event is refused: its field Sample cost ¥ is missing or out of range."
    )
    assert cost.hasFocus()
    type_into(qtbot, cost, "3")
    qtbot.keyClick(cost, Qt.Key.Key_Return)  # no event price: no PIN to ask
    qtbot.waitUntil(lambda: window.event_actions.setup.editor is None)
    assert till.events is not None
    [made] = [e for e in till.events.events() if e.name == "Tea morning"]
    assert (made.place, made.promoters, made.products[0].sample_cost_fen) == ("Gate 2", (), 300)
    assert window.status_message.text() == (
        "Tasting event Tea morning set up: a promoter can start it now."
    )


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_a_refusal_names_the_field_and_goes_there(  # type: ignore[no-untyped-def]
    qtbot, qapp: QApplication, make_window, till: AppContext, language: str
) -> None:
    install_translators(qapp, language)
    window = make_window(QSize(1024, 768))
    type_pin(qtbot, window.staff_actions.page.entry, DEMO_MANAGER, DEMO_MANAGER_PIN)
    editor = open_editor(qtbot, window)
    editor.activateWindow()
    qtbot.waitActive(editor)
    tap(qtbot, editor.save_button)  # no name
    said = {
        "en": "This event is refused: its field Name is missing or out of range.",
        "zh_CN": None,
    }[language]
    if said is None:
        assert "名称" in editor.message.text() and "Name" not in editor.message.text()
    else:
        assert editor.message.text() == said
    # the dialog's focus (offscreen, a tap leaves no window active to show it in)
    assert editor.focusWidget() is editor.name
    commit_text(editor.name, "品鉴")
    editor.end_date.setText("2000-01-01")  # before it starts
    tap(qtbot, editor.save_button)
    assert editor.focusWidget() is editor.end_date
    label = {"en": "Ends (Beijing time)", "zh_CN": "结束（北京时间）"}[language]
    assert label in editor.message.text()
    assert till.events is not None  # nothing saved: the demo's event alone
    assert [e.event_id for e in till.events.events()] == ["EV-DEMO-TEA"]


def test_two_event_prices_take_one_pin(qtbot, make_window, till: AppContext) -> None:  # type: ignore[no-untyped-def]
    """The manager types their PIN once; each price is approved and recorded on its own."""
    window = make_window(QSize(1920, 1080))
    type_pin(qtbot, window.staff_actions.page.entry, DEMO_MANAGER, DEMO_MANAGER_PIN)
    editor = open_editor(qtbot, window)
    commit_text(editor.name, "双品试吃")
    for sku, price in ((HONG, "99"), (RICE, "80.50")):
        product = till.catalog.by_sku(sku)
        assert product is not None
        editor.add_product(product)
        editor.products.rows[sku].price.setText(price)
    tap(qtbot, editor.save_button)
    type_pin(qtbot, open_approval_dialog(qtbot).entry, DEMO_MANAGER, DEMO_MANAGER_PIN)
    qtbot.waitUntil(lambda: window.event_actions.setup.editor is None)
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not window] == []
    assert till.promotions is not None
    prices = sorted(
        (p.promo_id, tuple(p.scope.skus), p.price_fen)  # type: ignore[attr-defined]
        for p in till.promotions.active()
        if p.event_id == editor.event_id
    )
    assert prices == [(f"{editor.event_id}-P1", (HONG,), 9900),
                      (f"{editor.event_id}-P2", (RICE,), 8050)]  # fmt: skip
    db = Path(str(till.engine.url.database))
    conn = sqlite3.connect(db)
    try:
        granted = conn.execute(
            "SELECT reference FROM approvals WHERE action = 'promotion' AND granted"
            " AND reason = 'pin' ORDER BY reference"
        ).fetchall()
    finally:
        conn.close()
    assert granted == [(f"{editor.event_id}-P1",), (f"{editor.event_id}-P2",)]

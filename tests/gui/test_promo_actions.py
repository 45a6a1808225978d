"""The promotions on the real checkout window: Ctrl+P lists them, a manager
sets up a store promotion from the list (PIN on the real approval hook), the
list shows it at once and the cart is priced with it on the next redraw."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.promo_codec import promotion_from_dict
from pos_app.core.promo_engine import PromoBook, price
from pos_app.core.promotions import PromoContext, Promotion
from pos_app.services.approvals import ApprovalAction, ApprovalRequest, ManagerApproval, ask
from pos_app.ui.dialogs.promotions_dialog import PromotionsDialog
from pos_app.ui.main_window import MainWindow
from pos_app.ui.promo_actions import PromoActions
from pos_app.ui.translators import install_translators
from tests.gui.conftest import DEMO_MANAGER, DEMO_MANAGER_PIN, open_approval_dialog, type_pin
from tests.gui.helpers import DISCONTINUED, RICE, TEA, commit_text, scanner_burst
from tests.gui.promo_helpers import T300, promo_lines


class StorePromotions:
    """The promotions service's contract as the screens use it, on a list:
    validated by the core's codec, a manager's approval asked through the
    till's real hook (the service on the till's branch does the same)."""

    def __init__(self, approval: ManagerApproval, *data: dict[str, Any]) -> None:
        self.approval = approval
        self.promotions = [promotion_from_dict(d) for d in data]

    def active(self) -> list[Promotion]:
        now = datetime.now(UTC)
        return [p for p in self.promotions if p.window.contains(now)]

    def upcoming(self) -> list[Promotion]:
        now = datetime.now(UTC)
        return [p for p in self.promotions if not p.window.contains(now)]

    def approval_request(self, promo_id: str, change: str) -> ApprovalRequest:
        return ApprovalRequest(ApprovalAction.PROMOTION, 0, reference=promo_id)

    def create_local(self, data: Mapping[str, Any]) -> Promotion:
        promo = promotion_from_dict(dict(data))
        if ask(self.approval, self.approval_request(promo.promo_id, "create")) is None:
            raise PosError(ErrorCode.NOT_A_MANAGER)
        self.promotions.append(promo)
        return promo


@pytest.fixture
def promos(window: MainWindow) -> tuple[PromoActions, StorePromotions]:
    source = StorePromotions(window.context.approval, T300)
    wired = getattr(window, "promos", None)
    if wired is None:
        actions = PromoActions(window, source)
    else:  # the window's own (at the merge), on these promotions
        actions = wired
        actions.source = source
        actions.on_created = window.refresh_cart
    # the cart priced with them, after the window's own redraw
    window.sig_cart_changed.connect(
        lambda: actions.show_result(
            price(
                promo_lines(window.checkout.cart),
                PromoBook(source.promotions),
                PromoContext(datetime.now(UTC)),
            )
        )
    )
    return actions, source


def _shown_list(qtbot: QtBot) -> PromotionsDialog:
    found: list[PromotionsDialog] = []

    def shown() -> None:
        found[:] = [
            w for w in QApplication.topLevelWidgets()
            if isinstance(w, PromotionsDialog) and w.isVisible()
        ]  # fmt: skip
        assert found

    qtbot.waitUntil(shown)
    return found[-1]


def test_ctrl_p_lists_and_a_manager_adds_a_store_promotion(
    qtbot: QtBot, window: MainWindow, promos: tuple[PromoActions, StorePromotions]
) -> None:
    actions, source = promos
    window.checkout.scan(TEA)
    window.refresh_cart()
    assert actions.view.summary.hint.text() == "¥102.00 more for ¥60.00 off over ¥500.00"
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    listing = _shown_list(qtbot)
    assert [listing.model.data(listing.model.index(0, c)) for c in (0, 4)] == [
        "满300减30 满500减60",
        "In force now",
    ]
    assert listing.new_button is not None
    qtbot.mouseClick(listing.new_button, Qt.MouseButton.LeftButton)
    editor = actions.editor
    assert editor is not None and editor.isVisible()
    assert editor.promo_id.startswith("S001-T01-")
    editor.name.setFocus()
    commit_text(editor.name, "茶叶85折")
    qtbot.mouseClick(editor.categories.keys["tea"], Qt.MouseButton.LeftButton)
    # typed where the focus is, as keys are: the scanner filter replays held keys
    # to the focus widget, so the editor must be the active window first (under
    # load the offscreen platform activates it late)
    editor.activateWindow()
    editor.percent.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.percent)
    qtbot.keyClicks(editor.percent, "15")
    # the till's scanner filter holds quick keys a moment before they are typing
    qtbot.waitUntil(lambda: editor.percent.text() == "15")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    pin = open_approval_dialog(qtbot)
    type_pin(qtbot, pin.entry, DEMO_MANAGER, DEMO_MANAGER_PIN)
    assert [p.name for p in source.promotions] == ["满300减30 满500减60", "茶叶85折"]
    # the list shows it at once, the cart is priced with it: ¥398.00 − 15% = ¥338.30
    names = [listing.model.data(listing.model.index(r, 0)) for r in range(2)]
    assert sorted(names) == ["满300减30 满500减60", "茶叶85折"]
    assert actions.view.note_of(0) == "茶叶85折 −¥59.70 · 满300减30 满500减60 −¥30.00"
    assert actions.view.summary.total.text() == "Promotions save ¥89.70"


def test_a_product_scanned_into_the_editor_joins_the_promotion(
    qtbot: QtBot, window: MainWindow, promos: tuple[PromoActions, StorePromotions]
) -> None:
    actions, _source = promos
    editor = actions.open_editor()
    assert editor is not None
    qtbot.waitUntil(editor.isVisible)
    editor.skus.setFocus()
    for code in (TEA, RICE, TEA):
        scanner_burst(qtbot, code, editor.skus)
    assert editor.skus.text() == "YC-TEA-0001, YC-GRN-0001"
    assert window.checkout.cart.is_empty()  # nothing rang up behind the editor
    qtbot.mouseClick(editor.kinds.keys["bundle"], Qt.MouseButton.LeftButton)
    editor.bundle.setFocus()
    for code in (RICE, TEA, RICE):
        scanner_burst(qtbot, code, editor.bundle)
    assert editor.bundle.text() == "YC-GRN-0001×2, YC-TEA-0001×1"
    scanner_burst(qtbot, DISCONTINUED[:-1] + "9", editor.bundle)
    assert editor.message.text().startswith("Unknown barcode")


def test_ctrl_shift_p_opens_the_editor_alone(
    qtbot: QtBot, window: MainWindow, promos: tuple[PromoActions, StorePromotions]
) -> None:
    actions, _source = promos
    qtbot.keyClick(
        window,
        Qt.Key.Key_P,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: actions.editor is not None and actions.editor.isVisible())
    assert actions.editor is not None and actions.editor.parent() is window


def test_actions_are_labelled_in_the_language_shown(
    qapp: QApplication, window: MainWindow, promos: tuple[PromoActions, StorePromotions]
) -> None:
    actions, _source = promos
    assert actions.list_action.text() == "Promotions…"
    install_translators(qapp, "zh_CN")
    QApplication.processEvents()
    assert actions.list_action.text() == "促销活动…"
    assert actions.new_action.text() == "新建本店促销…"


def test_without_a_promotions_service_the_actions_are_off(qtbot: QtBot, window: MainWindow) -> None:
    actions = PromoActions(window, None)
    assert not actions.list_action.isEnabled() and not actions.new_action.isEnabled()
    assert actions.open_list() is None and actions.open_editor() is None
    actions.show_result(None)  # the cart as before
    assert not actions.view.summary.isVisible()

"""A manager's store-only promotion: built by finger and keyboard, amounts in
¥ parsed to 分, checked by the core's codec, a manager's PIN (the real
approval hook on the demo staff), then handed over as the wire dict; every
refusal names its field and keeps the dialog open."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from pos_app.app import AppContext
from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.promo_codec import promotion_from_dict
from pos_app.services.approvals import (
    Approval,
    ApprovalAction,
    ApprovalRequest,
    ManagerApproval,
    ask,
)
from pos_app.services.pin_approval import PinApproval, pin_hook
from pos_app.ui.dialogs.promotion_editor import PromotionEditor
from pos_app.ui.translators import install_translators
from tests.gui.conftest import DEMO_MANAGER, DEMO_MANAGER_PIN, open_approval_dialog, type_pin
from tests.gui.helpers import commit_text
from tests.gui.layout_check import layout_problems

ACTION = ApprovalAction.PROMOTION  # a manager always approves a promotion


def request_for(promo_id: str) -> ApprovalRequest:
    """As `PromotionsService.approval_request(promo_id, "create")` builds it."""
    return ApprovalRequest(ACTION, 0, reference=promo_id, details={"change": "create"})


WINDOW_ALWAYS = {"start_date": None, "end_date": None, "weekdays": [], "hours": ["00:00", "24:00"]}


class Delivered:
    """The service's end of the callback, as `PromotionsService.create_local`
    does it: its own non-blocking approval through the real hook (which grants
    only a PIN approval held for this very promotion), then it keeps the dict."""

    def __init__(self, hook: ManagerApproval | None = None) -> None:
        self.hook = hook
        self.calls: list[tuple[dict[str, Any], Approval | None]] = []
        self.refuse: PosError | None = None

    def __call__(self, data: dict[str, Any], approval: Approval | None) -> None:
        if self.refuse is not None:
            raise self.refuse
        if self.hook is not None and ask(self.hook, request_for(data["id"])) is None:
            raise PosError(ErrorCode.NOT_A_MANAGER)
        self.calls.append((data, approval))


@pytest.fixture
def hook(context: AppContext) -> PinApproval:
    found = pin_hook(context.approval)
    assert found is not None, "the demo till asks managers' PINs"
    return found


@pytest.fixture
def delivered(context: AppContext) -> Delivered:
    return Delivered(context.approval)


@pytest.fixture
def editor(
    qtbot: QtBot, context: AppContext, hook: PinApproval, delivered: Delivered
) -> Iterator[PromotionEditor]:
    dialog = PromotionEditor(
        context.checkout.categories(), delivered, hook, request_for, id_prefix="S001-L-"
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    yield dialog
    for widget in QApplication.topLevelWidgets():
        widget.close()


def tap(qtbot: QtBot, button: QPushButton) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_into(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    field.setFocus()
    if text.isascii():
        qtbot.keyClicks(field, text)
    else:
        commit_text(field, text)


def approve(qtbot: QtBot) -> None:
    dialog = open_approval_dialog(qtbot)
    type_pin(qtbot, dialog.entry, DEMO_MANAGER, DEMO_MANAGER_PIN)
    assert not dialog.isVisible()


def test_a_threshold_by_touch_pin_and_handed_over(
    qtbot: QtBot, editor: PromotionEditor, delivered: Delivered
) -> None:
    type_into(qtbot, editor.name, "满100减10 满200减25")
    tap(qtbot, editor.kinds.keys["threshold"])
    assert editor.tiers[0][0].isVisible() and not editor.percent.isVisible()
    for (spend, off), (a, b) in zip(
        editor.tiers, (("100", "10"), ("¥200.00", "25.5")), strict=False
    ):
        type_into(qtbot, spend, a)
        type_into(qtbot, off, b)
    tap(qtbot, editor.save_button)
    assert delivered.calls == []  # nothing before the PIN
    approve(qtbot)
    assert len(delivered.calls) == 1
    data, approval = delivered.calls[0]
    assert data["id"].startswith("S001-L-") and len(data["id"]) == len("S001-L-") + 12
    assert data == {
        "id": data["id"],
        "name": "满100减10 满200减25",
        "kind": "threshold",
        "priority": 0,
        "exclusive": False,
        "members_only": False,
        "event_id": None,
        "budget_fen": None,
        "scope": {"categories": [], "skus": []},
        "window": WINDOW_ALWAYS,
        "tiers": [{"min_fen": 10000, "off_fen": 1000}, {"min_fen": 20000, "off_fen": 2550}],
    }
    assert approval is not None and approval.approved_by == "店长老李"
    assert approval.request.action is ACTION and approval.request.reference == data["id"]
    assert promotion_from_dict(data).promo_id == data["id"]  # the codec takes it back
    assert editor.result() == editor.DialogCode.Accepted and not editor.isVisible()


def test_a_theme_day_percent_by_keyboard(
    qtbot: QtBot, editor: PromotionEditor, delivered: Delivered
) -> None:
    type_into(qtbot, editor.name, "周三茶叶日")
    editor.kinds.keys["percent_off"].setFocus()
    qtbot.keyClick(editor.kinds.keys["percent_off"], Qt.Key.Key_Space)
    type_into(qtbot, editor.percent, "12.5%")
    tap(qtbot, editor.categories.keys["tea"])
    type_into(qtbot, editor.skus, "YC-GRN-0001， YC-WAT-0001")
    tap(qtbot, editor.weekdays.keys["3"])
    type_into(qtbot, editor.start_date, "2026-12-01")
    type_into(qtbot, editor.end_date, "2026-12-31")
    type_into(qtbot, editor.start_time, "09:30")
    type_into(qtbot, editor.end_time, "21:00")
    type_into(qtbot, editor.priority, "5")
    tap(qtbot, editor.exclusive)
    tap(qtbot, editor.members_only)
    qtbot.keyClick(editor.priority, Qt.Key.Key_Return)  # Enter saves
    approve(qtbot)
    data = delivered.calls[0][0]
    assert {k: v for k, v in data.items() if k != "id"} == {
        "name": "周三茶叶日",
        "kind": "percent_off",
        "priority": 5,
        "exclusive": True,
        "members_only": True,
        "event_id": None,
        "budget_fen": None,
        "scope": {"categories": ["tea"], "skus": ["YC-GRN-0001", "YC-WAT-0001"]},
        "window": {
            "start_date": "2026-12-01",
            "end_date": "2026-12-31",
            "weekdays": [3],
            "hours": ["09:30", "21:00"],
        },
        "percent_bps": 1250,
    }


def test_a_bundle_has_no_category_scope(
    qtbot: QtBot, editor: PromotionEditor, delivered: Delivered
) -> None:
    type_into(qtbot, editor.name, "米油套餐")
    tap(qtbot, editor.kinds.keys["bundle"])
    assert not editor.categories.isVisible() and editor.bundle.isVisible()
    type_into(qtbot, editor.bundle, "YC-OIL-0001*2, YC-GRN-0001")
    type_into(qtbot, editor.price, "99.90")
    tap(qtbot, editor.save_button)
    approve(qtbot)
    data = delivered.calls[0][0]
    assert data["bundle"] == [
        {"sku": "YC-GRN-0001", "count": 1},
        {"sku": "YC-OIL-0001", "count": 2},
    ]
    assert data["price_fen"] == 9990 and "scope" in data and data["scope"]["categories"] == []


@pytest.mark.parametrize(
    ("kind", "fill", "field", "focus"),
    [
        ("amount_off", {"amount": "abc"}, "Off each piece or kg (¥)", "amount"),
        ("amount_off", {"amount": "0"}, "Off each piece or kg (¥)", "amount"),
        ("percent_off", {"percent": "120"}, "Percent off (%)", "percent"),
        ("threshold", {"tiers": [("200", "25"), ("100", "10")]}, "Tiers", "tiers"),
        ("threshold", {"tiers": [("100", "")]}, "Tiers", "tiers"),
        ("buy_n_get_m", {"buy": "2", "get": "x"}, "Pieces", "get"),
        (
            "percent_off",
            {"percent": "10", "start_time": "25:00"},
            "Hours (Beijing time)",
            "start_time",
        ),
        ("percent_off", {"percent": "10", "name": ""}, "Name", "name"),
    ],
)
def test_a_refusal_names_its_field_and_stays_open(
    qtbot: QtBot,
    editor: PromotionEditor,
    delivered: Delivered,
    kind: str,
    fill: dict[str, Any],
    field: str,
    focus: str,
) -> None:
    type_into(qtbot, editor.name, fill.pop("name", "Test"))
    tap(qtbot, editor.kinds.keys[kind])
    for row, (spend, off) in enumerate(fill.pop("tiers", [])):
        type_into(qtbot, editor.tiers[row][0], spend)
        type_into(qtbot, editor.tiers[row][1], off)
    for name, text in fill.items():
        type_into(qtbot, getattr(editor, name), text)
    tap(qtbot, editor.save_button)
    assert editor.message.text() == (
        f"This promotion is refused: its field {field} is missing or out of range."
    )
    # the cursor goes where the correction is typed
    expected = editor.tiers[0][0] if focus == "tiers" else getattr(editor, focus)
    assert editor.focusWidget() is expected
    assert editor.isVisible() and delivered.calls == []
    assert not [
        w
        for w in QApplication.topLevelWidgets()
        if w.objectName() == "approvalDialog" and w.isVisible()
    ]


def test_a_cancelled_pin_hands_nothing_over(
    qtbot: QtBot, editor: PromotionEditor, delivered: Delivered
) -> None:
    type_into(qtbot, editor.name, "Ten off")
    type_into(qtbot, editor.percent, "10")
    tap(qtbot, editor.save_button)
    pin = open_approval_dialog(qtbot)
    tap(qtbot, pin.findChild(QPushButton, "approvalCancel"))
    assert delivered.calls == [] and editor.isVisible()


def test_the_service_refusal_shows_in_the_dialog(
    qtbot: QtBot, editor: PromotionEditor, delivered: Delivered
) -> None:
    delivered.refuse = PosError(ErrorCode.NOT_SIGNED_IN)
    type_into(qtbot, editor.name, "Ten off")
    type_into(qtbot, editor.percent, "10")
    tap(qtbot, editor.save_button)
    approve(qtbot)
    assert editor.message.text() == "Sign in first."
    assert editor.isVisible()


def test_without_staff_roles_no_pin_is_asked(qtbot: QtBot, context: AppContext) -> None:
    delivered = Delivered()
    editor = PromotionEditor(context.checkout.categories(), delivered, None, request_for)
    qtbot.addWidget(editor)
    type_into(qtbot, editor.name, "Ten off")
    type_into(qtbot, editor.percent, "10")
    editor.save()
    assert [(d["percent_bps"], a) for d, a in delivered.calls] == [(1000, None)]


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize("screen", [QSize(1024, 698), QSize(1920, 1010)], ids=["1024", "1920"])
@pytest.mark.parametrize("kind", ["percent_off", "threshold", "buy_n_get_m", "bundle"])
def test_fits_the_screen_by_touch(
    qtbot: QtBot,
    qapp: QApplication,
    context: AppContext,
    language: str,
    screen: QSize,
    kind: str,
) -> None:
    install_translators(qapp, language)
    editor = PromotionEditor(context.checkout.categories(), Delivered(), None, request_for)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    tap(qtbot, editor.kinds.keys[kind])
    editor.resize(editor.size().boundedTo(screen))
    qtbot.wait(30)
    QApplication.processEvents()
    assert editor.width() <= screen.width() and editor.height() <= screen.height()
    problems = layout_problems(editor, screen)
    assert problems == [], "\n".join(problems)
    scroll = editor.findChild(QLabel, "promotionEditorMessage")
    assert scroll is not None
    small = [
        b.objectName() or b.text()
        for b in editor.findChildren(QPushButton)
        if b.isVisibleTo(editor) and b.height() < 48
    ]
    assert small == []
    if language == "zh_CN":
        assert editor.windowTitle() == "新建本店促销"
        assert editor.kinds.keys["threshold"].text() == "满减"

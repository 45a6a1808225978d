"""Training mode on screen: the menu item asks the approval hook, swaps the real
till for a training window (orange banner, marked title, also on the customer
display) whose sales never reach the real database, and swaps back."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLabel

from pos_app.app import AppContext
from pos_app.core.money import Money
from pos_app.services.approvals import ApprovalAction, ApprovalRequest
from pos_app.ui.customer_display import CustomerDisplay
from pos_app.ui.launch import TillWindows
from pos_app.ui.main_window import MainWindow
from pos_app.ui.training_banner import mark_display
from pos_app.ui.translators import install_translators
from tests.gui.conftest import DEMO_MANAGER, DEMO_MANAGER_PIN, open_approval_dialog, type_pin
from tests.gui.helpers import WATER


class Hook:
    def __init__(self, answer: str | None) -> None:
        self.answer = answer
        self.asked: list[ApprovalRequest] = []

    def approve(self, request: ApprovalRequest) -> str | None:
        self.asked.append(request)
        return self.answer


def _sales(db: Path) -> tuple[int, int]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return tuple(  # type: ignore[return-value]
            conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("sales", "outbox")
        )
    finally:
        conn.close()


@pytest.fixture
def till(qapp: QApplication, context: AppContext, data_dir: Path) -> Iterator[TillWindows]:
    windows = TillWindows(qapp, data_dir)
    windows.open(context)
    yield windows
    for widget in qapp.topLevelWidgets():
        widget.close()
    if windows.window.scanner is not None:
        qapp.removeEventFilter(windows.window.scanner)
    windows.close()


def _toggle(window: MainWindow) -> None:
    action = window.findChild(QAction, "trainingAction")
    assert action is not None
    action.trigger()


def _banner(window: MainWindow) -> QLabel | None:
    return window.findChild(QLabel, "trainingBanner")


def _sell_water(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.process_scan(WATER)
    tender = window.checkout.start_tender()
    tender.add_cash(Money(500))
    window.checkout.complete(tender)


def test_into_training_and_back_from_the_menu(
    qtbot, qapp: QApplication, till: TillWindows, data_dir: Path
) -> None:
    real = till.window
    real.context.approval = hook = Hook("王店长")
    assert _banner(real) is None and not real.windowTitle().startswith("[TRAINING]")
    _sell_water(qtbot, real)
    before = _sales(data_dir / "pos.db")

    _toggle(real)
    trainee = till.window
    assert trainee is not real and trainee.context.training and not real.isVisible()
    assert [(r.action, r.reference) for r in hook.asked] == [(ApprovalAction.TRAINING, "enter")]
    qtbot.waitExposed(trainee)
    banner = _banner(trainee)
    assert banner is not None and banner.isVisible()
    assert banner.text().startswith("TRAINING MODE")
    field = trainee.scan_field
    assert banner.geometry().bottom() < field.mapTo(trainee, field.rect().topLeft()).y()
    assert trainee.windowTitle().startswith("[TRAINING] ")
    action = trainee.findChild(QAction, "trainingAction")
    assert action is not None and action.isChecked()

    _sell_water(qtbot, trainee)
    assert _sales(data_dir / "pos.db") == before  # the real till saw nothing
    assert _sales(data_dir / "training" / "pos.db") == (1, 1)
    assert trainee.sync_worker is None  # no sync at all in training

    # in Chinese too, after a language switch, and after a store rename
    install_translators(qapp, "zh_CN")
    qapp.processEvents()
    assert trainee.windowTitle().startswith("【培训】")
    assert banner.text().startswith("培训模式")
    trainee.context.save_setting("store.name", "练习店")
    qapp.processEvents()
    assert trainee.windowTitle().startswith("【培训】") and trainee.windowTitle().endswith("练习店")
    install_translators(qapp, "en")

    # it fits the small screen: the banner wraps rather than widen the window
    trainee.resize(1024, 768)
    qapp.processEvents()
    assert trainee.width() <= 1024 and banner.width() <= 1024

    # out again, asked too; the real till is as it was
    trainee.context.approval = hook
    _toggle(trainee)
    back = till.window
    assert back is not trainee and not back.context.training and _banner(back) is None
    assert [r.reference for r in hook.asked] == ["enter", "leave"]
    assert _sales(data_dir / "pos.db") == before
    assert not back.windowTitle().startswith("[TRAINING]")


def test_a_refused_switch_or_an_open_order_keeps_the_real_till(qtbot, till: TillWindows) -> None:
    real = till.window
    real.context.approval = Hook(None)
    _toggle(real)
    assert till.window is real and "not approved" in real.status_message.text()
    action = real.findChild(QAction, "trainingAction")
    assert action is not None and not action.isChecked()

    real.context.approval = hook = Hook("王店长")
    real.process_scan(WATER)
    _toggle(real)
    assert till.window is real and hook.asked == []
    assert "current order" in real.status_message.text()


def test_the_customer_display_says_training_too(qtbot, till: TillWindows) -> None:
    display = CustomerDisplay(till.window)
    qtbot.addWidget(display)
    display.setWindowTitle("客显")
    banner = mark_display(display)
    display.show()
    qtbot.waitExposed(display)
    total = display.total
    assert banner.isVisible()
    assert banner.geometry().bottom() < total.mapTo(display, total.rect().topLeft()).y()
    assert display.windowTitle() == "[TRAINING] 客显"


def test_a_training_database_that_cannot_be_made_leaves_the_real_till(
    qtbot, till: TillWindows, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(*_args: object, **_kw: object) -> AppContext:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("pos_app.ui.launch.build_context", full_disk)
    real = till.window
    real.context.approval = Hook("王店长")  # entering takes a manager (tested above)
    _toggle(real)
    assert till.window is real and real.isVisible() and not real.context.training
    assert real.status_message.text() == "Training mode could not be switched."


def test_entering_training_takes_a_manager_pin_leaving_does_not(
    qtbot, till: TillWindows, data_dir: Path
) -> None:
    # the real hook: a cashier alone could ring a real customer up as practice
    real = till.window
    _toggle(real)
    dialog = open_approval_dialog(qtbot)
    dialog.reject()
    assert till.window is real and not real.context.training
    _toggle(real)
    type_pin(qtbot, open_approval_dialog(qtbot).entry, DEMO_MANAGER, DEMO_MANAGER_PIN)
    qtbot.waitUntil(lambda: till.window is not real)
    trainee = till.window
    assert trainee.context.training
    entries = real.context.audit.recent(kind="approval")
    assert [(e.subject, e.details["action"], e.details["approved_by"]) for e in entries][:1] == [
        ("enter", "training", "店长老李")
    ]
    _toggle(trainee)  # back to the real till: no PIN
    qtbot.waitUntil(lambda: not till.window.context.training)

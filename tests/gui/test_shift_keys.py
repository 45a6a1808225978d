"""The shift keys in the real window: paying with no shift offers to open one,
the float typed on the pad, cash out with a reason, the X read, and the Z close
counted on the + keys and the pad, its difference shown and a manager asked;
the dialogs fit 1024×768 in English and Chinese with touch-sized keys."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication, QPushButton

from pos_app.app import TEST_OPEN_SHIFT_ENV, AppContext, build_context
from pos_app.core.shift import Denomination
from pos_app.services.approvals import ApprovalAction, ApprovalRequest
from pos_app.ui.dialogs.shift_close_dialog import ShiftCloseDialog
from pos_app.ui.dialogs.shift_dialogs import CashMoveDialog, XReadDialog
from pos_app.ui.launch import create_window, install_translators
from pos_app.ui.main_window import MainWindow
from pos_app.ui.widgets.number_pad import NumberPadDialog
from tests.gui.conftest import DEMO_MANAGER, DEMO_MANAGER_PIN, open_approval_dialog, type_pin
from tests.gui.helpers import WATER, commit_text, scanner_burst
from tests.gui.layout_check import layout_problems


def tap(qtbot, button) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


@pytest.fixture
def morning(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppContext]:
    monkeypatch.delenv(TEST_OPEN_SHIFT_ENV)
    ctx = build_context(data_dir, demo=True)
    yield ctx
    ctx.close()


@pytest.fixture
def till(qtbot, qapp: QApplication, morning: AppContext) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    win = create_window(qapp, morning)
    qtbot.addWidget(win)
    win.resize(1024, 768)
    win.show()
    qtbot.waitExposed(win)
    yield win
    if win.scanner is not None:
        qapp.removeEventFilter(win.scanner)
    for widget in qapp.topLevelWidgets():
        if widget is not win:
            widget.close()
    win.close()


class Recording:
    def __init__(self, answer: str | None) -> None:
        self.answer = answer
        self.asked: list[ApprovalRequest] = []

    def approve(self, request: ApprovalRequest) -> str | None:
        self.asked.append(request)
        return self.answer


def shown(kind: type) -> object:
    [dialog] = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
    return dialog


def test_paying_without_a_shift_offers_to_open_one_with_its_float(qtbot, till) -> None:  # type: ignore[no-untyped-def]
    assert till.shift_keys.shift_key.text().startswith("Open shift")
    scanner_burst(qtbot, WATER, till.scan_field)
    till.pay.open_tender()
    assert till.tender_dialog is None  # no tender dialog: the shift comes first
    assert till.status_message.text() == (
        "No shift is open: open a shift with its float before selling."
    )
    pad = shown(NumberPadDialog)
    for key in ("5", "0", "0"):
        tap(qtbot, pad.pad.keys[key])
    tap(qtbot, pad.pad.keys["↵"])
    qtbot.waitUntil(lambda: not pad.isVisible())
    shift = till.context.shifts.current()
    assert shift is not None and shift.float_fen == 50000
    assert till.status_message.text() == f"Shift {shift.shift_no} open, float ¥500.00."
    assert till.shift_keys.shift_key.text().startswith("Close shift (Z)")
    till.pay.open_tender()
    assert till.tender_dialog is not None


def test_cash_out_x_read_and_a_z_close_counted_by_touch(qtbot, till, morning) -> None:  # type: ignore[no-untyped-def]
    morning.shifts.open(10000)
    till.shift_keys.cash_out()
    move = shown(CashMoveDialog)
    for key in ("3", "0"):
        tap(qtbot, move.pad.keys[key])
    commit_text(move.reason, "取款存银行")  # typed through the input method
    tap(qtbot, move.findChild(QPushButton, "moveOk"))
    # only a manager makes money leave: their PIN on the pad, then it is recorded
    assert morning.shifts.movements() == []
    type_pin(qtbot, open_approval_dialog(qtbot).entry, DEMO_MANAGER, DEMO_MANAGER_PIN)
    qtbot.waitUntil(lambda: not move.isVisible())
    [moved] = morning.shifts.movements()
    assert (moved.kind.value, moved.amount_fen, moved.reason) == ("cash_out", 3000, "取款存银行")
    assert till.status_message.text() == "Cash out of ¥30.00 recorded."

    till.shift_keys.x_read()
    x = shown(XReadDialog)
    assert x.values["Expected cash"].text() == "¥70.00"
    assert x.values["Cash out"].text() == "¥30.00"
    x.close()

    # a hook without a PIN step that refuses: the dialog says so and stays open
    hook = morning.shifts.approval = till.context.approval = Recording(None)
    till.shift_keys.open_or_close()
    z = shown(ShiftCloseDialog)
    tap(qtbot, z.findChild(QPushButton, "plus_5000"))
    assert z.summary.text().splitlines() == [
        "Expected: ¥70.00",
        "Counted: ¥50.00",
        "Short by ¥20.00",
    ]
    tap(qtbot, z.confirm)
    assert z.isVisible() and z.error.text() == (
        "The drawer differs by -¥20.00: a manager did not approve the close."
    )
    assert [(r.action, r.amount_fen) for r in hook.asked] == [
        (ApprovalAction.SHIFT_DIFFERENCE, 2000)
    ]
    tap(qtbot, z.fields[Denomination.Y10])  # the pad now types into the ¥10 count
    tap(qtbot, z.pad.keys["⌫"])
    tap(qtbot, z.pad.keys["2"])
    assert z.summary.text().splitlines()[-1] == "The drawer adds up"
    tap(qtbot, z.confirm)
    qtbot.waitUntil(lambda: not z.isVisible())
    assert len(hook.asked) == 1  # no difference: no manager asked again
    assert morning.shifts.current() is None
    [closed] = morning.shifts.repo.recent()
    assert (closed.counted, closed.difference_fen) == ({5000: 1, 1000: 2}, 0)
    assert till.status_message.text() == f"Shift {closed.shift_no} closed: difference ¥0.00."
    assert till.shift_keys.shift_key.text().startswith("Open shift")


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_shift_dialogs_fit_1024_by_768_with_touch_keys(qtbot, morning, language) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    translators = install_translators(app, language)
    try:
        morning.shifts.open(0)
        dialogs = [
            ShiftCloseDialog(123456, morning.shifts.close),
            CashMoveDialog("Cash out", ["To the safe", "To the bank"], morning.shifts.cash_out),
            XReadDialog(morning.shifts.x_read()),
        ]
        for dialog in dialogs:
            qtbot.addWidget(dialog)
            dialog.resize(dialog.sizeHint())
            dialog.show()
            qtbot.waitExposed(dialog)
            assert layout_problems(dialog, QSize(1024, 768 - 40)) == [], type(dialog).__name__
            buttons = dialog.findChildren(QPushButton)
            assert buttons and all(b.height() >= 48 and b.width() >= 48 for b in buttons)
            dialog.close()
        if language == "zh_CN":
            assert dialogs[0].windowTitle() == "交班 (Z)"
            assert dialogs[0].confirm.text() == "确认交班"
    finally:
        for translator in translators:
            app.removeTranslator(translator)

"""Key-event helpers that type like a scanner or like a person."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

WATER = "6975321000012"  # 硒泉水 550ml, ¥2.00
RICE = "6921445000018"  # 五常大米 稻花香2号 5kg, ¥89.90
TEA = "6937862000012"  # 恩施玉露 特级 礼盒 250g, ¥398.00
LOTTERY = "0490000000016"  # 体彩 顶呱刮 5元 (no points)
DUCK_PLU = "10001"  # 毛嘴卤鸭脖 散称, ¥58.00/kg
DISCONTINUED = "6937862000067"


def scanner_burst(qtbot, code: str, widget: QWidget | None = None) -> None:
    """Keys as fast as a USB scanner sends them, then its Enter suffix."""
    target = widget or QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard focus"
    qtbot.keyClicks(target, code)
    qtbot.keyClick(target, Qt.Key.Key_Return)


def commit_text(widget: QWidget, text: str) -> None:
    """What a Chinese input method delivers: a commit string, not key presses.

    (qtbot.keyClicks aborts on non-ASCII text, and an IME never sends keys.)
    """
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def press(widget: QWidget, key: Qt.Key, text: str = "") -> None:
    QApplication.sendEvent(
        widget, QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, text)
    )

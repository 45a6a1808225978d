"""Take the README's screenshots of event mode and of the event's report from the
REAL till: the demo data (`--demo`, its promotions and the demo tasting event
恩施玉露·利川红 品鉴会), the demo promoter 促销员小赵 signed in, event mode opened
on its key, then a few taps as at a tasting table (visitors, samples, feedback,
two paid sales, a resident identified and a sale in progress), on a real X
server (Xvfb with openbox, as on a till), in Chinese. Everything is recorded in
a throw-away data directory through the till's own services and screens.

    PYTHONPATH=. .venv/bin/python docs/screenshots/take_event_in_till.py \\
        [OUT_DIR (docs/screenshots)] [zh_CN|en] [1024x768]

Without a DISPLAY it starts its own Xvfb and openbox (tests/e2e/x11.py) and
runs itself there. (`take_event_mode.py` shoots the screens alone, on the
tests' in-memory port.)
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
EVENT = "EV-DEMO-TEA"
TEA, HONG, WATER, DUCK = "YC-TEA-0001", "YC-TEA-0007", "YC-WAT-0001", "YC-DEL-0015"


def shoot(out: Path, language: str, size: str) -> None:
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QWidget

    from pos_app.app import build_context
    from pos_app.demo import demo_code
    from pos_app.ui.event_ports import FeedbackEntry
    from pos_app.ui.launch import create_window
    from pos_app.ui.staff_actions import StaffActions
    from pos_app.ui.translators import install_translators

    os.environ.setdefault("YUANCANG_TEST_OPEN_SHIFT", "1")  # a ¥0 float: the demo sells at once
    app = QApplication(sys.argv)
    install_translators(app, language)
    width, height = (int(n) for n in size.split("x"))
    context = build_context(Path(tempfile.mkdtemp()), demo=True, demo_promotions=True)
    StaffActions.test_sign_in = ("demo-promoter-zhao", "3690")  # signed in on the PIN pad
    window = create_window(app, context)
    window.setGeometry(0, 0, width, height)
    window.show()
    events = window.event_actions

    def tap(widget: QWidget) -> None:
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())

    def pay() -> None:  # the counter's tender window: exact cash, Done
        assert screen is not None
        tap(screen.pay)
        dialog = window.tender_dialog
        assert dialog is not None
        tap(dialog.quick_buttons[0])
        tap(dialog.add_button)

    chooser = events.open_chooser()
    assert chooser is not None
    tap(chooser.buttons[EVENT])
    screen = events.screen
    assert screen is not None
    port = screen.port
    # a morning at the table: the taps the promoter made, then what is on screen now
    port.add_visitors(12)
    for sku, quantity in ((TEA, 3), (HONG, 3), (WATER, 1), (DUCK, 20), (TEA, 3), (WATER, 1)):
        port.record_sample(sku, quantity)
    port.record_feedback(FeedbackEntry(TEA, 5, ("口感", "包装"), "回甘明显", False))
    port.record_feedback(FeedbackEntry(HONG, 4, ("口感", "价格"), "", False))
    port.record_feedback(FeedbackEntry(DUCK, 5, ("口感",), "", False))
    for sku in (HONG, WATER, WATER):
        tap(screen.tiles.tile(sku))
    pay()
    tap(screen.visitor_one)
    window.process_scan(demo_code("R0001"))
    screen.refresh()
    tap(screen.consent)
    tap(screen.tiles.tile(TEA))
    tap(screen.tiles.tile(WATER))
    screen.say(screen.tr("Sample recorded: {name}").format(name="恩施玉露 特级 礼盒 250g"))

    def take_screen() -> None:
        window.grab().save(str(out / "event_mode.png"))
        report = screen.open_report()
        report.resize(min(width, 1000), min(height - 40, 720))
        report.tabs.setCurrentIndex(0)  # by product
        QTimer.singleShot(1200, lambda: take_report(report))

    def take_report(report) -> None:  # type: ignore[no-untyped-def]
        report.grab().save(str(out / "event_report.png"))
        app.quit()

    QTimer.singleShot(1500, take_screen)  # fonts and layouts settle first
    app.exec()
    window.shutdown()
    context.close()


def main(out: str = str(HERE), language: str = "zh_CN", size: str = "1024x768") -> None:
    if not os.environ.get("DISPLAY"):
        from tests.e2e.x11 import x_session

        with x_session(size) as env:
            subprocess.run([sys.executable, __file__, out, language, size], env=env, check=True)
        return
    shoot(Path(out), language, size)


if __name__ == "__main__":
    main(*sys.argv[1:])

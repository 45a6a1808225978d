"""Take the README's screenshots of event mode (活动模式) and of the event's
report, on a real X server (Xvfb with openbox, as on a till), in Chinese.

The till behind the screens is the tests' in-memory `EventPort`
(`tests/gui/event_memory.py`) with a demo-like afternoon of a tea tasting:
visitors, samples, sales and feedback from 10:00 to 16:00, a resident
identified, a sale in progress.

    PYTHONPATH=. .venv/bin/python docs/screenshots/take_event_mode.py \\
        [OUT_DIR (docs/screenshots)] [zh_CN|en] [1024x768]

Without a DISPLAY it starts its own Xvfb and openbox (tests/e2e/x11.py) and
runs itself there.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent


def demo_day():  # type: ignore[no-untyped-def]
    from pos_app.ui.event_ports import FeedbackEntry, ResidentView
    from tests.gui.event_memory import START, MemoryEvent

    port = MemoryEvent()
    at = [START]
    port.clock = lambda: at[0]
    # (hour after 10:00, visitors, samples, sales) of an afternoon in a courtyard
    day = [
        (0, 8, [("TEA-YL", 5), ("WATER", 1)], [("WATER", 2)]),
        (1, 14, [("TEA-YL", 5), ("TEA-LC", 5), ("TEA-TC", 1)], [("TEA-LC", 1), ("WATER", 6)]),
        (2, 11, [("TEA-LC", 5), ("DUCK", 20)], [("DUCK", 350)]),
        (3, 6, [("WATER", 2)], []),
        (4, 17, [("TEA-YL", 5), ("TEA-YL", 5), ("DUCK", 20)], [("TEA-YL", 1), ("TEA-TC", 2)]),
        (5, 9, [("TEA-TC", 1)], [("TEA-LC", 1)]),
    ]
    for hour, visitors, samples, sales in day:
        at[0] = START + timedelta(hours=hour, minutes=20)
        port.add_visitors(visitors)
        for sku, quantity in samples:
            port.record_sample(sku, quantity)
        for sku, quantity in sales:
            port.add_to_sale(sku, quantity)
            port.pay()
    port.record_feedback(FeedbackEntry("TEA-YL", 5, ("口感好", "包装好"), "回甘明显", False))
    port.record_feedback(FeedbackEntry("TEA-YL", 4, ("口感好", "太贵"), "", False))
    port.record_feedback(FeedbackEntry("TEA-LC", 4, ("想再买",), "", False))
    port.record_feedback(FeedbackEntry("DUCK", 5, ("口感好",), "", False))
    port.leads.append("RES-0007")
    at[0] = START + timedelta(hours=5, minutes=40)
    port.current = ResidentView("RES-0001", "张**")
    port.add_to_sale("TEA-YL", 1)
    port.add_to_sale("WATER", 2)
    return port


def shoot(out: Path, language: str, size: str) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from pos_app.ui.event_mode import EventModeScreen
    from pos_app.ui.translators import install_translators

    app = QApplication(sys.argv)
    install_translators(app, language)
    width, height = (int(n) for n in size.split("x"))
    port = demo_day()
    screen = EventModeScreen(port)
    screen.setWindowTitle("源仓收银 · 活动模式")
    screen.setGeometry(0, 0, width, height)
    screen.show()
    screen.consent.setChecked(True)
    screen.set_sampling(False)
    screen.say(screen.tr("Sample recorded: {name}").format(name="恩施玉露 特级 礼盒 250g"))

    def take_screen() -> None:
        screen.grab().save(str(out / "event_mode.png"))
        report = screen.open_report()
        report.resize(min(width, 1000), min(height - 40, 720))
        report.tabs.setCurrentIndex(2)  # the chart
        QTimer.singleShot(1200, lambda: take_report(report))

    def take_report(report) -> None:  # type: ignore[no-untyped-def]
        report.grab().save(str(out / "event_report.png"))
        app.quit()

    QTimer.singleShot(1500, take_screen)  # fonts and layouts settle first
    app.exec()


def main(out: str = str(HERE), language: str = "zh_CN", size: str = "1024x768") -> None:
    if not os.environ.get("DISPLAY"):
        from tests.e2e.x11 import x_session

        with x_session(size) as env:
            subprocess.run([sys.executable, __file__, out, language, size], env=env, check=True)
        return
    shoot(Path(out), language, size)


if __name__ == "__main__":
    main(*sys.argv[1:])

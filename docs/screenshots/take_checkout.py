"""Take the README's screenshot of the checkout window: demo data, four lines
(one weighed), a resident, the tea category open in the grid.

    PYTHONPATH=. xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python \\
        docs/screenshots/take_checkout.py docs/screenshots/checkout.png [zh_CN|en] [1366x768]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from pos_app.app import build_context
from pos_app.core.barcodes import with_check_digit
from pos_app.demo import demo_code
from pos_app.ui.launch import create_window, install_translators

WATER, RICE, TEA = "6975321000012", "6921445000018", "6937862000012"
DUCK_LABEL = with_check_digit("21" + "10001" + "02320")  # ¥23.20 of duck neck, by weight


def main(out: str, language: str = "zh_CN", size: str = "1366x768") -> None:
    app = QApplication(sys.argv)
    install_translators(app, language)
    width, height = (int(n) for n in size.split("x"))
    context = build_context(Path(tempfile.mkdtemp()), demo=True)
    window = create_window(app, context)
    window.show()
    window.setGeometry(0, 0, width, height)
    for code in (WATER, RICE, TEA, DUCK_LABEL, demo_code("R0001")):
        window.process_scan(code)
    window.grid.show_category("tea")

    def shoot() -> None:
        window.grab().save(out)
        app.quit()

    QTimer.singleShot(1500, shoot)  # fonts and layouts settle first
    app.exec()


if __name__ == "__main__":
    main(*sys.argv[1:])

"""A sale by touch alone on a real X server, a screenshot of each step.

The till runs on the display as a cashier would see it (maximised by the
window manager); every input is a pointer tap sent through the X server with
`xdotool` at the middle of the widget a finger would touch: no key is pressed.
The steps: the shift opened with a ¥200 float, a product from the grid (and +
for a second one), a resident found by the last four digits of their phone, a
无码商品 (no-code item) of ¥12.85, then cash on the payment window's number pad,
with 抹零 to the 角.

    DISPLAY=:N python docs/screenshots/touch_walkthrough.py OUT_DIR [zh_CN|en]

Used by tests/e2e/test_touch_walkthrough.py (which asserts the stored sale) and
to refresh docs/screenshots/walkthrough/. Prints one JSON line: the steps done
and the sale as stored.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QModelIndex, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QTableView, QWidget

from pos_app.app import build_context
from pos_app.ui.launch import create_window, install_translators

STEP_MS = 900  # between taps: the till answers, the window manager and X catch up


def tap_at(widget: QWidget, x: int | None = None, y: int | None = None) -> None:
    """A finger on `widget` (its middle, or the point given in its coordinates)."""
    if widget.visibleRegion().isEmpty():  # scrolled away or covered: no finger reaches it
        raise LookupError(f"{widget.objectName() or type(widget).__name__} is not on screen")
    rect = widget.rect()
    point = widget.mapToGlobal(rect.center() if x is None or y is None else rect.topLeft())
    if x is not None and y is not None:
        point.setX(point.x() + x)
        point.setY(point.y() + y)
    subprocess.run(
        ["xdotool", "mousemove", str(point.x()), str(point.y()), "click", "1"],
        check=True,
        timeout=20,
    )


def visible(kind: type[QWidget], test: Callable[[QWidget], bool]) -> QWidget:
    """The widget a finger would reach: in the open dialog when there is one."""
    modal = QApplication.activeModalWidget()
    tops = [modal] if modal is not None else QApplication.topLevelWidgets()
    for top in tops:
        if not top.isVisible():
            continue
        for widget in [top, *top.findChildren(kind)]:
            if isinstance(widget, kind) and widget.isVisible() and test(widget):
                return widget
    raise LookupError(f"no visible {kind.__name__} matching the step")


def button(text_part: str, *, exact: bool = False) -> QAbstractButton:
    def fits(b: QWidget) -> bool:
        text = b.text()  # type: ignore[attr-defined]
        return text == text_part if exact else text_part in text

    found = visible(QAbstractButton, fits)
    assert isinstance(found, QAbstractButton)
    return found


def named(name: str) -> QWidget:
    return visible(QWidget, lambda w: w.objectName() == name)


def tile(name: str) -> QWidget:
    # the tile breaks a long name over two lines: compare the words
    label = visible(
        QLabel,
        lambda w: w.objectName() == "tileName" and w.text().split() == name.split(),  # type: ignore[attr-defined]
    )
    parent = label.parentWidget()
    assert parent is not None
    return parent


def main(out_dir: str, language: str = "zh_CN") -> None:
    # a cashier opens the shift by touch too: never the tests' automatic one
    os.environ.pop("YUANCANG_TEST_OPEN_SHIFT", None)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv)
    install_translators(app, language)
    data = Path(tempfile.mkdtemp(prefix="walkthrough-"))
    context = build_context(data, demo=True)
    context.save_setting("store.cash_rounding", "jiao")
    window = create_window(app, context)
    window.showMaximized()
    done: list[str] = []

    def shot(name: str) -> None:
        subprocess.run(["import", "-window", "root", str(out / f"{name}.png")], check=True)
        done.append(name)

    def key(label: str) -> None:
        """A key of the right-hand panel, turning its pages by touch until it shows."""
        for _ in range(4):
            try:
                tap_at(button(label))
                return
            except LookupError:
                tap_at(named("morePage"))
                QApplication.processEvents()
        raise LookupError(label)

    def first_row(view_name: str) -> None:
        view = named(view_name)
        assert isinstance(view, QTableView)
        rect = view.visualRect(view.model().index(0, 0, QModelIndex()))
        tap_at(view.viewport(), rect.center().x() + 40, rect.center().y())

    steps: list[tuple[str, Callable[[], None]]] = [
        # the cashier signs in: their name tile, their PIN on the pad
        ("", lambda: tap_at(named("staffTile_demo-cashier-wang"))),
        *[("", lambda d=d: tap_at(named(f"padKey_{d}"))) for d in ("1", "3", "5", "7")],
        ("00-sign-in", lambda: None),
        ("", lambda: tap_at(named("padKey_↵"))),
        # then opens the shift with its float
        ("", lambda: key("Ctrl+Shift+O")),  # Open shift
        *[("", lambda k=k: tap_at(named(f"padKey_{k}"))) for k in ("2", "0", "0")],
        ("01-open-shift", lambda: None),
        ("", lambda: tap_at(named("padKey_↵"))),
        ("", lambda: tap_at(button("饮用水", exact=True))),  # the category, by its name
        ("", lambda: tap_at(tile("农夫山泉 饮用天然水 550ml"))),
        ("", lambda: tap_at(button("+", exact=True))),
        ("02-grid-sale", lambda: None),
        ("", lambda: key("Ctrl+M")),
        *[("", lambda d=d: tap_at(named(f"key_{d}"))) for d in "1234"],
        ("03-phone-candidates", lambda: None),
        ("", lambda: first_row("phoneCandidates")),
        ("04-resident", lambda: None),
        ("", lambda: key("[F1]")),
        ("", lambda: tap_at(button("茶叶"))),
        *[("", lambda d=d: tap_at(button(d, exact=True))) for d in ("1", "2", ".", "8", "5")],
        ("05-no-code-item", lambda: None),
        ("", lambda: tap_at(named("openPriceAdd"))),
        ("06-cart", lambda: None),
        ("", lambda: tap_at(named("payButton"))),
        ("07-payment-rounding", lambda: None),
        *[("", lambda k=k: tap_at(named(f"padKey_{k}"))) for k in ("5", "0", "↵")],
        ("08-paid", lambda: None),
    ]

    def run(index: int = 0) -> None:
        if index == len(steps):
            finish()
            return
        name, action = steps[index]
        try:
            action()
            if name:
                shot(name)
        except Exception as exc:  # the JSON says which step failed; the test shows it
            report({"error": f"step {index} ({name or 'tap'}): {exc!r}", "done": done})
            app.exit(1)
            return
        QTimer.singleShot(STEP_MS, lambda: run(index + 1))

    def report(payload: dict[str, object]) -> None:
        print(json.dumps(payload, ensure_ascii=False), flush=True)

    def finish() -> None:
        with sqlite3.connect(data / "pos.db") as conn:
            sale = conn.execute(
                "SELECT receipt_no, total_fen, rounding_fen, change_fen FROM sales"
            ).fetchall()
            lines = conn.execute(
                "SELECT name, quantity, amount_fen, open_price FROM sale_lines ORDER BY line_no"
            ).fetchall()
            member = conn.execute("SELECT resident_id FROM sale_members").fetchall()
            payments = conn.execute("SELECT kind, amount_fen, tendered_fen FROM sale_payments")
            paid = payments.fetchall()
            shifts = conn.execute("SELECT float_fen, closed_at FROM shifts").fetchall()
        report(
            {
                "done": done,
                "sales": sale,
                "lines": lines,
                "member": member,
                "payments": paid,
                "shifts": shifts,
            }
        )
        window.close()
        context.close()
        app.exit(0)

    QTimer.singleShot(2000, run)  # the window maximised and drawn first
    sys.exit(app.exec())


if __name__ == "__main__":
    main(*sys.argv[1:])

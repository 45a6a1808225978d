"""The layout checker finds each kind of breakage it promises, and passes a
dialog that has none (a checker that cannot fail would prove nothing)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tests.gui.layout_check import layout_problems

SCREEN = QSize(1024, 698)


DIALOG = QSize(400, 300)


def _shown(qtbot, *widgets: QWidget, size: QSize = DIALOG) -> QDialog:
    dialog = QDialog()
    layout = QVBoxLayout(dialog)
    for widget in widgets:
        layout.addWidget(widget)
    qtbot.addWidget(dialog)
    dialog.resize(size)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_a_clean_dialog_passes(qtbot) -> None:
    label = QLabel("Amount")
    field = QLineEdit()
    field.setPlaceholderText("12.50")
    dialog = _shown(qtbot, label, field, QPushButton("OK"))
    assert layout_problems(dialog, SCREEN) == []


def test_button_text_wider_than_the_button(qtbot) -> None:
    button = QPushButton("Return everything that was sold")
    button.setFixedWidth(60)
    dialog = _shown(qtbot, button)
    [problem] = layout_problems(dialog, SCREEN)
    assert problem.startswith("button text does not fit: QPushButton")


def test_two_line_button_too_low(qtbot) -> None:
    button = QPushButton("Pay\n[F12]")
    button.setFixedHeight(20)
    dialog = _shown(qtbot, button)
    assert any("button text does not fit" in p for p in layout_problems(dialog, SCREEN))


def test_label_cut_and_wrapped_label_too_low(qtbot) -> None:
    cut = QLabel("¥58.00/kg · 0.400 kg · ¥23.20")
    cut.setFixedWidth(40)
    wrapped = QLabel("This sale earns 1,539 (¥15.39) points " * 4)
    wrapped.setWordWrap(True)
    wrapped.setFixedSize(120, 20)
    dialog = _shown(qtbot, cut, wrapped)
    problems = layout_problems(dialog, SCREEN)
    assert len(problems) == 2 and all(p.startswith("label clipped") for p in problems)


def test_widget_outside_its_window(qtbot) -> None:
    dialog = _shown(qtbot, QLabel("x"))
    stray = QPushButton("OK", dialog)
    stray.setGeometry(380, 10, 80, 30)  # the dialog is 400 wide
    stray.show()
    assert any(p.startswith("outside its window") for p in layout_problems(dialog, SCREEN))


def test_window_larger_than_the_screen(qtbot) -> None:
    dialog = _shown(qtbot, QLabel("x"), size=QSize(600, 900))
    assert any("larger than the screen" in p for p in layout_problems(dialog, SCREEN))


def test_table_with_a_column_behind_the_scroll_bar(qtbot) -> None:
    model = QStandardItemModel(3, 5)
    view = QTableView()
    view.setModel(model)
    for column in range(5):
        view.setColumnWidth(column, 200)
    dialog = _shown(qtbot, view)
    assert any(p.startswith("table columns wider") for p in layout_problems(dialog, SCREEN))
    # a file's preview that says it scrolls sideways (any number of columns) is not a fault
    view.setProperty("scrollsSideways", True)
    assert not any(p.startswith("table columns wider") for p in layout_problems(dialog, SCREEN))


def test_placeholder_cut(qtbot) -> None:
    field = QLineEdit()
    field.setPlaceholderText("Scan, or type barcode / SKU / pinyin initials")
    field.setFixedWidth(120)
    dialog = _shown(qtbot, field)
    assert any(p.startswith("placeholder cut") for p in layout_problems(dialog, SCREEN))

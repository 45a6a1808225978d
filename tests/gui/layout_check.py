"""A reusable layout checker for windows and dialogs: what a cashier would
see as broken on a small screen.

`layout_problems(top, screen)` lists, as sentences naming the widget:
- a window larger than the screen;
- a visible widget reaching outside its window (content scrolled inside a
  scroll area is exempt: it is reached by scrolling);
- a button whose text does not fit (each line of it, by font metrics);
- a label whose text is clipped (one line too wide, or wrapped text taller
  than the label);
- an empty field whose placeholder (what to type there) is cut;
- a table whose columns need a horizontal scroll bar (a column hidden behind it).

Adding a dialog to tests/gui/test_layout_sizes.py is one line: a factory
that builds it from the test's fixtures.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QCheckBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QTableView,
    QWidget,
)

SLACK = 1  # pixels of rounding allowed


def _name(widget: QWidget) -> str:
    text = ""
    if isinstance(widget, (QAbstractButton, QLabel)):
        text = f" {widget.text()!r}"[:60]
    return f"{type(widget).__name__}#{widget.objectName() or '?'}{text}"


def _scrolled(widget: QWidget, top: QWidget) -> bool:
    """Inside the scrolled content of a scroll area below `top`."""
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        area = parent.parentWidget()
        if isinstance(area, QAbstractScrollArea) and area.viewport() is parent:
            return True
        parent = area
    return False


def _shown(widget: QWidget, top: QWidget) -> bool:
    return (
        widget.isVisible() and widget.width() > 0 and widget.height() > 0 and widget.window() is top
    )


def _button_problem(button: QAbstractButton) -> str | None:
    text = button.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    if not text:
        return None
    metrics = button.fontMetrics()
    lines = text.split("\n")
    wide = max(metrics.horizontalAdvance(line) for line in lines)
    high = len(lines) * metrics.lineSpacing()
    style = button.style()
    if isinstance(button, (QCheckBox, QRadioButton)):
        indicator = style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth) + style.pixelMetric(
            QStyle.PixelMetric.PM_CheckBoxLabelSpacing
        )
        room = QSize(button.width() - indicator, button.height())
    else:
        option = QStyleOptionButton()
        option.initFrom(button)
        contents = style.subElementRect(QStyle.SubElement.SE_PushButtonContents, option, button)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_ButtonMargin, option, button)
        room = QSize(contents.width() - margin, contents.height())
        if isinstance(button, QPushButton) and not button.icon().isNull():
            room.setWidth(room.width() - button.iconSize().width() - 4)
    if wide > room.width() + SLACK or high > room.height() + SLACK:
        return (
            f"button text does not fit: {_name(button)} needs {wide}×{high},"
            f" has {room.width()}×{room.height()}"
        )
    return None


def _label_problem(label: QLabel) -> str | None:
    text = label.text()
    if not text or (label.pixmap() is not None and not label.pixmap().isNull()):
        return None
    room = label.contentsRect()
    room.adjust(label.margin(), label.margin(), -label.margin(), -label.margin())
    metrics = label.fontMetrics()
    rich = label.textFormat() == Qt.TextFormat.RichText or text.lstrip().startswith("<")
    if rich and label.textFormat() != Qt.TextFormat.PlainText:
        doc = QTextDocument()
        doc.setDefaultFont(label.font())
        doc.setHtml(text)
        if label.wordWrap():
            doc.setTextWidth(room.width())
        size = doc.size().toSize()
        wide, high = (0 if label.wordWrap() else size.width() - 8), size.height() - 8
    elif label.wordWrap():
        # Qt's own height for the text at this width (as the non-wrapped case,
        # by the label's font metrics)
        wide, high = 0, label.heightForWidth(label.width()) - label.margin() * 2
    else:
        lines = text.split("\n")
        wide = max(metrics.horizontalAdvance(line) for line in lines)
        high = len(lines) * metrics.height()
    if wide > room.width() + SLACK or high > room.height() + SLACK:
        return (
            f"label clipped: {_name(label)} needs {wide}×{high}, has {room.width()}×{room.height()}"
        )
    return None


def _placeholder_problem(field: QLineEdit) -> str | None:
    """An empty field's hint must be read whole: it says what to type there."""
    # frame, style-sheet padding and text margins: about 12 px a side
    room = field.width() - 24
    need = field.fontMetrics().horizontalAdvance(field.placeholderText())
    if need > room:
        return (
            f"placeholder cut: {_name(field)} {field.placeholderText()!r} needs {need}, has {room}"
        )
    return None


def layout_problems(top: QWidget, screen: QSize) -> list[str]:
    problems: list[str] = []
    frame = top.frameGeometry().size()
    size = top.size()
    if size.width() > screen.width() or size.height() > screen.height():
        problems.append(
            f"{_name(top)} is {size.width()}×{size.height()} (frame {frame.width()}×"
            f"{frame.height()}), larger than the screen {screen.width()}×{screen.height()}"
        )
    inside = top.rect()
    for widget in top.findChildren(QWidget):
        if not _shown(widget, top):
            continue
        if not _scrolled(widget, top):
            corner = widget.mapTo(top, QPoint(0, 0))
            rect = QRect(corner, widget.size()).adjusted(SLACK, SLACK, -SLACK, -SLACK)
            if not inside.contains(rect):
                problems.append(
                    f"outside its window: {_name(widget)} at {QRect(corner, widget.size())}"
                )
                continue
        problem = None
        if isinstance(widget, QAbstractButton):
            problem = _button_problem(widget)
        elif isinstance(widget, QLabel):
            problem = _label_problem(widget)
        elif isinstance(widget, QLineEdit) and not widget.text() and widget.placeholderText():
            problem = _placeholder_problem(widget)
        elif (
            isinstance(widget, QTableView)
            and widget.model() is not None
            # a file's preview may have more columns than any screen: it says so
            and not widget.property("scrollsSideways")
        ):
            bar = widget.horizontalScrollBar()
            if bar.maximum() > 0:
                problem = (
                    f"table columns wider than the table: {_name(widget)}"
                    f" scrolls {bar.maximum()} px"
                )
        if problem:
            problems.append(problem)
    return problems

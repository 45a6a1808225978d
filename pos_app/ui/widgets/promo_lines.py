"""A cart line's promotions under its name: the name cell of the cart table
painted on two lines, the product's name and, smaller and in green, each
promotion that applied with its saving ("满100减10 −¥2.14").

The delegate only paints what it is told (`note_of(row)`, from the engine's
result); rows without a promotion paint exactly as before. A note too long
for the column is elided, and shown whole as the cell's tooltip.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QHelpEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QWidget,
)

from pos_app.ui.widgets.tables import ROW_HEIGHT

NOTE_COLOR = QColor("#2e7d32")  # the green of savings, as on the totals' last sale
NOTE_SCALE = 0.8  # the note's size against the line's: read, but second to the name

Index = QModelIndex | QPersistentModelIndex


def note_font(font: QFont) -> QFont:
    smaller = QFont(font)
    size = font.pointSizeF()
    if size > 0:
        smaller.setPointSizeF(max(size * NOTE_SCALE, 8.0))
    return smaller


def promo_row_height(view: QWidget) -> int:
    """A row with a note: the usual row, plus one line of the note's font."""
    view.ensurePolished()
    return ROW_HEIGHT + QFontMetrics(note_font(view.font())).lineSpacing() + 2


class PromoLineDelegate(QStyledItemDelegate):
    def __init__(self, view: QAbstractItemView, note_of: Callable[[int], str]) -> None:
        super().__init__(view)
        self.note_of = note_of

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        note = self.note_of(index.row())
        if not note:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        name = opt.text
        opt.text = ""  # the background and selection as usual, the two texts by hand
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        name_height = min(ROW_HEIGHT, text_rect.height())
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.save()
        painter.setFont(opt.font)
        painter.setPen(opt.palette.color(role))
        name_rect = QRect(text_rect.left(), text_rect.top(), text_rect.width(), name_height)
        elided = QFontMetrics(opt.font).elidedText(
            name, Qt.TextElideMode.ElideRight, name_rect.width()
        )
        painter.drawText(name_rect, left, elided)
        small = note_font(opt.font)
        painter.setFont(small)
        # on the selection's colour the green would not read: the selection's text colour
        painter.setPen(opt.palette.color(role) if selected else NOTE_COLOR)
        note_rect = QRect(
            text_rect.left(),
            text_rect.top() + name_height,
            text_rect.width(),
            text_rect.height() - name_height,
        )
        elided = QFontMetrics(small).elidedText(
            note, Qt.TextElideMode.ElideRight, note_rect.width()
        )
        painter.drawText(note_rect, left, elided)
        painter.restore()

    def helpEvent(
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: Index,
    ) -> bool:
        """The whole note as the tooltip: an elided one is still read in full."""
        note = self.note_of(index.row()) if index.isValid() else ""
        if note and event.type() == QHelpEvent.Type.ToolTip:
            model = index.model()
            name = model.data(index) if isinstance(model, QAbstractItemModel) else ""
            QToolTip.showText(event.globalPos(), f"{name}\n{note}", view)
            return True
        return super().helpEvent(event, view, option, index)

"""A receipt as it will print: the preview image drawn from its decoded ESC/POS
bytes, with Print and Close."""

from __future__ import annotations

from PIL import Image
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication, QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from pos_app.receipts.preview import render_preview
from pos_app.receipts.profiles import PrinterProfile


def to_qimage(image: Image.Image) -> QImage:
    grey = image.convert("L")
    data = grey.tobytes()
    # copy(): the QImage must not keep pointing into the Python bytes
    return QImage(data, grey.width, grey.height, grey.width, QImage.Format.Format_Grayscale8).copy()


def _room(parent: QWidget | None) -> int:
    """The height a dialog may take: the till window's (the outermost window it
    opens from, through the history dialog), else the screen's."""
    top = parent
    while top is not None and top.parentWidget() is not None:
        top = top.parentWidget()
    if top is not None and top.isVisible():
        return max(MIN_HEIGHT, top.height() - 40)
    screen = QGuiApplication.primaryScreen()
    return max(MIN_HEIGHT, screen.availableGeometry().height() - 80) if screen else 600


MIN_HEIGHT = 400


class ReceiptPreviewDialog(QDialog):
    sig_print_requested = Signal()

    def __init__(
        self, image: Image.Image, parent: QWidget | None = None, *, can_print: bool = True
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Receipt preview"))
        self.image = image
        layout = QVBoxLayout(self)
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.picture.setPixmap(QPixmap.fromImage(to_qimage(image)))
        self.picture.setStyleSheet("background: white;")
        scroll = QScrollArea()
        scroll.setWidget(self.picture)
        scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        scroll.setMinimumWidth(image.width + 40)
        layout.addWidget(scroll)
        buttons = QDialogButtonBox()
        self.print_button = QPushButton(self.tr("Print"))
        self.print_button.setEnabled(can_print)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.print_button.clicked.connect(self._on_print_clicked)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        # as tall as the receipt, but never taller than the till's window (or screen):
        # the paper scrolls inside, the buttons stay on the screen
        self.resize(image.width + 80, min(_room(parent), image.height + 120))

    @classmethod
    def for_job(
        cls, job: bytes, profile: PrinterProfile, parent: QWidget | None = None, **kwargs: bool
    ) -> ReceiptPreviewDialog:
        return cls(render_preview(job, profile), parent, **kwargs)

    def image_size(self) -> QSize:
        return self.picture.pixmap().size()

    def _on_print_clicked(self) -> None:
        self.sig_print_requested.emit()
        self.accept()

"""Camera settings: choose the counter camera, see its picture, try a code on it.

The dialog runs the given `CameraScanner` on the chosen camera with a live
preview while it is open, shows the last code read, and stops the camera when
it closes. The caller stores `selected_device_id()` after `exec()` accepts.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtMultimedia import QCameraDevice, QMediaDevices
from PySide6.QtMultimediaWidgets import QVideoWidget
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from pos_app.hardware.codes import Symbology
from pos_app.ui.camera_scanner import CameraScanner

_SHOWN_QR_CHARS = 12  # a membership QR is a credential: show only its start


class CameraDialog(QDialog):
    def __init__(
        self,
        scanner: CameraScanner,
        current_device_id: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.scanner = scanner
        self._released = False
        self.setWindowTitle(self.tr("Camera"))
        self.setObjectName("cameraDialog")
        self.setMinimumSize(480, 420)
        self._devices: list[QCameraDevice] = list(QMediaDevices.videoInputs())

        self.camera_combo = QComboBox()
        if not self._devices:
            self.camera_combo.addItem(self.tr("No camera"))
            self.camera_combo.setEnabled(False)
        for device in self._devices:
            self.camera_combo.addItem(device.description(), device.id())
        self.preview = QVideoWidget()
        self.preview.setMinimumSize(320, 240)
        self.status_label = QLabel()
        self.last_code_label = QLabel(self.tr("No code read yet."))
        self.last_code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        form = QFormLayout()
        form.addRow(self.tr("Camera:"), self.camera_combo)
        form.addRow(self.tr("Last code:"), self.last_code_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(buttons)

        scanner.sig_code_read.connect(self.on_scanner_code_read)
        scanner.sig_camera_failed.connect(self.on_scanner_camera_failed)
        self.camera_combo.currentIndexChanged.connect(self.on_camera_combo_changed)
        self._select(current_device_id)
        self.on_camera_combo_changed(self.camera_combo.currentIndex())

    def _select(self, device_id: str) -> None:
        for index, device in enumerate(self._devices):
            if device_id_of(device) == device_id:
                self.camera_combo.setCurrentIndex(index)

    def selected_device(self) -> QCameraDevice | None:
        index = self.camera_combo.currentIndex()
        return self._devices[index] if 0 <= index < len(self._devices) else None

    def selected_device_id(self) -> str:
        """The chosen camera's id (empty: none), to store as a setting."""
        device = self.selected_device()
        return "" if device is None else device_id_of(device)

    def on_camera_combo_changed(self, _index: int) -> None:
        device = self.selected_device()
        if device is None or not self.scanner.start_camera(device, preview=self.preview):
            self.status_label.setText(self.tr("No camera: codes can still be scanned by hand."))
        else:
            self.status_label.setText(self.tr("Hold a code in front of the camera."))

    def on_scanner_code_read(self, text: str, symbology: Symbology) -> None:
        if symbology is Symbology.QR and len(text) > _SHOWN_QR_CHARS:
            text = text[:_SHOWN_QR_CHARS] + "…"
        self.last_code_label.setText(f"{symbology.name}: {text}")

    def on_scanner_camera_failed(self, message: str) -> None:
        self.status_label.setText(self.tr("Camera error: {message}").format(message=message))

    def done(self, result: int) -> None:
        self._release()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._release()
        super().closeEvent(event)

    def _release(self) -> None:
        """Stop the camera and let go of the scanner (it outlives the dialog)."""
        if self._released:  # done() and closeEvent() may both come
            return
        self._released = True
        if self.scanner.sink is self.preview.videoSink():
            self.scanner.stop()
        self.scanner.sig_code_read.disconnect(self.on_scanner_code_read)
        self.scanner.sig_camera_failed.disconnect(self.on_scanner_camera_failed)


def device_id_of(device: QCameraDevice) -> str:
    raw = device.id()
    return bytes(raw.data()).decode("utf-8", "replace") if isinstance(raw, QByteArray) else str(raw)

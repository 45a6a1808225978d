"""The counter camera in the checkout window: started from settings, its reads
go exactly where a USB scanner's go. Created only when used: QtMultimedia
costs start-up time a scanner-only till need not pay."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog

from pos_app.options import CameraSettings

if TYPE_CHECKING:
    from pos_app.ui.camera_scanner import CameraScanner
    from pos_app.ui.main_window import MainWindow

log = logging.getLogger("pos_app.camera")


class CameraActions:
    def __init__(self, window: MainWindow) -> None:
        self.w = window
        self.scanner: CameraScanner | None = None

    def ensure_scanner(self) -> CameraScanner:
        if self.scanner is None:
            from pos_app.ui.camera_scanner import CameraScanner

            self.scanner = CameraScanner(parent=self.w)
            self.scanner.sig_code_read.connect(self.on_camera_code_read)
            self.scanner.sig_camera_failed.connect(self.on_camera_failed)
        return self.scanner

    def start(self) -> bool:
        """Start the configured camera (at launch when enabled, after settings)."""
        from PySide6.QtMultimedia import QMediaDevices

        wanted = self.w.context.settings.camera.device_id
        from pos_app.ui.dialogs.camera_dialog import device_id_of

        device = next((d for d in QMediaDevices.videoInputs() if device_id_of(d) == wanted), None)
        started = self.ensure_scanner().start_camera(device)
        if not started:
            self.w.show_message(
                QCoreApplication.translate(
                    "CameraActions", "No camera: scan codes with the scanner."
                )
            )
        return started

    def open_settings(self) -> None:
        from pos_app.ui.dialogs.camera_dialog import CameraDialog

        scanner = self.ensure_scanner()
        scanner.stop_camera()
        dialog = CameraDialog(scanner, self.w.context.settings.camera.device_id, self.w)

        def closed(result: int) -> None:
            dialog.deleteLater()
            if result == QDialog.DialogCode.Accepted:
                device_id = dialog.selected_device_id()
                self.w.context.save_settings(
                    lambda s: replace(s, camera=CameraSettings(bool(device_id), device_id))
                )
            if self.w.context.settings.camera.enabled:
                self.start()

        dialog.finished.connect(closed)
        dialog.open()

    def on_camera_code_read(self, text: str, _symbology: object) -> None:
        # the dialog shows reads while it is open; the checkout takes them otherwise
        if self.w.findChild(QDialog, "cameraDialog") is None:
            self.w.on_scanner_sig_scanned(text)

    def on_camera_failed(self, message: str) -> None:
        self.w.show_message(
            QCoreApplication.translate("CameraActions", "Camera problem: {message}").format(
                message=message
            ),
            error=True,
        )

    def close(self) -> None:
        if self.scanner is not None:
            self.scanner.close()

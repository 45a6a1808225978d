"""The camera's reads reach the checkout exactly as a scanner's do: a membership
QR shown to the camera identifies the resident, a product barcode adds a line.
Frames come from a video file (no camera here) through the same sink path."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QImage

from pos_app.demo import demo_code
from tests.gui.helpers import RICE

pytestmark = pytest.mark.qt_log_ignore(
    r"Couldn't (load|resolve) (va|va-drm|va-x11|va\(in plugin\)|pipewire-0\.3) (library|symbols)",
    # the offscreen platform gives a QVideoWidget's native child window no handle
    r"QBackingStore::flush\(\) called for\s+QVideoWindow",
)


def qr_image(text: str) -> QImage:
    import qrcode

    matrix = qrcode.QRCode(border=4, box_size=6)
    matrix.add_data(text)
    matrix.make(fit=True)
    pil = matrix.make_image(fill_color="black", back_color="white").convert("L")
    canvas = np.full((720, 1280), 255, dtype=np.uint8)
    arr = np.asarray(pil, dtype=np.uint8)
    y, x = (720 - arr.shape[0]) // 2, (1280 - arr.shape[1]) // 2
    canvas[y : y + arr.shape[0], x : x + arr.shape[1]] = arr
    image = QImage(canvas.data, 1280, 720, 1280, QImage.Format.Format_Grayscale8)
    return image.copy()  # own the pixels, not numpy's buffer


def ean_image(code: str) -> QImage:
    from tests.hardware_images import render_ean13

    arr = np.asarray(render_ean13(code), dtype=np.uint8)
    canvas = np.full((720, 1280), 255, dtype=np.uint8)
    y, x = (720 - arr.shape[0]) // 2, (1280 - arr.shape[1]) // 2
    canvas[y : y + arr.shape[0], x : x + arr.shape[1]] = arr
    return QImage(canvas.data, 1280, 720, 1280, QImage.Format.Format_Grayscale8).copy()


def test_camera_reads_identify_resident_and_add_product(qtbot, window):
    scanner = window.camera.ensure_scanner()
    with qtbot.waitSignal(scanner.sig_code_read, timeout=5000):
        scanner.feed_image(ean_image(RICE))
    qtbot.waitUntil(lambda: len(window.checkout.cart.active_lines) == 1, timeout=3000)
    assert window.checkout.cart.active_lines[0].name.startswith("五常大米")
    with qtbot.waitSignal(scanner.sig_code_read, timeout=5000):
        scanner.feed_image(qr_image(demo_code("R0001")))
    qtbot.waitUntil(lambda: window.checkout.member is not None, timeout=3000)
    assert window.customer_panel.name.text() == "张*明"


def test_camera_settings_without_a_camera(qtbot, window):
    window.camera.open_settings()
    from PySide6.QtWidgets import QDialog

    dialog = window.findChild(QDialog, "cameraDialog")
    assert dialog is not None and "No camera" in dialog.camera_combo.currentText()
    dialog.reject()
    assert window.context.settings["camera.enabled"] is False

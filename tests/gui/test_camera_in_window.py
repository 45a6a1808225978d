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
    assert window.context.settings.camera.enabled is False


def test_video_file_resident_then_product_then_sale_and_refund(
    qtbot, window, tmp_path, approve_as_manager
):
    """The whole camera path into the window: a resident's QR and a product's
    barcode in a video file played into the camera scanner's sink, then pay
    and return."""
    from PySide6.QtCore import QUrl
    from PySide6.QtMultimedia import QMediaPlayer, QVideoSink

    from pos_app.hardware.codes import Symbology
    from tests.hardware_images import clean_frame, write_video

    size = (640, 480)
    blank = np.full((size[1], size[0]), 200, np.uint8)
    video = write_video(
        tmp_path,
        [
            (blank, 6),
            (clean_frame(RICE, Symbology.EAN13, size, width=420), 12),
            (blank, 6),
            (clean_frame(demo_code("R0001"), Symbology.QR, size, width=380), 12),
            (blank, 6),
        ],
        fps=12,
    )
    scanner = window.camera.ensure_scanner()
    sink = QVideoSink()
    player = QMediaPlayer()
    player.setVideoSink(sink)
    scanner.attach_sink(sink)
    player.setSource(QUrl.fromLocalFile(str(video)))
    player.play()
    try:
        qtbot.waitUntil(lambda: window.checkout.member is not None, timeout=15_000)
    finally:
        player.stop()
        scanner.attach_sink(None)
    assert [ln.name for ln in window.checkout.cart.active_lines] == ["五常大米 稻花香2号 5kg"]
    assert window.customer_panel.name.text() == "张*明"

    window.open_tender()
    qtbot.waitUntil(lambda: window.tender_dialog is not None)
    dialog = window.tender_dialog
    dialog.take_payment()
    sale = dialog.sale
    assert sale is not None and sale.points == 269
    dialog.accept()
    qtbot.waitUntil(lambda: window.tender_dialog is None)

    window.residents.open_refund("YCR1." + sale.receipt_no)
    refund = window.residents.refund_dialog
    refund.model.request_all()
    refund.confirm()
    refund.confirmation.confirm_button.click()  # the confirmation with the amounts
    approve_as_manager()  # every refund needs a manager's PIN
    assert refund.done_refund is not None and refund.done_refund.plan.points_clawback == 269
    assert window.context.members.repo.resident("R0001").shown_balance == 1280

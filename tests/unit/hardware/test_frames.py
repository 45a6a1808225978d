"""Grey copies of QImages and video frames, and the duplicate-read filter."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage

from pos_app.hardware.frames import DuplicateFilter, qimage_to_gray


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _gray_image(pixels: np.ndarray, stride: int) -> tuple[QImage, bytearray]:
    """A Grayscale8 QImage over a buffer whose rows are `stride` bytes apart."""
    height, width = pixels.shape
    buffer = bytearray(b"\xee" * (stride * height))  # padding bytes are not pixels
    padded = np.frombuffer(buffer, np.uint8).reshape(height, stride)
    padded[:, :width] = pixels
    image = QImage(buffer, width, height, stride, QImage.Format.Format_Grayscale8)
    return image, buffer


def test_stride_padding_is_cut_off() -> None:
    pixels = np.arange(7 * 5, dtype=np.uint8).reshape(5, 7)
    image, _buffer = _gray_image(pixels, stride=12)
    assert image.bytesPerLine() == 12 != image.width()
    gray = qimage_to_gray(image)
    assert gray.shape == (5, 7)
    assert gray.flags.c_contiguous and gray.flags.owndata
    np.testing.assert_array_equal(gray, pixels)


def test_odd_width_rgb_image_is_converted_row_by_row() -> None:
    image = QImage(QSize(13, 3), QImage.Format.Format_RGB888)  # rows padded to 4 bytes
    assert image.bytesPerLine() != 13 * 3
    image.fill(QColor(0, 0, 0))
    for x in range(13):
        image.setPixelColor(x, 1, QColor(255, 255, 255))
    gray = qimage_to_gray(image)
    assert gray.shape == (3, 13)
    assert (gray[1] == 255).all() and (gray[0] == 0).all() and (gray[2] == 0).all()


def test_the_copy_does_not_share_memory_with_the_image() -> None:
    pixels = np.full((4, 6), 10, np.uint8)
    image, buffer = _gray_image(pixels, stride=8)
    gray = qimage_to_gray(image)
    buffer[0] = 99  # the image's pixels change after the copy …
    assert gray[0, 0] == 10  # … the copy does not
    gray[1, 1] = 200
    assert image.pixelColor(1, 1).red() == 10
    image.fill(0)
    del image, buffer
    assert gray[2, 2] == 10


def test_null_image_gives_an_empty_array() -> None:
    assert qimage_to_gray(QImage()).shape == (0, 0)


def test_duplicate_filter_ignores_a_repeat_within_the_window() -> None:
    clock = FakeClock()
    dup = DuplicateFilter(2.0, clock=clock)
    assert dup.is_duplicate("6901234567892") is False
    clock.now += 1.0
    assert dup.is_duplicate("6901234567892") is True
    assert dup.is_duplicate("YCM1.a.b") is False  # another text is not a repeat


def test_duplicate_window_slides_while_the_code_stays_in_view() -> None:
    clock = FakeClock()
    dup = DuplicateFilter(2.0, clock=clock)
    assert not dup.is_duplicate("A")
    for _ in range(10):  # seen every 1.5 s for 15 s: still the same presentation
        clock.now += 1.5
        assert dup.is_duplicate("A")
    clock.now += 2.0  # out of sight for the whole window: a new read
    assert not dup.is_duplicate("A")


def test_duplicate_filter_reset_and_zero_window() -> None:
    clock = FakeClock()
    dup = DuplicateFilter(2.0, clock=clock)
    dup.is_duplicate("A")
    dup.reset()
    assert not dup.is_duplicate("A")
    never = DuplicateFilter(0.0, clock=clock)
    assert not never.is_duplicate("A") and not never.is_duplicate("A")
    with pytest.raises(ValueError):
        DuplicateFilter(-1.0)


def test_hardware_modules_import_without_qt() -> None:
    """Services may use the reading port and the filter without pulling in Qt."""
    script = (
        "import sys\n"
        "import pos_app.hardware.codes, pos_app.hardware.readers, pos_app.hardware.frames\n"
        "import pos_app.hardware.agreement\n"
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "[]"

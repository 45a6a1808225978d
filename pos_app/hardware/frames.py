"""Pure helpers between Qt pictures and decoders: grey copies of frames, repeat filter.

`qimage_to_gray` and `video_frame_to_gray` return a numpy array that OWNS its
pixels: a decoder may keep it on another thread after the QImage or video
frame has gone (an array over a QImage's buffer would dangle). Row padding
(`bytesPerLine` > width) is cut off, so the result is always C-contiguous.

`DuplicateFilter` decides whether a read repeats one made moments ago: a
camera sees the same code in many frames in a row.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from pos_app.hardware.codes import GrayFrame

if TYPE_CHECKING:  # Qt is imported when a picture comes: the filter and services need none
    from PySide6.QtGui import QImage
    from PySide6.QtMultimedia import QVideoFrame


def _rows(buffer: memoryview, height: int, stride: int, width_bytes: int) -> np.ndarray:
    """The `height` × `width_bytes` pixels of a padded buffer, as a view (not a copy)."""
    flat = np.frombuffer(buffer, dtype=np.uint8, count=height * stride)
    return flat.reshape(height, stride)[:, :width_bytes]


def qimage_to_gray(image: QImage) -> GrayFrame:
    """A grey copy of `image` (any format), rows × cols, uint8."""
    from PySide6.QtGui import QImage

    if image.isNull():
        return np.zeros((0, 0), np.uint8)
    if image.format() != QImage.Format.Format_Grayscale8:
        image = image.convertToFormat(QImage.Format.Format_Grayscale8)
    width, height = image.width(), image.height()
    rows = _rows(image.constBits(), height, image.bytesPerLine(), width)
    return rows.copy()  # owns its pixels, contiguous, no padding


# Pixel formats whose first plane is 8-bit luma: the grey picture is just that plane.
_LUMA8 = {
    "Format_YUV420P",
    "Format_YUV422P",
    "Format_YV12",
    "Format_NV12",
    "Format_NV21",
    "Format_IMC1",
    "Format_IMC2",
    "Format_IMC3",
    "Format_IMC4",
    "Format_Y8",
}
# 16-bit luma planes: how far to shift right to keep the top 8 bits.
_LUMA16 = {"Format_P010": 8, "Format_P016": 8, "Format_Y16": 8, "Format_YUV420P10": 2}
# Packed formats: (bytes per pixel, offset of Y) or (bytes per pixel, offsets of R, G, B).
_PACKED_Y = {"Format_YUYV": (2, 0), "Format_UYVY": (2, 1), "Format_AYUV": (4, 1)}
_PACKED_RGB = {
    "Format_XRGB8888": (1, 2, 3),
    "Format_ARGB8888": (1, 2, 3),
    "Format_ARGB8888_Premultiplied": (1, 2, 3),
    "Format_BGRX8888": (2, 1, 0),
    "Format_BGRA8888": (2, 1, 0),
    "Format_BGRA8888_Premultiplied": (2, 1, 0),
    "Format_RGBX8888": (0, 1, 2),
    "Format_RGBA8888": (0, 1, 2),
    "Format_XBGR8888": (3, 2, 1),
    "Format_ABGR8888": (3, 2, 1),
}


def video_frame_to_gray(frame: QVideoFrame) -> GrayFrame:
    """A grey copy of a camera or video frame; the luma plane when there is one.

    Most cameras and decoders give YUV: copying the Y plane is ~1 MB of memcpy
    for 1280×720, far cheaper than a colour conversion. Formats not listed go
    through `QVideoFrame.toImage()`.
    """
    from PySide6.QtMultimedia import QVideoFrame

    if not frame.isValid():
        return np.zeros((0, 0), np.uint8)
    name = frame.pixelFormat().name
    width, height = frame.width(), frame.height()
    known = name in _LUMA8 or name in _LUMA16 or name in _PACKED_Y or name in _PACKED_RGB
    if not known or not frame.map(QVideoFrame.MapMode.ReadOnly):
        return qimage_to_gray(frame.toImage())
    try:
        stride, bits = frame.bytesPerLine(0), frame.bits(0)
        if name in _LUMA8:
            return _rows(bits, height, stride, width).copy()
        if name in _LUMA16:
            rows = _rows(bits, height, stride, width * 2)
            luma = rows.copy().view("<u2")  # copy: the view below needs aligned rows
            return np.ascontiguousarray((luma >> _LUMA16[name]).clip(0, 255).astype(np.uint8))
        if name in _PACKED_Y:
            size, offset = _PACKED_Y[name]
            return _rows(bits, height, stride, width * size)[:, offset::size].copy()
        r, g, b = (
            _rows(bits, height, stride, width * 4)[:, i::4].astype(np.uint16)
            for i in _PACKED_RGB[name]
        )
        return ((r * 77 + g * 150 + b * 29) >> 8).astype(np.uint8)  # BT.601 luma
    finally:
        frame.unmap()


class DuplicateFilter:
    """Says whether a read repeats the same text read less than `window_s` ago.

    The window slides: each read of a text restarts its window, so a code held
    in front of the camera for a minute is reported once, and again only after
    it has been out of sight for `window_s`.
    """

    def __init__(self, window_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        if window_s < 0:
            raise ValueError("window_s must not be negative")
        self.window_s = window_s
        self._clock = clock
        self._last_read: dict[str, float] = {}

    def is_duplicate(self, text: str) -> bool:
        """True when `text` should be ignored; records this read either way."""
        now = self._clock()
        # Forget old texts so a long shift does not grow the dictionary forever.
        self._last_read = {t: at for t, at in self._last_read.items() if now - at < self.window_s}
        duplicate = text in self._last_read
        self._last_read[text] = now
        return duplicate

    def reset(self) -> None:
        self._last_read.clear()

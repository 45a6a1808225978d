"""Camera frames in, codes out: the camera pipeline behind `CameraScanner`.

Frames arrive on the GUI thread from a `QVideoSink` (a real camera through a
`QMediaCaptureSession`, or a `QMediaPlayer` in tests). Only the newest frame
is kept; at most `max_fps` times a second, and only when the single decode
worker is idle, it is copied to a grey array here and decoded on the worker
thread. Frames that arrive meanwhile replace the kept one and are counted as
dropped, so nothing queues up and the GUI thread never waits for a decoder.
Results come back through a signal of a relay living in the GUI thread. A read
becomes a scan by `ReadAgreement` (a QR at once, a 1-D code when two frames or
two readers agree), then each text is emitted once per duplicate window
(`sig_code_read`).
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import (
    QCamera,
    QCameraDevice,
    QMediaCaptureSession,
    QMediaDevices,
    QVideoFrame,
    QVideoSink,
)

from pos_app.hardware.agreement import ReadAgreement
from pos_app.hardware.codes import CodeReader, DecodedCode, GrayFrame
from pos_app.hardware.frames import DuplicateFilter, qimage_to_gray, video_frame_to_gray
from pos_app.hardware.readers import default_reader

if TYPE_CHECKING:
    from PySide6.QtMultimediaWidgets import QVideoWidget

log = logging.getLogger("pos_app.camera")


class _Relay(QObject):
    """Lives in the GUI thread; the worker emits on it, so slots run in the GUI thread."""

    # generation, list[DecodedCode], seconds decoding, clock when the frame was taken
    sig_decoded = Signal(int, object, float, float)


class CameraScanner(QObject):
    """Decodes the frames of a video sink off the GUI thread; emits each code once."""

    sig_code_read = Signal(str, object)  # text, Symbology
    sig_camera_failed = Signal(str)  # Qt's error string (English), for the status bar

    def __init__(
        self,
        reader: CodeReader | None = None,
        *,
        max_fps: float = 8.0,
        duplicate_window_s: float = 2.0,
        agreement: ReadAgreement | None = None,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        if max_fps <= 0:
            raise ValueError("max_fps must be positive")
        self.reader = reader if reader is not None else default_reader()
        self.max_fps = max_fps
        self.agreement = agreement if agreement is not None else ReadAgreement()
        self.duplicates = DuplicateFilter(duplicate_window_s, clock)
        self._clock = clock
        self.frames_seen = 0
        self.frames_decoded = 0
        self.frames_dropped = 0
        self.last_decode_s = 0.0  # worker time of the last decode, for benchmarks
        self._pending: QVideoFrame | QImage | None = None
        self._busy = False
        self._last_dispatch = float("-inf")
        self._generation = 0  # results of frames from before stop() are ignored
        self._sink: QVideoSink | None = None
        self._own_sink: QVideoSink | None = None
        self._camera: QCamera | None = None
        self._session: QMediaCaptureSession | None = None
        self._pool: ThreadPoolExecutor | None = None
        self._relay = _Relay(self)
        self._relay.sig_decoded.connect(self._on_relay_decoded)
        # Wakes the pump when a frame is waiting only because of the rate limit.
        self._rate_timer = QTimer(self)
        self._rate_timer.setSingleShot(True)
        self._rate_timer.timeout.connect(self._pump)

    # -- inputs ------------------------------------------------------------------------

    @property
    def sink(self) -> QVideoSink | None:
        return self._sink

    @property
    def busy(self) -> bool:
        """A frame is being decoded."""
        return self._busy

    @property
    def idle(self) -> bool:
        """Nothing being decoded and no frame waiting: every frame seen is accounted for."""
        return not self._busy and self._pending is None

    def attach_sink(self, sink: QVideoSink | None) -> None:
        """Decode the frames of `sink` (None detaches). Any QVideoSink will do."""
        if self._sink is sink:
            return
        if self._sink is not None:
            self._sink.videoFrameChanged.disconnect(self.on_sink_video_frame_changed)
        self._sink = sink
        if sink is not None:
            sink.videoFrameChanged.connect(self.on_sink_video_frame_changed)

    def on_sink_video_frame_changed(self, frame: QVideoFrame) -> None:
        if frame.isValid():  # a stopping player sends an empty frame
            self._offer(frame)

    def feed_image(self, image: QImage) -> None:
        """Decode a still picture through the same path as camera frames."""
        if not image.isNull():
            self._offer(QImage(image))  # QImage is copy-on-write: the caller may repaint

    # -- the camera --------------------------------------------------------------------

    def start_camera(
        self, device: QCameraDevice | None = None, preview: QVideoWidget | None = None
    ) -> bool:
        """Run `device` (default: the system's default camera) into this scanner.

        With `preview`, the picture goes to that widget and the scanner decodes
        from the widget's sink. Returns False, and logs, when there is no camera.
        """
        self.stop_camera()
        if not QMediaDevices.videoInputs():
            log.info("no camera found; camera scanning is off")
            return False
        if device is None or device.isNull():
            device = QMediaDevices.defaultVideoInput()
        if device.isNull():
            log.info("no default camera; camera scanning is off")
            return False
        self._camera = QCamera(device)
        self._camera.errorOccurred.connect(self.on_camera_error_occurred)
        self._session = QMediaCaptureSession()
        self._session.setCamera(self._camera)
        if preview is not None:
            self._session.setVideoOutput(preview)
            self.attach_sink(preview.videoSink())
        else:
            if self._own_sink is None:
                self._own_sink = QVideoSink(self)
            self._session.setVideoSink(self._own_sink)
            self.attach_sink(self._own_sink)
        self._camera.start()
        log.info("camera started: %s", device.description())
        return True

    def on_camera_error_occurred(self, _error: QCamera.Error, message: str) -> None:
        log.warning("camera error: %s", message)
        self.sig_camera_failed.emit(message)

    def stop_camera(self) -> None:
        if self._camera is not None:
            self._camera.stop()
            self._camera.errorOccurred.disconnect(self.on_camera_error_occurred)
            self._camera.deleteLater()
        if self._session is not None:
            self._session.deleteLater()
        self._camera = self._session = None

    def stop(self) -> None:
        """Stop the camera, forget the kept frame, and ignore decodes still running."""
        self.stop_camera()
        self.attach_sink(None)
        if self._pending is not None:
            self.frames_dropped += 1
            self._pending = None
        self._rate_timer.stop()
        self._generation += 1
        self._busy = False
        self.agreement.reset()  # a read from before the stop agrees with nothing after it

    def close(self) -> None:
        """`stop()`, then wait for the worker to finish its frame (at most one decode)."""
        self.stop()
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    # -- the pump ----------------------------------------------------------------------

    def _offer(self, item: QVideoFrame | QImage) -> None:
        self.frames_seen += 1
        if self._pending is not None:
            self.frames_dropped += 1  # replaced before it was decoded: only the newest counts
        self._pending = item
        self._pump()

    def _pump(self) -> None:
        if self._busy or self._pending is None:
            return
        wait_s = self._last_dispatch + 1.0 / self.max_fps - self._clock()
        if wait_s > 0:
            if not self._rate_timer.isActive():
                self._rate_timer.start(max(1, round(wait_s * 1000)))
            return
        item, self._pending = self._pending, None
        gray = video_frame_to_gray(item) if isinstance(item, QVideoFrame) else qimage_to_gray(item)
        self._last_dispatch = self._clock()
        self._busy = True
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pos-camera")
        self._pool.submit(self._decode_in_worker, gray, self._generation, self._last_dispatch)

    def _decode_in_worker(self, gray: GrayFrame, generation: int, taken_at: float) -> None:
        """Runs on the worker thread: touches nothing but the reader and the relay."""
        started = time.perf_counter()
        try:
            codes = self.reader.decode(gray)
        except Exception:  # a reader must not raise; if one does, keep the pump going
            log.exception("code reader %s raised", self.reader.name)
            codes = []
        # RuntimeError: the scanner was deleted meanwhile and nobody is listening.
        with contextlib.suppress(RuntimeError):
            self._relay.sig_decoded.emit(generation, codes, time.perf_counter() - started, taken_at)

    def _on_relay_decoded(
        self, generation: int, codes: list[DecodedCode], seconds: float, taken_at: float
    ) -> None:
        if generation != self._generation:
            return
        self._busy = False
        self.frames_decoded += 1
        self.last_decode_s = seconds
        for code in self.agreement.accept(codes, taken_at):
            if not self.duplicates.is_duplicate(code.text):
                # Log the kind and length only: a membership QR is a credential.
                log.info("camera read %s (%d chars)", code.symbology.name, len(code.text))
                self.sig_code_read.emit(code.text, code.symbology)
        self._pump()

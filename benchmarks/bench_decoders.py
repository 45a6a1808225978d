"""Code decoders and the camera pipeline, measured on the hard image set.

    .venv/bin/python benchmarks/bench_decoders.py [--reps 3] [--plays 4] [--frames 10]

Prints markdown tables on stdout (progress on stderr):
1. per reader: read rate on ``tests/hardware_images.py`` (50 grey 1280×720
   frames), overall, per symbology and per condition group; decode time per
   frame (median, p95) over the set, and on frames with no code at all (what a
   counter camera sees most of the time);
2. per 1280×720 frame, in the same loop: the bare `default_reader()` call beside
   what `CameraScanner` does per frame (grey copy of a QImage or of a YUV video
   frame, then the decode), and the full round trip through a `CameraScanner`
   (`feed_image` to `sig_code_read`: copy, worker thread, decode, signal);
3. time from code shown to code read: an H.264 video file played by
   `QMediaPlayer` into a `CameraScanner` (8 fps), before the agreement rule
   (every read a scan) and after it (the default); the clock runs from the
   first QR (or EAN-13) frame the sink presents to `sig_code_read`;
4. the agreement rule (`pos_app.hardware.agreement`, ``bench_agreement.py``):
   read rate, time from code shown to code accepted and false scans, before
   and after, on the hard set one frame at a time and on streams of frames.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before anything imports PySide6
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for tests.hardware_images

import argparse
import platform
import statistics
import tempfile
from collections.abc import Callable
from time import perf_counter, perf_counter_ns
from typing import Any

import numpy as np
from bench_agreement import EVERY_READ, before_reader, single_frame_table, stream_table
from bench_stats import NS_PER_MS, percentiles

from pos_app.hardware.agreement import ReadAgreement
from pos_app.hardware.codes import LINEAR_SYMBOLOGIES, CodeReader, Symbology
from pos_app.hardware.readers import (
    ChainReader,
    PyzbarReader,
    ZxingReader,
    default_reader,
)
from tests.hardware_images import (
    GROUPS,
    HardImage,
    background,
    clean_frame,
    ean13_code,
    hard_image_set,
    membership_payload,
    write_video,
)


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def readers() -> dict[str, CodeReader]:
    """The two readers, the default chain, and the orders it was chosen against."""
    return {
        "pyzbar (zbar, + inverted pass)": PyzbarReader(),
        "zxing (zxing-cpp)": ZxingReader(),
        "**default: zxing → zbar**": default_reader(),
        "zxing → zbar 1-D only": ChainReader(
            [ZxingReader(), PyzbarReader(LINEAR_SYMBOLOGIES, try_invert=False)],
            fallback_symbologies=LINEAR_SYMBOLOGIES,
        ),
        "zxing → zbar + inverted": ChainReader([ZxingReader(), PyzbarReader()]),
        "zbar → zxing": ChainReader([PyzbarReader(), ZxingReader()]),
    }


def _ms(samples_ns: list[int]) -> dict[str, float]:
    return percentiles(s / NS_PER_MS for s in samples_ns)


def rate_table(images: tuple[HardImage, ...], reps: int) -> str:
    empty = [background(np.random.default_rng(100 + i)) for i in range(5)]
    head = ["reader", "all", "QR", "EAN-13", *GROUPS, "ms p50", "ms p95", "no code ms p50"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name, reader in readers().items():
        say(f"read rate: {name}")
        hits: dict[str, bool] = {}
        times: list[int] = []
        for _ in range(reps):
            for image in images:
                t0 = perf_counter_ns()
                codes = reader.decode(image.gray)
                times.append(perf_counter_ns() - t0)
                hits[image.name] = any(c.text == image.expected for c in codes)
        idle: list[int] = []
        for _ in range(reps * 2):
            for frame in empty:
                t0 = perf_counter_ns()
                reader.decode(frame)
                idle.append(perf_counter_ns() - t0)

        def share(pick: Callable[[HardImage], bool], hits: dict[str, bool] = hits) -> str:
            chosen = [hits[i.name] for i in images if pick(i)]
            return f"{sum(chosen)}/{len(chosen)}"

        cells = [
            name,
            share(lambda i: True),
            share(lambda i: i.symbology is Symbology.QR),
            share(lambda i: i.symbology is Symbology.EAN13),
            *(share(lambda i, g=g: i.group == g) for g in GROUPS),
            f"{_ms(times)['p50']:.1f}",
            f"{_ms(times)['p95']:.1f}",
            f"{_ms(idle)['p50']:.1f}",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _yuv_frame(gray: np.ndarray) -> Any:
    """A YUV420P QVideoFrame holding `gray` as its luma, as a camera delivers it."""
    from PySide6.QtCore import QSize
    from PySide6.QtMultimedia import QVideoFrame, QVideoFrameFormat

    height, width = gray.shape
    fmt = QVideoFrameFormat(QSize(width, height), QVideoFrameFormat.PixelFormat.Format_YUV420P)
    frame = QVideoFrame(fmt)
    frame.map(QVideoFrame.MapMode.WriteOnly)
    for plane in range(3):
        rows = height if plane == 0 else height // 2
        view = np.frombuffer(frame.bits(plane), np.uint8)[: rows * frame.bytesPerLine(plane)]
        view = view.reshape(rows, frame.bytesPerLine(plane))
        if plane == 0:
            view[:, :width] = gray
        else:
            view[:] = 128
    frame.unmap()
    return frame


def _event_loop(timeout_ms: int) -> tuple[Any, Any]:
    """A QEventLoop and a single-shot guard timer that ends it after `timeout_ms`."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop, guard = QEventLoop(), QTimer()
    guard.setSingleShot(True)
    guard.setInterval(timeout_ms)
    guard.timeout.connect(loop.quit)
    return loop, guard


def pipeline_table(app: Any, images: tuple[HardImage, ...], samples: int) -> str:
    from PySide6.QtGui import QImage

    from pos_app.hardware.frames import qimage_to_gray, video_frame_to_gray
    from pos_app.ui.camera_scanner import CameraScanner

    reader = default_reader()
    pick = [i for i in images if i.group in ("clean", "rotated", "perspective")]
    qimages = []
    for image in pick:
        h, w = image.gray.shape
        gray_image = QImage(image.gray.tobytes(), w, h, w, QImage.Format.Format_Grayscale8)
        qimages.append(gray_image.convertToFormat(QImage.Format.Format_RGB32))
    yuv = [_yuv_frame(np.ascontiguousarray(i.gray)) for i in pick]
    keys = ("bare", "qimage", "qimage+decode", "yuv", "yuv+decode")
    times: dict[str, list[int]] = {k: [] for k in keys}
    say("pipeline per frame")
    for n in range(samples):  # interleaved, so every row sees the same machine state
        k = n % len(pick)
        t0 = perf_counter_ns()
        reader.decode(pick[k].gray)
        t1 = perf_counter_ns()
        gray = qimage_to_gray(qimages[k])
        t2 = perf_counter_ns()
        reader.decode(gray)
        t3 = perf_counter_ns()
        gray = video_frame_to_gray(yuv[k])
        t4 = perf_counter_ns()
        reader.decode(gray)
        t5 = perf_counter_ns()
        for key, value in zip(keys, (t1 - t0, t2 - t1, t3 - t1, t4 - t3, t5 - t3), strict=True):
            times[key].append(value)

    # The whole scanner: no rate limit, no duplicate window, every read a scan (the
    # frames take turns: a 1-D code would wait for a second frame that never comes),
    # one frame at a time. (An event loop rather than a processEvents() spin: fewer
    # calls into Qt.)
    scanner = CameraScanner(
        reader,
        max_fps=1000,
        duplicate_window_s=0,
        agreement=ReadAgreement(single_read=EVERY_READ),
    )
    loop, guard = _event_loop(5_000)
    got: list[float] = []

    def on_read(*_args: object) -> None:
        got.append(perf_counter())
        loop.quit()

    scanner.sig_code_read.connect(on_read)
    trips: list[int] = []
    for n in range(samples // 3):
        before = len(got)
        started = perf_counter()
        guard.start()
        scanner.feed_image(qimages[n % len(pick)])
        loop.exec()
        if len(got) > before:
            trips.append(round((got[before] - started) * 1e9))
    scanner.close()

    rows = [
        ("bare `default_reader().decode(gray)`", times["bare"]),
        ("QImage (RGB32) → grey copy", times["qimage"]),
        ("QImage → grey copy + decode", times["qimage+decode"]),
        ("QVideoFrame (YUV420P) → grey copy (Y plane)", times["yuv"]),
        ("QVideoFrame → grey copy + decode (camera path)", times["yuv+decode"]),
        ("CameraScanner round trip: feed_image → sig_code_read", trips),
    ]
    lines = ["| per 1280×720 frame | ms p50 | ms p95 | n |", "|---|---|---|---|"]
    for label, values in rows:
        stats = _ms(values)
        lines.append(f"| {label} | {stats['p50']:.2f} | {stats['p95']:.2f} | {stats['n']} |")
    return "\n".join(lines) + f"\n\n(frames: the {len(pick)} clean, rotated and tilted ones)"


def latency_table(app: Any, plays: int) -> str:
    from PySide6.QtCore import QUrl
    from PySide6.QtMultimedia import QMediaPlayer, QVideoSink

    from pos_app.ui.camera_scanner import CameraScanner

    fps, size = 15, (1280, 720)
    rng = np.random.default_rng(7)
    member, product = membership_payload(rng), ean13_code(rng)
    blank = background(rng)
    segments = [
        (blank, fps),  # 1 s of counter
        (clean_frame(member, Symbology.QR, size, width=260), fps * 3 // 2),
        (blank, fps // 2),
        (clean_frame(product, Symbology.EAN13, size, width=420), fps * 3 // 2),
    ]
    # Presentation time of each code's first frame, from the frame counts above
    # (the EAN-13 starts at frame 44 of 15 fps: 2.933 s, not 3 s).
    first = {member: 1, product: 3}
    starts_us = {
        text: sum(count for _, count in segments[:index]) * 1_000_000 // fps
        for text, index in first.items()
    }
    setups = {
        "before (every read a scan)": lambda: CameraScanner(
            before_reader(), agreement=ReadAgreement(single_read=EVERY_READ)
        ),
        "after (agreement rule)": lambda: CameraScanner(default_reader()),
    }
    delays: dict[tuple[str, str], list[float]] = {(n, t): [] for n in setups for t in starts_us}
    counts = {"seen": 0, "decoded": 0, "dropped": 0}
    with tempfile.TemporaryDirectory() as tmp:
        video = write_video(Path(tmp), segments, fps=fps)
        say(f"latency: {plays} plays of {video.name} per set-up")
        for play in range(plays * len(setups)):
            name = list(setups)[play % len(setups)]  # alternate: both see the same load
            shown: dict[str, float] = {}
            read: dict[str, float] = {}
            sink, player = QVideoSink(), QMediaPlayer()
            player.setVideoSink(sink)

            def on_frame(frame: Any, shown: dict[str, float] = shown) -> None:
                for text, start in starts_us.items():
                    if text not in shown and frame.startTime() >= start - 1000:
                        shown[text] = perf_counter()

            sink.videoFrameChanged.connect(on_frame)  # before the scanner: sees frames first
            scanner = setups[name]()
            scanner.attach_sink(sink)
            scanner.sig_code_read.connect(
                lambda text, _k, read=read: read.setdefault(text, perf_counter())
            )
            loop, guard = _event_loop(15_000)
            player.mediaStatusChanged.connect(
                lambda status, loop=loop: (
                    loop.quit() if status == QMediaPlayer.MediaStatus.EndOfMedia else None
                )
            )
            player.setSource(QUrl.fromLocalFile(str(video)))
            guard.start()
            player.play()
            loop.exec()
            player.stop()
            scanner.close()
            for text in starts_us:
                if text in shown and text in read:
                    delays[name, text].append((read[text] - shown[text]) * 1000)
            for key in counts:
                counts[key] += getattr(scanner, f"frames_{key}")
    lines = [
        "| code shown → code read (video file, 8 fps) | camera | ms p50 | ms max | read in |",
        "|---|---|---|---|---|",
    ]
    for label, text in (("membership QR", member), ("EAN-13", product)):
        for name in setups:
            values = delays[name, text]
            p50 = f"{statistics.median(values):.0f}" if values else "–"
            top = f"{max(values):.0f}" if values else "–"
            lines.append(f"| {label} | {name} | {p50} | {top} | {len(values)}/{plays} plays |")
    lines.append(
        f"\nframes over all plays: {counts['seen']} seen, {counts['decoded']} decoded, "
        f"{counts['dropped']} dropped ({video.suffix[1:]}, {size[0]}×{size[1]}, {fps} fps)"
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=3, help="passes over the hard set per reader")
    parser.add_argument("--samples", type=int, default=120, help="pipeline samples")
    parser.add_argument("--plays", type=int, default=4, help="plays of the video file")
    parser.add_argument("--frames", type=int, default=10, help="frames per agreement stream")
    parser.add_argument("--prone", type=int, default=60, help="small tilted EAN-13 streams")
    args = parser.parse_args()
    started = perf_counter()

    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import QLoggingCategory
    from PySide6.QtWidgets import QApplication

    # The FFmpeg plugin warns about missing VA-API/PipeWire libraries: noise here.
    QLoggingCategory.setFilterRules("qt.multimedia.*.warning=false\nqt.multimedia.*.info=false")
    app = QApplication.instance() or QApplication(["bench-decoders"])
    from importlib.metadata import version

    say("rendering the hard set")
    images = hard_image_set()
    print(
        f"CPUs {os.cpu_count()}, load {os.getloadavg()[0]:.2f}, Python {platform.python_version()},"
        f" PySide6 {pyside_version}, zxing-cpp {version('zxing-cpp')},"
        f" pyzbar {version('pyzbar')}, numpy {np.__version__}; {len(images)} frames 1280×720\n"
    )
    print(rate_table(images, args.reps))
    print()
    print(pipeline_table(app, images, args.samples))
    print()
    print(latency_table(app, args.plays))
    print()
    print(single_frame_table(say))
    print()
    print(stream_table(args.frames, args.prone, say))
    print(f"\nrun time {perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()

"""What the camera's agreement rule costs and saves: read rate, time to read, false scans.

    .venv/bin/python benchmarks/bench_agreement.py [--frames 10] [--prone 60]

Also printed by ``bench_decoders.py``. No Qt: frames go straight to the readers
and `ReadAgreement`, as the camera pipeline's worker and relay do, one decoded
frame every 125 ms (the pipeline's 8 fps). Three set-ups are compared:

- before: zxing → zbar, every read a scan (the camera until the rule came);
- two frames: the same reader, a 1-D code needs two agreeing frames;
- after (the default): zxing → zbar with zbar confirming zxing's 1-D reads,
  a 1-D code needs two agreeing frames or both readers on one frame.

Inputs: the 50 frames of ``tests/hardware_images.py`` one by one; then a
stream of `--frames` frames per image (the same scene, each frame with its own
hand shake, focus blur, motion blur and sensor noise); then `--prone` streams
of small, tilted EAN-13 labels, the pictures where a reader misreads most.

"shown → accepted" is the accepting frame's place in the stream × 125 ms plus
that frame's decode time (the code is in view from the first frame on). A
false scan is a code accepted that is not in the picture, counted as the
cashier would see it: once per 2 s duplicate window.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from time import perf_counter_ns

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for tests.hardware_images

import numpy as np
from bench_stats import NS_PER_MS, percentiles

from pos_app.hardware.agreement import ReadAgreement
from pos_app.hardware.codes import ALL_SYMBOLOGIES, CodeReader, Symbology
from pos_app.hardware.frames import DuplicateFilter
from pos_app.hardware.readers import ChainReader, PyzbarReader, ZxingReader, default_reader
from tests.hardware_images import hard_image_set, shaken, small_tilted_ean13_stream

FRAME_S = 0.125  # the pipeline decodes at most 8 frames a second
EVERY_READ = ALL_SYMBOLOGIES | {Symbology.OTHER}


def before_reader() -> CodeReader:
    """The camera's reader before the rule: zxing, then zbar only where zxing read nothing."""
    return ChainReader([ZxingReader(), PyzbarReader(try_invert=False)], name="zxing>pyzbar")


@dataclass(frozen=True)
class Setup:
    label: str
    reader: Callable[[], CodeReader]
    rule: Callable[[], ReadAgreement]


SETUPS = (
    Setup(
        "before: every read is a scan", before_reader, lambda: ReadAgreement(single_read=EVERY_READ)
    ),
    Setup("two frames agree (one reader pass)", before_reader, ReadAgreement),
    Setup("**after: two frames or both readers**", default_reader, ReadAgreement),
)


@dataclass(frozen=True)
class Stream:
    expected: str
    symbology: Symbology
    frames: tuple[np.ndarray, ...]


def hard_set_streams(frames: int, seed: int = 11) -> list[Stream]:
    return [
        Stream(
            image.expected,
            image.symbology,
            tuple(shaken(image.gray, np.random.default_rng([seed, n, k])) for k in range(frames)),
        )
        for n, image in enumerate(hard_image_set())
    ]


def misread_prone_streams(count: int, frames: int) -> list[Stream]:
    """Small, tilted EAN-13 labels on a busy counter (``tests/hardware_images.py``)."""
    streams = []
    for index in range(count):
        code, shots = small_tilted_ean13_stream(index, frames)
        streams.append(Stream(code, Symbology.EAN13, shots))
    return streams


@dataclass
class Result:
    """One stream under one set-up."""

    symbology: Symbology
    to_read_ms: float | None  # code shown (first frame) → code accepted; None: never
    false_scans: int  # wrong codes a cashier would have seen added (after the 2 s window)
    decode_ns: list[int]


def run_stream(stream: Stream, rule: ReadAgreement, reader: CodeReader) -> Result:
    clock = [0.0]
    duplicates = DuplicateFilter(2.0, lambda: clock[0])
    accepted_at: float | None = None
    false_scans = 0
    decode_ns = []
    for index, frame in enumerate(stream.frames):
        t0 = perf_counter_ns()
        codes = reader.decode(frame)
        decode_ns.append(perf_counter_ns() - t0)
        clock[0] = index * FRAME_S
        for code in rule.accept(codes, clock[0]):
            if duplicates.is_duplicate(code.text):
                continue
            if code.text != stream.expected:
                false_scans += 1
            elif accepted_at is None:  # the frame's own decode time is part of the wait
                accepted_at = clock[0] + decode_ns[-1] / 1e9
    to_read = None if accepted_at is None else accepted_at * 1000
    return Result(stream.symbology, to_read, false_scans, decode_ns)


def run(setup: Setup, streams: list[Stream]) -> list[Result]:
    reader = setup.reader()
    return [run_stream(stream, setup.rule(), reader) for stream in streams]


def _row(results: list[Result]) -> dict[str, str]:
    waits = [r.to_read_ms for r in results if r.to_read_ms is not None]
    wait = percentiles(waits) if waits else None
    ms = percentiles(n / NS_PER_MS for r in results for n in r.decode_ns)
    return {
        "read": f"{len(waits)}/{len(results)}",
        "wait50": f"{wait['p50']:.0f}" if wait else "–",
        "wait95": f"{wait['p95']:.0f}" if wait else "–",
        "false": str(sum(r.false_scans for r in results)),
        "ms50": f"{ms['p50']:.1f}",
        "ms95": f"{ms['p95']:.1f}",
    }


def single_frame_table(say: Callable[[str], None]) -> str:
    """The hard set, each image as a one-frame stream: what one look at a code gives."""
    streams = [Stream(i.expected, i.symbology, (i.gray,)) for i in hard_image_set()]
    lines = [
        "| hard set, one frame each | all | QR | EAN-13 | false scans | decode ms p50 | p95 |",
        "|---|---|---|---|---|---|---|",
    ]
    for setup in SETUPS:
        say(f"agreement, one frame: {setup.label}")
        results = run(setup, streams)
        cells = [_row(results)]
        for kind in (Symbology.QR, Symbology.EAN13):
            cells.append(_row([r for r in results if r.symbology is kind]))
        everything, qr, ean = cells
        lines.append(
            f"| {setup.label} | {everything['read']} | {qr['read']} | {ean['read']}"
            f" | {everything['false']} | {everything['ms50']} | {everything['ms95']} |"
        )
    return "\n".join(lines)


def stream_table(frames: int, prone: int, say: Callable[[str], None]) -> str:
    """Streams of frames: read rate, time from code shown to code accepted, false scans."""
    say(f"agreement: rendering streams of {frames} frames")
    hard = hard_set_streams(frames)
    sets = {
        "hard set, QR": [s for s in hard if s.symbology is Symbology.QR],
        "hard set, EAN-13": [s for s in hard if s.symbology is Symbology.EAN13],
        f"small tilted EAN-13 ×{prone}": misread_prone_streams(prone, frames),
    }
    lines = [
        f"| streams of {frames} frames, 8 fps | set-up | read | shown → accepted ms p50 | p95"
        " | false scans | decode ms p50 | p95 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for set_name, streams in sets.items():
        for setup in SETUPS:
            say(f"agreement: {set_name} / {setup.label}")
            row = _row(run(setup, streams))
            lines.append(
                f"| {set_name} | {setup.label} | {row['read']} | {row['wait50']} | {row['wait95']}"
                f" | {row['false']} | {row['ms50']} | {row['ms95']} |"
            )
    return "\n".join(lines)


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=10, help="frames per stream")
    parser.add_argument("--prone", type=int, default=60, help="small tilted EAN-13 streams")
    args = parser.parse_args()

    def say(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    print(single_frame_table(say))
    print()
    print(stream_table(args.frames, args.prone, say))


if __name__ == "__main__":
    main()

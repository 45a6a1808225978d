"""The two decoders behind the `CodeReader` port, the chain of them, and the default.

`PyzbarReader` wraps zbar (through pyzbar and the system's libzbar),
`ZxingReader` wraps zxing-cpp. `ChainReader` asks readers in order and stops at
the first that finds anything. `default_reader()` is the order measured best
with ``benchmarks/bench_decoders.py`` on ``tests/hardware_images.py``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from pos_app.hardware.codes import (
    ALL_SYMBOLOGIES,
    LINEAR_SYMBOLOGIES,
    Box,
    CodeReader,
    DecodedCode,
    GrayFrame,
    Symbology,
    usable_frame,
)

log = logging.getLogger("pos_app.camera")

_ZBAR_NAMES = {
    Symbology.QR: "QRCODE",
    Symbology.EAN13: "EAN13",
    Symbology.EAN8: "EAN8",
    Symbology.UPCA: "UPCA",
    Symbology.CODE128: "CODE128",
}
_ZXING_NAMES = {
    Symbology.QR: "QRCode",
    Symbology.EAN13: "EAN13",
    Symbology.EAN8: "EAN8",
    Symbology.UPCA: "UPCA",
    Symbology.CODE128: "Code128",
}


def _unique(codes: Iterable[DecodedCode]) -> list[DecodedCode]:
    """Codes in first-seen order without repeats (zbar reports a code once per scan axis)."""
    return list(dict.fromkeys(codes))


def _box(position: Any) -> Box | None:
    """The bounding box of a zxing position (four corners; a 1-D read may be a line)."""
    try:
        corners = (
            position.top_left,
            position.top_right,
            position.bottom_right,
            position.bottom_left,
        )
        xs, ys = [int(c.x) for c in corners], [int(c.y) for c in corners]
    except (AttributeError, TypeError, ValueError):
        return None
    return min(xs), min(ys), max(xs), max(ys)


def crop_around(gray: GrayFrame, box: Box) -> GrayFrame:
    """The part of `gray` around `box`, wide enough for a code's bars and quiet zones.

    A 1-D read's box can be the single scan line it was read on: the margin (a
    third of the code's longer side, at least 24 px) takes in the bars above and
    below it and the quiet zones at either end.
    """
    left, top, right, bottom = box
    margin = max(right - left, bottom - top) // 3 + 24
    height, width = gray.shape
    rows = slice(max(0, top - margin), min(height, bottom + margin + 1))
    cols = slice(max(0, left - margin), min(width, right + margin + 1))
    return np.ascontiguousarray(gray[rows, cols])


def _wanted(symbologies: Iterable[Symbology]) -> set[Symbology]:
    """The symbologies a reader is built for; none would mean "all" to both libraries."""
    wanted = set(symbologies) - {Symbology.OTHER}
    if not wanted:
        raise ValueError("a reader needs at least one symbology")
    return wanted


class PyzbarReader:
    """zbar through pyzbar. Raises ImportError (or OSError) at construction when
    libzbar cannot be loaded, so the caller can choose another reader.

    zbar reads only dark-on-light codes; with `try_invert` a frame with no code
    is scanned again inverted, for a phone in dark mode.
    """

    name = "pyzbar"

    def __init__(
        self, symbologies: Iterable[Symbology] = ALL_SYMBOLOGIES, *, try_invert: bool = True
    ) -> None:
        from pyzbar import pyzbar  # loads libzbar: may raise ImportError / OSError

        self._pyzbar = pyzbar
        wanted = _wanted(symbologies)
        # Fewer enabled symbologies is fewer decoders run on every scan line.
        self._symbols = [pyzbar.ZBarSymbol[_ZBAR_NAMES[s]] for s in sorted(wanted, key=str)]
        self._by_type = {_ZBAR_NAMES[s]: s for s in wanted}
        self.try_invert = try_invert

    def decode(self, gray: GrayFrame) -> list[DecodedCode]:
        frame = usable_frame(gray)
        if frame is None:
            return []
        codes = self._scan(frame)
        if not codes and self.try_invert:
            codes = self._scan(np.invert(frame))
        return codes

    def _scan(self, frame: GrayFrame) -> list[DecodedCode]:
        height, width = frame.shape
        try:
            found = self._pyzbar.decode((frame.tobytes(), width, height), symbols=self._symbols)
        except Exception:  # a reader never raises on a frame; log why it gave up
            log.debug("zbar failed on a %dx%d frame", width, height, exc_info=True)
            return []
        return _unique(
            DecodedCode(
                item.data.decode("utf-8", errors="replace"),
                self._by_type.get(item.type, Symbology.OTHER),
            )
            for item in found
        )


class ZxingReader:
    """zxing-cpp. It searches rotations, inverted codes and downscaled copies itself."""

    name = "zxing"

    def __init__(
        self,
        symbologies: Iterable[Symbology] = ALL_SYMBOLOGIES,
        *,
        try_rotate: bool = True,
        try_downscale: bool = True,
        try_invert: bool = True,
        binarizers: Sequence[str] = ("LocalAverage",),
    ) -> None:
        import zxingcpp

        self._zxing = zxingcpp
        wanted = _wanted(symbologies)
        self._formats = [getattr(zxingcpp.BarcodeFormat, _ZXING_NAMES[s]) for s in wanted]
        self._by_format = {getattr(zxingcpp.BarcodeFormat, _ZXING_NAMES[s]): s for s in wanted}
        self._binarizers = [getattr(zxingcpp.Binarizer, b) for b in binarizers]
        self._options = {
            "try_rotate": try_rotate,
            "try_downscale": try_downscale,
            "try_invert": try_invert,
            # Plain: the encoded characters as they are, no GS1 "(01)" decoration.
            "text_mode": zxingcpp.TextMode.Plain,
        }

    def decode(self, gray: GrayFrame) -> list[DecodedCode]:
        frame = usable_frame(gray)
        if frame is None:
            return []
        for binarizer in self._binarizers:
            try:
                found = self._zxing.read_barcodes(
                    frame, formats=self._formats, binarizer=binarizer, **self._options
                )
            except Exception:
                log.debug("zxing failed on a %dx%d frame", *frame.shape[::-1], exc_info=True)
                return []
            codes = _unique(
                self._code(item.text, item.format, _box(item.position))
                for item in found
                if item.valid
            )
            if codes:
                return codes
        return []

    def _code(self, text: str, fmt: Any, box: Box | None = None) -> DecodedCode:
        symbology = self._by_format.get(fmt)
        if symbology is None and "QRCode" in str(fmt):  # QRCodeModel2 and friends
            symbology = Symbology.QR
        if (
            symbology is Symbology.EAN13
            and text.startswith("0")
            and Symbology.UPCA in self._by_format.values()
        ):
            # zxing calls a UPC-A an EAN-13 with a leading 0; zbar calls it UPC-A. Agree
            # with zbar, so a reader swap never changes what the till receives.
            return DecodedCode(text[1:], Symbology.UPCA, box=box)
        return DecodedCode(text, symbology or Symbology.OTHER, box=box)


class ChainReader:
    """Readers tried in order; the first that finds anything answers.

    With `fallback_symbologies`, what the readers after the first find counts
    only for those symbologies (e.g. only 1-D product codes): build those
    readers with the same restriction so they do not spend time on the others.

    With `confirm` (e.g. the 1-D symbologies), when the answer holds a code of
    those symbologies, the readers after the answering one read it again: the
    part of the frame around it (its `box`), or the whole frame when the answer
    says no box. A code they also read comes back with `readers=2` (two
    decoders agree, so `agreement.ReadAgreement` needs no second frame); what
    only they read is added with `readers=1`. Frames with no such code (no code
    at all, or a QR alone: most frames at a counter) cost no second pass, and
    the crop makes the one they do cost about a fifth of a full-frame zbar pass.
    """

    def __init__(
        self,
        readers: Sequence[CodeReader],
        *,
        fallback_symbologies: Iterable[Symbology] | None = None,
        confirm: Iterable[Symbology] = (),
        name: str | None = None,
    ) -> None:
        if not readers:
            raise ValueError("a chain needs at least one reader")
        self.readers = tuple(readers)
        self.fallback_symbologies = (
            None if fallback_symbologies is None else frozenset(fallback_symbologies)
        )
        self.confirm = frozenset(confirm)
        self.name = name or "+".join(reader.name for reader in self.readers)

    def decode(self, gray: GrayFrame) -> list[DecodedCode]:
        for index in range(len(self.readers)):
            codes = self._ask(index, gray)
            if codes:
                if any(c.symbology in self.confirm for c in codes):
                    return self._confirmed(index, codes, gray)
                return codes
        return []

    def _ask(self, index: int, gray: GrayFrame) -> list[DecodedCode]:
        codes = self.readers[index].decode(gray)
        if index and self.fallback_symbologies is not None:
            codes = [c for c in codes if c.symbology in self.fallback_symbologies]
        return codes

    def _confirmed(
        self, index: int, codes: list[DecodedCode], gray: GrayFrame
    ) -> list[DecodedCode]:
        """`codes` of reader `index`, each counted once more per later reader reading it."""
        votes = {code: 1 for code in codes}
        to_check = [c for c in codes if c.symbology in self.confirm]
        boxes = [c.box for c in to_check]
        regions = [gray] if None in boxes else [crop_around(gray, b) for b in boxes if b]
        for later in range(index + 1, len(self.readers)):
            seen: dict[DecodedCode, None] = {}  # one vote per reader, however many regions
            for region in regions:
                seen.update(
                    dict.fromkeys(
                        c for c in self._ask(later, region) if c.symbology in self.confirm
                    )
                )
            for code in seen:
                votes[code] = votes.get(code, 0) + 1
        return [
            DecodedCode(code.text, code.symbology, readers=count, box=code.box)
            if count > 1
            else code
            for code, count in votes.items()
        ]


def default_reader() -> CodeReader:
    """zxing first, then zbar on the frames where zxing found nothing.

    Measured with ``benchmarks/bench_decoders.py`` on the 50 frames of
    ``tests/hardware_images.py`` (1280×720, 30 QR + 20 EAN-13; 2 CPUs, decode
    ms per frame over the set and on frames with no code):

    =========================  =====  =====  ======  ======  ======  =======
    reader                     all    QR     EAN-13  ms p50  ms p95  no code
    =========================  =====  =====  ======  ======  ======  =======
    pyzbar (+ inverted pass)   37/50  21/30  16/20   22.1    54.1    11.7
    zxing                      36/50  24/30  12/20    3.4    13.8     2.3
    zxing → zbar (chosen)      41/50  25/30  16/20    3.5    24.0     8.2
    zxing → zbar 1-D only      40/50  24/30  16/20    3.5    22.8     8.4
    zxing → zbar + inverted    43/50  25/30  18/20    3.6    43.5    14.6
    zbar → zxing               43/50  25/30  18/20   21.5    53.6    14.7
    =========================  =====  =====  ======  ======  ======  =======

    zxing reads more QR codes (small, tilted, grey on grey, noisy) and is 6×
    faster when it finds one, so it goes first. zbar reads more EAN-13 (narrow
    bars, blur), and alone a QR whose finder pattern is under glare, so it is
    the fallback. It is not restricted to 1-D codes: a zbar pass costs the same
    with QR on, and it read one QR more than a 1-D-only fallback on each of
    three other seeds of the set too. Its
    inverted pass is off: it adds only inverted EAN-13 (no printed product has
    one; zxing already reads dark-mode QR) for +6 ms on every frame without a
    code, which is most frames at a counter.

    When zxing reads a 1-D code, zbar reads the region around it as well
    (`confirm`): the two agreeing make a product code a scan on that frame
    rather than the next (`agreement.ReadAgreement`). On the crop that pass
    costs ~9 ms (a full-frame zbar pass ~22 ms), and only on frames with a
    product code in them. In ``bench_decoders.py`` (10-frame streams at 8 fps)
    it brings the rule's time from EAN-13 shown to accepted from ~265 to
    ~158 ms (p50; ~139 ms with no rule) and its read rate on small tilted
    labels from 46/60 to 48/60 (51/60 with no rule, which also scanned 4 codes
    that were not in the picture).

    Falls back to zxing alone, with a warning, when libzbar cannot be loaded.
    """
    try:
        fallback: CodeReader = PyzbarReader(try_invert=False)
    except (ImportError, OSError) as exc:
        log.warning("zbar unavailable (%s); the camera decodes with zxing only", exc)
        return ZxingReader()
    return ChainReader([ZxingReader(), fallback], confirm=LINEAR_SYMBOLOGIES, name="zxing>pyzbar")

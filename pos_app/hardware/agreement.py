"""When a camera read becomes a scan: one read for a QR, two agreeing reads for a 1-D code.

A 1-D product code (EAN-13, EAN-8, UPC-A, Code 128) protects its digits with a
single check digit: a blurred, noisy or tilted frame can decode to another code
whose check digit is just as valid, one that is not in the picture at all. A QR
code carries Reed–Solomon error correction, so a wrong text practically never
decodes; one read of it is a scan.

`ReadAgreement` holds the rule, frame by frame, with no Qt and no clock of its
own (the caller says when each frame was taken):

- a QR read is accepted at once;
- a 1-D read is accepted when two readers read it in the same frame
  (`DecodedCode.readers` ≥ 2), or when it was also read in the previous frame
  that read anything, taken at most `max_gap_s` earlier;
- a frame that reads something forgets every 1-D candidate it did not read: a
  code that flickers between two misreads (A, B, A, B) never agrees with
  itself, and a code that left the picture for another must be read twice again;
- a frame that reads nothing forgets nothing but what is too old: a hand that
  blurs one frame does not cost the cashier the read before it, and
  `max_gap_s` keeps a read from agreeing with one from another moment.

What is accepted still goes through the scanner's duplicate window.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from pos_app.hardware.codes import DecodedCode, Symbology

#: Symbologies whose single read is trusted: error correction, not a check digit.
SELF_CHECKING = frozenset({Symbology.QR})


class ReadAgreement:
    """Decides which codes of each decoded frame are scans (see the module docstring)."""

    def __init__(
        self, max_gap_s: float = 1.0, *, single_read: Iterable[Symbology] = SELF_CHECKING
    ) -> None:
        if max_gap_s <= 0:
            raise ValueError("max_gap_s must be positive")
        self.max_gap_s = max_gap_s
        self.single_read = frozenset(single_read)
        self._candidates: dict[DecodedCode, float] = {}  # 1-D read → when its frame was taken

    def accept(self, codes: Sequence[DecodedCode], taken_at: float) -> list[DecodedCode]:
        """The codes of the frame taken at `taken_at` (seconds) that are scans, in order.

        Frames must come in the order they were taken; each code once per frame.
        """
        # Forget reads too old to agree with this frame (and with any later one).
        self._candidates = {
            code: at for code, at in self._candidates.items() if taken_at - at <= self.max_gap_s
        }
        accepted: list[DecodedCode] = []
        linear: dict[DecodedCode, float] = {}
        for code in codes:
            if code.symbology in self.single_read:
                accepted.append(code)
                continue
            if code.readers >= 2 or code in self._candidates:
                accepted.append(code)
            linear[code] = taken_at
        if codes:
            # A frame that reads something is the new "previous frame": only what it
            # read can be confirmed by the next one.
            self._candidates = linear
        return accepted

    def reset(self) -> None:
        """Forget every candidate (the camera stopped: the next picture is a new one)."""
        self._candidates.clear()

    @property
    def candidates(self) -> frozenset[DecodedCode]:
        """1-D reads waiting for a second frame."""
        return frozenset(self._candidates)

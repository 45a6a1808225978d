"""The code-reading port: what a decoder is given (a grey frame) and what it returns.

`CodeReader` is the `Protocol` every decoder implements (`readers.PyzbarReader`,
`readers.ZxingReader`, `readers.ChainReader`); the camera pipeline and the
tests only ever see this port. No Qt here: a reader is called from a worker
thread with a plain numpy array.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

#: A grey frame: 2-D, uint8, rows × cols, C-contiguous.
GrayFrame = npt.NDArray[np.uint8]
#: A region of a frame: left, top, right, bottom (pixels, right and bottom included).
Box = tuple[int, int, int, int]


class Symbology(enum.Enum):
    QR = "qr"
    EAN13 = "ean13"
    EAN8 = "ean8"
    UPCA = "upca"
    CODE128 = "code128"
    OTHER = "other"


#: Product barcodes (1-D): the only ones a fallback reader may be asked for.
LINEAR_SYMBOLOGIES = frozenset({Symbology.EAN13, Symbology.EAN8, Symbology.UPCA, Symbology.CODE128})
ALL_SYMBOLOGIES = frozenset(Symbology) - {Symbology.OTHER}


@dataclass(frozen=True, slots=True)
class DecodedCode:
    """One code found in a frame: its text exactly as encoded, and its kind.

    UPC-A comes back as its 12 digits (not as EAN-13 with a leading 0), so the
    caller normalises GTINs with `pos_app.core.barcodes.normalize_gtin`.

    `readers` says how many independent decoders read this same text in this
    same frame (`readers.ChainReader` with `confirm`): two is an agreement, so a
    1-D code needs no second frame (`agreement.ReadAgreement`). `box` is where
    the reader found it, (left, top, right, bottom) in frame pixels, when it
    says. Neither is part of the code's identity: equal codes compare and hash
    equal whoever read them and wherever.
    """

    text: str
    symbology: Symbology
    readers: int = field(default=1, compare=False)
    box: Box | None = field(default=None, compare=False)


@runtime_checkable
class CodeReader(Protocol):
    """Finds the codes in one grey frame.

    `decode` never raises on a bad image (empty, 1×1, wrong dtype, noise): it
    returns []. It may be called from any thread, one call at a time.
    """

    name: str

    def decode(self, gray: GrayFrame) -> list[DecodedCode]: ...


def usable_frame(gray: object, min_side: int = 8) -> GrayFrame | None:
    """`gray` as a C-contiguous 2-D uint8 array, or None when no code could be in it.

    Readers call this first so that a bad frame gives [] instead of an exception
    from inside a C library.
    """
    if not isinstance(gray, np.ndarray) or gray.ndim != 2 or gray.dtype != np.uint8:
        return None
    if min(gray.shape) < min_side:
        return None
    return np.ascontiguousarray(gray)

"""Laid-out receipt operations → the ESC/POS bytes of one print job.

We own the text encoding rather than use python-escpos's `text()`: it picks
GB18030 only for strings with common Han characters and pads with len(), while
a receipt needs every character encoded the same way and measured in printer
columns (see receipts.text). Commands used:

| bytes               | meaning                                                     |
|---------------------|-------------------------------------------------------------|
| ESC @               | initialise (left, not bold, normal size)                    |
| FS & / FS .         | enter / leave Chinese mode (profiles with `chinese_mode`)   |
| ESC a n             | align: 0 left, 1 centre, 2 right                            |
| ESC E n             | emphasis (bold) off / on                                    |
| GS ! n              | character size: 0x00 normal, 0x11 double width and height   |
| GS ( k …            | QR: model 2, module size, error level M, store, print       |
| GS v 0 m xL xH yL yH | raster image (the QR of profiles without native QR)         |
| ESC d n             | print and feed n lines                                      |
| GS V 66 n           | feed to the cutter (+n) and partial cut                     |
| ESC p m t1 t2       | drawer kick pulse                                           |

Style commands are sent only when the style changes, so a job stays small and
goes out in one write.
"""

from __future__ import annotations

from collections.abc import Iterable

import qrcode
import qrcode.constants
import qrcode.image.pil
from escpos.image import EscposImage
from PIL import Image

from pos_app.receipts.ops import QR, Align, Cut, Drawer, Feed, Op, Rule, TextLine
from pos_app.receipts.profiles import PrinterProfile
from pos_app.receipts.text import encode_text

ESC, GS, FS, LF = b"\x1b", b"\x1d", b"\x1c", b"\n"
INIT = ESC + b"@"
CHINESE_ON = FS + b"&"
CHINESE_OFF = FS + b"."
ALIGN = {Align.LEFT: 0, Align.CENTER: 1, Align.RIGHT: 2}
SIZE_NORMAL, SIZE_DOUBLE = 0x00, 0x11
#: ESC p 0 25 250: pin 2, 50 ms on, 500 ms off (Epson's documented example)
DRAWER_KICK = ESC + b"p" + bytes([0, 25, 250])
PARTIAL_CUT = GS + b"V" + bytes([66, 0])
CUT_FEED_LINES = 4  # without a cutter: feed the last line past the tear bar
QR_ERROR_LEVEL_M = 49  # '1' in GS ( k fn 69
QR_QUIET_MODULES = 2


def qr_native(payload: str, module_dots: int) -> bytes:
    """GS ( k function 165/167/169/180/181: model 2, size, level M, store, print."""
    data = payload.encode("utf-8")

    def k(fn: int, params: bytes) -> bytes:
        body = bytes([49, fn]) + params  # cn = 49 ('1') selects the QR symbol
        return GS + b"(k" + len(body).to_bytes(2, "little") + body

    return (
        k(65, bytes([50, 0]))  # model 2
        + k(67, bytes([max(1, min(16, module_dots))]))
        + k(69, bytes([QR_ERROR_LEVEL_M]))
        + k(80, b"0" + data)  # store the data (m = 48)
        + k(81, b"0")  # print the stored symbol
    )


def qr_modules(payload: str) -> int:
    """Modules across the smallest level-M symbol of `payload`, as a printer picks it."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    code.add_data(payload.encode("utf-8"))
    code.make(fit=True)
    return int(code.modules_count)


def qr_module_size(payload: str, profile: PrinterProfile) -> int:
    """The profile's module size, made smaller when a long payload would not fit."""
    fitting = profile.dots // (qr_modules(payload) + 2 * QR_QUIET_MODULES)
    return max(1, min(profile.qr_module_dots, fitting))


def qr_image(payload: str, module_dots: int, paper_dots: int) -> Image.Image:
    """The QR as a paper-wide black-and-white image, centred.

    Centred in the image itself rather than with ESC a: not every firmware
    aligns raster images. `module_dots` comes from qr_module_size, so it fits.
    """
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        box_size=module_dots,
        border=QR_QUIET_MODULES,
    )
    code.add_data(payload.encode("utf-8"))
    code.make(fit=True)
    symbol = code.make_image(image_factory=qrcode.image.pil.PilImage).get_image()
    canvas = Image.new("1", (paper_dots, symbol.height), 1)
    canvas.paste(symbol.convert("1"), ((paper_dots - symbol.width) // 2, 0))
    return canvas


def raster(image: Image.Image) -> bytes:
    """GS v 0 (normal density) of `image`; python-escpos packs the bits."""
    im = EscposImage(image)
    header = GS + b"v0\x00" + im.width_bytes.to_bytes(2, "little") + im.height.to_bytes(2, "little")
    return header + bytes(im.to_raster_format())


class _Encoder:
    def __init__(self, profile: PrinterProfile) -> None:
        self.profile = profile
        self.out = bytearray(INIT)
        if profile.chinese_mode:
            self.out += CHINESE_ON
        self.align, self.bold, self.size = Align.LEFT, False, SIZE_NORMAL

    def style(self, align: Align, bold: bool, size: int) -> None:
        if align is not self.align:
            self.out += ESC + b"a" + bytes([ALIGN[align]])
            self.align = align
        if bold != self.bold:
            self.out += ESC + b"E" + bytes([int(bold)])
            self.bold = bold
        if size != self.size:
            self.out += GS + b"!" + bytes([size])
            self.size = size

    def op(self, op: Op) -> None:
        if isinstance(op, TextLine):
            self.style(op.align, op.bold, SIZE_DOUBLE if op.double else SIZE_NORMAL)
            self.out += encode_text(op.text) + LF
        elif isinstance(op, Rule):
            self.style(Align.LEFT, False, SIZE_NORMAL)
            self.out += encode_text(op.char[:1] or "-") * min(op.width, self.profile.columns)
            self.out += LF
        elif isinstance(op, QR):
            self.qr(op.payload)
        elif isinstance(op, Feed):
            self.out += ESC + b"d" + bytes([max(1, min(op.lines, 255))])
        elif isinstance(op, Cut):
            self.style(Align.LEFT, False, SIZE_NORMAL)
            if self.profile.cutter:
                self.out += PARTIAL_CUT
            else:
                self.out += ESC + b"d" + bytes([CUT_FEED_LINES])
        elif isinstance(op, Drawer):
            self.out += DRAWER_KICK

    def qr(self, payload: str) -> None:
        if self.profile.qr_native:
            self.style(Align.CENTER, False, SIZE_NORMAL)
            self.out += qr_native(payload, qr_module_size(payload, self.profile))
        else:
            self.style(Align.LEFT, False, SIZE_NORMAL)
            size = qr_module_size(payload, self.profile)
            self.out += raster(qr_image(payload, size, self.profile.dots))

    def finish(self) -> bytes:
        self.style(Align.LEFT, False, SIZE_NORMAL)
        if self.profile.chinese_mode:
            self.out += CHINESE_OFF
        return bytes(self.out)


def encode(ops: Iterable[Op], profile: PrinterProfile) -> bytes:
    """The whole job, ready for one write; it ends back in the printer's defaults
    (left, normal size, Chinese mode left) so another program's job starts clean."""
    encoder = _Encoder(profile)
    for op in ops:
        encoder.op(op)
    return encoder.finish()

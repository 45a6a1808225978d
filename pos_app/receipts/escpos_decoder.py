"""ESC/POS bytes → what a printer would do with them: lines of text with their
alignment, emphasis and size, QR codes, raster images, feeds, cuts and drawer
kicks.

Tests assert on real bytes through it and the preview draws from it, so what
is previewed is what was encoded. Text decodes as the printer reads it: in
Chinese mode (after FS &) a lead byte 0x81–0xFE takes the next byte (or three,
for a GB18030 four-byte code) and prints two columns wide; outside it, a byte
above 0x7F is a code-page character (CP437), which is exactly the mojibake a
receipt shows when FS & was forgotten. Commands it does not know are kept as
`UnknownCommand` items rather than guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PIL import Image, ImageOps

from pos_app.receipts.ops import Align

ESC, GS, FS, LF, CR = 0x1B, 0x1D, 0x1C, 0x0A, 0x0D
_ALIGN = {0: Align.LEFT, 48: Align.LEFT, 1: Align.CENTER, 49: Align.CENTER}
_ALIGN |= {2: Align.RIGHT, 50: Align.RIGHT}


@dataclass(frozen=True, slots=True)
class PrintedLine:
    text: str
    align: Align = Align.LEFT
    bold: bool = False
    size: int = 0  # GS ! n: high nibble width - 1, low nibble height - 1
    cells: tuple[int, ...] = ()  # columns each character takes (1 or 2)

    @property
    def double(self) -> bool:
        return self.size != 0

    @property
    def width_factor(self) -> int:
        return ((self.size >> 4) & 7) + 1

    @property
    def height_factor(self) -> int:
        return (self.size & 7) + 1

    @property
    def columns(self) -> int:
        """Columns at normal size (a double-width line takes twice these)."""
        return sum(self.cells)


@dataclass(frozen=True, slots=True)
class QRCode:
    payload: str
    module_dots: int


@dataclass(frozen=True, slots=True)
class RasterImage:
    width: int  # dots
    height: int
    data: bytes  # 1 = black, rows of width/8 bytes

    def image(self) -> Image.Image:
        """Black on white, as printed."""
        inverted = Image.frombytes("1", (self.width, self.height), self.data)
        return ImageOps.invert(inverted.convert("L")).convert("1")


@dataclass(frozen=True, slots=True)
class FeedLines:
    lines: int


@dataclass(frozen=True, slots=True)
class PaperCut:
    partial: bool


@dataclass(frozen=True, slots=True)
class DrawerKick:
    pin: int  # 2 or 5
    on_ms: int
    off_ms: int


@dataclass(frozen=True, slots=True)
class UnknownCommand:
    data: bytes


Item = PrintedLine | QRCode | RasterImage | FeedLines | PaperCut | DrawerKick | UnknownCommand


@dataclass
class Decoded:
    items: list[Item] = field(default_factory=list)
    inits: int = 0
    entered_chinese_mode: bool = False
    chinese_mode_at_end: bool = False

    @property
    def lines(self) -> list[PrintedLine]:
        return [i for i in self.items if isinstance(i, PrintedLine)]

    @property
    def texts(self) -> list[str]:
        return [line.text for line in self.lines]

    @property
    def qr_payloads(self) -> list[str]:
        return [i.payload for i in self.items if isinstance(i, QRCode)]

    @property
    def rasters(self) -> list[RasterImage]:
        return [i for i in self.items if isinstance(i, RasterImage)]

    def count(self, kind: type) -> int:
        return sum(isinstance(i, kind) for i in self.items)


class DecodeError(ValueError):
    """The bytes end in the middle of a command."""


class _Decoder:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0
        self.result = Decoded()
        self.chinese = False
        self.reset_style()
        self.text: list[str] = []
        self.cells: list[int] = []
        self.line_style: tuple[Align, bool, int] | None = None
        self.qr_data = b""
        self.qr_module = 3

    def reset_style(self) -> None:
        self.align, self.bold, self.size = Align.LEFT, False, 0

    def take(self, count: int) -> bytes:
        if self.pos + count > len(self.data):
            raise DecodeError(f"truncated command at byte {self.pos}")
        chunk = self.data[self.pos : self.pos + count]
        self.pos += count
        return chunk

    def add(self, item: Item) -> None:
        self.result.items.append(item)

    def flush(self) -> None:
        align, bold, size = self.line_style or (self.align, self.bold, self.size)
        self.add(PrintedLine("".join(self.text), align, bold, size, tuple(self.cells)))
        self.text, self.cells, self.line_style = [], [], None

    def char(self, text: str, width: int) -> None:
        if self.line_style is None:
            self.line_style = (self.align, self.bold, self.size)
        self.text.append(text)
        self.cells.append(width)

    def run(self) -> Decoded:
        while self.pos < len(self.data):
            byte = self.take(1)[0]
            if byte == ESC:
                self.esc()
            elif byte == GS:
                self.gs()
            elif byte == FS:
                self.fs()
            elif byte == LF:
                self.flush()
            elif byte == CR:
                continue
            elif byte < 0x20 or byte == 0x7F:
                self.add(UnknownCommand(bytes([byte])))
            elif byte < 0x80:
                self.char(chr(byte), 1)
            else:
                self.high(byte)
        if self.text:
            self.flush()
        self.result.chinese_mode_at_end = self.chinese
        return self.result

    def high(self, lead: int) -> None:
        if not self.chinese:
            self.char(bytes([lead]).decode("cp437"), 1)
            return
        rest = self.data[self.pos : self.pos + 3]
        if rest[:1] and 0x30 <= rest[0] <= 0x39 and len(rest) == 3:
            raw = bytes([lead]) + self.take(3)  # GB18030 four-byte code
        elif rest[:1] and 0x40 <= rest[0] <= 0xFE and rest[0] != 0x7F and lead != 0x80:
            raw = bytes([lead]) + self.take(1)
        else:
            self.char("\ufffd", 1)
            return
        self.char(raw.decode("gb18030", errors="replace"), 2)

    def esc(self) -> None:
        command = self.take(1)
        if command == b"@":
            self.result.inits += 1
            self.reset_style()
        elif command == b"a":
            self.align = _ALIGN.get(self.take(1)[0], Align.LEFT)
        elif command == b"E":
            self.bold = bool(self.take(1)[0] & 1)
        elif command == b"!":
            mode = self.take(1)[0]
            self.bold = bool(mode & 0x08)
            self.size = (0x10 if mode & 0x20 else 0) | (0x01 if mode & 0x10 else 0)
        elif command == b"d":
            if self.text:
                self.flush()
            self.add(FeedLines(self.take(1)[0]))
        elif command == b"p":
            pin, on, off = self.take(3)
            self.add(DrawerKick(5 if pin in (1, 49) else 2, on * 2, off * 2))
        else:
            self.add(UnknownCommand(bytes([ESC]) + command))

    def gs(self) -> None:
        command = self.take(1)
        if command == b"!":
            self.size = self.take(1)[0]
        elif command == b"V":
            mode = self.take(1)[0]
            if mode in (65, 66):
                self.take(1)
            self.add(PaperCut(partial=mode in (1, 49, 66)))
        elif command == b"(":
            self.gs_paren()
        elif command == b"v":
            if self.take(1) != b"0":
                self.add(UnknownCommand(bytes([GS]) + command))
                return
            self.take(1)  # m: density, which does not change what is printed
            width_bytes = int.from_bytes(self.take(2), "little")
            height = int.from_bytes(self.take(2), "little")
            self.add(RasterImage(width_bytes * 8, height, self.take(width_bytes * height)))
        else:
            self.add(UnknownCommand(bytes([GS]) + command))

    def gs_paren(self) -> None:
        function = self.take(1)
        length = int.from_bytes(self.take(2), "little")
        body = self.take(length)
        if function != b"k" or len(body) < 2 or body[0] != 49:
            self.add(UnknownCommand(bytes([GS]) + b"(" + function + body))
            return
        fn, params = body[1], body[2:]
        if fn == 67 and params:
            self.qr_module = params[0]
        elif fn == 80:
            self.qr_data = params[1:]
        elif fn == 81:
            if self.text:
                self.flush()
            self.add(QRCode(self.qr_data.decode("utf-8", errors="replace"), self.qr_module))
        # fn 65 (model) and 69 (error level) change nothing we show

    def fs(self) -> None:
        command = self.take(1)
        if command == b"&":
            self.chinese = True
            self.result.entered_chinese_mode = True
        elif command == b".":
            self.chinese = False
        else:
            self.add(UnknownCommand(bytes([FS]) + command))


def decode(data: bytes) -> Decoded:
    """Decode one job. Raises DecodeError if it stops in the middle of a command."""
    return _Decoder(data).run()

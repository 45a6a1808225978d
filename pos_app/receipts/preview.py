"""A picture of a receipt drawn from its DECODED ESC/POS bytes, so what is shown
is what is printed: same line breaks, alignment, sizes, QR and replacements.

The paper is the profile's width in dots (384 for 58 mm, 576 for 80 mm, 512 for
the TM-T88). Text sits on the printer's grid: 12 dots per column, 24 for a
Chinese character, 24-dot glyphs on 30-dot lines, doubled for GS ! 0x11. A CJK
font is found through fontconfig (WenQuanYi Micro Hei, Noto Sans CJK SC, then
any font covering zh-cn); without one Pillow's default font is used and
Chinese characters show as boxes, but nothing fails.
"""

from __future__ import annotations

import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

import qrcode
import qrcode.constants
import qrcode.image.pil
from PIL import Image, ImageDraw, ImageFont

from pos_app.receipts.escpos_decoder import (
    DrawerKick,
    FeedLines,
    Item,
    PaperCut,
    PrintedLine,
    QRCode,
    RasterImage,
    decode,
)
from pos_app.receipts.ops import Align
from pos_app.receipts.profiles import GLYPH_DOTS, PrinterProfile

GLYPH_HEIGHT = 24
LINE_DOTS = 30
MARGIN_Y = 16
CUT_DOTS = 24
FONT_FAMILIES = ("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC")
FontType = ImageFont.FreeTypeFont | ImageFont.ImageFont


def _run(command: list[str]) -> str:
    if shutil.which(command[0]) is None:
        return ""
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=5, check=False)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip()


@lru_cache(maxsize=1)
def cjk_font_path() -> Path | None:
    """A font file that has Chinese glyphs, or None."""
    listed = _run(["fc-list", ":lang=zh-cn", "file"]).splitlines()
    chinese = {line.split(":")[0].strip() for line in listed if line.strip()}
    for family in FONT_FAMILIES:
        # fc-match always answers something (DejaVu…): keep it only if it has Chinese
        path = _run(["fc-match", "-f", "%{file}", family])
        if path in chinese and Path(path).exists():
            return Path(path)
    for path in sorted(chinese):
        if Path(path).exists():
            return Path(path)
    return None


@lru_cache(maxsize=8)
def _font(size: int) -> FontType:
    path = cjk_font_path()
    if path is not None:
        try:
            return ImageFont.truetype(str(path), size)
        except OSError:
            pass
    return ImageFont.load_default(size)


def _qr_symbol(code: QRCode) -> Image.Image:
    symbol = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=code.module_dots, border=0
    )
    symbol.add_data(code.payload.encode("utf-8"))
    symbol.make(fit=True)
    image: Image.Image = symbol.make_image(image_factory=qrcode.image.pil.PilImage).get_image()
    return image.convert("L")


def _height(item: Item) -> int:
    if isinstance(item, PrintedLine):
        return LINE_DOTS * item.height_factor
    if isinstance(item, FeedLines):
        return LINE_DOTS * item.lines
    if isinstance(item, QRCode):
        return _qr_symbol(item).height + 2 * GLYPH_DOTS
    if isinstance(item, RasterImage):
        return item.height
    if isinstance(item, PaperCut):
        return CUT_DOTS
    return 0


class _Painter:
    def __init__(self, profile: PrinterProfile, height: int) -> None:
        self.profile = profile
        self.image = Image.new("L", (profile.dots, height), 255)
        self.draw = ImageDraw.Draw(self.image)
        # the grid is centred in the printable width (512 dots hold 42 columns + 8)
        self.left = (profile.dots - profile.columns * GLYPH_DOTS) // 2
        self.y = MARGIN_Y

    def line(self, line: PrintedLine) -> None:
        wx, hy = line.width_factor, line.height_factor
        width = line.columns * GLYPH_DOTS * wx
        span = self.profile.columns * GLYPH_DOTS
        x = self.left
        if line.align is Align.CENTER:
            x += max(0, (span - width) // 2)
        elif line.align is Align.RIGHT:
            x += max(0, span - width)
        font = _font(GLYPH_HEIGHT * hy)
        top = self.y + (LINE_DOTS - GLYPH_HEIGHT) * hy // 2
        # emphasis as the printer does it: the dots struck again one dot to the right
        strikes = (0, 1) if line.bold else (0,)
        for ch, cells in zip(line.text, line.cells, strict=True):
            cell = cells * GLYPH_DOTS * wx
            if ch.strip():
                # each glyph centred in the printer's cell: the grid is the printer's
                offset = (cell - font.getlength(ch)) / 2
                for shift in strikes:
                    self.draw.text((x + offset + shift, top), ch, font=font, fill=0)
            x += cell
        self.y += LINE_DOTS * hy

    def qr(self, code: QRCode) -> None:
        symbol = _qr_symbol(code)
        self.y += GLYPH_DOTS
        self.image.paste(symbol, ((self.profile.dots - symbol.width) // 2, self.y))
        self.y += symbol.height + GLYPH_DOTS

    def raster(self, raster: RasterImage) -> None:
        self.image.paste(raster.image().convert("L"), (0, self.y))
        self.y += raster.height

    def cut(self) -> None:
        middle = self.y + CUT_DOTS // 2
        for x in range(0, self.profile.dots, 12):
            self.draw.line([(x, middle), (x + 6, middle)], fill=128, width=2)
        self.y += CUT_DOTS


def render_preview(job: bytes, profile: PrinterProfile) -> Image.Image:
    """The receipt `job` (ESC/POS bytes) as `profile`'s paper would show it."""
    items = decode(job).items
    height = MARGIN_Y * 2 + sum(_height(item) for item in items)
    painter = _Painter(profile, height)
    for item in items:
        if isinstance(item, PrintedLine):
            painter.line(item)
        elif isinstance(item, FeedLines):
            painter.y += LINE_DOTS * item.lines
        elif isinstance(item, QRCode):
            painter.qr(item)
        elif isinstance(item, RasterImage):
            painter.raster(item)
        elif isinstance(item, PaperCut):
            painter.cut()
        elif isinstance(item, DrawerKick):
            pass  # nothing on paper
    return painter.image

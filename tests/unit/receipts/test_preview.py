"""The preview is drawn from decoded bytes, on the paper's width in dots."""

from __future__ import annotations

import pytest
import zxingcpp
from PIL import ImageChops

from pos_app.receipts import preview
from pos_app.receipts.escpos_encoder import encode
from pos_app.receipts.layout import layout_receipt
from pos_app.receipts.ops import Align, TextLine
from pos_app.receipts.preview import render_preview
from pos_app.receipts.profiles import PROFILES
from tests.unit.receipts.samples import sale_receipt


def job(profile_name: str, **changes: object) -> bytes:
    profile = PROFILES[profile_name]
    return encode(layout_receipt(sale_receipt(**changes), profile.columns), profile)


@pytest.mark.parametrize(
    ("name", "dots"), [("generic58", 384), ("generic80", 576), ("epson_tm_t88", 512)]
)
def test_preview_is_as_wide_as_the_paper(name: str, dots: int) -> None:
    image = render_preview(job(name), PROFILES[name])
    assert image.width == dots
    assert image.height > 1000  # a whole receipt
    assert image.getextrema() == (0, 255)  # black print on white paper


@pytest.mark.parametrize("name", ["generic58", "generic80"])
def test_the_qr_in_the_preview_scans(name: str) -> None:
    # native (80 mm) or raster (58 mm): either way what is shown is what prints
    image = render_preview(job(name), PROFILES[name])
    found = [b.text for b in zxingcpp.read_barcodes(image)]
    assert found == ["YCR1.S001-T01-000042"]


def test_preview_follows_the_decoded_alignment() -> None:
    profile = PROFILES["generic80"]
    left = render_preview(encode([TextLine("合计")], profile), profile)
    right = render_preview(encode([TextLine("合计", Align.RIGHT)], profile), profile)
    left_box, right_box = (ImageChops.invert(img).getbbox() for img in (left, right))
    assert left_box is not None and right_box is not None
    assert left_box[0] < 24 and right_box[2] > 576 - 24


def test_longer_receipt_is_taller() -> None:
    profile = PROFILES["generic58"]
    short = render_preview(job("generic58", lines=sale_receipt().lines[:1]), profile)
    assert short.height < render_preview(job("generic58"), profile).height


def test_no_cjk_font_still_renders(monkeypatch: pytest.MonkeyPatch) -> None:
    preview._font.cache_clear()
    monkeypatch.setattr(preview, "cjk_font_path", lambda: None)
    try:
        image = render_preview(job("generic80"), PROFILES["generic80"])
        assert image.width == 576
    finally:
        preview._font.cache_clear()


def test_a_cjk_font_is_found_here() -> None:
    # the Makefile installs fonts-wqy-microhei; the README images need it
    path = preview.cjk_font_path()
    assert path is not None and path.exists()

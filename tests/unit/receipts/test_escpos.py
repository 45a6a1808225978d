"""ESC/POS encoding, checked on the real bytes and through the decoder."""

from __future__ import annotations

from dataclasses import replace

import pytest
import zxingcpp

from pos_app.receipts.escpos_decoder import (
    DecodeError,
    DrawerKick,
    FeedLines,
    PaperCut,
    QRCode,
    UnknownCommand,
    decode,
)
from pos_app.receipts.escpos_encoder import encode, qr_native
from pos_app.receipts.layout import layout_receipt
from pos_app.receipts.ops import QR, Align, Cut, Drawer, Feed, Rule, TextLine
from pos_app.receipts.profiles import PROFILES, get_profile
from tests.unit.receipts.samples import other_kinds, sale_receipt

P58, P80, TM88 = PROFILES["generic58"], PROFILES["generic80"], PROFILES["epson_tm_t88"]


def test_profiles_table() -> None:
    assert (P58.columns, P58.dots, P58.qr_native, P58.chinese_mode) == (32, 384, False, True)
    assert (P80.columns, P80.dots, P80.qr_native, P80.chinese_mode) == (48, 576, True, True)
    assert (TM88.columns, TM88.dots, TM88.qr_native) == (42, 512, True)
    with pytest.raises(ValueError):
        get_profile("xp-58-typo")


def test_job_frame_init_chinese_mode_and_back() -> None:
    job = encode([TextLine("硒泉水")], P80)
    assert job.startswith(b"\x1b@\x1c&")  # ESC @, FS &
    assert job.endswith(b"\x1c.")  # FS .
    assert "硒泉水".encode("gb18030") + b"\n" in job


def test_no_fs_and_for_a_profile_without_chinese_mode_shows_mojibake() -> None:
    western = replace(P80, chinese_mode=False)
    job = encode([TextLine("合计")], western)
    assert b"\x1c&" not in job and b"\x1c." not in job
    decoded = decode(job)
    # what such a printer prints instead of 合计: why FS & matters
    assert decoded.texts == ["合计".encode("gb18030").decode("cp437")]
    assert decoded.texts[0].isprintable() and "合" not in decoded.texts[0]


def test_yen_is_sent_as_fullwidth_yuan_and_unencodable_replaced() -> None:
    job = encode([TextLine("¥9.90 张𠮷明 😀")], P58)
    assert b"\xa3\xa49.90" in job  # ￥ in GB18030 two-byte
    assert decode(job).texts == ["￥9.90 张□明 □"]


def test_styles_are_sent_only_when_they_change() -> None:
    ops = [
        TextLine("A", Align.CENTER, bold=True, double=True),
        TextLine("B", Align.CENTER, bold=True, double=True),
        TextLine("C"),
    ]
    job = encode(ops, P80)
    assert job.count(b"\x1ba\x01") == 1 and job.count(b"\x1bE\x01") == 1
    assert job.count(b"\x1d!\x11") == 1
    a, b, c = decode(job).lines
    assert (a.align, a.bold, a.double) == (Align.CENTER, True, True)
    assert (b.align, b.bold, b.double) == (Align.CENTER, True, True)
    assert (c.align, c.bold, c.double) == (Align.LEFT, False, False)


def test_native_qr_bytes() -> None:
    assert qr_native("YCR1.S1", 6) == (
        b"\x1d(k\x04\x001A2\x00"  # model 2
        b"\x1d(k\x03\x001C\x06"  # module 6 dots
        b"\x1d(k\x03\x001E1"  # error correction M
        b"\x1d(k\x0a\x001P0YCR1.S1"  # store 7 bytes (+3)
        b"\x1d(k\x03\x001Q0"  # print
    )
    (code,) = [i for i in decode(encode([QR("YCR1.S1")], P80)).items if isinstance(i, QRCode)]
    assert code == QRCode("YCR1.S1", 8)


def test_long_qr_gets_smaller_modules_to_fit_the_paper() -> None:
    payload = "YCC1." + "a1/" * 198  # 599 bytes: a 93-module symbol
    (code,) = [i for i in decode(encode([QR(payload)], P80)).items if isinstance(i, QRCode)]
    assert code.payload == payload
    assert code.module_dots == 5 < P80.qr_module_dots  # 97 modules with the quiet zone


@pytest.mark.parametrize("payload", ["YCR1.S001-T01-000042", "YCC1." + "x" * 300 + ".sig"])
def test_raster_qr_on_58mm_scans_back_to_the_payload(payload: str) -> None:
    decoded = decode(encode([QR(payload)], P58))
    (raster,) = decoded.rasters
    assert raster.width == 384  # paper-wide, centred in the image itself
    (found,) = zxingcpp.read_barcodes(raster.image().convert("L"))
    assert found.text == payload


def test_cut_feed_and_drawer() -> None:
    job = encode([Drawer(), Feed(2), Cut()], P80)
    assert b"\x1bp\x00\x19\xfa" in job and b"\x1bd\x02" in job and b"\x1dVB\x00" in job
    items = decode(job).items
    assert DrawerKick(pin=2, on_ms=50, off_ms=500) in items
    assert FeedLines(2) in items and PaperCut(partial=True) in items
    # a 58 mm printer has no cutter: feed past the tear bar instead
    assert decode(encode([Cut()], P58)).count(PaperCut) == 0


@pytest.mark.parametrize("profile", list(PROFILES.values()), ids=list(PROFILES))
@pytest.mark.parametrize("kind", list(other_kinds()))
def test_round_trip_of_every_receipt(profile, kind) -> None:  # type: ignore[no-untyped-def]
    ops = layout_receipt(other_kinds()[kind], profile.columns, open_drawer=True)
    decoded = decode(encode(ops, profile))
    assert decoded.inits == 1 and decoded.entered_chinese_mode
    assert not decoded.chinese_mode_at_end
    assert decoded.count(UnknownCommand) == 0
    expected = [op for op in ops if isinstance(op, (TextLine, Rule))]
    assert len(decoded.lines) == len(expected)
    for line, op in zip(decoded.lines, expected, strict=True):
        if isinstance(op, Rule):
            assert line.text == op.char * profile.columns
            continue
        assert (line.text, line.align, line.bold, line.double) == (
            op.text,
            op.align,
            op.bold,
            op.double,
        )
        assert line.columns * line.width_factor <= profile.columns  # fits the paper


def test_decoded_sale_keeps_the_chinese_text_and_layout() -> None:
    decoded = decode(encode(layout_receipt(sale_receipt(), 48), P80))
    texts = decoded.texts
    assert texts[0] == "源仓公社·示范社区展示体验区"
    assert decoded.lines[0].align is Align.CENTER and decoded.lines[0].bold
    assert any(t.startswith("硒泉水 550ml") and t.endswith("12.00") for t in texts)
    assert decoded.qr_payloads == ["YCR1.S001-T01-000042"]
    assert decoded.count(PaperCut) == 1


def test_truncated_command_is_a_decode_error() -> None:
    with pytest.raises(DecodeError):
        decode(b"\x1b@\x1d(k\x10\x001P0abc")

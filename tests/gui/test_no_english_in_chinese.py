"""No English inside the Chinese UI: every code the till, the central server,
the network or the printer can produce has its own Chinese sentence (the .qm
is loaded as the till loads it), and the server's English detail never shows."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication

from pos_app.core.errors import ErrorCode, PosError
from pos_app.printing.errors import PrinterErrorCode
from pos_app.ui.dialogs.sync_problems_dialog import reason_text
from pos_app.ui.messages import error_text
from pos_app.ui.printer_status import printer_error_text
from pos_app.ui.server_messages import (
    item_flag_text,
    item_flag_texts,
    record_kind_text,
    server_reason_text,
    server_reason_texts,
    transport_text,
)
from pos_app.ui.translators import install_translators, remove_translators
from sync.protocol import codes

CJK = re.compile(r"[\u4e00-\u9fff]")
# what may stay in Latin letters inside a Chinese sentence: placeholders, URL schemes,
# a command to type and an environment variable to set
ALLOWED_LATIN = re.compile(
    r"\{[a-z_]+\}|https?://|--[a-z-]+|[A-Z]\d+|PIN|Esc|App|yuancang-pos [a-z]+|YC_[A-Z_]+"
)
TRANSPORT = ("offline", "timeout", "tls", "server_error", "bad_response", "cancelled", "redirect")


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[list[QTranslator]]:
    translators = install_translators(qapp, "zh_CN")
    assert translators, "the zh_CN translation did not load"
    yield translators
    remove_translators(qapp)


def is_chinese(text: str) -> bool:
    rest = ALLOWED_LATIN.sub("", text)
    return bool(CJK.search(text)) and not re.search(r"[A-Za-z]{2,}", rest)


def test_every_till_error_code(chinese):
    english = [c for c in ErrorCode if not is_chinese(error_text(PosError(c)))]
    assert english == []


@pytest.mark.parametrize("code", list(codes.ErrorCode), ids=str)
def test_every_server_refusal_has_its_own_sentence(chinese, code):
    assert code.value in server_reason_texts()
    text = error_text(
        PosError(ErrorCode.SERVER_REFUSED, reason=code.value, message="Some English detail")
    )
    assert is_chinese(text), text
    assert "English" not in text and text == server_reason_text(code.value)


def test_unknown_server_code_reads_in_chinese(chinese):
    text = error_text(PosError(ErrorCode.SERVER_REFUSED, reason="brand_new", message="Oops"))
    assert text == "中心服务器拒绝了请求(代码 brand_new):请联系店长。"


def test_membership_code_refusal_names_the_reason(chinese):
    text = error_text(
        PosError(ErrorCode.SERVER_REFUSED, reason="member_code_invalid", message="qr_expired")
    )
    assert text == error_text(PosError(ErrorCode.QR_EXPIRED))


@pytest.mark.parametrize("detail", TRANSPORT)
def test_server_unreachable_never_says_offline_in_english(chinese, detail):
    text = error_text(PosError(ErrorCode.SERVER_OFFLINE, detail=detail))
    assert is_chinese(text), text
    assert f"({detail})" not in text and transport_text(detail) in text


def test_every_reject_reason(chinese):
    fallback = reason_text("no_such_reason")
    for reason in codes.RejectReason:
        text = reason_text(reason.value)
        assert text != fallback.replace("no_such_reason", reason.value), reason
        assert is_chinese(text), (reason, text)
    assert fallback == "被服务器拒收(代码 no_such_reason)"


def test_every_item_flag(chinese):
    assert {f.value for f in codes.ItemFlag} <= set(item_flag_texts())
    for flag in codes.ItemFlag:
        assert is_chinese(item_flag_text(flag.value)), flag


def test_every_printer_status(chinese):
    for code in PrinterErrorCode:
        assert is_chinese(printer_error_text(code)), code
    assert printer_error_text(PrinterErrorCode.DISABLED) == "未设置打印机"


def test_record_kinds(chinese):
    assert [record_kind_text(k) for k in ("sale", "refund", "sample", "feedback")] == [
        "销售",
        "退款",
        "试吃赠送",
        "商品反馈",
    ]

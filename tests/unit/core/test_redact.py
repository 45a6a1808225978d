"""The log net: phones, tokens, codes and long secrets masked; barcodes, ids, money kept."""

from __future__ import annotations

import logging
import uuid

import pytest

from pos_app.core.redact import PHONE, SECRET, RedactingFilter, install, redact

UUID = "3f2a9c1e-8b7d-4e6f-a5b4-c3d2e1f0a9b8"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("lookup for 13827461234 failed", f"lookup for {PHONE} failed"),
        ("tel +86 138-2746-1234.", f"tel {PHONE}."),
        ("tel 86 138 2746 1234", f"tel {PHONE}"),
        ("phone=13827461234&x=1", f"phone={PHONE}&x=1"),
        ("Authorization: Bearer yct1_AbC-dEf_123", f"Authorization: Bearer {SECRET}"),
        ('{"token": "abc"}', f'{{"token": "{SECRET}"}}'),
        ("token=short1 pin=4321", f"token={SECRET} pin={SECRET}"),
        ("enrolled with ABCD-EFGH-JKM2", f"enrolled with {SECRET}"),
        ("code YCM1.eyJyIjoiUjAwMDEifQ.c2lnbmF0dXJl ok", f"code {SECRET} ok"),
        ("key " + "Zm9v" * 8 + "9", f"key {SECRET}"),
        ("sha " + "ab12" * 16, f"sha {SECRET}"),
    ],
)
def test_what_is_masked(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "scanned 6975321000012 and 69753210",  # EAN-13, EAN-8
        "gtin 06975321000012",  # 14 digits
        f"sale {UUID} pushed, 1234 ending, ¥12.80, 1280 fen",
        "resident R0001 found by ending 1234 (masked 138****1234)",
        "reason=member_code_invalid status=422",
        "2026-11-27 15:40:00 order 20261127154000",
    ],
)
def test_what_is_kept(text: str) -> None:
    assert redact(text) == text


def test_the_filter_masks_message_arguments_and_traceback() -> None:
    record = logging.LogRecord(
        "pos_app.sync", logging.ERROR, __file__, 1, "push %s for %s: %d items, %.2f",
        ("failed", "13827461234", 3, 1.5), None,
    )  # fmt: skip
    try:
        raise ValueError("token=yct1_secret_token_value in 13951185678")
    except ValueError:
        import sys

        record.exc_info = sys.exc_info()
    assert RedactingFilter().filter(record)
    line = logging.Formatter("%(message)s").format(record)
    assert line.splitlines()[0] == f"push failed for {PHONE}: 3 items, 1.50"
    assert "ValueError: token=[secret] in [phone]" in line
    assert "13951185678" not in line and "yct1_" not in line
    # an object argument (an exception) is masked through its text; a key names its value
    other = logging.LogRecord(
        "x", logging.INFO, __file__, 1, "%s token=%s", (ValueError("13827461234"), "x1"), None
    )
    RedactingFilter().filter(other)
    assert other.getMessage() == f"{PHONE} token={SECRET}"
    assert str(uuid.UUID(UUID)) == UUID


def test_uvicorn_access_lines_keep_their_arguments() -> None:
    args = ("127.0.0.1:5000", "GET", "/api/v1/x?phone=13827461234", "1.1", 200)
    record = logging.LogRecord(
        "uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d', args, None
    )
    RedactingFilter().filter(record)
    assert record.args == ("127.0.0.1:5000", "GET", f"/api/v1/x?phone={PHONE}", "1.1", 200)


def test_install_adds_one_filter() -> None:
    handler = logging.NullHandler()
    install(install(handler))
    assert [type(f) for f in handler.filters] == [RedactingFilter]

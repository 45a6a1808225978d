"""Catalog file text: UTF-8 with or without BOM, else GB18030, else refused."""

from __future__ import annotations

import pytest

from pos_app.core.catalog_text import decode

HEADER = "sku,name,category,price\nYC-TEA-0002,恩施玉露 一级 100g,tea,128.00\n"


def test_utf8_without_bom() -> None:
    assert decode(HEADER.encode("utf-8")) == (HEADER, "utf-8")


def test_utf8_bom_from_excel_is_dropped() -> None:
    assert decode(b"\xef\xbb\xbf" + HEADER.encode("utf-8")) == (HEADER, "utf-8")


def test_gbk_export_falls_back_to_gb18030() -> None:
    assert decode(HEADER.encode("gbk")) == (HEADER, "gb18030")


def test_bytes_neither_utf8_nor_gb18030_are_refused() -> None:
    with pytest.raises(UnicodeDecodeError):
        decode(b"sku\n\x80\xff")

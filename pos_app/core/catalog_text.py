"""The text of a catalog file: the till's import and the central server's catalog
load decode the same bytes the same way, so both accept and refuse the same files.
"""

from __future__ import annotations


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding name) of a catalog file: UTF-8 (with or without the BOM Excel
    writes), else GB18030, which Chinese Windows exports use. Raises
    UnicodeDecodeError when the bytes are neither."""
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("gb18030"), "gb18030"

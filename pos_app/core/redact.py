"""Masking personal data and secrets out of log lines, for the till and the central server.

The code logs ids and codes, never names or phones; this is the net under that
rule for what slips through (an exception quoting a request, a library line,
a future careless `%s`): mainland mobile numbers, bearer tokens, enrollment
codes, membership and claim codes, and long base64/hex secrets become
placeholders before a line reaches a file. Full names cannot be recognised by
pattern: keeping them out of the code's log calls is the only protection
(docs/security.md).

A product barcode (8, 12, 13 or 14 digits) is left alone: an 11-digit phone is
matched only between non-digits, and the logs need barcodes to be useful.
"""

from __future__ import annotations

import logging
import re
from typing import Any

PHONE = "[phone]"
SECRET = "[secret]"

_UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"

_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    # "Bearer <anything>": whatever follows is a credential
    (re.compile(r"(?i)\b(bearer\s+)[^\s\"',;]+"), r"\1" + SECRET),
    # key=value / "key": "value" pairs whose name says secret
    (
        re.compile(
            r"(?i)\b((?:token|password|passwd|secret|pin|member_code|claim_code|"
            r"api[_-]?key)[\"']?\s*[=:]\s*[\"']?)[^\s\"',;&}]+"
        ),
        r"\1" + SECRET,
    ),
    # the server's terminal tokens, and signed membership / claim codes
    (re.compile(r"\byct1_[A-Za-z0-9_\-]+"), SECRET),
    (re.compile(r"\bYC[A-Z]\d\.[A-Za-z0-9_\-.]+"), SECRET),
    # one-time enrollment codes: ABCD-EFGH-JKMN
    (re.compile(r"\b[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}\b"), SECRET),
    # mainland mobiles, with or without +86 and separators
    (re.compile(r"(?<![\d.])(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}(?![\d])"), PHONE),
    # long base64url / hex runs (keys, hashes of secrets, unknown tokens); not a UUID
    (
        re.compile(
            r"(?<![A-Za-z0-9_\-])(?!" + _UUID + r"(?![A-Za-z0-9_\-]))"
            r"(?=[A-Za-z0-9_\-]*\d)[A-Za-z0-9_\-]{32,}"
        ),
        SECRET,
    ),
)


def redact(text: str) -> str:
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text


def _clean(value: Any) -> Any:
    if value is None or isinstance(value, int | float):
        return value  # %d and %.2f still format (phones are held as text, never ints)
    return redact(value if isinstance(value, str) else str(value))


class RedactingFilter(logging.Filter):
    """A handler filter: the message with its %-arguments, and any traceback, masked.

    The message is merged with its arguments first, so "token=%s" is masked
    whatever the argument. uvicorn's access lines are the exception: their
    formatter reads the arguments (client, method, path, status), so those are
    masked one by one.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if record.args and record.name.startswith("uvicorn.access"):
            if isinstance(record.args, tuple):
                record.args = tuple(_clean(a) for a in record.args)
        else:
            try:
                message = record.getMessage()
            except (TypeError, ValueError):  # a broken call: still never the raw values
                message = f"{record.msg} {record.args!r}"
            record.msg, record.args = redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


def install(handler: logging.Handler) -> logging.Handler:
    if not any(isinstance(f, RedactingFilter) for f in handler.filters):
        handler.addFilter(RedactingFilter())
    return handler

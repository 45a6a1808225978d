"""Coded printer failures; the UI turns a code into a translated sentence."""

from __future__ import annotations

import enum


class PrinterErrorCode(enum.Enum):
    OFFLINE = "offline"  # refused, unreachable: off or unplugged from the network
    TIMEOUT = "timeout"  # connected but not taking data: out of paper, cover open, hung
    DROPPED = "dropped"  # the connection broke in the middle of a job
    NOT_FOUND = "not_found"  # no such device, host or port
    PERMISSION = "permission"  # the device exists but this user may not open it
    UNSUPPORTED = "unsupported"  # connection kind not available here (win:// off Windows…)
    BAD_CONFIG = "bad_config"  # the connection string or profile cannot be understood
    DISABLED = "disabled"  # printer.connection is "none"
    RENDER = "render"  # the receipt itself could not be rendered (a bug: see the log)


class PrinterError(Exception):
    def __init__(self, code: PrinterErrorCode, detail: str = "") -> None:
        super().__init__(f"{code.value}: {detail}" if detail else code.value)
        self.code = code
        self.detail = detail  # for the log only, never shown as is

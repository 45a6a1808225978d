"""What the print queue tells the rest of the till: the printer's state, what a
pass did, the retry schedule, and the error codes it reports (translated by
the UI, which never imports `pos_app.printing` itself)."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta

from pos_app.printing.connections import parse_connection
from pos_app.printing.errors import PrinterError, PrinterErrorCode

BACKOFF_BASE_S = 2
BACKOFF_CAP_S = 60


class PrinterState(enum.Enum):
    DISABLED = "disabled"  # printer.connection is none
    OK = "ok"  # nothing known to be wrong
    ERROR = "error"  # the last attempt failed (see `error`)


@dataclass(frozen=True, slots=True)
class PrinterStatus:
    state: PrinterState
    error: PrinterErrorCode | None
    pending: int
    retry_at: datetime | None
    last_printed_at: datetime | None
    connection: str
    set_aside: int = 0  # jobs that could not be rendered, waiting for a retry by hand


@dataclass(frozen=True, slots=True)
class PrintRun:
    """What one `process_pending` pass did."""

    printed: tuple[int, ...] = ()
    error: PrinterErrorCode | None = None
    failed_job: int | None = None
    retry_at: datetime | None = None  # when the head job may be tried again
    pending: int = 0
    busy: bool = False  # another pass was running; nothing was done


def backoff(attempts: int) -> timedelta:
    """2, 4, 8 … seconds after the 1st, 2nd, 3rd … failure, at most a minute."""
    return timedelta(seconds=min(BACKOFF_CAP_S, BACKOFF_BASE_S * 2 ** max(0, attempts - 1)))


def connection_problem(text: str) -> PrinterErrorCode | None:
    """Why a typed printer connection is not understood, or None when it is."""
    try:
        parse_connection(text)
    except PrinterError as exc:
        return exc.code
    return None


def error_code(value: str | None) -> PrinterErrorCode | None:
    """A stored error code; one this version does not know reads as a dropped connection."""
    try:
        return None if value is None else PrinterErrorCode(value)
    except ValueError:
        return PrinterErrorCode.DROPPED

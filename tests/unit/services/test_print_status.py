"""The print queue's report types: the retry schedule and the stored error codes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from pos_app.printing.errors import PrinterErrorCode
from pos_app.services.print_status import backoff, connection_problem, error_code


@pytest.mark.parametrize(
    ("attempts", "seconds"), [(0, 2), (1, 2), (2, 4), (3, 8), (5, 32), (6, 60), (40, 60)]
)
def test_backoff_doubles_from_two_seconds_and_stops_at_a_minute(
    attempts: int, seconds: int
) -> None:
    assert backoff(attempts) == timedelta(seconds=seconds)


def test_a_stored_code_reads_back_and_an_unknown_one_reads_as_dropped() -> None:
    assert error_code(None) is None
    assert error_code(PrinterErrorCode.OFFLINE.value) is PrinterErrorCode.OFFLINE
    assert error_code("from-a-newer-version") is PrinterErrorCode.DROPPED


def test_connection_problem_names_what_is_wrong_with_a_typed_connection() -> None:
    assert connection_problem("tcp://127.0.0.1:9100") is None
    assert connection_problem("none") is None
    assert isinstance(connection_problem("carrier-pigeon://roof"), PrinterErrorCode)

"""Connection strings, and one job sent through python-escpos to a real socket
(or file): success, and every failure mapped to its code within the timeout."""

from __future__ import annotations

import errno
import socket
import sys
import time
from pathlib import Path

import pytest

from pos_app.printing.connections import Connection, classify, parse_connection, send
from pos_app.printing.errors import PrinterError, PrinterErrorCode
from pos_app.receipts.escpos_decoder import PaperCut, decode
from pos_app.receipts.escpos_encoder import encode
from pos_app.receipts.layout import layout_receipt
from pos_app.receipts.ops import Align
from pos_app.receipts.profiles import PROFILES
from tests.unit.printing.fake_printer import FakePrinter, refusing_port
from tests.unit.receipts.samples import sale_receipt

E = PrinterErrorCode


def receipt_job(profile: str = "generic80") -> bytes:
    p = PROFILES[profile]
    return encode(layout_receipt(sale_receipt(), p.columns, open_drawer=True), p)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("none", Connection("none")),
        ("", Connection("none")),
        ("tcp://192.168.1.87:9100", Connection("tcp", host="192.168.1.87", port=9100)),
        ("tcp://printer.local", Connection("tcp", host="printer.local", port=9100)),
        ("usb://0416:5011", Connection("usb", vendor=0x0416, product=0x5011)),
        ("usb://0x04b8:0x0202", Connection("usb", vendor=0x04B8, product=0x0202)),
        ("serial:///dev/ttyS0?baud=9600", Connection("serial", path="/dev/ttyS0", baud=9600)),
        ("serial://COM3?baud=115200", Connection("serial", path="COM3", baud=115200)),
        ("serial:///dev/ttyUSB0", Connection("serial", path="/dev/ttyUSB0", baud=9600)),
        ("file:///dev/usb/lp0", Connection("file", path="/dev/usb/lp0")),
        ("win://XP-80C Printer", Connection("win", name="XP-80C Printer")),
    ],
)
def test_parse(text: str, expected: Connection) -> None:
    assert parse_connection(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "tcp://",
        "tcp://host:99999",
        "tcp://host:9100/path",
        "usb://0416",
        "usb://zz:11",
        "usb://0:0",
        "serial:///dev/ttyS0?baud=12345",
        "file://",
        "lpt1",
        "http://printer",
    ],
)
def test_bad_connection_strings(text: str) -> None:
    with pytest.raises(PrinterError) as caught:
        parse_connection(text)
    assert caught.value.code is E.BAD_CONFIG


def test_a_whole_receipt_reaches_the_printer_in_one_connection(printer: FakePrinter) -> None:
    data = receipt_job()
    send(parse_connection(printer.url), data, timeout=2)
    (received,) = printer.wait_for_jobs(1)
    assert received == data and printer.connections == 1
    decoded = decode(received)
    assert decoded.entered_chinese_mode
    store = decoded.lines[0]
    assert (store.text, store.align, store.bold) == (
        "源仓公社·示范社区展示体验区",
        Align.CENTER,
        True,
    )
    assert any(t.startswith("五常大米") for t in decoded.texts)
    assert any(t.startswith("合计") and t.endswith("￥511.55") for t in decoded.texts)
    assert decoded.qr_payloads == ["YCR1.S001-T01-000042"]
    assert decoded.count(PaperCut) == 1


def test_refused_is_offline_at_once() -> None:
    started = time.monotonic()
    with pytest.raises(PrinterError) as caught:
        send(parse_connection(f"tcp://127.0.0.1:{refusing_port()}"), b"x", timeout=2)
    assert caught.value.code is E.OFFLINE
    assert time.monotonic() - started < 1


def test_printer_dropping_mid_job() -> None:
    with FakePrinter("drop") as fake, pytest.raises(PrinterError) as caught:
        send(parse_connection(fake.url), receipt_job("generic58"), timeout=2)
    assert caught.value.code is E.DROPPED


def test_printer_that_stops_reading_times_out_within_the_timeout() -> None:
    with FakePrinter("silent") as fake:
        started = time.monotonic()
        with pytest.raises(PrinterError) as caught:
            send(parse_connection(fake.url), receipt_job("generic58"), timeout=0.5)
        elapsed = time.monotonic() - started
    assert caught.value.code is E.TIMEOUT
    assert 0.4 < elapsed < 1.5


def test_file_device(tmp_path: Path) -> None:
    target = tmp_path / "lp0"
    target.touch()
    data = receipt_job()
    send(parse_connection(f"file://{target}"), data, timeout=1)
    assert target.read_bytes() == data


def test_missing_device_file_is_not_found(tmp_path: Path) -> None:
    with pytest.raises(PrinterError) as caught:
        send(parse_connection(f"file://{tmp_path}/nope/lp0"), b"x", timeout=1)
    assert caught.value.code is E.NOT_FOUND


@pytest.mark.skipif(sys.platform == "win32", reason="win:// exists on Windows")
def test_windows_printer_elsewhere_is_unsupported() -> None:
    with pytest.raises(PrinterError) as caught:
        send(parse_connection("win://XP-80C"), b"x", timeout=1)
    assert caught.value.code is E.UNSUPPORTED


def _missing(module: str) -> bool:
    try:
        __import__(module)
    except ImportError:
        return True
    return False


@pytest.mark.skipif(not _missing("usb"), reason="pyusb installed")
def test_usb_without_pyusb_is_unsupported() -> None:
    with pytest.raises(PrinterError) as caught:
        send(parse_connection("usb://0416:5011"), b"x", timeout=1)
    assert caught.value.code is E.UNSUPPORTED


@pytest.mark.skipif(not _missing("serial"), reason="pyserial installed")
def test_serial_without_pyserial_is_unsupported() -> None:
    with pytest.raises(PrinterError) as caught:
        send(parse_connection("serial:///dev/ttyS0"), b"x", timeout=1)
    assert caught.value.code is E.UNSUPPORTED


def _wrapped(cause: BaseException) -> BaseException:
    """As python-escpos raises it: DeviceNotFoundError inside `except OSError`."""
    from escpos.exceptions import DeviceNotFoundError

    try:
        try:
            raise cause
        except BaseException:
            raise DeviceNotFoundError("Could not open") from None
    except DeviceNotFoundError as exc:
        exc.__context__ = cause
        return exc


@pytest.mark.parametrize(
    ("cause", "opening", "code"),
    [
        (PermissionError(errno.EACCES, "denied"), True, E.PERMISSION),
        (OSError(errno.EACCES, "Access denied (insufficient permissions)"), False, E.PERMISSION),
        (TimeoutError("timed out"), True, E.TIMEOUT),
        (ConnectionRefusedError(), True, E.OFFLINE),
        (OSError(errno.EHOSTUNREACH, "No route to host"), True, E.OFFLINE),
        (socket.gaierror(-2, "Name or service not known"), True, E.NOT_FOUND),
        (FileNotFoundError(errno.ENOENT, "no such file"), True, E.NOT_FOUND),
        (OSError(errno.ENODEV, "No such device"), True, E.NOT_FOUND),
        (OSError(errno.ENODEV, "No such device"), False, E.DROPPED),  # unplugged mid-job
        (BrokenPipeError(), False, E.DROPPED),
        (AssertionError("Device not found or cable not plugged in"), True, E.NOT_FOUND),
    ],
)
def test_failures_map_to_codes(cause: BaseException, opening: bool, code: E) -> None:
    assert classify(_wrapped(cause), opening=opening) is code


def test_usb_timeout_error_is_a_timeout() -> None:
    class USBTimeoutError(OSError):  # pyusb's class name; pyusb is optional here
        pass

    assert classify(USBTimeoutError("timeout"), opening=False) is E.TIMEOUT

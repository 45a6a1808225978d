"""Printer connections: the `printer.connection` setting parsed, and one job sent.

| setting                         | transport (python-escpos)            |
|---------------------------------|--------------------------------------|
| `none`                          | no printer: nothing is queued        |
| `tcp://192.168.1.87:9100`       | `escpos.printer.Network` (port 9100 by default) |
| `usb://0416:5011`               | `escpos.printer.Usb` (vendor:product, hex; needs pyusb) |
| `serial:///dev/ttyS0?baud=9600` | `escpos.printer.Serial` (needs pyserial) |
| `file:///dev/usb/lp0`           | `escpos.printer.File` (Linux usblp, a parallel port, a file) |
| `win://XP-80C`                  | `escpos.printer.Win32Raw` (Windows only) |

python-escpos is the transport only: the bytes come from receipts.escpos_encoder
and go out in ONE `_raw` write (a whole receipt prints in a fraction of a second;
line-by-line writes take seconds). Every step is bounded by the timeout, and
every failure becomes a coded `PrinterError`, so a printer that is off, out of
paper or unplugged costs the caller at most the timeout, never a hang.

On TCP the job only counts as delivered once the printer has acknowledged every
byte: the send buffer is kept small and, where the OS tells (Linux TIOCOUTQ,
macOS SO_NWRITE), we wait for the unacknowledged count to reach zero. Otherwise
a printer that stopped reading would swallow a job into a megabyte of kernel
buffer, we would close, and the receipt would be lost while marked printed.
"""

from __future__ import annotations

import errno
import logging
import os
import select
import socket
import sys
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

from pos_app.printing.errors import PrinterError, PrinterErrorCode

log = logging.getLogger("pos_app.printer")

SEND_BUFFER = 8192  # bytes: small, so "sent" means "taken by the printer" (see above)
BAUD_RATES = (2400, 4800, 9600, 19200, 38400, 57600, 115200)
_SO_NWRITE = 0x1024  # macOS: bytes in the send buffer not yet acknowledged

E = PrinterErrorCode


@dataclass(frozen=True, slots=True)
class Connection:
    kind: str  # none, tcp, usb, serial, file, win
    host: str = ""
    port: int = 9100
    vendor: int = 0
    product: int = 0
    path: str = ""
    baud: int = 9600
    name: str = ""

    def describe(self) -> str:
        """For logs and the status bar tooltip."""
        return {
            "none": "none",
            "tcp": f"tcp://{self.host}:{self.port}",
            "usb": f"usb://{self.vendor:04x}:{self.product:04x}",
            "serial": f"serial://{self.path}?baud={self.baud}",
            "file": f"file://{self.path}",
            "win": f"win://{self.name}",
        }[self.kind]


NO_PRINTER = Connection("none")


def parse_connection(text: str) -> Connection:
    """Parse a `printer.connection` setting; PrinterError(BAD_CONFIG) if malformed."""
    text = text.strip()
    if text.lower() in ("", "none"):
        return NO_PRINTER
    scheme, sep, rest = text.partition("://")
    scheme = scheme.lower()
    if not sep or not rest:
        raise PrinterError(E.BAD_CONFIG, text)
    if scheme == "win":
        return Connection("win", name=rest.strip())
    if scheme == "usb":
        ids = rest.strip("/").split(":")
        try:
            vendor, product = (int(part, 16) for part in ids)
        except ValueError:
            raise PrinterError(E.BAD_CONFIG, text) from None
        if not (0 < vendor <= 0xFFFF and 0 < product <= 0xFFFF):
            raise PrinterError(E.BAD_CONFIG, text)
        return Connection("usb", vendor=vendor, product=product)
    url = urlsplit(text)
    if scheme == "tcp":
        try:
            port = url.port or 9100
        except ValueError:
            raise PrinterError(E.BAD_CONFIG, text) from None
        if not url.hostname or url.path not in ("", "/"):
            raise PrinterError(E.BAD_CONFIG, text)
        return Connection("tcp", host=url.hostname, port=port)
    if scheme == "serial":
        path = url.path or url.netloc  # serial:///dev/ttyS0, serial://COM3
        baud_text = parse_qs(url.query).get("baud", ["9600"])[0]
        if not path or not baud_text.isdigit() or int(baud_text) not in BAUD_RATES:
            raise PrinterError(E.BAD_CONFIG, text)
        return Connection("serial", path=path, baud=int(baud_text))
    if scheme == "file":
        if not url.path:
            raise PrinterError(E.BAD_CONFIG, text)
        return Connection("file", path=url.path)
    raise PrinterError(E.BAD_CONFIG, text)


# --- failures -> codes ---------------------------------------------------------------


def _chain(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def classify(exc: BaseException, *, opening: bool) -> PrinterErrorCode:
    """The code of a transport failure; `opening` tells a failed open from a
    failure in the middle of a job (an unplugged device is NOT_FOUND before,
    DROPPED during)."""
    for cause in _chain(exc):
        name = type(cause).__name__
        number = getattr(cause, "errno", None) or getattr(cause, "backend_error_code", None)
        if isinstance(cause, PermissionError) or number in (errno.EACCES, errno.EPERM):
            return E.PERMISSION
        if isinstance(cause, TimeoutError) or "Timeout" in name:
            return E.TIMEOUT
        if isinstance(cause, socket.gaierror):
            return E.NOT_FOUND
        if isinstance(cause, ConnectionRefusedError) or number in (
            errno.EHOSTUNREACH,
            errno.ENETUNREACH,
            errno.EHOSTDOWN,
        ):
            return E.OFFLINE
        if isinstance(cause, (ConnectionResetError, BrokenPipeError, ConnectionAbortedError)):
            return E.OFFLINE if opening else E.DROPPED
        if isinstance(cause, FileNotFoundError) or number in (
            errno.ENOENT,
            errno.ENODEV,
            errno.ENXIO,
        ):
            return E.NOT_FOUND if opening else E.DROPPED
        if isinstance(cause, AssertionError):  # escpos Usb: no such vendor:product
            return E.NOT_FOUND
    return E.OFFLINE if opening else E.DROPPED


# --- sending ---------------------------------------------------------------------------


def _unacknowledged(sock: socket.socket) -> int | None:
    try:
        if sys.platform.startswith("linux"):
            import array
            import fcntl
            import termios

            count = array.array("i", [0])
            fcntl.ioctl(sock.fileno(), termios.TIOCOUTQ, count)
            return int(count[0])
        if sys.platform == "darwin":
            return sock.getsockopt(socket.SOL_SOCKET, _SO_NWRITE)
    except OSError:
        return None
    return None


def _wait_acknowledged(sock: socket.socket, deadline: float) -> None:
    while True:
        failure = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
        if failure:
            raise PrinterError(E.DROPPED, os.strerror(failure))
        pending = _unacknowledged(sock)
        if not pending:  # 0, or unknown on this OS: the small buffer is all we have
            return
        if time.monotonic() >= deadline:
            raise PrinterError(E.TIMEOUT, f"{pending} bytes not acknowledged")
        time.sleep(0.005)


def _escpos(kind: str) -> Any:
    # imported on first use: python-escpos loads its capability database (and
    # calls logging.basicConfig) at import time, which start-up does not need
    import escpos.printer

    return getattr(escpos.printer, kind)


def _make_printer(connection: Connection, timeout: float) -> Any:
    kind = connection.kind
    if kind == "tcp":
        return _escpos("Network")(connection.host, connection.port, timeout=timeout)
    if kind == "usb":
        usb = _escpos("Usb")
        if not usb.is_usable():
            raise PrinterError(E.UNSUPPORTED, "pyusb is not installed")
        return usb(connection.vendor, connection.product, timeout=int(timeout * 1000))
    if kind == "serial":
        serial = _escpos("Serial")
        if not serial.is_usable():
            raise PrinterError(E.UNSUPPORTED, "pyserial is not installed")
        return serial(connection.path, baudrate=connection.baud, timeout=timeout)
    if kind == "file":
        return _escpos("File")(connection.path)
    if kind == "win":
        if sys.platform != "win32":
            raise PrinterError(E.UNSUPPORTED, "win:// printers exist on Windows only")
        win = _escpos("Win32Raw")
        if not win.is_usable():
            raise PrinterError(E.UNSUPPORTED, "pywin32 is not installed")
        return win(connection.name)
    raise PrinterError(E.DISABLED)


def _write_file(device: Any, data: bytes, deadline: float) -> None:
    """Write to a device file without ever blocking past the deadline.

    /dev/usb/lp0 blocks a plain write() while the printer is out of paper.
    """
    if os.name != "posix":
        device.write(data)
        device.flush()
        return
    fd = device.fileno()
    os.set_blocking(fd, False)
    view = memoryview(data)
    while view:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError(f"{len(view)} bytes not written")
        _, writable, _ = select.select([], [fd], [], remaining)
        if not writable:
            continue
        try:
            view = view[os.write(fd, view) :]
        except BlockingIOError:
            continue


def send(connection: Connection, data: bytes, *, timeout: float) -> None:
    """Open, write `data` in one go, make sure it went, close. PrinterError on failure."""
    deadline = time.monotonic() + timeout
    printer = _make_printer(connection, timeout)
    try:
        try:
            printer.open()
            device = printer.device
            if connection.kind == "serial":
                device.write_timeout = timeout  # flow control must not block forever
        except PrinterError:
            raise
        except Exception as exc:  # python-escpos wraps OSError in DeviceNotFoundError
            raise PrinterError(classify(exc, opening=True), str(exc)) from exc
        try:
            if connection.kind == "tcp":
                device.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, SEND_BUFFER)
                # the timeout covers the whole job, connecting included
                device.settimeout(max(0.05, deadline - time.monotonic()))
                printer._raw(data)
                _wait_acknowledged(device, deadline)
            elif connection.kind == "file":
                _write_file(device, data, deadline)
            else:
                printer._raw(data)
        except PrinterError:
            raise
        except Exception as exc:
            raise PrinterError(classify(exc, opening=False), str(exc)) from exc
    finally:
        try:
            printer.close()
        except Exception as exc:  # closing a broken device may fail too: already reported
            log.debug("closing the printer failed: %s", exc)
    log.info("sent %d bytes to %s", len(data), connection.describe())

"""Printing receipts without ever holding up or risking a sale.

The sale is committed first; then `enqueue_sale` writes a print job in its own
short transaction (no printer is touched). `process_pending`, run off the GUI
thread by the print worker, sends waiting jobs in order, one write per job,
each bounded by the printer timeout. A failure leaves the job pending with its
error code and a retry time (exponential backoff, capped), and stops the pass:
the other jobs would only fail the same way, each costing a timeout. A job that
cannot even be rendered (a bug) is set aside as failed so it cannot block the
queue; the status stays red (RENDER) until a retry by hand renders it, so a
receipt that never printed cannot hide behind "ready". Jobs survive restarts;
each is printed once when the printer is back
(at least once, strictly: a printer that takes a whole job and then drops the
connection before acknowledging it will print it again).

The cash drawer opens with the receipt of a cash sale only on the first try and
within a minute of the sale: a drawer must never spring open later, when the
printer comes back and the cashier may be away from the till.
"""

from __future__ import annotations

import json
import logging
import threading
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from pos_app.core.sale import Sale
from pos_app.core.tender import TenderKind
from pos_app.options import PrinterSettings, StoreSettings, TerminalSettings
from pos_app.persistence.print_jobs_repo import PrintJob, PrintJobsRepository
from pos_app.persistence.sale_reader import SaleReader
from pos_app.printing import connections
from pos_app.printing.connections import NO_PRINTER, Connection, parse_connection

# part of this service's interface: it raises PrinterError and reports its codes,
# which the UI translates (the UI never imports pos_app.printing itself)
from pos_app.printing.errors import PrinterError as PrinterError
from pos_app.printing.errors import PrinterErrorCode as PrinterErrorCode
from pos_app.receipts.document import (
    ReceiptData,
    ReceiptKind,
    ResidentBlock,
    StoreInfo,
    receipt_from_dict,
    receipt_from_sale,
    receipt_to_dict,
)
from pos_app.receipts.escpos_encoder import DRAWER_KICK, INIT, encode
from pos_app.receipts.layout import layout_receipt
from pos_app.receipts.profiles import PrinterProfile, get_profile
from pos_app.services.print_status import PrinterState as PrinterState
from pos_app.services.print_status import PrinterStatus as PrinterStatus
from pos_app.services.print_status import PrintRun as PrintRun
from pos_app.services.print_status import backoff as backoff
from pos_app.services.print_status import connection_problem as connection_problem
from pos_app.services.print_status import error_code
from pos_app.services.receipt_builders import printer_test_receipt

log = logging.getLogger("pos_app.printer")

DRAWER_FRESH = timedelta(seconds=60)
Sender = Callable[..., None]  # (connection, data, *, timeout) -> None, raises PrinterError
E = PrinterErrorCode


class PrintService:
    def __init__(
        self,
        *,
        jobs: PrintJobsRepository,
        sales: SaleReader,
        printer: Callable[[], PrinterSettings],
        store: Callable[[], StoreSettings],
        terminal: Callable[[], TerminalSettings],
        send: Sender = connections.send,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        qr_for_sale: Callable[[Sale], str] | None = None,
        training: bool = False,  # training mode: every receipt says 培训 / TRAINING
    ) -> None:
        self.jobs = jobs
        self.sales = sales
        # the current settings, read at each job: a new printer applies at once
        self._printer = printer
        self._store = store
        self._terminal = terminal
        self._send = send
        self.clock = clock
        self._qr_for_sale = qr_for_sale
        self.training = training
        self._lock = threading.Lock()  # one pass at a time, whoever asks

    # --- configuration --------------------------------------------------------------

    def connection(self) -> Connection:
        return parse_connection(self._printer().connection)

    def enabled(self) -> bool:
        try:
            return self.connection() is not NO_PRINTER
        except PrinterError:
            return True  # misconfigured is not off: jobs queue and status shows the error

    def profile(self) -> PrinterProfile:
        try:
            return get_profile(self._printer().profile)
        except ValueError as exc:
            raise PrinterError(E.BAD_CONFIG, str(exc)) from exc

    def store(self) -> StoreInfo:
        store = self._store()  # one snapshot: name and community of the same write
        return StoreInfo(store.name, store.community, self._terminal().code, self.training)

    def footer(self) -> tuple[str, ...]:
        return tuple(x for x in self._printer().footer.splitlines() if x.strip())

    # --- what to print --------------------------------------------------------------

    def receipt_for_sale(
        self, sale: Sale, *, resident: ResidentBlock | None = None, qr: str | None = None
    ) -> ReceiptData:
        """The receipt of a committed sale. A member sale without an explicit
        `resident` shows the masked name, the points earned and the balance
        stored with the sale when it was recorded."""
        if resident is None and sale.member is not None:
            resident = ResidentBlock(
                sale.member.masked_name or "*",
                sale.points,
                self.sales.balance_printed(sale.sale_id),
                self._printer().resident_page_url.strip(),
            )
        if qr is None and self._qr_for_sale is not None:
            try:
                qr = self._qr_for_sale(sale)
            except Exception:  # a receipt without its QR beats no receipt
                log.exception("no QR for the receipt of %s", sale.receipt_no)
        return receipt_from_sale(sale, self.store(), resident=resident, qr=qr, footer=self.footer())

    def receipt_of_sale(self, sale_id: str, *, reprint: bool = False) -> ReceiptData:
        """A stored sale's receipt, from the database; LookupError if unknown.

        The resident block, QR and store header of the receipt first queued for
        it are kept, so a reprint says what the original said. With no such job
        (no printer was configured) the receipt is built from the sale as
        stored, its member, points and printed balance included.
        """
        sale = self.sales.load(sale_id)
        if sale is None:
            raise LookupError(sale_id)
        original = next(
            (j for j in self.jobs.for_sale(sale_id) if j.kind == ReceiptKind.SALE.value), None
        )
        if original is not None:
            first = receipt_from_dict(json.loads(original.payload))
            data = receipt_from_sale(
                sale,
                first.store,
                resident=first.resident,
                qr=first.qr,
                qr_caption=first.qr_caption,
                footer=first.footer,
            )
        else:
            data = self.receipt_for_sale(sale)
        return data.as_reprint(self.clock()) if reprint else data

    def render(
        self, data: ReceiptData, *, profile: PrinterProfile | None = None, drawer: bool = False
    ) -> bytes:
        """The ESC/POS bytes of a receipt (also what the preview decodes)."""
        profile = profile or self.profile()
        return encode(layout_receipt(data, profile.columns, open_drawer=drawer), profile)

    # --- the queue --------------------------------------------------------------------

    def enqueue_sale(
        self, sale: Sale, *, resident: ResidentBlock | None = None, qr: str | None = None
    ) -> int | None:
        """Queue the receipt of a sale JUST COMMITTED; never call it inside the
        sale's transaction. Returns the job id, or None when no printer is set.

        Queueing twice is harmless (one job per sale). A storage failure raises
        PosError: the sale itself is already safe, and the receipt can be
        reprinted from the history.
        """
        if not self.enabled():
            return None
        kick = self._printer().kick_drawer_on_cash and any(
            p.kind is TenderKind.CASH for p in sale.payments
        )
        data = self.receipt_for_sale(sale, resident=resident, qr=qr)
        return self.enqueue_receipt(data, job_key=f"sale:{sale.sale_id}", kick_drawer=kick)

    def enqueue_receipt(
        self, data: ReceiptData, *, job_key: str | None = None, kick_drawer: bool = False
    ) -> int | None:
        """Queue any receipt (refund, shift close, redemption…)."""
        if not self.enabled():
            return None
        job_id = self.jobs.add(
            job_key=job_key or f"{data.kind.value}:{uuid.uuid4()}",
            sale_id=data.sale_id,
            kind=data.kind.value,
            payload=json.dumps(receipt_to_dict(data), ensure_ascii=False),
            kick_drawer=kick_drawer,
            now=self.clock(),
        )
        log.info("print job %d queued (%s %s)", job_id, data.kind.value, data.number)
        return job_id

    def enqueue_test(self) -> int | None:
        """Queue the printer dialog's test print, for the printer and paper set now."""
        try:
            title = self.profile().title
        except PrinterError:  # printed anyway: the status bar shows the bad setting
            title = self._printer().profile
        data = printer_test_receipt(
            self.store(), profile_title=title, when=self.clock(), footer=self.footer()
        )
        return self.enqueue_receipt(data)

    def reprint(self, sale_id: str) -> int:
        """Queue a copy marked 重打 / REPRINT with the time of the reprint."""
        if not self.enabled():
            raise PrinterError(E.DISABLED)
        job_id = self.enqueue_receipt(self.receipt_of_sale(sale_id, reprint=True))
        assert job_id is not None
        return job_id

    def cancel(self, job_id: int) -> bool:
        return self.jobs.cancel(job_id)

    def purge(self, *, keep_days: int = 30) -> int:
        """Forget finished jobs older than `keep_days` (a busy till queues ~1 MB a
        week); pending ones are kept whatever their age. Returns how many went."""
        return self.jobs.purge_finished(before=self.clock() - timedelta(days=keep_days))

    # --- the printer ------------------------------------------------------------------

    def process_pending(self, *, force: bool = False) -> PrintRun:
        """Try waiting jobs once each, in order, until one fails. Blocking: run it
        off the GUI thread. `force` ignores the backoff (a "retry now" click)."""
        if not self._lock.acquire(blocking=False):
            return PrintRun(busy=True)
        try:
            return self._process(force)
        finally:
            self._lock.release()

    def _process(self, force: bool) -> PrintRun:
        if force and self.enabled():
            self.jobs.requeue_set_aside()  # a retry by hand tries the unrenderable again
        waiting = self.jobs.pending()
        if not waiting:
            return PrintRun()
        head, now = waiting[0], self.clock()
        if not force and head.next_attempt_at is not None and head.next_attempt_at > now:
            return PrintRun(
                error=error_code(head.last_error),
                retry_at=head.next_attempt_at,
                pending=self.jobs.pending_count(),
            )
        try:
            connection, profile = self.connection(), self.profile()
        except PrinterError as exc:
            return self._failed(head, exc, ())
        if connection is NO_PRINTER:  # switched off after jobs were queued: they wait
            return PrintRun(error=E.DISABLED, pending=self.jobs.pending_count())
        printed: list[int] = []
        for job in waiting:
            try:
                data = self._render_job(job, profile)
            except Exception:
                log.exception("print job %d cannot be rendered; set aside", job.id)
                self.jobs.mark_failed(job.id, error=E.RENDER.value, now=now, retry_at=None)
                continue
            try:
                self._send(connection, data, timeout=self._printer().timeout_s)
            except PrinterError as exc:
                return self._failed(job, exc, printed)
            except Exception as exc:  # a transport bug must not kill the worker
                log.exception("printing job %d failed unexpectedly", job.id)
                return self._failed(job, PrinterError(E.DROPPED, str(exc)), printed)
            self.jobs.mark_printed(job.id, now=self.clock())
            printed.append(job.id)
        return PrintRun(printed=tuple(printed), pending=self.jobs.pending_count())

    def _render_job(self, job: PrintJob, profile: PrinterProfile) -> bytes:
        data = receipt_from_dict(json.loads(job.payload))
        fresh = job.attempts == 0 and self.clock() - job.created_at <= DRAWER_FRESH
        return self.render(data, profile=profile, drawer=job.kick_drawer and fresh)

    def _failed(
        self, job: PrintJob, exc: PrinterError, printed: tuple[int, ...] | list[int]
    ) -> PrintRun:
        now = self.clock()
        retry_at = now + backoff(job.attempts + 1)
        self.jobs.mark_failed(job.id, error=exc.code.value, now=now, retry_at=retry_at)
        log.warning(
            "print job %d failed (%s, attempt %d), retry at %s: %s",
            job.id,
            exc.code.value,
            job.attempts + 1,
            retry_at.isoformat(timespec="seconds"),
            exc.detail,
        )
        return PrintRun(
            printed=tuple(printed),
            error=exc.code,
            failed_job=job.id,
            retry_at=retry_at,
            pending=self.jobs.pending_count(),
        )

    def status(self) -> PrinterStatus:
        """The printer's state as far as the queue knows it (reads the database).

        A job that could not be rendered keeps the status red (RENDER) until a
        retry by hand renders it: a receipt that silently never printed must
        not look like a ready printer.
        """
        text = self._printer().connection
        waiting = self.jobs.pending(limit=1)
        pending = self.jobs.pending_count() if waiting else 0
        last = self.jobs.last_printed_at()
        try:
            connection = self.connection()
            self.profile()
        except PrinterError as exc:
            return PrinterStatus(PrinterState.ERROR, exc.code, pending, None, last, text)
        if connection is NO_PRINTER:
            return PrinterStatus(PrinterState.DISABLED, None, pending, None, last, "none")
        head = waiting[0] if waiting else None
        set_aside = self.jobs.set_aside_count()
        if head is not None and head.last_error:
            error = error_code(head.last_error)
            return PrinterStatus(
                PrinterState.ERROR, error, pending, head.next_attempt_at, last, text, set_aside
            )
        if set_aside:
            return PrinterStatus(
                PrinterState.ERROR, E.RENDER, pending, None, last, connection.describe(), set_aside
            )
        return PrinterStatus(PrinterState.OK, None, pending, None, last, connection.describe())

    def open_drawer(self) -> None:
        """Kick the drawer now (when the receipt could not do it). Blocking."""
        connection = self.connection()
        if connection is NO_PRINTER:
            raise PrinterError(E.DISABLED)
        self._send(connection, INIT + DRAWER_KICK, timeout=self._printer().timeout_s)

    def sale(self, sale_id: str) -> Sale | None:
        """A stored sale, as its receipts print it (e.g. to reprint or refund it)."""
        return self.sales.load(sale_id)

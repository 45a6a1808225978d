"""The print queue with real sales, a real database and loopback printers: a
printer that is off, drops the job or stops reading never costs the sale; the
job waits with its error, backs off, and prints exactly once when it can."""

from __future__ import annotations

import json
import socket
import time
from dataclasses import replace
from pathlib import Path

import pytest

from pos_app.app import AppContext, build_context
from pos_app.core.money import Money
from pos_app.core.sale import sale_to_dict
from pos_app.core.tender import ManualPaymentProvider, TenderKind
from pos_app.persistence.print_models import FAILED, PENDING, PRINTED
from pos_app.printing.errors import PrinterError, PrinterErrorCode
from pos_app.receipts.document import ResidentBlock
from pos_app.receipts.escpos_decoder import DrawerKick, PaperCut, decode
from pos_app.receipts.ops import Align
from pos_app.services.printing import PrinterState, PrintService, backoff, connection_problem
from tests.unit.printing.conftest import RICE, WATER, Clock, make_service, ring_up
from tests.unit.printing.fake_printer import FakePrinter, refusing_port

E = PrinterErrorCode


def use(context: AppContext, url: str, profile: str | None = None) -> None:
    context.settings.set("printer.connection", url)
    if profile:
        context.settings.set("printer.profile", profile)


def everything_sent(printer: FakePrinter, timeout: float = 5.0) -> list[bytes]:
    """The jobs the printer got, once it has taken in every connection made so far.

    A probe connection queues behind every connection the service already made (the
    listen backlog is first in, first out): when the printer has handled the probe and
    as many connections as it accepted, nothing sent before is still on its way. The
    probe's empty job is left out (a receipt is never empty)."""
    with socket.create_connection(("127.0.0.1", printer.port), timeout=timeout):
        pass
    deadline, jobs = time.monotonic() + timeout, []
    while time.monotonic() < deadline:
        jobs = list(printer.jobs)
        if b"" in jobs and len(jobs) == printer.connections:
            return [job for job in jobs if job]
        time.sleep(0.005)  # polling a condition, not waiting out a time
    raise AssertionError(f"printer still busy: {printer.connections} connections, {jobs!r:.80}")


def test_a_sale_prints_once_on_a_working_printer(
    context: AppContext, service: PrintService, printer: FakePrinter
) -> None:
    use(context, printer.url)
    sale = ring_up(context, WATER, WATER, RICE)
    job_id = service.enqueue_sale(sale, qr=f"YCR1.{sale.receipt_no}")
    assert job_id is not None

    run = service.process_pending()
    assert run.printed == (job_id,) and run.error is None and run.pending == 0
    (received,) = printer.wait_for_jobs(1)
    decoded = decode(received)
    assert isinstance(decoded.items[0], DrawerKick)  # a cash sale opens the drawer
    assert decoded.lines[0].text == "源仓公社·示范社区展示体验区"
    assert decoded.lines[0].align is Align.CENTER
    texts = decoded.texts
    assert any(t.startswith("硒泉水") for t in texts)
    assert any(t.startswith("五常大米") and t.endswith("89.90") for t in texts)
    assert f"单号: {sale.receipt_no}" in texts
    assert decoded.qr_payloads == [f"YCR1.{sale.receipt_no}"]
    assert decoded.count(PaperCut) == 1
    assert service.jobs.get(job_id).state == PRINTED  # type: ignore[union-attr]

    assert service.process_pending().printed == ()  # the queue is drained
    assert service.status().pending == 0
    assert len(everything_sent(printer)) == 1  # printed exactly once


FAILURES = [
    ("refused", E.OFFLINE),
    ("drop", E.DROPPED),
    ("silent", E.TIMEOUT),
]


@pytest.mark.parametrize(("mode", "code"), FAILURES, ids=[m for m, _ in FAILURES])
def test_a_failing_printer_never_costs_the_sale(
    context: AppContext, service: PrintService, clock: Clock, mode: str, code: E
) -> None:
    context.settings.set("printer.timeout_s", 0.5)
    sale = ring_up(context, WATER)
    # 58 mm: the QR goes as a raster image, a job far larger than a printer's buffer
    bad = FakePrinter(mode) if mode != "refused" else None
    url = bad.url if bad else f"tcp://127.0.0.1:{refusing_port()}"
    use(context, url, "generic58")
    job_id = service.enqueue_sale(sale, qr=f"YCR1.{sale.receipt_no}")
    assert job_id is not None
    try:
        if bad:
            bad.__enter__()
        started = time.monotonic()
        run = service.process_pending()
        assert time.monotonic() - started < 1.5  # bounded by the timeout
    finally:
        if bad:
            bad.close()
    assert run.error is code and run.failed_job == job_id and run.printed == ()
    assert run.retry_at == clock.now + backoff(1)

    # the sale is committed and reads back whole
    assert context.sales.count() == 1
    stored = service.sales.load(sale.sale_id)
    assert stored is not None and sale_to_dict(stored) == sale_to_dict(sale)
    job = service.jobs.get(job_id)
    assert job is not None
    assert (job.state, job.attempts, job.last_error) == (PENDING, 1, code.value)
    assert job.next_attempt_at == clock.now + backoff(1)
    status = service.status()
    assert (status.state, status.error, status.pending) == (PrinterState.ERROR, code, 1)

    with FakePrinter("ok") as good:
        use(context, good.url)
        waiting = service.process_pending()  # still inside the backoff: not tried
        assert waiting.printed == () and waiting.retry_at == job.next_attempt_at
        clock.advance(backoff(1).total_seconds() + 0.1)
        assert service.process_pending().printed == (job_id,)
        assert service.process_pending().printed == ()
        assert service.status().pending == 0  # the queue is drained
        (received,) = everything_sent(good)  # exactly once
    decoded = decode(received)
    assert f"单号: {sale.receipt_no}" in decoded.texts
    assert decoded.count(DrawerKick) == 0  # never a late drawer kick
    assert service.status().state is PrinterState.OK


def test_a_pending_job_survives_a_restart(
    context: AppContext, service: PrintService, clock: Clock, data_dir: Path
) -> None:
    use(context, f"tcp://127.0.0.1:{refusing_port()}")
    context.save_setting("printer.connection", context.settings.printer.connection)
    sale = ring_up(context)
    job_id = service.enqueue_sale(sale)
    assert service.process_pending().error is E.OFFLINE
    context.close()

    reopened = build_context(data_dir)
    try:
        again = make_service(reopened, clock)
        assert reopened.settings.printer.connection.startswith("tcp://127.0.0.1:")
        status = again.status()
        assert (status.state, status.error, status.pending) == (PrinterState.ERROR, E.OFFLINE, 1)
        with FakePrinter("ok") as good:
            use(reopened, good.url)
            assert again.process_pending(force=True).printed == (job_id,)
            (received,) = good.wait_for_jobs(1)
        assert f"单号: {sale.receipt_no}" in decode(received).texts
        assert again.status().pending == 0
    finally:
        reopened.close()


def test_jobs_print_in_sale_order_after_an_outage(
    context: AppContext, service: PrintService, clock: Clock
) -> None:
    use(context, f"tcp://127.0.0.1:{refusing_port()}")
    sales = [ring_up(context) for _ in range(3)]
    ids = [service.enqueue_sale(s) for s in sales]
    run = service.process_pending()
    assert run.error is E.OFFLINE and run.pending == 3
    # the pass stopped at the first failure: the others were not tried
    assert [service.jobs.get(i).attempts for i in ids] == [1, 0, 0]  # type: ignore[union-attr]
    with FakePrinter("ok") as good:
        use(context, good.url)
        clock.advance(60)
        assert service.process_pending().printed == tuple(ids)
        jobs = good.wait_for_jobs(3)
    numbers = [next(t for t in decode(j).texts if t.startswith("单号")) for j in jobs]
    assert numbers == [f"单号: {s.receipt_no}" for s in sales]


def test_a_changed_printer_takes_the_next_job_without_a_restart(
    context: AppContext, service: PrintService, printer: FakePrinter
) -> None:
    use(context, printer.url)
    first = ring_up(context)
    service.enqueue_sale(first)
    assert service.process_pending().error is None
    with FakePrinter("ok") as other:
        context.save_setting("printer.connection", other.url)
        second = ring_up(context)
        service.enqueue_sale(second)
        assert service.process_pending().error is None
        (received,) = other.wait_for_jobs(1)
    assert f"单号: {second.receipt_no}" in decode(received).texts
    (old,) = printer.wait_for_jobs(1)  # the first printer got the first sale only
    assert f"单号: {first.receipt_no}" in decode(old).texts
    assert len(printer.jobs) == 1


def test_an_unrenderable_job_does_not_block_the_queue(
    context: AppContext, service: PrintService, printer: FakePrinter
) -> None:
    use(context, printer.url)
    broken = service.jobs.add(
        job_key="broken",
        sale_id=None,
        kind="sale",
        payload="{}",
        kick_drawer=False,
        now=service.clock(),
    )
    good = service.enqueue_sale(ring_up(context))
    run = service.process_pending()
    assert run.printed == (good,)
    job = service.jobs.get(broken)
    assert job is not None and (job.state, job.last_error) == (FAILED, E.RENDER.value)


def test_no_printer_configured(context: AppContext, service: PrintService) -> None:
    use(context, "none")
    sale = ring_up(context)
    assert service.enqueue_sale(sale) is None
    assert service.jobs.pending_count() == 0
    assert service.status().state is PrinterState.DISABLED
    with pytest.raises(PrinterError) as caught:
        service.reprint(sale.sale_id)
    assert caught.value.code is E.DISABLED


def test_enqueueing_a_sale_twice_makes_one_job(
    context: AppContext, service: PrintService, printer: FakePrinter
) -> None:
    use(context, printer.url)
    sale = ring_up(context)
    assert service.enqueue_sale(sale) == service.enqueue_sale(sale)
    assert service.jobs.pending_count() == 1


def test_reprint_is_marked_and_says_what_the_original_said(
    context: AppContext, service: PrintService, clock: Clock, printer: FakePrinter
) -> None:
    use(context, printer.url)
    sale = ring_up(context, RICE)
    service.enqueue_sale(sale, resident=ResidentBlock("张*明", 26, 1234), qr="YCC1.claim.sig")
    service.process_pending()
    clock.advance(3600)
    job_id = service.reprint(sale.sale_id)
    job = service.jobs.get(job_id)
    assert job is not None and job.kind == "reprint" and job.sale_id == sale.sale_id
    assert service.process_pending().printed == (job_id,)
    original, copy = (decode(j) for j in printer.wait_for_jobs(2))
    assert "** 重打 REPRINT **" in copy.texts and "** 重打 REPRINT **" not in original.texts
    reprint_time = clock.now.astimezone(_shanghai()).strftime("%Y-%m-%d %H:%M:%S")
    assert f"重打: {reprint_time}" in copy.texts
    assert "会员: 张*明" in copy.texts and copy.qr_payloads == ["YCC1.claim.sig"]
    assert copy.count(DrawerKick) == 0


def test_reprint_of_an_unknown_sale(
    context: AppContext, service: PrintService, printer: FakePrinter
) -> None:
    use(context, printer.url)
    with pytest.raises(LookupError):
        service.reprint("no-such-sale")


def test_the_sale_behind_a_receipt_is_read_through_the_service(
    context: AppContext, service: PrintService
) -> None:
    sale = ring_up(context, WATER, RICE)
    stored = service.sale(sale.sale_id)
    assert stored is not None
    assert (stored.receipt_no, stored.totals.total) == (sale.receipt_no, sale.totals.total)
    assert service.sale("no-such-sale") is None


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("none", None),
        ("tcp://192.168.1.50:9100", None),
        ("http://printer", PrinterErrorCode.BAD_CONFIG),
        ("lpt1", PrinterErrorCode.BAD_CONFIG),
    ],
)
def test_connection_problem_says_why_a_typed_connection_is_refused(
    text: str, problem: PrinterErrorCode | None
) -> None:
    assert connection_problem(text) is problem


def _shanghai():  # type: ignore[no-untyped-def]
    from pos_app.receipts.layout import SHANGHAI

    return SHANGHAI


def test_drawer_kick_rules(
    context: AppContext, service: PrintService, clock: Clock, printer: FakePrinter
) -> None:
    use(context, printer.url)
    service.enqueue_sale(ring_up(context))  # cash, fresh: kick
    context.settings.set("printer.kick_drawer_on_cash", 0)
    service.enqueue_sale(ring_up(context))  # kick switched off
    context.settings.set("printer.kick_drawer_on_cash", 1)
    context.checkout.scan(WATER)
    tender = context.checkout.start_tender()
    tender.add_external(
        TenderKind.WECHAT, tender.remaining, "134567890123456789", ManualPaymentProvider(), "x"
    )
    service.enqueue_sale(context.checkout.complete(tender))  # no cash: no kick
    stale = service.enqueue_sale(ring_up(context))
    service.process_pending()
    jobs = [decode(j).count(DrawerKick) for j in printer.wait_for_jobs(4)]
    assert jobs == [1, 0, 0, 1]
    # a cash sale whose receipt waited more than a minute never opens the drawer
    job = service.jobs.get(stale)
    assert job is not None
    old = replace(job, created_at=clock.now, attempts=0)
    clock.advance(61)
    assert decode(service._render_job(old, service.profile())).count(DrawerKick) == 0


def test_bad_settings_are_reported_not_raised(
    context: AppContext, service: PrintService, printer: FakePrinter
) -> None:
    # an unknown printer model never gets in: refused when set (and defaulted
    # when stored, see tests/unit/test_config.py)
    with pytest.raises(ValueError, match=r"invalid printer\.profile"):
        use(context, printer.url, "xp-58-typo")
    assert context.settings.printer.profile == "generic80"
    use(context, "tcp://", "generic80")
    job_id = service.enqueue_sale(ring_up(context))
    run = service.process_pending()
    assert run.error is E.BAD_CONFIG and run.failed_job == job_id
    assert service.status().error is E.BAD_CONFIG
    assert service.enqueue_sale(ring_up(context)) is not None  # misconfigured is not off


def test_backoff_doubles_up_to_a_minute() -> None:
    assert [backoff(n).total_seconds() for n in range(1, 9)] == [2, 4, 8, 16, 32, 60, 60, 60]


def test_one_pass_at_a_time(service: PrintService) -> None:
    with service._lock:
        assert service.process_pending().busy


def test_open_drawer_now(context: AppContext, service: PrintService, printer: FakePrinter) -> None:
    use(context, printer.url)
    service.open_drawer()
    (received,) = printer.wait_for_jobs(1)
    assert decode(received).items == [DrawerKick(pin=2, on_ms=50, off_ms=500)]


def test_job_payload_is_readable_json(
    context: AppContext, service: PrintService, printer: FakePrinter
) -> None:
    use(context, printer.url)
    sale = ring_up(context)
    job = service.jobs.get(service.enqueue_sale(sale))  # type: ignore[arg-type]
    assert job is not None
    payload = json.loads(job.payload)
    assert payload["number"] == sale.receipt_no and payload["kind"] == "sale"
    assert payload["totals"]["total"] == sale.total.fen == Money(200).fen

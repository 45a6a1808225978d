"""What printing keeps on disk: the print_jobs table (migration 0002), its
repository, and completed sales read back whole for reprints."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import inspect

from pos_app.app import AppContext
from pos_app.core.barcodes import with_check_digit
from pos_app.core.catalog import Unit
from pos_app.core.money import Money
from pos_app.core.sale import sale_to_dict
from pos_app.core.tender import ManualPaymentProvider, TenderKind
from pos_app.persistence.print_jobs_repo import PrintJobsRepository
from pos_app.persistence.print_models import CANCELLED, FAILED, PENDING, PRINTED
from pos_app.persistence.sale_reader import SaleReader
from tests.unit.printing.conftest import RICE, WATER

NOW = datetime(2026, 11, 27, 8, 0, tzinfo=UTC)


def test_migration_creates_the_print_queue(context: AppContext) -> None:
    columns = {c["name"] for c in inspect(context.engine).get_columns("print_jobs")}
    assert {
        "id",
        "sale_id",
        "kind",
        "payload",
        "created_at",
        "attempts",
        "last_error",
        "printed_at",
        "state",
        "next_attempt_at",
    } <= columns
    indexes = {i["name"] for i in inspect(context.engine).get_indexes("print_jobs")}
    assert "ix_print_jobs_state" in indexes


def test_a_completed_sale_reads_back_exactly(context: AppContext) -> None:
    co = context.checkout
    co.scan(WATER)
    co.scan(WATER)
    co.scan(RICE)
    co.scan(with_check_digit("211000102065"))  # 毛嘴卤鸭脖 scale label, ¥20.65
    co.scan("6937862000012")  # 恩施玉露, then taken off again
    co.void(4)
    co.set_discount(2, Money(990))
    tender = co.start_tender()
    tender.add_cash(Money(5000))
    tender.add_external(
        TenderKind.ALIPAY, tender.remaining, "281234567890123456", ManualPaymentProvider(), "x"
    )
    sale = co.complete(tender)

    loaded = SaleReader(context.engine).load(sale.sale_id)
    assert loaded is not None
    assert sale_to_dict(loaded) == sale_to_dict(sale)
    assert loaded.lines == sale.lines and loaded.payments == sale.payments
    assert loaded.totals == sale.totals and loaded.created_at == sale.created_at
    assert any(ln.voided for ln in loaded.lines)
    assert any(ln.unit is Unit.KG or ln.fixed_amount is not None for ln in loaded.lines)
    by_receipt = SaleReader(context.engine).load_by_receipt(sale.receipt_no)
    assert by_receipt is not None and by_receipt.sale_id == sale.sale_id


def test_unknown_sale_reads_as_none(context: AppContext) -> None:
    reader = SaleReader(context.engine)
    assert reader.load("nope") is None and reader.load_by_receipt("S001-T01-999999") is None


def test_queue_states(context: AppContext) -> None:
    jobs = PrintJobsRepository(context.engine)

    def add(key: str) -> int:
        return jobs.add(
            job_key=key, sale_id=None, kind="sale", payload="{}", kick_drawer=True, now=NOW
        )

    a, b, c = add("a"), add("b"), add("c")
    assert add("a") == a  # same key, same job
    assert [j.id for j in jobs.pending()] == [a, b, c] and jobs.pending_count() == 3

    retry = NOW + timedelta(seconds=2)
    jobs.mark_failed(a, error="offline", now=NOW, retry_at=retry)
    job = jobs.get(a)
    assert job is not None
    assert (job.state, job.attempts, job.last_error, job.next_attempt_at) == (
        PENDING,
        1,
        "offline",
        retry,
    )
    assert job.created_at == NOW and job.kick_drawer

    jobs.mark_printed(a, now=retry)
    jobs.mark_failed(b, error="render", now=NOW, retry_at=None)
    assert jobs.cancel(c) and not jobs.cancel(c)
    states = [jobs.get(i).state for i in (a, b, c)]  # type: ignore[union-attr]
    assert states == [PRINTED, FAILED, CANCELLED]
    assert jobs.pending_count() == 0
    assert jobs.get(a).attempts == 2  # type: ignore[union-attr]
    assert jobs.last_printed_at() == retry


def test_purge_forgets_old_finished_jobs_only(context: AppContext) -> None:
    jobs = PrintJobsRepository(context.engine)
    old = NOW - timedelta(days=40)
    ids = [
        jobs.add(job_key=k, sale_id=None, kind="sale", payload="{}", kick_drawer=False, now=when)
        for k, when in (("old-printed", old), ("old-pending", old), ("new-printed", NOW))
    ]
    jobs.mark_printed(ids[0], now=old)
    jobs.mark_printed(ids[2], now=NOW)
    assert jobs.purge_finished(before=NOW - timedelta(days=30)) == 1
    assert jobs.get(ids[0]) is None
    assert jobs.get(ids[1]) is not None and jobs.get(ids[2]) is not None

"""Every receipt path of the print service tells the truth, on a real SQLite file
and loopback TCP printers: a member sale made with no printer configured is
reprinted and previewed with its member block and the return QR; the test print
prints on every profile; a job that cannot be rendered turns the status red."""

from __future__ import annotations

import pytest
import zxingcpp

from pos_app.app import AppContext, build_context
from pos_app.core.money import Money
from pos_app.core.sale import Sale
from pos_app.demo import demo_code
from pos_app.persistence.print_models import FAILED, PRINTED
from pos_app.printing.errors import PrinterErrorCode
from pos_app.receipts.escpos_decoder import decode
from pos_app.receipts.profiles import PROFILES
from pos_app.services.printing import PrinterState, PrintService
from tests.unit.printing.conftest import RICE, WATER, ring_up
from tests.unit.printing.fake_printer import FakePrinter

E = PrinterErrorCode


def member_sale(context: AppContext) -> Sale:
    for code in (RICE, WATER, demo_code("R0001")):
        context.checkout.scan(code)
    tender = context.checkout.start_tender()
    tender.add_cash(Money(100_00))
    return context.checkout.complete(tender)


def qr_of(printed_bytes: bytes, profile: str) -> list[str]:
    """The QR payloads of a job: native (GS ( k), or a raster image scanned back."""
    decoded = decode(printed_bytes)
    if PROFILES[profile].qr_native:
        return decoded.qr_payloads
    return [
        found.text
        for raster in decoded.rasters
        for found in zxingcpp.read_barcodes(raster.image().convert("L"))
    ]


@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_reprint_of_a_member_sale_made_with_no_printer(
    context: AppContext, data_dir, profile: str
) -> None:  # type: ignore[no-untyped-def]
    context = build_context(data_dir, demo=True)
    try:
        assert context.settings.printer.connection == "none"  # the default
        sale = member_sale(context)
        assert context.printing.jobs.for_sale(sale.sale_id) == []  # nothing was queued
    finally:
        context.close()
    context = build_context(data_dir, demo=True)  # reprinted after a restart
    try:
        columns = PROFILES[profile].columns
        for reprint in (False, True):  # the history preview, and the reprint itself
            data = context.printing.receipt_of_sale(sale.sale_id, reprint=reprint)
            job = context.printing.render(data, profile=PROFILES[profile])
            texts = decode(job).texts
            start = texts.index("会员: 张*明")
            assert texts[start : start + 4] == [
                "会员: 张*明",
                "本单积分" + " " * (columns - 12) + "+275",  # (8990 + 190) × 3 %
                "积分余额" + " " * (columns - 13) + "1,555",  # 1,280 + 275, as printed then
                "  可抵物业费" + " " * (columns - 19) + "￥15.55",
            ]
            assert qr_of(job, profile) == ["YCR1." + sale.receipt_no]
            assert "退换货请出示此码" in texts and "扫码领取本单积分" not in texts
    finally:
        context.close()


def test_a_fresh_member_receipt_and_its_reprint_say_the_same(
    context: AppContext, printer: FakePrinter
) -> None:
    context.settings.set("printer.connection", printer.url)
    context.settings.set("printer.profile", "generic80")
    sale = member_sale(context)
    service = context.printing
    service.enqueue_sale(sale)  # what the window does after the sale
    service.reprint(sale.sale_id)
    assert len(service.process_pending().printed) == 2
    original, copy = (decode(job) for job in printer.wait_for_jobs(2))
    block = original.texts[original.texts.index("会员: 张*明") :]
    assert block[:4] == copy.texts[copy.texts.index("会员: 张*明") :][:4]
    assert "积分余额                                   1,555" in block
    assert original.qr_payloads == copy.qr_payloads == ["YCR1." + sale.receipt_no]


def test_a_member_receipt_prints_the_residents_page_when_it_is_set(
    context: AppContext, printer: FakePrinter
) -> None:
    context.settings.set("printer.connection", printer.url)
    context.settings.set("receipt.resident_page_url", "https://jf.example.cn/me")
    context.printing.enqueue_sale(member_sale(context))
    anonymous = ring_up(context, WATER)
    context.printing.enqueue_sale(anonymous)
    assert len(context.printing.process_pending().printed) == 2
    member, other = (decode(job).texts for job in printer.wait_for_jobs(2))
    at = member.index("积分明细：手机号登录查看")
    assert member[at - 1].strip().startswith("可抵物业费")  # inside the member's block
    assert member[at + 1] == "https://jf.example.cn/me"
    assert "积分明细：手机号登录查看" not in other  # no member, no page to read


@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_the_test_print_prints_on_every_profile(
    context: AppContext, service: PrintService, printer: FakePrinter, profile: str
) -> None:
    context.settings.set("printer.connection", printer.url)
    context.settings.set("printer.profile", profile)
    job_id = service.enqueue_test()
    assert job_id is not None
    run = service.process_pending()
    assert run.printed == (job_id,) and run.error is None
    (received,) = printer.wait_for_jobs(1)
    texts = decode(received).texts
    assert "打印测试 / Test print" in texts
    assert any(t.endswith(PROFILES[profile].title) for t in texts)
    assert any("0.512kg x 39.80/kg" in t for t in texts)
    assert qr_of(received, profile) == ["YCR1.TEST"]
    assert service.jobs.get(job_id).state == PRINTED  # type: ignore[union-attr]
    assert service.status().state is PrinterState.OK


def test_a_job_that_cannot_be_rendered_keeps_the_status_red(
    context: AppContext, service: PrintService, printer: FakePrinter
) -> None:
    context.settings.set("printer.connection", printer.url)
    broken = service.jobs.add(
        job_key="from-a-newer-version",
        sale_id=None,
        kind="sale",
        payload='{"kind": "coupon"}',
        kick_drawer=False,
        now=service.clock(),
    )
    good = service.enqueue_test()
    assert service.process_pending().printed == (good,)  # the queue is not blocked
    status = service.status()
    assert (status.state, status.error, status.set_aside) == (PrinterState.ERROR, E.RENDER, 1)
    # a retry by hand tries it again; still unrenderable, it stays set aside and red
    assert service.process_pending(force=True).printed == ()
    job = service.jobs.get(broken)
    assert job is not None and (job.state, job.attempts) == (FAILED, 2)
    assert service.status().error is E.RENDER
    # once it renders (here: the job is cancelled by hand), the printer is ready again
    service.jobs.requeue_set_aside()
    assert service.cancel(broken)
    assert service.status().state is PrinterState.OK

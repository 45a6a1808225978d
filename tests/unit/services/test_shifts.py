"""The shift service on a real database: no sale without a shift, cash in and
out, the X read equal to the Z's expected drawer, a difference needing a
manager, and the Z close stored with its outbox record and its print job."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from pos_app.app import TEST_OPEN_SHIFT_ENV, AppContext, build_context
from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.money import Money
from pos_app.core.shift import Denomination
from pos_app.core.tender import TenderKind
from pos_app.services.approvals import ApprovalAction, ApprovalRequest
from tests.staff_helpers import cash_out_as_manager, refund_as_manager

WATER, RICE = "6975321000012", "6921445000018"  # ¥2.00, ¥89.90


class Recording:
    def __init__(self, answer: str | None) -> None:
        self.answer = answer
        self.asked: list[ApprovalRequest] = []

    def approve(self, request: ApprovalRequest) -> str | None:
        self.asked.append(request)
        return self.answer


@pytest.fixture
def till(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[AppContext]:
    """A demo till as a cashier finds it in the morning: no shift open."""
    monkeypatch.delenv(TEST_OPEN_SHIFT_ENV)
    ctx = build_context(data_dir, demo=True)
    yield ctx
    ctx.close()


def sell(ctx: AppContext, codes: list[str], *, cash: int | None = None, wechat: bool = False):  # type: ignore[no-untyped-def]
    co = ctx.checkout
    for c in codes:
        co.scan(c)
    tender = co.start_tender()
    if wechat:
        tender.add_external(
            TenderKind.WECHAT, tender.remaining, "4200001234", co.provider, co.sale_id
        )
    else:
        tender.add_cash(Money(cash if cash is not None else tender.remaining.fen))
    return co.complete(tender)


def outbox(ctx: AppContext, kind: str) -> list[dict]:  # type: ignore[type-arg]
    with ctx.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT payload FROM outbox WHERE kind = :k ORDER BY id"), {"k": kind}
        ).scalars()
        return [json.loads(r) for r in rows]


def test_a_sale_is_refused_without_an_open_shift(till: AppContext) -> None:
    assert till.shifts.current() is None
    till.checkout.scan(WATER)
    tender = till.checkout.start_tender()
    tender.add_cash(Money(200))
    with pytest.raises(PosError) as err:
        till.checkout.complete(tender)
    assert err.value.code is ErrorCode.SHIFT_NOT_OPEN
    assert till.sales.count() == 0
    assert len(till.checkout.cart.active_lines) == 1  # the cart waits for the shift
    till.shifts.open(50000)
    sale = till.checkout.complete(tender)
    assert till.sales.count() == 1 and sale.total.fen == 200


def test_open_twice_is_refused_and_cash_in_out_need_a_shift(till: AppContext) -> None:
    with pytest.raises(PosError) as err:
        till.shifts.cash_in(1000, "备用金")
    assert err.value.code is ErrorCode.SHIFT_NOT_OPEN
    shift = till.shifts.open(20000)
    assert shift.shift_no == "S001-T01-Z00001" and shift.opened_by == "收银员01"
    with pytest.raises(PosError) as err:
        till.shifts.open(0)
    assert err.value.code is ErrorCode.SHIFT_ALREADY_OPEN
    with pytest.raises(PosError) as err:
        till.shifts.open(-1)
    assert err.value.code is ErrorCode.SHIFT_AMOUNT_INVALID


def test_x_read_and_z_close_share_the_drawer(till: AppContext) -> None:
    till.shifts.open(50000)
    sell(till, [RICE], cash=10000)  # ¥89.90, 抹零 per the demo store's rule, change back
    sell(till, [WATER], wechat=True)
    till.shifts.cash_in(10000, "备用金补充")
    cash_out_as_manager(till, 30000, "取款存银行")
    found = till.refunds.find(sell(till, [WATER, WATER]).receipt_no)
    refund_as_manager(till, found, {1: 1}, reason="破损")
    moves = [(m.kind.value, m.amount_fen, m.reason) for m in till.shifts.movements()]
    assert moves == [("cash_in", 10000, "备用金补充"), ("cash_out", 30000, "取款存银行")]
    x = till.shifts.x_read()
    rice_paid = x.sales_by_tender["cash"] - 400
    assert x.sales_by_tender == {"cash": rice_paid + 400, "wechat": 200}
    assert x.refunds_by_tender == {"cash": 200}
    assert (x.sale_count, x.refund_count) == (3, 1)
    assert x.rounding_fen == 8990 - rice_paid
    assert x.expected_cash_fen == 50000 + rice_paid + 400 + 10000 - 30000 - 200
    # counted exactly what is expected: closed with no manager asked
    hook = Recording("店长01")
    till.shifts.approval = hook
    count = {Denomination.Y100: x.expected_cash_fen // 10000}
    rest = x.expected_cash_fen % 10000
    count[Denomination.Y1] = rest // 100
    count[Denomination.J1] = (rest % 100) // 10
    assert rest % 10 == 0
    closed = till.shifts.close(count)
    assert closed.z.figures.expected_cash_fen == x.expected_cash_fen
    assert closed.z.difference_fen == 0 and hook.asked == []
    assert till.shifts.current() is None
    [payload] = outbox(till, "shift")
    assert payload["shift_id"] == closed.record.shift_id
    assert payload["figures"]["expected_cash_fen"] == x.expected_cash_fen
    assert payload["counted_fen"] == x.expected_cash_fen and payload["difference_fen"] == 0
    stored = till.shifts.repo.get(closed.record.shift_id)
    assert stored is not None and stored.expected_fen == x.expected_cash_fen
    assert stored.counted == {int(d): n for d, n in count.items() if n}
    # after the close, no more sales until a new shift opens
    till.checkout.scan(WATER)
    tender = till.checkout.start_tender()
    tender.add_cash(Money(200))
    with pytest.raises(PosError):
        till.checkout.complete(tender)


def test_a_difference_needs_a_manager(till: AppContext) -> None:
    till.shifts.open(10000)
    till.shifts.approval = refusing = Recording(None)
    with pytest.raises(PosError) as err:
        till.shifts.close({Denomination.Y50: 1})  # ¥50 short
    assert err.value.code is ErrorCode.SHIFT_DIFFERENCE_NOT_APPROVED
    assert err.value.params == {"difference_fen": -5000}
    [asked] = refusing.asked
    assert (asked.action, asked.amount_fen) == (ApprovalAction.SHIFT_DIFFERENCE, 5000)
    assert asked.reference == "S001-T01-Z00001"
    assert till.shifts.current() is not None and outbox(till, "shift") == []
    till.shifts.approval = Recording("店长01")
    closed = till.shifts.close({Denomination.Y50: 1})
    assert closed.record.approved_by == "店长01" and closed.record.difference_fen == -5000
    assert ("差额批准", "店长01") in closed.receipt.rows
    assert ("短款", "-￥50.00") in closed.receipt.rows


def test_cash_out_needs_a_manager_and_without_one_leaves_the_drawer_as_it_was(
    till: AppContext,
) -> None:
    till.shifts.open(10000)
    till.shifts.approval = refusing = Recording(None)
    with pytest.raises(PosError) as err:
        till.shifts.cash_out(5000, "存银行")
    assert (err.value.code, err.value.params) == (
        ErrorCode.CASH_OUT_NOT_APPROVED,
        {"amount_fen": 5000},
    )
    [asked] = refusing.asked
    assert (asked.action, asked.amount_fen, asked.reference, asked.details) == (
        ApprovalAction.CASH_OUT, 5000, "S001-T01-Z00001", {"reason": "存银行"})  # fmt: skip
    assert till.shifts.movements() == [] and till.shifts.x_read().expected_cash_fen == 10000
    till.shifts.approval = Recording("店长01")
    moved = till.shifts.cash_out(5000, "存银行")
    assert (moved.kind.value, moved.amount_fen) == ("cash_out", 5000)
    assert till.shifts.x_read().expected_cash_fen == 5000
    with pytest.raises(PosError) as err:  # a bad amount is refused before asking anyone
        till.shifts.cash_out(0, "")
    assert err.value.code is ErrorCode.SHIFT_AMOUNT_INVALID


def test_the_z_report_is_queued_for_the_printer(till: AppContext) -> None:
    till.save_setting("printer.connection", "tcp://127.0.0.1:9")  # queued, not sent
    till.shifts.open(0)
    till.shifts.print_x()
    till.shifts.close({})
    with till.engine.connect() as conn:
        kinds = conn.execute(text("SELECT kind, payload FROM print_jobs ORDER BY id")).all()
    assert [k for k, _ in kinds] == ["shift_close", "shift_close"]
    assert [json.loads(p)["title"] for _, p in kinds] == ["班中读数 (X)", "交班报表 (Z)"]

"""Payments against property-fee bills (SQLite and PostgreSQL): the payment export, all or
nothing; one payment at a time, idempotent by reference; a bill never overpaid, money and
points (redemptions) together; points never recorded twice."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from sync.protocol.accounts import RedemptionRequest
from sync.server import wallet
from sync.server.api.bills import PaymentIn
from sync.server.bill_payments import import_payments, record_payment
from sync.server.bill_rows import RowCode
from sync.server.bills import BillError, ImportReport
from sync.server.db import Database
from sync.server.models.bills import BillPayment
from sync.server.models.residents import Bill, Redemption
from tests.sync.server.bill_helpers import PAYMENT_HEADER, csv_bytes, terminal_ctx, xlsx_bytes
from tests.sync.server.helpers import Till

NOW = datetime(2026, 11, 27, 12, tzinfo=UTC)
#: the demo's bills: ¥260 for 2026-10 and 2026-11, R0001..R0004 of C001
GOOD = [
    PAYMENT_HEADER,
    ["3-2-1102", "2026-10", "260.00", "微信", "2026-11-02", "SJ-001"],
    ["3-2-1102", "2026-11", "100", "现金", "2026-11-20 18:05", "SJ-002"],
    ["5-1-603", "2026年10月", "60.5", "支付宝", "2026/11/03", "SJ-003"],
]


def _import(db: Database, data: bytes, now: datetime = NOW) -> ImportReport:
    with db.write() as session:
        return import_payments(session, community_id="C001", data=data, now=now)


def _state(db: Database) -> dict[str, object]:
    with db.read() as session:
        paid = dict(session.execute(select(Bill.id, Bill.paid_fen)).all())
        payments = session.execute(
            select(BillPayment.reference, BillPayment.bill_id, BillPayment.method,
                   BillPayment.amount_fen, BillPayment.paid_at, BillPayment.source)
            .order_by(BillPayment.reference)
        ).all()  # fmt: skip
    return {"paid": paid, "payments": [tuple(p) for p in payments]}


def _pay(db: Database, **kw: object):  # type: ignore[no-untyped-def]
    args = {"community_id": "C001", "room": "3-2-1102", "period": "2026-10",
            "reference": "API-1", "method": "cash", "amount_fen": 10000,
            "paid_at": datetime(2026, 11, 5, tzinfo=UTC), "now": NOW,
            "source": "api"} | kw  # fmt: skip
    with db.write() as session:
        return record_payment(session, **args)  # type: ignore[arg-type]


@pytest.mark.parametrize("make", [csv_bytes, xlsx_bytes], ids=["csv", "xlsx"])
def test_a_payment_export_records_each_payment_exactly(
    db: Database, make: Callable[[list[list[str]]], bytes]
) -> None:
    report = _import(db, make(GOOD))
    assert (report.ok, report.rows, report.created, report.unchanged) == (True, 3, 3, 0)
    state = _state(db)
    assert state["payments"] == [
        ("SJ-001", "B-R0001-2026-10", "wechat", 26000, datetime(2026, 11, 1, 16, tzinfo=UTC),
         "import"),
        ("SJ-002", "B-R0001-2026-11", "cash", 10000, datetime(2026, 11, 20, 10, 5, tzinfo=UTC),
         "import"),
        ("SJ-003", "B-R0002-2026-10", "alipay", 6050, datetime(2026, 11, 2, 16, tzinfo=UTC),
         "import"),
    ]  # fmt: skip
    paid = state["paid"]
    assert isinstance(paid, dict)
    assert (paid["B-R0001-2026-10"], paid["B-R0001-2026-11"], paid["B-R0002-2026-10"]) == (
        26000, 10000, 6050)  # fmt: skip
    again = _import(db, csv_bytes(GOOD))  # the same export once more: nothing new
    assert (again.ok, again.created, again.unchanged) == (True, 0, 3)
    assert _state(db) == state


def test_every_kind_of_bad_payment_row_and_nothing_recorded(db: Database) -> None:
    assert _import(db, csv_bytes(GOOD[:2])).created == 1  # SJ-001 is stored
    before = _state(db)
    rows = [
        PAYMENT_HEADER,
        ["1-3-201", "2026-10", "10", "现金", "2026-11-01", "OK-1"],  # 2: good
        ["1-3-201", "2026-12", "10", "现金", "2026-11-01", "X-3"],  # 3: no such bill
        ["1-3-201", "2026-10", "10", "积分", "2026-11-01", "X-4"],  # 4: points
        ["1-3-201", "2026-10", "10", "信用卡", "2026-11-01", "X-5"],  # 5: unknown method
        ["1-3-201", "2026-10", "10", "现金", "2026-12-01", "X-6"],  # 6: in the future
        ["1-3-201", "2026-10", "10", "现金", "2026-02-30", "X-7"],  # 7: no such day
        ["1-3-201", "2026-10", "10", "现金", "2026-11-01", "OK-1"],  # 8: same reference as 2
        ["3-2-1102", "2026-10", "1", "现金", "2026-11-02", "SJ-001"],  # 9: stored otherwise
        ["8-2-1705", "2026-10", "200", "现金", "2026-11-01", "X-10"],  # 10: fits (¥260)
        ["8-2-1705", "2026-10", "60.01", "现金", "2026-11-01", "X-11"],  # 11: 1 fen too many
        ["8-2-1705", "2026-10", "0", "现金", "2026-11-01", "X-12"],  # 12: zero
        ["8-2-1705", "2026-10", "1", "现金", "2026-11-01", "x" * 65],  # 13: reference too long
    ]
    report = _import(db, csv_bytes(rows))
    assert [(p.row, p.column, p.code) for p in report.problems] == [
        (3, "账期", RowCode.BILL_UNKNOWN),
        (4, "缴费方式", RowCode.POINTS_NOT_A_PAYMENT),
        (5, "缴费方式", RowCode.BAD_METHOD),
        (6, "缴费日期", RowCode.DATE_IN_FUTURE),
        (7, "缴费日期", RowCode.BAD_DATE),
        (8, "收据号", RowCode.DUPLICATE_ROW),
        (9, "收据号", RowCode.PAYMENT_CONFLICT),
        (11, "实收金额", RowCode.OVERPAYS_BILL),
        (12, "实收金额", RowCode.BAD_AMOUNT),
        (13, "收据号", RowCode.BAD_REFERENCE),
    ]
    assert report.problems[7].message_zh == "该账单只剩 6000 分未缴"
    assert report.problems[7].value == "60.01"
    assert report.created == 0 and _state(db) == before


def test_one_payment_is_idempotent_by_reference(db: Database) -> None:
    first = _pay(db)
    assert (first.status, first.bill_id, first.bill_open_fen) == ("recorded", "B-R0001-2026-10",
                                                                  16000)  # fmt: skip
    again = _pay(db)
    assert (again.status, again.bill_open_fen) == ("duplicate", 16000)
    with pytest.raises(BillError) as conflict:
        _pay(db, amount_fen=9999)
    assert (conflict.value.status, conflict.value.code.value) == (409, "payment_conflict")
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(BillPayment)) == 1
        assert session.get(Bill, "B-R0001-2026-10").paid_fen == 10000  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("change", "status", "code"),
    [
        ({"amount_fen": 26001, "reference": "BIG"}, 409, "over_bill"),
        ({"period": "2027-01", "reference": "NOBILL"}, 404, "bill_not_found"),
        ({"room": "9-9-999", "reference": "NOROOM"}, 404, "bill_not_found"),
        ({"method": "points", "reference": "PTS"}, 422, "invalid_request"),
        ({"paid_at": datetime(2026, 12, 1, tzinfo=UTC), "reference": "LATER"}, 422,
         "invalid_request"),
        ({"community_id": "C777"}, 404, "not_found"),
    ],
)  # fmt: skip
def test_one_payment_refused(
    db: Database, change: dict[str, object], status: int, code: str
) -> None:
    with pytest.raises(BillError) as refused:
        _pay(db, **change)
    assert (refused.value.status, refused.value.code.value) == (status, code)
    assert _state(db)["payments"] == []


def test_money_and_points_together_never_overpay_and_points_count_once(
    db: Database, till: Till
) -> None:
    ctx = terminal_ctx(db, till.token)
    with db.write() as session:  # R0001 has 1280 points: 1000 of them against October's bill
        wallet.redeem(
            session, terminal=ctx, now=NOW,
            request=RedemptionRequest(redemption_id=uuid.uuid4(), resident_id="R0001",
                                      bill_id="B-R0001-2026-10", points=1000),
        )  # fmt: skip
    assert _pay(db, amount_fen=25000).bill_open_fen == 0  # ¥250 + 1000 points = ¥260
    with pytest.raises(BillError) as over:
        _pay(db, amount_fen=1, reference="API-2")
    assert over.value.code.value == "over_bill"
    # the export may list the points as a payment: refused, never counted a second time
    points_row = ["3-2-1102", "2026-10", "10.00", "积分抵扣", "2026-11-27", "PT-1"]
    report = _import(db, csv_bytes([PAYMENT_HEADER, points_row]))
    assert [p.code for p in report.problems] == [RowCode.POINTS_NOT_A_PAYMENT]
    with db.read() as session:
        bill = session.get(Bill, "B-R0001-2026-10")
        money = session.scalar(select(func.sum(BillPayment.amount_fen)))
        points = session.scalar(select(func.sum(Redemption.points)))
    assert bill is not None and (bill.paid_fen, money, points) == (26000, 25000, 1000)
    # and a redemption cannot overpay a bill paid in money either
    with db.write() as session, pytest.raises(wallet.Refused) as refused:
        wallet.redeem(
            session, terminal=ctx, now=NOW,
            request=RedemptionRequest(redemption_id=uuid.uuid4(), resident_id="R0001",
                                      bill_id="B-R0001-2026-10", points=1),
        )  # fmt: skip
    assert refused.value.code.value == "over_bill"


def test_the_api_and_the_table_know_the_same_payment_methods() -> None:
    from typing import get_args

    from sync.server.cli.parser import build_parser
    from sync.server.models.bills import PAYMENT_METHODS

    assert get_args(PaymentIn.model_fields["method"].annotation) == PAYMENT_METHODS
    pay = ["bills", "pay", "--community", "C001", "--room", "1", "--period", "2026-10",
           "--amount", "1", "--reference", "R", "--method"]  # fmt: skip
    for method in PAYMENT_METHODS:  # the command line takes each of them
        assert build_parser("x").parse_args([*pay, method]).method == method

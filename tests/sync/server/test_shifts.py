"""A closed shift pushed to the central server: its figures recomputed from the
server's own orders and refunds, a till that disagrees flagged (its figures
kept beside, never taken), forged shifts refused, and the store's list by API
and command line."""

from __future__ import annotations

import copy
import json
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from pos_app.core.shift import (
    CashMovement,
    MovementKind,
    ShiftRefund,
    ShiftSale,
    TenderAmount,
    figures_to_dict,
    summarize,
)
from sync.server.__main__ import main
from sync.server.db import Database
from sync.server.models.shifts import Shift
from tests.sync.server.helpers import RICE, WATER, Till, refund_payload, sale_payload

NOW = datetime.now(UTC).replace(microsecond=0)
#: NOW is each test's own moment (conftest `fresh_now`), not the collection's
pytestmark = pytest.mark.usefixtures("fresh_now")


OPENED, CLOSED = NOW - timedelta(hours=2), NOW - timedelta(minutes=1)


def till_shift(
    sales: list[dict[str, Any]], refunds: list[dict[str, Any]], **kw: Any
) -> dict[str, Any]:
    """The shift payload a till would push for these records: its figures computed
    with the till's own function, a float of ¥500, ¥200 picked up, a count of ¥100s."""
    movements = [
        CashMovement(MovementKind.CASH_OUT, 20000, "取款存银行", OPENED + timedelta(minutes=5))
    ]
    figures = summarize(
        float_fen=50000,
        sales=[
            ShiftSale(
                s["total_fen"],
                s["rounding_fen"],
                tuple(
                    TenderAmount(p["kind"], p["amount_fen"], p["tendered_fen"])
                    for p in s["payments"]
                ),
            )
            for s in sales
        ],
        refunds=[
            ShiftRefund(
                r["total_fen"],
                tuple(TenderAmount(p["kind"], p["amount_fen"]) for p in r["payments"]),
            )
            for r in refunds
        ],
        movements=movements,
    )
    hundreds = kw.pop("hundreds", 4)
    payload = {
        "shift_id": str(uuid.uuid4()),
        "shift_no": "S001-T01-Z00001",
        "store_code": "S001",
        "terminal_code": "T01",
        "opened_at": OPENED.isoformat(),
        "closed_at": CLOSED.isoformat(),
        "opened_by": "收银员01",
        "closed_by": "收银员01",
        "approved_by": "店长01",
        "float_fen": 50000,
        "movements": [
            {
                "kind": m.kind.value,
                "amount_fen": m.amount_fen,
                "reason": m.reason,
                "at": m.at.isoformat(),
            }
            for m in movements
        ],
        "counted": {"10000": hundreds},
        "counted_fen": hundreds * 10000,
        "difference_fen": hundreds * 10000 - figures.expected_cash_fen,
        "figures": figures_to_dict(figures),
    }
    payload.update(kw)
    return payload


def shift_item(till: Till, payload: dict[str, Any]) -> dict[str, Any]:
    till.seq += 1
    return {
        "item_id": str(uuid.uuid4()),
        "kind": "shift",
        "aggregate_id": payload["shift_id"],
        "seq": till.seq,
        "created_at": payload["closed_at"],
        "payload": payload,
    }


@pytest.fixture
def day(till: Till) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Two cash sales and a cash refund in the shift, one sale before it opened."""
    before = sale_payload([(RICE, 1)], when=OPENED - timedelta(minutes=1), sequence=1)
    sales = [
        sale_payload([(WATER, 2)], when=OPENED + timedelta(minutes=10), sequence=2),
        sale_payload([(RICE, 1)], when=OPENED + timedelta(minutes=20), sequence=3),
    ]
    refund = refund_payload(sales[0], [(1, 1, 200)], eligible_fen=200, points_clawback=0,
                            when=OPENED + timedelta(minutes=30))  # fmt: skip
    pushed = [("sale", before), ("sale", sales[0]), ("sale", sales[1])]
    results = till.push_ok([till.next_item(k, p) for k, p in pushed])
    results += till.push_ok(
        [{**till.next_item("refund", refund), "aggregate_id": refund["refund_id"]}]
    )
    assert [r["status"] for r in results] == ["accepted"] * 4
    return sales, [refund]


def stored(db: Database, shift_id: str) -> Shift:
    with db.read() as session:
        row = session.get(Shift, shift_id)
        assert row is not None
        session.expunge(row)
        return row


def test_a_true_shift_is_stored_with_the_servers_own_figures(till: Till, db: Database, day) -> None:  # type: ignore[no-untyped-def]
    sales, refunds = day
    payload = till_shift(sales, refunds)
    [result] = till.push_ok([shift_item(till, payload)])
    assert (result["status"], result["flags"]) == ("accepted", [])
    row = stored(db, payload["shift_id"])
    paid = 400 + 8990  # the sale before the shift is not in it
    expected = 50000 + paid - 200 - 20000
    assert (row.expected_server, row.expected_terminal) == (expected, expected)
    assert (row.sales_server, row.counted_fen, row.difference_server) == (
        paid,
        40000,
        40000 - expected,
    )
    assert not row.mismatch and row.flags == ""
    again = till.push_ok([shift_item(till, payload)])  # a retry under a new item id
    assert again[0]["status"] == "duplicate"


def test_a_till_that_disagrees_is_flagged_and_its_figures_kept_beside(
    till: Till, db: Database, day
) -> None:  # type: ignore[no-untyped-def]
    sales, refunds = day
    payload = till_shift(sales, refunds)
    figures = copy.deepcopy(payload["figures"])
    figures["sales_by_tender"]["cash"] += 5000  # the till claims ¥50 more cash taken
    figures["cash_tendered_fen"] += 5000
    figures["expected_cash_fen"] += 5000
    payload.update(
        figures=figures, difference_fen=payload["counted_fen"] - figures["expected_cash_fen"]
    )
    [result] = till.push_ok([shift_item(till, payload)])
    assert (result["status"], result["flags"]) == ("accepted", ["shift_mismatch"])
    row = stored(db, payload["shift_id"])
    assert row.expected_terminal - row.expected_server == 5000
    assert row.expected_server == 50000 + 400 + 8990 - 200 - 20000
    assert row.mismatch and row.flags == "cash_tendered_fen,expected_cash_fen,sales_by_tender"


def _redeemed_then_shift(till: Till, day: Any, points_at_till: int) -> dict[str, Any]:
    """300 points redeemed at this till (on the server), then the shift closed
    over it, the till saying it redeemed `points_at_till`."""
    redeemed = till.post(
        "/redemptions",
        {
            "redemption_id": str(uuid.uuid4()),
            "resident_id": "R0001",
            "bill_id": "B-R0001-2026-10",
            "points": 300,
        },
    )
    assert redeemed.status_code == 200, redeemed.text
    sales, refunds = day
    # closed after the redemption (by the server's clock: the same machine here)
    payload = till_shift(
        sales, refunds, closed_at=(datetime.now(UTC) + timedelta(seconds=1)).isoformat()
    )
    payload["figures"]["points_redeemed"] = points_at_till
    return payload


def test_points_redeemed_come_from_the_servers_redemptions_of_that_till(
    till: Till, db: Database, day
) -> None:  # type: ignore[no-untyped-def]
    payload = _redeemed_then_shift(till, day, 300)
    [result] = till.push_ok([shift_item(till, payload)])
    assert (result["status"], result["flags"]) == ("accepted", [])
    row = stored(db, payload["shift_id"])
    assert json.loads(row.figures_server)["points_redeemed"] == 300
    assert not row.mismatch


def test_a_redemption_the_till_never_recorded_flags_the_shift(
    till: Till, db: Database, day
) -> None:  # type: ignore[no-untyped-def]
    payload = _redeemed_then_shift(till, day, 0)  # the answer lost on the way
    [result] = till.push_ok([shift_item(till, payload)])
    assert (result["status"], result["flags"]) == ("accepted", ["shift_mismatch"])
    row = stored(db, payload["shift_id"])
    assert json.loads(row.figures_server)["points_redeemed"] == 300
    assert row.mismatch and row.flags == "points_redeemed"


@pytest.mark.parametrize(
    ("change", "reason", "field"),
    [
        ({"counted_fen": 99999}, "shift_invalid", "payload.counted_fen"),  # count not its sum
        (
            {"closed_at": (OPENED - timedelta(minutes=1)).isoformat()},
            "shift_invalid",
            "payload.closed_at",
        ),
        (
            {"closed_at": (NOW + timedelta(days=1)).isoformat()},
            "shift_invalid",
            "payload.closed_at",
        ),
        ({"terminal_code": "T02"}, "wrong_terminal", None),
        ({"counted": {"300": 1}}, "invalid_payload", None),  # no such note
    ],
)
def test_a_forged_shift_is_refused(till: Till, db: Database, day, change, reason, field) -> None:  # type: ignore[no-untyped-def]
    sales, refunds = day
    payload = till_shift(sales, refunds, **change)
    [result] = till.push_ok([shift_item(till, payload)])
    assert (result["status"], result["reason"]) == ("rejected", reason)
    if field:
        assert result["field"] == field
    with db.read() as session:
        assert session.get(Shift, payload["shift_id"]) is None


def test_an_overlapping_shift_is_refused(till: Till, day) -> None:  # type: ignore[no-untyped-def]
    sales, refunds = day
    till.push_ok([shift_item(till, till_shift(sales, refunds))])
    second = till_shift(sales, refunds, opened_at=(CLOSED - timedelta(minutes=30)).isoformat(),
                        movements=[])  # fmt: skip
    [result] = till.push_ok([shift_item(till, second)])
    assert (result["status"], result["reason"]) == ("rejected", "shift_overlap")


def test_the_store_lists_its_shifts_by_day(
    till: Till,
    new_till: Callable[..., Till],
    db_url: str,
    day,
    capsys: pytest.CaptureFixture[str],  # type: ignore[no-untyped-def]
) -> None:
    sales, refunds = day
    payload = till_shift(sales, refunds)
    till.push_ok([shift_item(till, payload)])
    shanghai_day = CLOSED.astimezone(__import__("zoneinfo").ZoneInfo("Asia/Shanghai")).date()
    listed = till.get("/shifts", params={"day": shanghai_day.isoformat()}).json()
    assert [s["shift_id"] for s in listed] == [payload["shift_id"]]
    assert listed[0]["expected_server"] == 50000 + 400 + 8990 - 200 - 20000
    assert (
        till.get("/shifts", params={"day": (shanghai_day - timedelta(days=1)).isoformat()}).json()
        == []
    )
    other = new_till(store="S002", terminal="T01")
    assert other.get("/shifts").json() == []  # another store's till sees none of them
    assert till.get("/shifts", params={"day": "yesterday"}).status_code == 422
    assert (
        main(["shifts", "--db", db_url, "--store", "S001", "--day", shanghai_day.isoformat()]) == 0
    )
    out = capsys.readouterr().out
    assert "S001-T01-Z00001" in out and "93.90" in out and "391.90" in out and " 8.10 " in out
    assert main(["shifts", "--db", db_url, "--store", "S002"]) == 0
    assert capsys.readouterr().out.strip() == "no shifts"

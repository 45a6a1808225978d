"""The collection rate (SQLite and PostgreSQL): a generated year of bills, payments (export
and one at a time) and redemptions in three communities, and every figure of the report
equal to a recomputation from the raw rows in Python, to the 分 and the exact fraction,
at several cut-offs; before and after the showroom opened; the percentage's rounding."""

from __future__ import annotations

import random
import uuid
from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from sync.protocol.accounts import RedemptionRequest
from sync.server import collection, wallet
from sync.server.bill_payments import import_payments, record_payment
from sync.server.bills import bill_id_for, import_bills
from sync.server.collection import Figures, percent
from sync.server.db import Database
from sync.server.models.bills import BillPayment
from sync.server.models.residents import Bill, Redemption, Resident
from tests.sync.server.bill_helpers import (
    BILL_HEADER,
    PAYMENT_HEADER,
    add_residents,
    csv_bytes,
    terminal_ctx,
)
from tests.sync.server.helpers import Till

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2027, 6, 1, tzinfo=UTC)
MONTHS = [f"2026-{m:02d}" for m in range(1, 13)]
#: community, company, its store, showroom opening day
PLACES = [
    ("C001", "P001", "S001", date(2026, 5, 10)),
    ("C002", "P001", "S002", date(2026, 8, 1)),
    ("C900", "P900", "S900", None),
]
METHODS_ZH = ["现金", "微信", "支付宝", "转账", "银联"]


def _generate(db: Database, tills: dict[str, Till], rng: random.Random) -> None:
    """A year: every resident billed monthly; most pay (late, partly, in two goes, with
    points), some never; through the real import, payment and redemption paths."""
    for community, company, store, opened in PLACES:
        rooms = [f"{b}栋{u}单元{r}" for b in (1, 2, 3) for u in (1, 2) for r in (101, 202)]
        residents = add_residents(db, community, company, rooms, opening=10_000_000)
        bills = [BILL_HEADER]
        amounts = {}
        for period in MONTHS:
            for room, rid in zip(rooms, residents, strict=True):
                fen = rng.randrange(9_000, 45_000)
                amounts[(rid, period)] = (room, fen)
                bills.append([room, "", period, f"{fen // 100}.{fen % 100:02d}"])
        with db.write() as session:
            assert import_bills(session, community_id=community, data=csv_bytes(bills)).created == (
                len(bills) - 1)  # fmt: skip
            if opened is not None:
                collection.set_opening(session, community_id=community, opened_on=opened)
        ctx = terminal_ctx(db, tills[store].token)
        payments = [PAYMENT_HEADER]
        singles: list[tuple[str, str, str, int, datetime]] = []
        for (rid, period), (room, fen) in amounts.items():
            # after the opening, residents pay more often (the scheme's whole point)
            chance = 0.85 if opened and period >= f"{opened:%Y-%m}" else 0.65
            if rng.random() > chance:
                continue
            start = datetime(int(period[:4]), int(period[5:]), 1, tzinfo=SHANGHAI)
            owed = fen if rng.random() < 0.8 else rng.randrange(1, fen)
            points = rng.choice([0, 0, rng.randrange(1, 2_000)]) if owed > 2_000 else 0
            if points:
                with db.write() as session:
                    wallet.redeem(
                        session, terminal=ctx,
                        now=(start + timedelta(days=rng.randrange(0, 90))).astimezone(UTC),
                        request=RedemptionRequest(redemption_id=uuid.uuid4(), resident_id=rid,
                                                  bill_id=bill_id_for(rid, period), points=points),
                    )  # fmt: skip
            money = owed - points
            parts = [money] if money < 2 or rng.random() < 0.7 else [money // 2, money - money // 2]
            for part in parts:
                when = start + timedelta(days=rng.randrange(0, 150), minutes=rng.randrange(1440))
                ref = f"{community}-{len(payments) + len(singles):05d}"
                if rng.random() < 0.15:
                    singles.append((room, period, ref, part, when))
                else:
                    yuan = f"{part // 100}.{part % 100:02d}"
                    method = rng.choice(METHODS_ZH)
                    payments.append([room, period, yuan, method, f"{when:%Y-%m-%d %H:%M}", ref])
        with db.write() as session:
            report = import_payments(session, community_id=community, data=csv_bytes(payments),
                                     now=NOW)  # fmt: skip
            assert report.ok and report.created == len(payments) - 1, report.problems[:3]
            for room, period, ref, part, when in singles:
                record_payment(
                    session, community_id=community, room=room, period=period, reference=ref,
                    method="cash", amount_fen=part, paid_at=when.astimezone(UTC), now=NOW,
                    source="api",
                )  # fmt: skip


def _raw(db: Database) -> dict[str, list[Any]]:
    queries = {
        "residents": select(Resident.id, Resident.community_id),
        "bills": select(Bill.id, Bill.resident_id, Bill.period, Bill.amount_fen, Bill.paid_fen),
        "payments": select(BillPayment.bill_id, BillPayment.amount_fen, BillPayment.paid_at),
        "redemptions": select(Redemption.bill_id, Redemption.points, Redemption.created_at),
    }
    with db.read() as session:
        return {name: [tuple(r) for r in session.execute(q)] for name, q in queries.items()}


def _expected(raw: dict[str, list[Any]], community: str, as_of: date) -> dict[str, list[int]]:
    """period → [bills, billed, money, points], straight from the rows."""
    cutoff = datetime.combine(as_of + timedelta(days=1), time(0), SHANGHAI)
    where = dict(raw["residents"])
    mine = {b[0]: b[2] for b in raw["bills"] if where[b[1]] == community}
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for bill_id, _r, period, amount, _paid in raw["bills"]:
        if bill_id in mine:
            out[period][0] += 1
            out[period][1] += amount
    for bill_id, amount, paid_at in raw["payments"]:
        if bill_id in mine and paid_at < cutoff:
            out[mine[bill_id]][2] += amount
    for bill_id, points, created_at in raw["redemptions"]:
        if bill_id in mine and created_at < cutoff:
            out[mine[bill_id]][3] += points
    return out


def _half_up(part: int, whole: int) -> str | None:
    if whole == 0:
        return None
    with localcontext() as ctx:
        ctx.prec = 60
        return str((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), ROUND_HALF_UP))


def _check(f: Figures, label: str, bills: int, billed: int, money: int, points: int) -> None:
    assert (f.label, f.bills, f.billed_fen, f.cash_fen, f.points_fen) == (
        label, bills, billed, money, points)  # fmt: skip
    collected = money + points
    assert f.collected_fen == collected
    rate = None if billed == 0 else Fraction(collected, billed)
    assert f.rate == (None if rate is None else f"{rate.numerator}/{rate.denominator}")
    assert f.rate_percent == _half_up(collected, billed)
    share = None if collected == 0 else Fraction(points, collected)
    assert f.points_share == (None if share is None else f"{share.numerator}/{share.denominator}")
    assert f.points_share_percent == _half_up(points, collected)


@pytest.fixture
def year(db: Database, new_till: Any) -> Database:
    tills = {store: new_till(store, "T01") for _c, _p, store, _o in PLACES}
    _generate(db, tills, random.Random(20261127))
    return db


def test_a_year_of_three_communities_equals_a_recomputation_from_the_rows(year: Database) -> None:
    raw = _raw(year)
    # every bill's paid amount is its money plus its points, exactly (nothing counted twice)
    money_by_bill: dict[str, int] = defaultdict(int)
    for bill_id, amount, _at in raw["payments"] + raw["redemptions"]:
        money_by_bill[bill_id] += amount
    assert all(paid == money_by_bill[b] and paid <= amount
               for b, _r, _p, amount, paid in raw["bills"])  # fmt: skip
    assert len(raw["payments"]) > 400 and len(raw["redemptions"]) > 20
    checked = 0
    for community, _company, _store, opened in PLACES:
        for as_of in (date(2026, 3, 31), date(2026, 6, 30), date(2026, 12, 31), date(2027, 5, 31)):
            with year.read() as session:
                r = collection.report(session, community_id=community, first="2025-12",
                                      last="2026-12", as_of=as_of)  # fmt: skip
            want = _expected(raw, community, as_of)
            assert [m.label for m in r.months] == ["2025-12", *MONTHS]
            for m in r.months:
                _check(m, m.label, *want[m.label])
                checked += 1
            total = [sum(v[i] for v in want.values()) for i in range(4)]
            _check(r.total, "total", *total)
            if opened is None:
                assert r.before is None and r.after is None and r.showroom_opened_on is None
                continue
            split = f"{opened:%Y-%m}"
            before = [sum(v[i] for p, v in want.items() if p < split) for i in range(4)]
            after = [sum(v[i] for p, v in want.items() if p >= split) for i in range(4)]
            assert r.showroom_opened_on == opened
            assert r.before is not None and r.after is not None
            _check(r.before, "before", *before)
            _check(r.after, "after", *after)
    assert checked == 3 * 4 * 13
    # the scheme's headline, on this data: the rate rose after the showroom opened
    with year.read() as session:
        r = collection.report(session, community_id="C001", first="2026-01", last="2026-12",
                              as_of=date(2027, 5, 31))  # fmt: skip
    assert r.before is not None and r.after is not None
    assert Fraction(r.after.collected_fen, r.after.billed_fen) > Fraction(
        r.before.collected_fen, r.before.billed_fen)  # fmt: skip


def test_a_late_payment_counts_for_its_bills_month_once_the_cutoff_passes_it(
    db: Database,
) -> None:
    with db.write() as session:
        record_payment(
            session, community_id="C001", room="3-2-1102", period="2026-10", reference="LATE",
            method="cash", amount_fen=13000, paid_at=datetime(2026, 11, 15, 16, tzinfo=UTC),
            now=NOW, source="cli",
        )  # fmt: skip

    def october(as_of: date) -> Figures:
        with db.read() as session:
            r = collection.report(session, community_id="C001", first="2026-10", last="2026-11",
                                  as_of=as_of)  # fmt: skip
        assert r.months[1].cash_fen == 0  # never November's
        return r.months[0]

    # paid at 00:00 on 16 November in Shanghai: not by the end of the 15th, by the 16th's
    assert october(date(2026, 11, 15)).cash_fen == 0
    oct16 = october(date(2026, 11, 16))
    assert (oct16.billed_fen, oct16.cash_fen, oct16.rate, oct16.rate_percent) == (
        104000, 13000, "1/8", "12.50")  # fmt: skip


def test_the_range_and_the_community_are_checked(db: Database) -> None:
    with db.read() as session:
        for first, last in (("2026-13", "2026-12"), ("2026-12", "2026-01"), ("2000-01", "2099-12")):
            with pytest.raises(ValueError):
                collection.report(session, community_id="C001", first=first, last=last,
                                  as_of=date(2026, 11, 27))  # fmt: skip
        with pytest.raises(LookupError):
            collection.report(session, community_id="C777", first="2026-01", last="2026-01",
                              as_of=date(2026, 11, 27))  # fmt: skip


@pytest.mark.parametrize(
    ("part", "whole", "text"),
    [(1, 160, "0.63"), (1, 320, "0.31"), (3, 1600, "0.19"), (2, 3, "66.67"), (1, 3, "33.33"),
     (7053, 10000, "70.53"), (1, 1, "100.00"), (0, 5, "0.00"), (1, 0, None),
     (999_999, 1_000_000, "100.00"), (99_994, 100_000, "99.99")],
)  # fmt: skip
def test_the_percentage_rounds_half_up_to_a_hundredth(part: int, whole: int, text: str) -> None:
    assert percent(part, whole) == text == _half_up(part, whole)

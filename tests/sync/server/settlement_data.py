"""A generated year of the partnership for the settlement tests, through the real push
path (`ingest.push` with the server's clock set to each record's arrival), real
redemptions (`wallet.redeem`) and real closes (`settlement_close.close`):

* three communities (C001 and C002 of P001, C900 of P900), one store each;
* sales of tea, water, rice, lottery tickets and weighed duck, some by members,
  some rounded (抹零), one each month on its last evening (23:30 +08:00);
* refunds weeks later, across months; a contract change mid-year for C001 and
  mid-month for C002;
* monthly redemptions against property-fee bills;
* C001's months closed on the 2nd of the next month, and a till offline across a
  close: a March sale and a May refund that arrive after their month was closed;
* the online shop's orders (`online_orders.accept_order`, delivered inside C001's and
  C002's geofences, some by residents), refunds of some, and one March order delivered
  outside every fence that operations attributes to C001 in April, after March closed.

Everything happens in time order, as a server would see it.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import update

from pos_app.core.sale import Member
from sync.protocol.accounts import RedemptionRequest
from sync.server import crud, ingest, wallet
from sync.server.db import Database
from sync.server.models.partners import ContractVersion
from sync.server.models.residents import Bill
from sync.server.models.terminals import Terminal
from sync.server.settlement_close import close
from tests.sync.server.helpers import (
    DUCK,
    LOTTERY,
    R0001,
    R0005,
    R0901,
    RICE,
    TEA,
    WATER,
    Till,
    item,
    refund_payload,
    sale_payload,
)

SH = ZoneInfo("Asia/Shanghai")
MONTHS = [f"2026-{m:02d}" for m in range(1, 13)]
STORES = {"S001": ("C001", R0001), "S002": ("C002", R0005), "S900": ("C900", R0901)}
#: a mid-year change for C001, a mid-month change for C002 (both at Shanghai midnight/noon)
NEW_VERSIONS = [
    ("C001", datetime(2026, 7, 1, tzinfo=SH), 1200, 2500),
    ("C002", datetime(2026, 5, 15, 12, tzinfo=SH), 800, 5000),
]
CLOSED = "C001"
#: C001's months closed on the 2nd of the next month at noon; Nov and Dec stay open
CLOSED_MONTHS = MONTHS[:10]
#: the sale made offline on 31 March and pushed after March was closed
LATE_SALE_AT = datetime(2026, 3, 31, 23, 0, tzinfo=SH)
LATE_SALE_PUSHED = datetime(2026, 4, 5, 9, 0, tzinfo=SH)
#: the refund made offline on 30 May (of a May sale) and pushed after May was closed
LATE_REFUND_AT = datetime(2026, 5, 30, 15, 0, tzinfo=SH)
LATE_REFUND_PUSHED = datetime(2026, 6, 4, 9, 0, tzinfo=SH)


#: a delivery point inside each community's demo geofence (its centre), and one outside all
DELIVERY = {"C001": (114.3050, 30.5930), "C002": (114.2900, 30.6050)}
NOWHERE = (114.1000, 30.4000)
#: the online order delivered outside every fence in March, attributed after March closed
OUTSIDE_AT = datetime(2026, 3, 20, 11, 0, tzinfo=SH)
ATTRIBUTED_AT = datetime(2026, 4, 10, 9, 0, tzinfo=SH)
ONLINE_PRICES = {"YC-TEA-0002": 12800, "YC-WAT-0001": 200, "YC-GRN-0001": 8990, "YC-LOT-0001": 500}


@dataclass
class Year:
    """What the generator did, for the tests' own checks."""

    sales: dict[str, dict[str, Any]] = field(default_factory=dict)  # sale_id → payload
    refunds: list[dict[str, Any]] = field(default_factory=list)
    late_sale: str = ""
    late_refund: str = ""
    closed: dict[str, datetime] = field(default_factory=dict)  # month → closed_at
    online: list[str] = field(default_factory=list)  # order ids
    outside_order: str = ""


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def _rounded(sale: dict[str, Any]) -> dict[str, Any]:
    off = sale["total_fen"] % 10
    if off and sale["payments"]:
        sale["rounding_fen"] = off
        sale["payments"][0]["amount_fen"] -= off
    return sale


def _whole_line(sale: dict[str, Any], when: datetime, number: int) -> dict[str, Any]:
    """A refund of the sale's first line, all of it."""
    line = sale["lines"][0]
    if line["unit"] == "kg":
        gross = (line["unit_price"] * line["quantity"] * 2 + 1000) // 2000
    else:
        gross = line["unit_price"] * line["quantity"]
    amount = gross - line["discount"]
    return refund_payload(sale, [(line["line_no"], line["quantity"], amount)], eligible_fen=0,
                          points_clawback=0, when=_utc(when), number=number)  # fmt: skip


def generate(db: Database, tills: dict[str, Till], key_file: Path, *, seed: int = 14) -> Year:
    rng = random.Random(seed)
    year = Year()
    with db.write() as session:
        for community, start, share, points in NEW_VERSIONS:
            session.add(ContractVersion(community_id=community, effective_from=_utc(start),
                                        share_bps=share, points_bps=points))  # fmt: skip
        # the tills were there all year: the server bounds a sale's time by the enrollment
        session.execute(update(Terminal).values(enrolled_at=datetime(2025, 12, 1, tzinfo=UTC)))
        for resident in ("R0001", "R0005"):
            for month in MONTHS[:9] + MONTHS[11:]:
                session.add(Bill(id=f"B-{resident}-{month}", resident_id=resident, period=month,
                                 amount_fen=26_000, paid_fen=0))  # fmt: skip
    ctx = {}
    with db.read() as session:
        for store, till in tills.items():
            found = crud.terminal_by_token(session, token=till.token)
            assert found is not None
            ctx[store] = found

    events: list[tuple[datetime, int, Any]] = []  # (server time, tie, action)
    tie = iter(range(10**9))

    def at(moment: datetime, action: Any) -> None:
        events.append((_utc(moment), next(tie), action))

    products = [TEA, WATER, RICE, LOTTERY]
    sequences = dict.fromkeys(STORES, 0)
    may_sale: dict[str, Any] | None = None
    for number, month in enumerate(MONTHS, start=1):
        for store, (_community, member) in STORES.items():
            times = sorted(
                datetime(2026, number, rng.randint(2, 27), rng.randint(9, 20), rng.randint(0, 59),
                         tzinfo=SH)
                for _ in range(5)
            )  # fmt: skip
            last_day = (datetime(2026 + number // 12, number % 12 + 1, 1, tzinfo=SH)
                        - timedelta(days=1)).day  # fmt: skip
            times.append(datetime(2026, number, last_day, 23, 30, tzinfo=SH))  # still this month
            for when in times:
                sequences[store] += 1
                lines = [(p, rng.randint(1, 3)) for p in rng.sample(products, rng.randint(1, 3))]
                if rng.random() < 0.3:
                    lines.append((DUCK, rng.randint(150, 900)))  # grams
                buyer: Member | None = member if rng.random() < 0.6 else None
                sale = sale_payload(lines, member=buyer, store=store, sequence=sequences[store],
                                    when=_utc(when).replace(microsecond=0))  # fmt: skip
                if rng.random() < 0.4:
                    _rounded(sale)
                year.sales[sale["sale_id"]] = sale
                at(when + timedelta(minutes=2), ("sale", store, sale))
                refund_at = when + timedelta(days=rng.randint(1, 40), hours=1)
                if rng.random() < 0.3 and refund_at.year == 2026:
                    refund = _whole_line(sale, refund_at, len(year.refunds) + 1)
                    year.refunds.append(refund)
                    at(refund_at + timedelta(minutes=1), ("refund", store, refund))
                elif store == "S001" and month == "2026-05" and may_sale is None and buyer:
                    may_sale = sale
        if month in ("2026-10", "2026-11"):
            continue  # the demo's own bills of these months
        for resident, store in (("R0001", "S001"), ("R0005", "S002")):
            at(datetime(2026, number, 15, 10, tzinfo=SH), ("redeem", store, resident, month,
                                                           rng.randint(20, 90)))  # fmt: skip

    _online(rng, year, at)
    sequences["S001"] += 1
    late = sale_payload([(TEA, 1), (WATER, 2)], member=R0001, store="S001",
                        sequence=sequences["S001"], when=_utc(LATE_SALE_AT))  # fmt: skip
    year.sales[late["sale_id"]], year.late_sale = late, late["sale_id"]
    at(LATE_SALE_PUSHED, ("sale", "S001", late))
    assert may_sale is not None
    late_refund = _whole_line(may_sale, LATE_REFUND_AT, 9000)
    year.refunds.append(late_refund)
    year.late_refund = late_refund["refund_id"]
    at(LATE_REFUND_PUSHED, ("refund", "S001", late_refund))
    for number, month in enumerate(CLOSED_MONTHS, start=1):
        at(datetime(2026, number + 1, 2, 12, tzinfo=SH), ("close", CLOSED, month))

    seq = dict.fromkeys(STORES, 0)
    for now, _tie, action in sorted(events, key=lambda e: (e[0], e[1])):
        kind = action[0]
        if kind in ("sale", "refund"):
            _kind, store, payload = action
            seq[store] += 1
            result = ingest.push(db, terminal=ctx[store], items=[item(kind, payload, seq[store])],
                                 now=now)  # fmt: skip
            assert result[0].status == "accepted", result[0]
        elif kind == "redeem":
            _kind, store, resident, month, points = action
            request = RedemptionRequest(redemption_id=uuid.uuid4(), resident_id=resident,
                                        bill_id=f"B-{resident}-{month}", points=points)  # fmt: skip
            with db.write() as session:
                wallet.redeem(session, terminal=ctx[store], request=request, now=now)
        elif kind.startswith("online") or kind == "attribute":
            _play_online(db, action, now)
        else:
            _kind, community, month = action
            with db.write() as session:
                close(session, community_id=community, month=month, key_file=key_file, now=now)
            year.closed[month] = now
    return year


def _online(rng: random.Random, year: Year, at: Any) -> None:
    """Two or three online orders a month for C001 and C002, some refunded in part."""
    for number in range(1, 13):
        for community, (lon, lat) in DELIVERY.items():
            for _ in range(rng.randint(2, 3)):
                when = datetime(2026, number, rng.randint(1, 27), rng.randint(8, 21), tzinfo=SH)
                resident = {"C001": "R0001", "C002": "R0005"}[community]
                skus = rng.sample(sorted(ONLINE_PRICES), rng.randint(1, 3))
                body = _order(when, (lon, lat), resident if rng.random() < 0.7 else None, skus, rng)
                year.online.append(body["order_id"])
                at(when + timedelta(minutes=1), ("online", body))
                refund_at = when + timedelta(days=rng.randint(1, 35))
                if rng.random() < 0.35 and refund_at.year == 2026:
                    line = body["lines"][0]
                    refund = {
                        "refund_id": f"RF-{uuid.UUID(int=rng.getrandbits(128)).hex[:20]}",
                        "created_at": _utc(refund_at).isoformat(),
                        "lines": [{"line_no": 1, "quantity": line["quantity"],
                                   "amount_fen": line["unit_price_fen"] * line["quantity"]}],
                        "total_fen": line["unit_price_fen"] * line["quantity"],
                    }  # fmt: skip
                    at(
                        refund_at + timedelta(minutes=1),
                        ("online_refund", body["order_id"], refund),
                    )
    outside = _order(OUTSIDE_AT, NOWHERE, "R0001", ["YC-TEA-0002"], rng)
    year.online.append(outside["order_id"])
    year.outside_order = outside["order_id"]
    at(OUTSIDE_AT + timedelta(minutes=1), ("online", outside))
    at(ATTRIBUTED_AT, ("attribute", outside["order_id"], "C001"))


def _order(
    when: datetime, point: tuple[float, float], resident: str | None, skus: list[str],
    rng: random.Random,
) -> dict[str, Any]:  # fmt: skip
    lines = [
        {"line_no": n, "sku": sku, "quantity": rng.randint(1, 3),
         "unit_price_fen": ONLINE_PRICES[sku], "discount_fen": 0}
        for n, sku in enumerate(skus, start=1)
    ]  # fmt: skip
    return {
        "order_id": f"WX-{uuid.UUID(int=rng.getrandbits(128)).hex[:20]}",
        "created_at": _utc(when).isoformat(),
        "delivery": {"lon": point[0], "lat": point[1], "crs": "wgs84"},
        "resident_id": resident,
        "lines": lines,
        "total_fen": sum(ln["unit_price_fen"] * ln["quantity"] for ln in lines),
    }


def _play_online(db: Database, action: Any, now: datetime) -> None:
    from sync.protocol.online import OnlineOrder as OrderIn
    from sync.protocol.online import OnlineRefund as RefundIn
    from sync.server import online_attribution, online_orders, online_refunds
    from sync.server.push_common import Policy

    policy = Policy.from_settings()
    with db.write() as session:
        if action[0] == "online":
            order = OrderIn.model_validate(action[1])
            online_orders.accept_order(session, order=order, token_id="k-test", now=now,
                                       policy=policy)  # fmt: skip
        elif action[0] == "online_refund":
            refund = RefundIn.model_validate(action[2])
            online_refunds.accept_refund(session, order_id=action[1], refund=refund, now=now,
                                         policy=policy)  # fmt: skip
        else:
            online_attribution.attribute(session, order_id=action[1], community_id=action[2],
                                         by="test operations", note="", now=now)  # fmt: skip

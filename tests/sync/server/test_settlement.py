"""The settlement of a community's month: a generated year on SQLite and PostgreSQL,
each month of each community equal to an independent recomputation from the raw
rows, to the 分; closes signed and verified; adjustments for what arrives late or
refunds an earlier month; tampering and second closes refused or detected."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from sync.server.db import Database
from sync.server.models.settlement import ClosedSettlement
from sync.server.settlement import compute
from sync.server.settlement_close import CloseRefused, close, published, verify
from sync.server.settlement_period import month_window
from tests.sync.server.helpers import Till
from tests.sync.server.settlement_data import (
    CLOSED,
    CLOSED_MONTHS,
    LATE_REFUND_AT,
    LATE_SALE_AT,
    MONTHS,
    STORES,
    Year,
    generate,
)
from tests.sync.server.settlement_oracle import SH, Raw, figures_of, settle


@pytest.fixture
def year(db: Database, new_till: Callable[..., Till], tmp_path: Path) -> Year:
    tills = {store: new_till(store=store) for store in STORES}
    return generate(db, tills, tmp_path / "settlement.key")


def test_every_month_equals_an_independent_recomputation(db: Database, year: Year) -> None:
    with db.read() as session:
        raw = Raw(session)
        checked = 0
        for community in ("C001", "C002", "C900"):
            for month in MONTHS:
                closed_at = year.closed.get(month) if community == CLOSED else None
                doc = published(session, community_id=community, month=month).document
                expected = settle(raw, community, month, as_of=closed_at)
                assert figures_of(doc) == expected, (community, month)
                assert doc["provisional"] is (closed_at is None)
                # the share, recomputed from the document's own contract lines
                assert doc["share_fen"] == sum(
                    c["net_fen"] * c["share_bps"] // 10_000 for c in doc["contracts"]
                )
                checked += expected.get("orders", 0)
    assert checked >= len(year.sales) - 1  # every sale once (the late one in April)
    assert all(len(settle(raw, "C001", m)) > 5 for m in MONTHS)


def test_a_month_spanning_two_contract_versions_splits(db: Database, year: Year) -> None:
    with db.read() as session:
        may = compute(session, community_id="C002", month="2026-05").document
    assert [c["share_bps"] for c in may["contracts"]] == [1000, 800]
    assert sum(c["orders"] for c in may["contracts"]) == may["orders"]


def test_closed_months_verify_and_late_records_are_adjustments(db: Database, year: Year) -> None:
    with db.read() as session:
        for month in CLOSED_MONTHS:
            assert verify(session, community_id=CLOSED, month=month).problems == []
        april = published(session, community_id=CLOSED, month="2026-04").document
        june = published(session, community_id=CLOSED, month="2026-06").document
        march = published(session, community_id=CLOSED, month="2026-03").document
    late = [a for a in april["adjustments"] if a["record_id"] == year.late_sale]
    assert late == [{
        "source": "showroom", "kind": "sale", "record_id": year.late_sale,
        "sale_id": year.late_sale, "reason": "late", "sale_month": "2026-03",
        "record_month": "2026-03", "amount_fen": 12800 + 400,
        "eligible_fen": late[0]["eligible_fen"],
    }]  # fmt: skip
    assert late[0]["eligible_fen"] == 13200
    assert LATE_SALE_AT.month == 3 and year.late_sale not in json.dumps(march)
    refund = [a for a in june["adjustments"] if a["record_id"] == year.late_refund]
    assert [(r["reason"], r["sale_month"], r["record_month"]) for r in refund] == [
        ("late", "2026-05", f"2026-{LATE_REFUND_AT.month:02d}")
    ]
    assert refund[0]["amount_fen"] < 0
    # a refund this month of an earlier month's sale: an adjustment naming that month
    earlier = [a for m in MONTHS for a in _doc(db, "C002", m)["adjustments"]]
    assert earlier and all(a["reason"] == "earlier_sale" and a["sale_month"] < a["record_month"]
                           for a in earlier)  # fmt: skip


def _doc(db: Database, community: str, month: str) -> dict:  # type: ignore[type-arg]
    with db.read() as session:
        return published(session, community_id=community, month=month).document


def test_a_closed_month_is_immutable_and_tampering_is_named(
    db: Database, year: Year, tmp_path: Path
) -> None:
    key = tmp_path / "settlement.key"
    assert key.stat().st_mode & 0o777 == 0o600
    with db.write() as session, pytest.raises(CloseRefused, match="closed already"):
        close(session, community_id=CLOSED, month="2026-02", key_file=key,
              now=datetime(2026, 12, 5, tzinfo=UTC))  # fmt: skip
    with db.write() as session, pytest.raises(CloseRefused, match="has not ended"):
        close(session, community_id="C002", month="2026-12", key_file=key,
              now=datetime(2026, 12, 31, 15, 59, tzinfo=UTC))  # fmt: skip
    for sql in ("UPDATE settlements SET sha256 = 'x'", "DELETE FROM settlements"):
        with pytest.raises(DBAPIError, match="immutable"), db.write() as session:
            session.execute(text(sql))
    # a sale of February edited behind the server's back, then its row's document
    since, until = month_window("2026-02")
    with db.write() as session:
        sale_id = session.execute(
            text("SELECT sale_id FROM orders WHERE community_id = 'C001' AND created_at >= :a "
                 "AND created_at < :b ORDER BY sale_id LIMIT 1"),
            {"a": since.replace(tzinfo=None) if db.dialect == "sqlite" else since,
             "b": until.replace(tzinfo=None) if db.dialect == "sqlite" else until},
        ).scalar_one()  # fmt: skip
        session.execute(
            text("UPDATE orders SET total_fen = total_fen + 100 WHERE sale_id = :s"), {"s": sale_id}
        )
    with db.read() as session:
        problems = verify(session, community_id=CLOSED, month="2026-02").problems
        assert verify(session, community_id=CLOSED, month="2026-01").problems == []
    assert any(p.startswith("gross_sales_fen: closed ") for p in problems), problems
    assert any(p.startswith("net_revenue_fen: ") for p in problems)
    assert not any(p.startswith(("sha256", "signature")) for p in problems)


def test_a_forged_document_fails_its_hash_and_signature(db: Database, year: Year) -> None:
    with db.read() as session:
        row = session.query(ClosedSettlement).filter_by(community_id=CLOSED, month="2026-03").one()
        forged = row.document.replace('"share_fen":', '"share_fen":1', 1)
    # past the triggers, as the database's owner (or someone with its file) could
    disable = (
        "DROP TRIGGER settlements_no_update"
        if db.dialect == "sqlite"
        else "ALTER TABLE settlements DISABLE TRIGGER settlements_no_change"
    )
    with db.write() as session:
        session.execute(text(disable))
        session.execute(text("UPDATE settlements SET document = :d WHERE id = :i"),
                        {"d": forged, "i": row.id})  # fmt: skip
    with db.read() as session:
        problems = verify(session, community_id=CLOSED, month="2026-03").problems
    assert problems[0].startswith("sha256:") and problems[1].startswith("signature:")
    assert any(p.startswith("contracts[0].share_fen: closed 1") for p in problems), problems


def test_online_orders_are_joint_revenue_and_a_late_attribution_is_an_adjustment(
    db: Database, year: Year
) -> None:
    with db.read() as session:
        raw = Raw(session)
        online = [o for o in raw.online.values() if o[0] == "C002"]
        assert online  # the generator's orders were placed by the geofence
        for month in MONTHS:
            doc = published(session, community_id="C002", month=month).document
            (source,) = [s for s in doc["sources"] if s["source"] == "online"]
            mine = [
                o for o in online
                if o[1].astimezone(SH).strftime("%Y-%m") == month
            ]  # fmt: skip
            assert source["orders"] == len(mine), month
        april = published(session, community_id=CLOSED, month="2026-04").document
        march = published(session, community_id=CLOSED, month="2026-03").document
        assert verify(session, community_id=CLOSED, month="2026-03").problems == []
    late = [a for a in april["adjustments"] if a["record_id"] == year.outside_order]
    assert [(a["source"], a["kind"], a["reason"], a["sale_month"]) for a in late] == [
        ("online", "sale", "late", "2026-03")
    ]
    (tea,) = raw.online[year.outside_order][3]["lines"]  # one line of tea, ¥128 each
    assert late[0]["amount_fen"] == 12800 * tea["quantity"]
    assert year.outside_order not in json.dumps(march)  # the closed month stays as it was

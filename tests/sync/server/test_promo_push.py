"""A pushed sale's promotions re-priced by the server (sync/server/promo_check.py):
explained savings accepted, unexplained ones flagged for review and earning nothing,
points on the server's nets, the budget cap; on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select

from pos_app.core.promotions import SHOWROOM_TZ
from sync.server import promotions as promos
from sync.server.changelog import ChangeLog
from sync.server.db import Database
from sync.server.models.orders import Order, Refund, ReviewItem
from sync.server.models.promotions import OrderLine, Promotion, PromotionUse
from sync.server.promo_check import _active_between
from tests.sync.server.helpers import (
    R0001,
    RICE,
    TEA,
    WATER,
    Till,
    refund_payload,
    sale_payload,
)
from tests.sync.server.promo_helpers import (
    RICE_MEMBER,
    TEA10,
    bearer,
    create,
    ops_token,
    promoted,
)


def _push(till: Till, sale: dict[str, Any]) -> dict[str, Any]:
    result = till.push_ok([till.next_item("sale", sale)])[0]
    assert result["status"] == "accepted", result
    return result


def _order(db: Database, sale_id: str) -> Order:
    with db.read() as session:
        order = session.get(Order, sale_id)
        assert order is not None
        session.expunge(order)
        return order


def _review(db: Database, sale_id: str) -> list[tuple[str, int, str]]:
    with db.read() as session:
        rows = session.scalars(
            select(ReviewItem).where(ReviewItem.source_id == sale_id).order_by(ReviewItem.id)
        ).all()
        return [(r.kind, r.line_no, r.code) for r in rows]


def test_an_explained_promotion_is_accepted_and_counted(
    client: TestClient, db: Database, till: Till
) -> None:
    create(client, ops_token(db), TEA10, stores=["S001"])
    sale = promoted(sale_payload([(TEA, 2), (WATER, 1)]), {1: [("P_TEA9", 2560)]})
    assert _push(till, sale)["flags"] == []
    order = _order(db, sale["sale_id"])
    assert order.eligible_fen == 25600 - 2560 + 200
    with db.read() as session:
        uses = session.execute(
            select(PromotionUse.promotion_id, PromotionUse.saving_fen, PromotionUse.claimed_fen)
        ).all()
        assert [tuple(u) for u in uses] == [("P_TEA9", 2560, 2560)]
        assert session.get(Promotion, "P_TEA9").given_fen == 2560  # type: ignore[union-attr]
        lines = session.execute(
            select(OrderLine.line_no, OrderLine.category, OrderLine.amount_fen).order_by(
                OrderLine.line_no
            )
        ).all()
    assert [tuple(r) for r in lines] == [(1, "tea", 23040), (2, "water", 200)]


def test_a_saving_the_server_does_not_give_is_flagged_and_earns_nothing(
    client: TestClient, db: Database, till: Till
) -> None:
    create(client, ops_token(db), TEA10)
    # more than 10%: the till (or someone) made it up
    sale = promoted(sale_payload([(TEA, 1), (WATER, 1)], member=R0001), {1: [("P_TEA9", 2000)]})
    result = _push(till, sale)
    assert "promotion_unexplained" in result["flags"]
    assert "points_mismatch" in result["flags"]
    assert _review(db, sale["sale_id"]) == [("line", 1, "promotion_unexplained")]
    order = _order(db, sale["sale_id"])
    assert order.eligible_fen == 200  # the water alone earns
    assert order.points_server == 200 * 1000 * 3000 // 100_000_000
    with db.read() as session:
        use = session.get(PromotionUse, (sale["sale_id"], "P_TEA9"))
        assert use is not None and (use.saving_fen, use.claimed_fen) == (1280, 2000)


def test_a_promotion_the_server_does_not_hold_for_the_store_is_unexplained(
    client: TestClient, db: Database, till: Till
) -> None:
    create(client, ops_token(db), TEA10, stores=["S002"])  # not this till's store
    sale = promoted(sale_payload([(TEA, 1)]), {1: [("P_TEA9", 1280)]})
    assert _push(till, sale)["flags"] == ["promotion_unexplained"]
    forged = promoted(sale_payload([(TEA, 1)]), {1: [("NO_SUCH", 500)]})
    assert _push(till, forged)["flags"] == ["promotion_unexplained"]
    with db.read() as session:
        assert session.scalars(select(PromotionUse)).all() == []


def test_savings_above_the_lines_discount_are_unexplained(
    client: TestClient, db: Database, till: Till
) -> None:
    create(client, ops_token(db), TEA10)
    sale = promoted(sale_payload([(TEA, 1)]), {1: [("P_TEA9", 1280)]})
    sale["lines"][0]["discount"] = 1000  # the line says it saved 1280 but took 1000 off
    sale["discount_fen"] -= 280
    sale["total_fen"] += 280
    sale["eligible_fen"] += 280
    sale["payments"][0]["amount_fen"] += 280
    sale["change_fen"] -= 280
    assert _push(till, sale)["flags"] == ["promotion_unexplained"]


def test_a_smaller_saving_than_the_servers_earns_on_the_servers_net(
    client: TestClient, db: Database, till: Till
) -> None:
    create(client, ops_token(db), TEA10)
    sale = promoted(sale_payload([(TEA, 1)], member=R0001), {1: [("P_TEA9", 1000)]})
    result = _push(till, sale)
    assert "promotion_unexplained" not in result["flags"]
    assert "points_mismatch" in result["flags"]  # the till counted on 11800
    order = _order(db, sale["sale_id"])
    assert order.eligible_fen == 12800 - 1280  # never more than the server's net
    assert order.points_server == 11520 * 1000 * 3000 // 100_000_000
    with db.read() as session:
        assert session.get(Promotion, "P_TEA9").given_fen == 1000  # type: ignore[union-attr]


def test_a_member_promotion_is_explained_only_for_a_member(
    client: TestClient, db: Database, till: Till
) -> None:
    create(client, ops_token(db), RICE_MEMBER)
    saving = [("M_RICE", 8990 - 8000)]
    member = promoted(sale_payload([(RICE, 1)], member=R0001), {1: saving})
    assert _push(till, member)["flags"] == []
    anonymous = promoted(sale_payload([(RICE, 1)]), {1: saving})
    assert _push(till, anonymous)["flags"] == ["promotion_unexplained"]


def test_an_event_price_needs_the_sales_event(client: TestClient, db: Database, till: Till) -> None:
    from tests.sync.server.event_helpers import PROMOTER_NAME, make_event

    make_event(db, "E1")  # the tasting event the sale is credited to (E2: none)
    event = {**TEA10, "id": "EV_TEA", "event_id": "E1"}
    create(client, ops_token(db), event)
    at_event = promoted(sale_payload([(TEA, 1)]), {1: [("EV_TEA", 1280)]}, event_id="E1")
    at_event["cashier"] = PROMOTER_NAME  # rung up by the event's promoter
    assert _push(till, at_event)["flags"] == []
    elsewhere = promoted(sale_payload([(TEA, 1)]), {1: [("EV_TEA", 1280)]}, event_id="E2")
    assert _push(till, elsewhere)["flags"] == ["promotion_unexplained", "event_unattributed"]


def test_a_sale_past_the_budget_is_accepted_flagged_and_pauses_the_promotion(
    client: TestClient, db: Database, till: Till
) -> None:
    token = ops_token(db)
    create(client, token, TEA10, budget_fen=2000)
    first = promoted(sale_payload([(TEA, 1)]), {1: [("P_TEA9", 1280)]})
    assert _push(till, first)["flags"] == []
    second = promoted(sale_payload([(TEA, 1)]), {1: [("P_TEA9", 1280)]})
    assert _push(till, second)["flags"] == ["promotion_over_budget"]
    assert _review(db, second["sale_id"]) == [("promo", 0, "promotion_over_budget")]
    with db.read() as session:
        row = session.get(Promotion, "P_TEA9")
        assert row is not None and (row.status, row.given_fen) == ("paused", 2560)
    changes = till.get("/changes").json()["changes"]
    assert [c["data"]["status"] for c in changes if c["kind"] == "promotion"] == ["paused"]
    # spent: resuming it is refused
    resumed = client.post("/api/v1/promotions/P_TEA9/resume", headers=bearer(token))
    assert (resumed.status_code, resumed.json()["code"]) == (409, "promotion_state")


def test_reaching_the_cap_exactly_pauses_without_a_flag(
    client: TestClient, db: Database, till: Till
) -> None:
    create(client, ops_token(db), TEA10, budget_fen=1280)
    sale = promoted(sale_payload([(TEA, 1)]), {1: [("P_TEA9", 1280)]})
    assert _push(till, sale)["flags"] == []
    with db.read() as session:
        assert session.get(Promotion, "P_TEA9").status == "paused"  # type: ignore[union-attr]


def test_a_sale_without_promotions_is_not_repriced(
    client: TestClient, db: Database, till: Till
) -> None:
    """A till that does not know a promotion yet charged the full price: nothing to flag."""
    create(client, ops_token(db), TEA10)
    sale = sale_payload([(TEA, 1)], member=R0001)
    assert _push(till, sale)["flags"] == []
    assert _order(db, sale["sale_id"]).eligible_fen == 12800


T0 = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


def test_active_between_judges_the_status_history_at_the_sales_moment() -> None:
    history = [(T0, "active"), (T0 + 2 * HOUR, "paused"), (T0 + 5 * HOUR, "active")]
    assert not _active_between(history, T0 - 2 * HOUR, T0 - HOUR)  # before it existed
    assert _active_between(history, T0 + HOUR, T0 + HOUR)
    assert not _active_between(history, T0 + 3 * HOUR, T0 + 4 * HOUR)  # paused throughout
    assert _active_between(history, T0 + HOUR, T0 + 3 * HOUR)  # a pause within the grace
    assert _active_between(history, T0 + 3 * HOUR, T0 + 5 * HOUR)  # resumed at its end
    assert not _active_between(history[:2], T0 + 2 * HOUR, T0 + 6 * HOUR)
    ended = [(T0, "active"), (T0 + HOUR, "ended")]
    assert not _active_between(ended, T0 + 2 * HOUR, T0 + 3 * HOUR)


def test_a_full_refund_takes_back_exactly_what_the_servers_net_earned(
    client: TestClient, db: Database, till: Till
) -> None:
    create(client, ops_token(db), TEA10)
    sale = promoted(sale_payload([(TEA, 1)], member=R0001), {1: [("P_TEA9", 1000)]})
    _push(till, sale)
    earned = _order(db, sale["sale_id"]).points_server
    assert earned == 11520 * 1000 * 3000 // 100_000_000
    # the till gives back what the customer paid: 118.00, more than the server's net
    refund = refund_payload(
        sale, [(1, 1, 11800)], eligible_fen=11800, points_clawback=sale["points"],
        when=datetime.now(UTC),
    )  # fmt: skip
    assert till.push_ok([till.next_item("refund", refund)])[0]["status"] == "accepted"
    with db.read() as session:
        clawed = session.scalar(
            select(Refund.clawback_server).where(Refund.refund_id == refund["refund_id"])
        )
    assert clawed == earned  # never more than was earned


def test_in_one_batch_every_sale_past_the_cap_is_flagged(
    client: TestClient, db: Database, till: Till
) -> None:
    create(client, ops_token(db), TEA10, budget_fen=2000)
    sales = [promoted(sale_payload([(TEA, 1)]), {1: [("P_TEA9", 1280)]}) for _ in range(3)]
    results = till.push_ok([till.next_item("sale", s) for s in sales])
    assert [r["flags"] for r in results] == [
        [], ["promotion_over_budget"], ["promotion_over_budget"]]  # fmt: skip
    with db.read() as session:
        row = session.get(Promotion, "P_TEA9")
        assert row is not None and (row.status, row.given_fen) == ("paused", 3840)


T200 = {
    "id": "T200",
    "name": "满100减10 满200减25",
    "kind": "threshold",
    "tiers": [{"min_fen": 10000, "off_fen": 1000}, {"min_fen": 20000, "off_fen": 2500}],
}


def test_a_line_with_a_cashiers_discount_takes_no_promotion_and_counts_towards_no_tier(
    client: TestClient, db: Database, till: Till
) -> None:
    """As the till prices it: the hand-discounted rice stays out of the 满减, so the tea
    alone reaches ¥100 (not the two together ¥200)."""
    create(client, ops_token(db), T200)
    lines = [(RICE, 2), (TEA, 1)]  # ¥179.80 and ¥128.00
    sale = promoted(sale_payload(lines, discount_line=(1, 500)), {2: [("T200", 1000)]})
    assert _push(till, sale)["flags"] == []
    assert _order(db, sale["sale_id"]).eligible_fen == 17480 + 11800
    # without a hand discount both lines reach 满200, spread by largest remainder
    both = promoted(sale_payload(lines), {1: [("T200", 1460)], 2: [("T200", 1040)]})
    assert _push(till, both)["flags"] == []
    # the same claims with a hand discount on the rice: neither is the server's
    mixed = promoted(
        sale_payload(lines, discount_line=(1, 500)), {1: [("T200", 1460)], 2: [("T200", 1040)]}
    )
    assert _push(till, mixed)["flags"] == ["promotion_unexplained"]
    assert _review(db, mixed["sale_id"]) == [("line", 1, "promotion_unexplained"),
                                            ("line", 2, "promotion_unexplained")]  # fmt: skip


def test_a_sale_is_priced_with_the_definition_of_its_own_moment(db: Database, till: Till) -> None:
    """A window moved after a sale was made does not make that sale unexplained."""
    now = datetime.now(UTC).replace(microsecond=0)
    changes = ChangeLog()
    with db.write() as session:
        promos.create(
            session, definition=TEA10, stores=[], budget_fen=None, now=now - 2 * HOUR,
            changes=changes,
        )  # fmt: skip
        tomorrow = (now + timedelta(days=1)).astimezone(SHOWROOM_TZ).date().isoformat()
        promos.schedule(
            session, promo_id="P_TEA9", window={"start_date": tomorrow},
            now=now - timedelta(minutes=5), changes=changes,
        )  # fmt: skip
        changes.flush(session)
    before = promoted(
        sale_payload([(TEA, 1)], when=now - timedelta(minutes=10)), {1: [("P_TEA9", 1280)]}
    )
    assert _push(till, before)["flags"] == []
    after = promoted(sale_payload([(TEA, 1)], when=now), {1: [("P_TEA9", 1280)]})
    assert _push(till, after)["flags"] == ["promotion_unexplained"]

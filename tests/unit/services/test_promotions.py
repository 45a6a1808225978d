"""The promotions service on a real till database: the book the cart prices
with (this store's active ones), active and upcoming lists, a manager's
store-only promotion behind a PIN, and the sync pulling promotions from a real
HTTP server on 127.0.0.1 (only this store's priced, bad ones skipped)."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from pos_app.app import AppContext
from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.promo_codec import promotion_from_dict, promotion_to_dict
from pos_app.persistence import credentials
from pos_app.services.pin_approval import PinApproval, pin_hook
from pos_app.services.promotions import PromotionsService
from sync.protocol.store_payloads import StorePromotionPayload
from tests.staff_helpers import DEMO_MANAGER, DEMO_MANAGER_PIN
from tests.unit.sync_client.canned_server import NOW, Answer, CannedServer

WEDNESDAY_10 = datetime(2026, 3, 4, 2, 0, tzinfo=UTC)  # 10:00 showroom time

T100 = {
    "id": "T100",
    "name": "满100减10",
    "kind": "threshold",
    "tiers": [{"min_fen": 10000, "off_fen": 1000}],
}
WED = {
    "id": "WED",
    "name": "周三会员日 9折",
    "kind": "percent_off",
    "percent_bps": 1000,
    "members_only": True,
    "window": {"weekdays": [3]},
}
SPRING = {
    "id": "SPRING",
    "name": "春节 95折",
    "kind": "percent_off",
    "percent_bps": 500,
    "window": {"start_date": "2026-03-10", "end_date": "2026-03-20"},
}
OVER = {
    "id": "OVER",
    "name": "元旦 9折",
    "kind": "percent_off",
    "percent_bps": 1000,
    "window": {"start_date": "2026-01-01", "end_date": "2026-01-03"},
}


def service(context: AppContext, when: datetime = WEDNESDAY_10) -> PromotionsService:
    promos = context.promotions
    assert promos is not None
    promos.clock = lambda: when
    return promos


def keep(context: AppContext, data: dict[str, Any], stores: list[str], status: str) -> None:
    service(context).repo.save(
        definition=data, stores=stores, status=status, origin="server", created_by="", at=NOW_DT
    )
    service(context).reload()


NOW_DT = datetime(2026, 3, 1, tzinfo=UTC)


def ids(promos: list[Any]) -> list[str]:
    return [p.promo_id for p in promos]


def test_the_book_holds_this_stores_active_promotions_only(context: AppContext) -> None:
    keep(context, T100, [], "active")
    keep(context, WED, ["S001"], "active")
    keep(context, SPRING, ["S002"], "active")  # another store's
    keep(context, OVER, [], "paused")
    promos = service(context)
    assert ids(list(promos.book().promotions)) == ["T100", "WED"]
    assert ids(promos.active()) == ["T100", "WED"]  # Wednesday: the member day holds
    thursday = service(context, datetime(2026, 3, 5, 2, 0, tzinfo=UTC))
    assert ids(thursday.active()) == ["T100"]
    assert ids(thursday.upcoming()) == ["WED"]


def test_upcoming_promotions_start_later_and_ended_ones_are_not_listed(
    context: AppContext,
) -> None:
    keep(context, SPRING, [], "active")
    keep(context, OVER, [], "active")
    promos = service(context)
    assert (ids(promos.active()), ids(promos.upcoming())) == ([], ["SPRING"])
    later = service(context, datetime(2026, 3, 12, 2, 0, tzinfo=UTC))
    assert (ids(later.active()), ids(later.upcoming())) == (["SPRING"], [])


def test_the_book_is_built_once_per_promotion_set(context: AppContext) -> None:
    keep(context, T100, [], "active")
    promos = service(context)
    first = promos.book()
    assert promos.book() is first
    keep(context, WED, [], "active")  # reloads
    assert promos.book() is not first
    assert ids(list(promos.book().promotions)) == ["T100", "WED"]


def test_a_manager_sets_up_a_store_only_promotion_with_their_pin(context: AppContext) -> None:
    promos = service(context)
    with pytest.raises(PosError) as refused:
        promos.create_local(T100)  # nobody gave a PIN
    assert refused.value.code is ErrorCode.PROMO_NOT_APPROVED
    assert promos.repo.all() == []
    hook = pin_hook(context.approval)
    assert isinstance(hook, PinApproval)
    hook.approve_with_pin(
        promos.approval_request("T100", "create"), DEMO_MANAGER, DEMO_MANAGER_PIN, hold=True
    )
    promo = promos.create_local(T100)
    assert promo.promo_id == "T100"
    (stored,) = promos.repo.all()
    assert (stored.stores, stored.status, stored.origin, stored.created_by) == (
        ("S001",),
        "active",
        "local",
        "店长老李",
    )
    assert ids(promos.active()) == ["T100"]
    # the cart on screen prices with it
    context.checkout.promotions_changed()
    context.checkout.scan("6921445000018")  # 五常大米 ¥89.90
    context.checkout.scan("6921445000018")
    assert context.checkout.cart.totals().total.fen == 17980 - 1000


def test_a_bad_or_repeated_definition_is_refused_by_field(context: AppContext) -> None:
    promos = service(context)
    with pytest.raises(PosError) as bad:
        promos.create_local({**T100, "tiers": []})
    assert (bad.value.code, bad.value.params) == (ErrorCode.PROMO_INVALID, {"field": "tiers"})
    keep(context, T100, [], "active")
    with pytest.raises(PosError) as again:
        promos.create_local(T100)
    assert again.value.params == {"field": "id"}


def test_pausing_a_promotion_takes_it_out_of_the_book(context: AppContext) -> None:
    keep(context, T100, [], "active")
    promos = service(context)
    hook = pin_hook(context.approval)
    assert isinstance(hook, PinApproval)
    hook.approve_with_pin(
        promos.approval_request("T100", "paused"), DEMO_MANAGER, DEMO_MANAGER_PIN, hold=True
    )
    promos.set_status("T100", "paused")
    assert ids(list(promos.book().promotions)) == []
    with pytest.raises(PosError) as missing:
        promos.set_status("NOPE", "paused")
    assert missing.value.code is ErrorCode.PROMO_NOT_FOUND


# --- pulled from the central server --------------------------------------------------


def change(seq: int, key: str, data: dict[str, Any] | None, op: str = "upsert") -> dict[str, Any]:
    return {"seq": seq, "kind": "promotion", "op": op, "key": key, "data": data}


def feed(pages: list[list[dict[str, Any]]]) -> Any:
    def answer(cursor: str, limit: int) -> Answer:
        index = int(cursor or 0)
        changes = pages[index] if index < len(pages) else []
        nxt = str(min(index + 1, len(pages)))
        return 200, {"changes": changes, "next_cursor": nxt, "more": False, "server_time": NOW}

    return answer


def test_pulled_promotions_are_priced_for_this_store_only_and_bad_ones_skipped(
    context: AppContext, data_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    first = [
        change(1, "T100", {**T100, "stores": [], "status": "active"}),
        change(2, "WED", {**WED, "stores": ["S001", "S002"], "status": "active"}),
        change(3, "SPRING", {**SPRING, "stores": ["S002"], "status": "active"}),
        change(4, "BAD", {**T100, "id": "BAD", "percent_bps": 5, "stores": [], "status": "active"}),
        change(5, "ODD", {**OVER, "id": "ODD", "stores": [], "status": "gone"}),
    ]
    second = [change(6, "T100", None, op="delete")]
    promos = service(context)
    assert ids(list(promos.book().promotions)) == []
    caplog.set_level(logging.WARNING, logger="pos_app.sync")
    with CannedServer(changes=feed([first, second])) as server:
        credentials.save(data_dir, credentials.Credential(server.url, "token", "T-unit"))
        status = context.sync.sync_once()
        assert status.error is None
        assert ids(list(promos.book().promotions)) == ["T100", "WED"]  # reloaded by the pull
        assert context.sync.state.promotions_skipped == {
            "BAD": "promo_invalid:percent_bps",
            "ODD": "promo_invalid:status",
        }
        assert "promotion BAD skipped: promo_invalid:percent_bps" in caplog.text
        context.sync.sync_once()
    assert ids(list(promos.book().promotions)) == ["WED"]
    ended = {s.promo_id: s.status for s in promos.repo.all()}
    assert ended == {"T100": "ended", "WED": "active", "SPRING": "active"}


def test_the_demo_till_shows_its_promotions_and_prices_with_them(data_dir: Path) -> None:
    from pos_app.app import build_context

    demo = build_context(data_dir, demo=True, demo_promotions=True)
    try:
        promos = service(demo)  # a Wednesday: the member day holds
        # the demo event's price too: active, applied only to a sale at its event
        assert ids(promos.active()) == ["DEMO-EVENT-TEA", "DEMO-MJ", "DEMO-WATER-N2", "DEMO-WED"]
        demo.checkout.promotions_changed()
        demo.checkout.scan("6975321000012")  # 硒泉水 550ml ¥2.00
        demo.checkout.scan("6975321000012")
        view = demo.checkout.promotions_view()
        assert [(a.promo_id, a.saving.fen) for a in view.totals] == [("DEMO-WATER-N2", 100)]
        assert [(h.promo_id, h.missing.fen) for h in view.hints] == [("DEMO-MJ", 9700)]
    finally:
        demo.close()
    again = build_context(data_dir, demo=True, demo_promotions=True)  # seeded once
    try:
        assert len(service(again).repo.all()) == 4
    finally:
        again.close()


# --- a store-only promotion reaches the central server ------------------------------------


def outbox(context: AppContext) -> list[tuple[str, str, dict[str, Any]]]:
    """(kind, aggregate_id, payload) of every outbox item, oldest first."""
    with context.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT kind, aggregate_id, payload FROM outbox ORDER BY id"
        ).all()
    return [(kind, aggregate, json.loads(payload)) for kind, aggregate, payload in rows]


def approve_as_manager(context: AppContext, promo_id: str, change: str) -> None:
    hook = pin_hook(context.approval)
    assert isinstance(hook, PinApproval)
    request = service(context).approval_request(promo_id, change)
    hook.approve_with_pin(request, DEMO_MANAGER, DEMO_MANAGER_PIN, hold=True)


def test_a_store_promotion_and_each_change_of_it_write_one_record_for_the_server(
    context: AppContext,
) -> None:
    promos = service(context)
    approve_as_manager(context, "T100", "create")
    promos.create_local(T100)
    approve_as_manager(context, "T100", "paused")
    promos.set_status("T100", "paused")
    approve_as_manager(context, "T100", "ended")
    promos.set_status("T100", "ended")
    items = outbox(context)
    assert [(kind, p["status"], p["revision"]) for kind, _, p in items] == [
        ("store_promotion", "active", 1),
        ("store_promotion", "paused", 2),
        ("store_promotion", "ended", 3),
    ]
    _kind, aggregate, first = items[0]
    assert aggregate == first["record_id"] and len(aggregate) == 36
    assert first == {
        "record_id": aggregate,
        "store_code": "S001",
        "terminal_code": context.settings.terminal.code,
        "at": "2026-03-04T02:00:00+00:00",
        "promotion": promotion_to_dict(promotion_from_dict(T100)),
        "status": "active",
        "revision": 1,
        "approver": DEMO_MANAGER,  # the staff id, not the name
    }
    # the wire form the server reads, exactly
    StorePromotionPayload.model_validate(first)


def test_a_central_promotions_status_change_writes_no_record(context: AppContext) -> None:
    keep(context, T100, [], "active")
    approve_as_manager(context, "T100", "paused")
    service(context).set_status("T100", "paused")
    assert outbox(context) == []


def test_the_servers_copy_of_a_store_promotion_stays_local(context: AppContext) -> None:
    promos = service(context)
    approve_as_manager(context, "T100", "create")
    promos.create_local(T100)
    # the server's copy comes down the feed (its budget capped)
    keep(context, {**T100, "budget_fen": 200_000}, ["S001"], "active")
    (stored,) = promos.repo.all()
    assert (stored.origin, stored.created_by, stored.definition["budget_fen"]) == (
        "local",
        "店长老李",
        200_000,
    )
    approve_as_manager(context, "T100", "paused")
    promos.set_status("T100", "paused")
    last = outbox(context)[-1][2]
    assert (last["revision"], last["status"], last["promotion"]["budget_fen"]) == (
        2,
        "paused",
        200_000,
    )

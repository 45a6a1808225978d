"""Finding a resident by the last four digits of their phone, against the real
central server on 127.0.0.1: the client call, the members service online and
then offline from the till's cache (filled by the sync pull), and a sale to a
resident found that way, whose points the server holds for review."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import requests
from sqlalchemy import select

from pos_app.app import AppContext, build_context
from pos_app.core.money import Money
from pos_app.services.account_views import PhoneMatch, PhoneMatches
from sync.client.session import SyncError, SyncSession
from sync.server.db import Database
from sync.server.devtools import ServerProcess
from sync.server.models.orders import Order, ReviewItem

WATER = "6975321000012"  # 硒泉水 550ml, ¥2, points-eligible


def _enrolled(data_dir: Path, server: ServerProcess, *, demo: bool) -> AppContext:
    context = build_context(data_dir, demo=demo)
    context.sync.enroll(server.url, server.enrollment_code())
    return context


def test_the_client_asks_the_server_and_its_answer_is_typed(live_server: ServerProcess) -> None:
    key = requests.post(  # an enrolled terminal's token, as the till gets it
        f"{live_server.api}/enroll",
        json={"code": live_server.enrollment_code(), "terminal_public_key": "A" * 43},
        timeout=10,
    ).json()["token"]
    session = SyncSession(live_server.url, key, timeout=(2.0, 5.0))
    answer = session.members_by_phone("1234")
    assert [(c.resident_id, c.masked_phone, c.community_name) for c in answer.candidates] == [
        ("R0001", "138****1234", "示范社区"),
        ("R0005", "137****1234", "滨江社区"),
    ]
    assert answer.truncated is False
    with pytest.raises(SyncError) as refused:
        session.members_by_phone("12x4")
    assert (refused.value.code, refused.value.status) == ("invalid_request", 422)
    session.cancel()  # the till shutting down: no call waits out its timeout
    started = time.monotonic()
    with pytest.raises(SyncError) as cancelled:
        session.members_by_phone("1234")
    assert cancelled.value.code == "cancelled"
    assert time.monotonic() - started < 1.0


def test_online_first_then_the_tills_cache_when_the_server_is_down(
    live_server: ServerProcess, data_dir: Path
) -> None:
    context = _enrolled(data_dir, live_server, demo=False)  # an empty cache
    online = context.members.find_by_phone("1234")  # the server answers, nothing pulled yet
    assert online == PhoneMatches(
        (
            PhoneMatch("R0001", "张*明", "138****1234", "C001", "示范社区"),
            PhoneMatch("R0005", "陈*华", "137****1234", "C002", "滨江社区"),
        ),
        truncated=False,
        offline=False,
    )
    live_server.stop()
    assert context.members.find_by_phone("1234") == PhoneMatches((), False, offline=True)
    live_server.start()
    assert context.sync.sync_once().error is None  # the pull brings the last four digits
    live_server.stop()
    offline = context.members.find_by_phone("1234")
    assert offline == PhoneMatches(
        (
            PhoneMatch("R0001", "张*明", "*******1234", "C001", "示范社区"),
            PhoneMatch("R0005", "陈*华", "*******1234", "C002", "滨江社区"),
        ),
        truncated=False,
        offline=True,
    )
    assert context.members.find_by_phone("0000") == PhoneMatches((), False, offline=True)
    context.close()


def test_a_sale_to_a_resident_found_by_phone_has_its_points_held_for_review(
    live_server: ServerProcess, data_dir: Path
) -> None:
    context = _enrolled(data_dir, live_server, demo=True)
    assert context.sync.sync_once().error is None
    co = context.checkout
    view = context.members.choose(context.members.find_by_phone("1234").candidates[0])
    assert (view.member.resident_id, view.member.code, view.unverified) == ("R0001", "", True)
    assert co.attach_member(view).member_changed
    for _ in range(50):
        co.scan(WATER)
    tender = co.start_tender()
    tender.add_cash(Money(tender.total.fen))
    sale = co.complete(tender)
    assert sale.member is not None and sale.member.code == ""
    assert context.sync.sync_once().error is None
    db = Database(live_server.database_url, pool_size=1, max_overflow=0)
    try:
        with db.read() as session:
            order = session.get(Order, sale.sale_id)
            holds = session.execute(
                select(ReviewItem.kind, ReviewItem.code, ReviewItem.resident_id).where(
                    ReviewItem.source_id == sale.sale_id
                )
            ).all()
    finally:
        db.dispose()
    assert order is not None and order.member_id == "R0001"
    # the member prices are the resident's to have, so the server agrees with the till's
    # figure; but nobody holds those points until a manager releases them
    assert order.points_server == sale.points == 285
    assert order.resident_id is None
    held = [(code, resident) for kind, code, resident in holds if kind == "hold"]
    assert held == [("member_unverified", "R0001")], holds
    context.close()


def test_a_till_enrolled_at_another_store_names_it_and_its_community(
    live_server: ServerProcess, data_dir: Path
) -> None:
    context = build_context(data_dir, demo=True)  # the demo settings name S001's showroom
    context.sync.enroll(live_server.url, live_server.enrollment_code("S002", "T02"))
    store = context.settings.store
    assert (store.code, store.community_id) == ("S002", "C002")
    assert (store.name, store.community) == ("源仓·滨江展厅", "滨江社区")
    context.close()
    reopened = build_context(data_dir)  # and so after a restart
    assert (reopened.settings.store.name, reopened.settings.store.community) == (
        "源仓·滨江展厅",
        "滨江社区",
    )
    reopened.close()

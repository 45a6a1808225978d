"""The members service for a resident who left their phone at home, on a real
demo till database: the offline answer from the resident cache, the pick that
puts them in the cart without a code, a held cart bringing them back, and the
balance's "as of" time coming from the last sync pull."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from pos_app.app import AppContext
from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.member import Member
from pos_app.demo import demo_code
from pos_app.persistence import credentials
from pos_app.persistence.sync_repo import SyncStateRepository
from pos_app.services.account_views import PhoneMatch, PhoneMatches
from sync.protocol.changes import Change
from tests.unit.services.test_sync_service import page
from tests.unit.sync_client.canned_server import CannedServer

R0001 = PhoneMatch("R0001", "张*明", "*******1234", "C001", "示范社区")
R0005 = PhoneMatch("R0005", "陈*华", "*******1234", "C002", "滨江社区")


def test_offline_the_cache_answers_for_this_company_only(context: AppContext) -> None:
    # a demo till is not enrolled: the server cannot be asked, the cache answers
    members = context.members
    assert members.find_by_phone("1234") == PhoneMatches((R0001, R0005), False, offline=True)
    # R0901 (phone …1234 too) is of another property company: never offered
    assert members.find_by_phone("5678").candidates == (
        PhoneMatch("R0002", "欧**平", "*******5678", "C001", "示范社区"),
    )
    assert members.find_by_phone("9999") == PhoneMatches((), False, offline=True)
    members.repo.revoke("R0001", datetime.now(UTC), "moved")
    assert members.find_by_phone("1234").candidates == (R0005,)


@pytest.mark.parametrize("digits", ["123", "12345", "12a4", "１２３４", ""])
def test_anything_but_four_ascii_digits_is_refused(context: AppContext, digits: str) -> None:
    with pytest.raises(PosError) as refused:
        context.members.find_by_phone(digits)
    assert refused.value.code is ErrorCode.MEMBER_UNKNOWN


def test_the_offline_answer_is_bounded(context: AppContext) -> None:
    now = datetime.now(UTC)
    context.members.repo.upsert_residents(
        {"resident_id": f"R9{n:03d}", "community_id": "C002", "property_company_id": "P001",
         "masked_name": f"吴*{n:02d}", "community_name": "滨江社区", "balance": 0,
         "balance_as_of": now, "phone_last4": "4321"}
        for n in range(12)
    )  # fmt: skip
    found = context.members.find_by_phone("4321")
    assert [m.resident_id for m in found.candidates] == [f"R9{n:03d}" for n in range(10)]
    assert (found.truncated, found.offline) == (True, True)


def test_online_answer_first_and_the_cache_only_when_the_server_cannot_answer(
    context: AppContext,
) -> None:
    online = PhoneMatches((PhoneMatch("R0001", "张*明", "138****1234", "C001", "示范社区"),), False)
    asked: list[str] = []

    def server(last4: str) -> PhoneMatches:
        asked.append(last4)
        return online

    context.members.online_lookup = server
    assert context.members.find_by_phone("1234") is online
    assert asked == ["1234"]

    def down(_last4: str) -> PhoneMatches:
        raise PosError(ErrorCode.SERVER_OFFLINE, detail="offline")

    context.members.online_lookup = down
    assert context.members.find_by_phone("1234").offline is True

    def broken(_last4: str) -> PhoneMatches:
        raise PosError(ErrorCode.STORAGE_FAILED)

    context.members.online_lookup = broken  # not the server: never hidden behind the cache
    with pytest.raises(PosError) as failed:
        context.members.find_by_phone("1234")
    assert failed.value.code is ErrorCode.STORAGE_FAILED


def test_a_picked_resident_joins_the_cart_without_a_code(context: AppContext) -> None:
    view = context.members.choose(R0005)
    assert view.member == Member("R0005", "C002", "P001", "陈*华")
    assert view.unverified and view.community_name == "滨江社区"
    assert view.balance == 560
    co = context.checkout
    change = co.attach_member(view)
    assert change.member_changed and change.saved
    assert co.member is not None and co.member.member.resident_id == "R0005"
    # held and resumed, the resident comes back with the cart
    co.scan("6975321000012")  # water: ¥2.00, ¥1.90 for members
    assert co.cart.totals().total.fen == 190
    held = co.hold()
    assert [o.member for o in co.held_orders()] == [view.member]
    back = co.resume(held)
    assert back.member_dropped is None
    assert co.cart.member == view.member and co.cart.totals().total.fen == 190


def test_a_saved_resident_found_by_phone_is_checked_again(context: AppContext) -> None:
    members = context.members
    member = members.choose(R0001).member
    assert members.check_saved(member) == member
    other = Member("R0901", "C900", "P900", "赵*强")
    with pytest.raises(PosError) as wrong:
        members.check_saved(other)
    assert wrong.value.code is ErrorCode.QR_WRONG_COMMUNITY
    members.repo.revoke("R0001", datetime.now(UTC), "moved")
    with pytest.raises(PosError) as revoked:
        members.check_saved(member)
    assert revoked.value.code is ErrorCode.QR_REVOKED
    with pytest.raises(PosError) as picked:
        members.choose(R0001)
    assert picked.value.code is ErrorCode.QR_REVOKED


def test_the_balance_is_as_of_the_last_pull_not_of_its_last_move(context: AppContext) -> None:
    members = context.members
    seeded = members.view(members.choose(R0001).member)
    assert seeded.synced_at is None  # never synced: the cached date stands
    assert seeded.balance_as_of == members.repo.resident("R0001").balance_as_of
    pulled = datetime(2026, 11, 27, 6, 5, tzinfo=UTC)
    SyncStateRepository(context.sync.engine).mark_pulled(pulled)
    view = members.view(seeded.member)
    assert (view.synced_at, view.balance_as_of) == (pulled, pulled)


def test_a_community_is_named_by_name_even_for_a_resident_not_cached(context: AppContext) -> None:
    members = context.members
    # a code for a resident this till has not cached: the community is known by others
    assert members.view(Member("R7777", "C002", "P001")).community_name == "滨江社区"
    assert members.view(Member("R7778", "C001", "P001")).community_name == "示范社区"
    assert members.view(Member("R7779", "C404", "P001")).community_name == ""  # never "C404"
    assert members.view(Member("R0001", "C001", "P001")).community_name == "示范社区"
    assert datetime.now(UTC) - members.view(Member("R0001", "C001", "P001")).balance_as_of < (
        timedelta(minutes=5)
    )  # type: ignore[operator]


def test_a_whole_pull_dates_the_balances_as_the_status_bar_dates_the_sync(
    context: AppContext, data_dir: Path
) -> None:
    with CannedServer(changes=lambda cursor, limit: page([], cursor or "0")) as server:
        credentials.save(data_dir, credentials.Credential(server.url, "token", "T-unit"))
        status = context.sync.sync_once()
    assert status.error is None and status.last_success is not None
    assert context.members.repo.pulled_at() == status.last_success
    assert context.members.view(Member("R0001", "C001", "P001")).balance_as_of == (
        status.last_success
    )
    with CannedServer(changes=lambda cursor, limit: (503, {"code": "database_unavailable"})) as s:
        credentials.save(data_dir, credentials.Credential(s.url, "token", "T-unit"))
        assert context.sync.sync_once().error is not None
    # a failed sync refreshed nothing: the balances stay dated by the last whole pull
    assert context.members.repo.pulled_at() == status.last_success


def test_a_resident_of_another_company_is_refused_naming_their_community(
    context: AppContext,
) -> None:
    with pytest.raises(PosError) as refused:
        context.members.identify(demo_code("R0901"))
    assert refused.value.code is ErrorCode.QR_WRONG_COMMUNITY
    assert refused.value.params == {"community": "外部小区"}  # not "C900"
    with pytest.raises(PosError) as saved:
        context.members.check_saved(Member("R0901", "C900", "P900", "赵*强"))
    assert saved.value.params == {"community": "外部小区"}


def test_the_pull_names_communities_no_resident_of_which_is_cached(context: AppContext) -> None:
    state = SyncStateRepository(context.sync.engine)
    data = {"community_id": "C777", "name": "东湖新村", "property_company_id": "P777",
            "property_company_name": "东湖物业"}  # fmt: skip
    state.apply([Change(seq=9, kind="community", op="upsert", key="C777", data=data)], "9")
    members = context.members
    assert members.repo.community_name("C777") == "东湖新村"
    assert members.view(Member("R7001", "C777", "P777")).community_name == "东湖新村"
    renamed = {**data, "name": "东湖新城"}
    state.apply([Change(seq=10, kind="community", op="upsert", key="C777", data=renamed)], "10")
    assert members.repo.community_name("C777") == "东湖新城"

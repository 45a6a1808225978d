"""GET /changes: pages by cursor, filtered to the till's store, compacted per entity."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime

from sync.protocol.changes import CHANGE_DATA, ChangesResponse
from sync.server import crud
from sync.server.changelog import ChangeLog
from sync.server.db import Database
from tests.sync.server.helpers import R0001, TEA, Till, sale_payload


def pull_all(till: Till, cursor: str = "", limit: int = 5000) -> tuple[list[dict], str]:  # type: ignore[type-arg]
    changes: list[dict] = []  # type: ignore[type-arg]
    while True:
        response = till.get("/changes", params={"cursor": cursor, "limit": limit})
        assert response.status_code == 200, response.text
        page = ChangesResponse.model_validate_json(response.content)  # the wire format holds
        changes.extend(c.model_dump() for c in page.changes)
        assert len(page.changes) <= limit
        cursor = page.next_cursor
        if not page.more:
            return changes, cursor


def test_a_fresh_till_gets_what_its_store_needs(till: Till) -> None:
    changes, _ = pull_all(till)
    kinds = Counter(c["kind"] for c in changes)
    assert kinds == {
        "category": 15,
        "product": 258,
        "contract": 1,
        "resident": 6,
        "membership_key": 1,
        "community": 3,  # every community by name, another company's too
        "staff": 3,  # the store's staff, PIN hashes only
    }
    for change in changes:
        CHANGE_DATA[change["kind"]].model_validate(change["data"])
    contract = next(c for c in changes if c["kind"] == "contract")
    assert contract["data"] == {
        "community_id": "C001",
        "effective_from": "2026-01-01T00:00:00Z",
        "share_bps": 1000,
        "points_bps": 3000,
    }
    r1 = next(c for c in changes if c["key"] == "R0001")["data"]
    assert (r1["masked_name"], r1["balance"], r1["community_name"]) == ("张*明", 1280, "示范社区")
    tea = next(c for c in changes if c["key"] == "YC-TEA-0001")["data"]
    assert tea["category"] == "tea" and tea["price_fen"] > 0 and tea["barcodes"]
    categories = {c["key"]: c["data"] for c in changes if c["kind"] == "category"}
    assert categories["lottery"]["points_eligible"] is False  # the till derives eligibility


def test_small_pages_add_up_to_one_big_page(till: Till) -> None:
    small, last_small = pull_all(till, limit=37)
    big, last_big = pull_all(till, limit=5000)
    assert [c["seq"] for c in small] == [c["seq"] for c in big]
    assert [c["seq"] for c in big] == sorted({c["seq"] for c in big})
    assert last_small == last_big
    response = till.get("/changes", params={"cursor": last_big}).json()
    assert (response["changes"], response["more"], response["next_cursor"]) == ([], False, last_big)


def test_other_companies_and_communities_are_filtered_out(new_till: Callable[..., Till]) -> None:
    outside = new_till(store="S900", terminal="T01")  # C900 of P900
    changes, _ = pull_all(outside)
    residents = {c["key"] for c in changes if c["kind"] == "resident"}
    contracts = {c["data"]["community_id"] for c in changes if c["kind"] == "contract"}
    assert (residents, contracts) == ({"R0901"}, {"C900"})
    binjiang = new_till(store="S002", terminal="T01")  # C002 of P001
    changes, _ = pull_all(binjiang)
    assert {c["data"]["community_id"] for c in changes if c["kind"] == "contract"} == {"C002"}
    assert len({c["key"] for c in changes if c["kind"] == "resident"}) == 6


def test_a_balance_change_reaches_the_tills_once_per_resident(till: Till, db: Database) -> None:
    _, cursor = pull_all(till)
    sales = [sale_payload([(TEA, 1)], member=R0001, sequence=i) for i in range(1, 4)]
    till.push_ok([till.next_item("sale", s) for s in sales])
    new, cursor = pull_all(till, cursor)
    assert [(c["kind"], c["key"], c["data"]["balance"]) for c in new] == [
        ("resident", "R0001", 1280 + 3 * 384)
    ]
    till.push_ok([till.next_item("sale", sale_payload([(TEA, 1)], member=R0001, sequence=9))])
    newer, _ = pull_all(till, cursor)
    assert [c["data"]["balance"] for c in newer] == [1280 + 4 * 384]
    everything, _ = pull_all(till)  # compacted: one row per resident in the whole log
    assert [c["data"]["balance"] for c in everything if c["key"] == "R0001"] == [1280 + 4 * 384]


def test_revocations_are_pulled(till: Till, db: Database) -> None:
    _, cursor = pull_all(till)
    with db.write() as session:
        changes = ChangeLog()
        crud.revoke_resident(
            session,
            resident_id="R0002",
            reason="lost phone",
            now=datetime.now(UTC),
            changes=changes,
        )
        changes.flush(session)
    new, _ = pull_all(till, cursor)
    assert [(c["kind"], c["key"]) for c in new] == [("revocation", "R0002")]
    assert new[0]["data"]["reason"] == "lost phone"


def test_bad_cursors_and_limits(till: Till) -> None:
    for cursor in ("abc", "-1", "1e3", "9" * 30):
        response = till.get("/changes", params={"cursor": cursor})
        assert (response.status_code, response.json()["code"]) == (400, "bad_cursor")
    assert till.get("/changes", params={"limit": 0}).json()["code"] == "invalid_request"
    clamped = till.get("/changes", params={"limit": 1_000_000})
    assert clamped.status_code == 200 and len(clamped.json()["changes"]) <= 5000
    default = till.get("/changes").json()
    assert len(default["changes"]) == 287 and default["more"] is False  # all < default 1000


def test_a_cursor_beyond_the_end_of_the_feed_is_bad(till: Till) -> None:
    _, last = pull_all(till)
    at_end = till.get("/changes", params={"cursor": last})  # where a till rests: fine
    assert at_end.status_code == 200 and at_end.json()["changes"] == []
    for cursor in (str(int(last) + 1), str(2**53 - 1), str(2**53), str(2**63), str(2**64)):
        response = till.get("/changes", params={"cursor": cursor})
        assert (response.status_code, response.json()["code"]) == (400, "bad_cursor"), cursor
    for bad in ("1\x00", "\u0661", "１２"):  # NUL, Arabic-Indic and full-width digits
        response = till.get("/changes", params={"cursor": bad})
        assert (response.status_code, response.json()["code"]) == (400, "bad_cursor"), bad
    huge_limit = till.get("/changes", params={"limit": 2**63})
    assert (huge_limit.status_code, huge_limit.json()["code"]) == (422, "invalid_request")
    assert huge_limit.json()["message"].startswith("query.limit:")

"""The event report on the server across tills, and comparisons between events, on
SQLite and PostgreSQL: an event run on two tills (offline, then pushed, some items
twice) gives one report, equal to an independent recomputation from the raw
records both tills pushed; events compared by product, community and hour."""

from __future__ import annotations

import dataclasses
import json
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from pos_app.core.event_report import SHOWROOM_TZ
from sync.server import event_report
from sync.server.db import Database
from tests.sync.server.event_helpers import (
    MANAGER,
    NOW,
    TEA_SKU,
    WATER_SKU,
    event_sale,
    feedback,
    get_report,
    lead,
    make_event,
    ops_headers,
    recompute,
    record_item,
    sample,
    visitors,
)
from tests.sync.server.helpers import R0001, R0005, RICE, TEA, WATER, Till, sale_payload

H = timedelta(hours=1)
T0 = NOW - timedelta(hours=2, minutes=50)  # ten minutes into the event


def _day(t1: Till, t2: Till) -> tuple[dict[str, list[dict[str, Any]]], list[dict[str, Any]]]:
    """Both tills' records of the event, by kind, and its sales (both tills')."""
    records: dict[str, list[dict[str, Any]]] = {
        "event_sample": [
            sample(TEA_SKU, 1, at=T0), sample(TEA_SKU, 2, at=T0 + H),
            sample(WATER_SKU, 25, unit="g", at=T0 + H, terminal="T02"),
            sample(TEA_SKU, 1, at=T0 + 2 * H, terminal="T02", promoter=MANAGER),
        ],
        "event_feedback": [
            feedback(5, ["口感"], at=T0),
            feedback(3, ["价格", "口感"], resident_id="R0001", consent=True, at=T0 + H),
            feedback(4, ["包装"], sku=WATER_SKU, at=T0 + H, terminal="T02"),
            feedback(2, [], sku=None, note="太阳大", at=T0 + 2 * H, terminal="T02"),
        ],
        "event_visitors": [
            visitors(1, at=T0), visitors(6, at=T0 + H), visitors(3, at=T0 + H, terminal="T02"),
            visitors(2, at=T0 + 2 * H, terminal="T02"),
        ],
        "event_lead": [lead("R0002", at=T0 + H), lead("R0001", at=T0 + 2 * H, terminal="T02")],
    }  # fmt: skip
    sales = [
        event_sale(sale_payload([(TEA, 2), (WATER, 1)], member=R0001, when=T0 + H)),
        event_sale(sale_payload([(TEA, 1)], member=R0001, when=T0 + 2 * H, sequence=2)),
        event_sale(sale_payload([(WATER, 4), (RICE, 1)], when=T0, sequence=3, void_line=2)),
        event_sale(sale_payload([(TEA, 1)], member=R0005, terminal="T02", when=T0 + H,
                                discount_line=(1, 800))),
        event_sale(sale_payload([(WATER, 2)], terminal="T02", when=T0 + 2 * H, sequence=2)),
    ]  # fmt: skip
    return records, sales


def _push_all(t1: Till, t2: Till, records: dict[str, list[dict[str, Any]]],
              sales: list[dict[str, Any]]) -> None:  # fmt: skip
    """Each till pushes its own, in two batches, the first batch again (a retry)."""
    for till, code in ((t1, "T01"), (t2, "T02")):
        items = [till.next_item("sale", s) for s in sales if s["terminal_code"] == code]
        items += [
            record_item(till, kind, p)
            for kind, payloads in records.items()
            for p in payloads
            if p["terminal_code"] == code
        ]
        half = len(items) // 2
        first = till.push_ok(items[:half])
        assert {r["status"] for r in first} == {"accepted"}, first
        assert {r["status"] for r in till.push_ok(items[:half])} == {"duplicate"}
        assert {r["status"] for r in till.push_ok(items[half:])} == {"accepted"}


def test_an_event_run_on_two_tills_gives_one_consistent_server_report(
    client: TestClient, db: Database, new_till: Any
) -> None:
    make_event(db)
    t1, t2 = new_till("S001", "T01"), new_till("S001", "T02")
    # R0005 bought at this store before the event: identified, but not new
    before = sale_payload([(WATER, 1)], member=R0005, terminal="T02", sequence=9,
                          when=NOW - timedelta(days=1))  # fmt: skip
    assert t2.push_ok([t2.next_item("sale", before)])[0]["status"] == "accepted"
    records, sales = _day(t1, t2)
    _push_all(t1, t2, records, sales)

    got = get_report(client, ops_headers(db), "EV-TEA-1")
    expected = recompute(records, sales, budget_fen=20000, known_before={"R0005"})
    assert got == {"event_id": "EV-TEA-1", **expected}
    # the figures, spelled out once: what the two tills did together
    assert (got["visitors"], got["tastings"], got["sample_cost_fen"]) == (12, 4, 150 * 4 + 25)
    assert (got["sales_count"], got["buyers"], got["member_buyers"]) == (5, 4, 2)
    assert (got["buyers_per_visitor_bps"], got["buyers_per_tasting_bps"]) == (3333, 10000)
    assert (got["residents_identified"], got["new_residents"], got["leads"]) == (3, 2, 2)
    # a store manager of S001 reads the same report
    from sync.server import tokens
    from sync.server.tokens import Role

    with db.write() as session:
        s001 = tokens.issue(session, role=Role.STORE_MANAGER, now=NOW, store="S001").token
    own = client.get(
        "/api/v1/stores/S001/events/EV-TEA-1/report", headers={"Authorization": f"Bearer {s001}"}
    )
    assert own.status_code == 200 and own.json() == got


def test_the_report_of_an_event_with_no_records_is_all_zero(
    client: TestClient, db: Database
) -> None:
    make_event(db)
    got = get_report(client, ops_headers(db), "EV-TEA-1")
    assert got == {"event_id": "EV-TEA-1", **recompute({}, [], budget_fen=20000)}
    assert got["buyers_per_visitor_bps"] is None and got["products"] == []
    missing = client.get("/api/v1/events/EV-NONE/report", headers=ops_headers(db))
    assert (missing.status_code, missing.json()["code"]) == (404, "not_found")


def test_the_servers_report_is_the_tills_own_function_over_the_same_records(
    db: Database, new_till: Any
) -> None:
    """Once the till's core report is merged: the server's SQL figures equal
    pos_app.core.event_report.event_report over the records the server holds."""
    core = pytest.importorskip("pos_app.core.event_report")
    make_event(db)
    t1, t2 = new_till("S001", "T01"), new_till("S001", "T02")
    records, sales = _day(t1, t2)
    _push_all(t1, t2, records, sales)
    with db.read() as session:
        server = event_report.report(session, event_id="EV-TEA-1")
    till = core.event_report(
        "EV-TEA-1",
        sample_budget_fen=20000,
        samples=[core.SampleRec(s["sku"], s["quantity"], s["unit"], s["cost_fen"],
                                _t(s["at"])) for s in records["event_sample"]],
        feedback=[core.FeedbackRec(f["sku"], f["rating"], tuple(f["tags"]), f["resident_id"],
                                   _t(f["at"])) for f in records["event_feedback"]],
        tallies=[core.TallyRec(t["count"], _t(t["at"])) for t in records["event_visitors"]],
        leads=[core.LeadRec(x["resident_id"], _t(x["at"])) for x in records["event_lead"]],
        sales=[core.SaleRec(s["sale_id"], _t(s["created_at"]),
                            s["member"]["resident_id"] if s["member"] else None,
                            tuple(core.SaleLineRec(ln["sku"], ln["quantity"],
                                                   (ln["fixed_amount"] or ln["unit_price"]
                                                    * ln["quantity"]) - ln["discount"])
                                  for ln in s["lines"] if not ln["voided"])) for s in sales],
    )  # fmt: skip
    assert dataclasses.asdict(server) == dataclasses.asdict(till)


def _t(text: str) -> Any:
    from datetime import datetime

    return datetime.fromisoformat(text)


def test_events_compared_by_community_product_and_hour(
    client: TestClient, db: Database, new_till: Any
) -> None:
    make_event(db)
    make_event(db, "EV-TEA-2", community_code="C002")
    till = new_till("S001", "T01")
    at = T0 + timedelta(minutes=5)
    pushes = [
        record_item(till, "event_visitors", visitors(10, at=at)),
        record_item(till, "event_sample", sample(TEA_SKU, 2, at=at)),  # 300
        record_item(till, "event_visitors", visitors(4, at=at, event_id="EV-TEA-2")),
        record_item(
            till, "event_sample", sample(WATER_SKU, 40, unit="g", at=at, event_id="EV-TEA-2")
        ),  # 40 fen; fmt: skip
    ]
    tea_sale = event_sale(sale_payload([(TEA, 1), (WATER, 1)], member=R0001, when=at))
    water_sale = event_sale(sale_payload([(WATER, 5)], when=at, sequence=2), "EV-TEA-2")
    pushes += [till.next_item("sale", tea_sale), till.next_item("sale", water_sale)]
    assert {r["status"] for r in till.push_ok(pushes)} == {"accepted"}
    headers = ops_headers(db)

    def rows(by: str, **params: str) -> list[dict[str, Any]]:
        response = client.get("/api/v1/events/compare", params={"by": by, **params},
                              headers=headers)  # fmt: skip
        assert response.status_code == 200, response.text
        return response.json()  # type: ignore[no-any-return]

    tea_fen, water_fen = 12800, 200
    community = rows("community")
    assert community == [
        {"key": "C001", "events": 1, "visitors": 10, "tastings": 1, "buyers": 1,
         "sales_fen": tea_fen + water_fen, "sample_cost_fen": 300,
         "buyers_per_visitor_bps": 1000, "sales_per_visitor_fen": (tea_fen + water_fen) // 10,
         "sample_cost_per_buyer_fen": 300},
        {"key": "C002", "events": 1, "visitors": 4, "tastings": 1, "buyers": 1,
         "sales_fen": 5 * water_fen, "sample_cost_fen": 40, "buyers_per_visitor_bps": 2500,
         "sales_per_visitor_fen": 250, "sample_cost_per_buyer_fen": 40},
    ]  # fmt: skip
    product = {r["key"]: r for r in rows("product")}
    assert set(product) == {TEA_SKU, WATER_SKU}
    water = product[WATER_SKU]
    # water was sold at both events (1 + 5) and sampled at the second: 14 visitors, 2 buyers
    assert (water["events"], water["visitors"], water["buyers"], water["sales_fen"],
            water["sample_cost_fen"], water["buyers_per_visitor_bps"]) == (
        2, 14, 2, 6 * water_fen, 40, 2 * 10000 // 14)  # fmt: skip
    tea = product[TEA_SKU]
    assert (tea["events"], tea["visitors"], tea["buyers"], tea["tastings"]) == (1, 10, 1, 1)
    hour = f"{at.astimezone(SHOWROOM_TZ).hour:02d}"
    assert [(r["key"], r["events"], r["visitors"], r["buyers"], r["tastings"], r["sales_fen"],
             r["sample_cost_fen"]) for r in rows("hour")] == [
        (hour, 2, 14, 2, 2, tea_fen + 6 * water_fen, 340)]  # fmt: skip
    # chosen events only
    only = rows("community", ids="EV-TEA-2")
    assert [r["key"] for r in only] == ["C002"]
    bad = client.get("/api/v1/events/compare", params={"by": "weekday"}, headers=headers)
    assert bad.status_code == 422
    assert json.loads(bad.text)["code"] == "invalid_request"


def _core_report(core: Any, records: dict[str, list[dict[str, Any]]],
                 sales: list[dict[str, Any]], refunds: list[dict[str, Any]]) -> Any:  # fmt: skip
    """The till's own function over the records, the sales and the refunds pushed."""
    return core.event_report(
        "EV-TEA-1",
        sample_budget_fen=20000,
        samples=[core.SampleRec(s["sku"], s["quantity"], s["unit"], s["cost_fen"],
                                _t(s["at"])) for s in records["event_sample"]],
        feedback=[core.FeedbackRec(f["sku"], f["rating"], tuple(f["tags"]), f["resident_id"],
                                   _t(f["at"])) for f in records["event_feedback"]],
        tallies=[core.TallyRec(t["count"], _t(t["at"])) for t in records["event_visitors"]],
        leads=[core.LeadRec(x["resident_id"], _t(x["at"])) for x in records["event_lead"]],
        sales=[core.SaleRec(s["sale_id"], _t(s["created_at"]),
                            s["member"]["resident_id"] if s["member"] else None,
                            tuple(core.SaleLineRec(ln["sku"], ln["quantity"],
                                                   (ln["fixed_amount"] or ln["unit_price"]
                                                    * ln["quantity"]) - ln["discount"],
                                                   ln["line_no"])
                                  for ln in s["lines"] if not ln["voided"])) for s in sales],
        refunds=[core.RefundRec(r["sale_id"], tuple(
            core.RefundLineRec(x["line_no"], x["quantity"], x["amount_fen"]) for x in r["lines"]))
            for r in refunds],
    )  # fmt: skip


def test_the_report_is_net_of_refunds_on_the_server_as_on_the_till(
    client: TestClient, db: Database, new_till: Any
) -> None:
    """One tea of R0001's two given back, the T02 anonymous sale of two waters given back
    whole (in two refunds, the second keeping back a few 分 as a 抹零 share would): the
    server's report equals the recomputation from the raw payloads and the till's own
    function over the same records; the sale returned whole is no sale and no buyer."""
    from pos_app.core import event_report as core
    from tests.sync.server.helpers import refund_payload

    make_event(db)
    t1, t2 = new_till("S001", "T01"), new_till("S001", "T02")
    records, sales = _day(t1, t2)
    _push_all(t1, t2, records, sales)
    tea_line = sales[0]["lines"][0]
    assert (tea_line["sku"], tea_line["quantity"]) == (TEA.sku, 2)
    half = (tea_line["unit_price"] * 2 - tea_line["discount"]) // 2
    water = sales[4]["lines"][0]
    whole = water["unit_price"] * 2 - water["discount"]
    refunds = [
        refund_payload(sales[0], [(1, 1, half)], eligible_fen=half, points_clawback=0),
        refund_payload(sales[4], [(1, 1, whole // 2)], eligible_fen=0, points_clawback=0),
        refund_payload(sales[4], [(1, 1, whole - whole // 2 - 3)], eligible_fen=0,
                       points_clawback=0, number=2),
    ]  # fmt: skip
    results = t1.push_ok([t1.next_item("refund", refunds[0])])
    results += t2.push_ok([t2.next_item("refund", r) for r in refunds[1:]])
    assert {r["status"] for r in results} == {"accepted"}

    got = get_report(client, ops_headers(db), "EV-TEA-1")
    expected = recompute(records, sales, budget_fen=20000, refunds=refunds)
    assert got == {"event_id": "EV-TEA-1", **expected}
    before = recompute(records, sales, budget_fen=20000)
    assert (got["sales_count"], got["buyers"]) == (before["sales_count"] - 1, before["buyers"] - 1)
    assert got["units"] == before["units"] - 3
    assert got["sales_fen"] == before["sales_fen"] - half - whole
    assert got["residents_identified"] == before["residents_identified"]
    with db.read() as session:
        server = event_report.report(session, event_id="EV-TEA-1")
    assert dataclasses.asdict(server) == dataclasses.asdict(
        _core_report(core, records, sales, refunds)
    )
    # compared by hour, the buyers of each hour: the anonymous T0 sale; R0001 and R0005;
    # R0001 again (the anonymous sale of that hour came back whole): 1 + 2 + 1, not 5
    by_hour = client.get("/api/v1/events/compare", params={"by": "hour"},
                         headers=ops_headers(db)).json()  # fmt: skip
    assert [r["buyers"] for r in by_hour] == [1, 2, 1]

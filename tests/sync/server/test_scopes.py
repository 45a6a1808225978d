"""Access scopes of the central server (sync/server/api/auth.py), on SQLite and PostgreSQL.

Every route declares exactly one scope; every route refuses every wrong kind of
credential (none, malformed, unknown, revoked, another role, another company or
store) with 401/403 and an ErrorBody, never a 5xx; the right one gets in, and a
property company's answers never say what a resident bought.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient

from sync.server import crud, tokens
from sync.server import events as ev
from sync.server import promotions as promos
from sync.server.api.auth import Scope, route_scopes
from sync.server.api.bills import (
    AmendedBill,
    BadRowOut,
    CollectionOut,
    FiguresOut,
    ImportRejected,
    ImportResult,
    PaymentIn,
    PaymentOut,
)
from sync.server.api.company import (
    CommunitySettlement,
    RedemptionRecord,
    ResidentBalance,
    Settlement,
)
from sync.server.api.events import (
    EventCompareRow,
    EventHourFigures,
    EventOut,
    EventProductFigures,
    EventReportOut,
)
from sync.server.api.promotions import PromotionOut, PromotionReportOut
from sync.server.api.store import StoreOrder, StoreReviewItem
from sync.server.app import create_app
from sync.server.changelog import ChangeLog
from sync.server.config import Settings
from sync.server.db import Database
from sync.server.tokens import Role
from tests.docs.test_protocol_reference import _tables
from tests.sync.server.event_helpers import event_data
from tests.sync.server.helpers import R0001, TEA, WATER, Till, sale_payload
from tests.sync.server.test_shifts import shift_item, till_shift

NOW = datetime.now(UTC)
#: the Shanghai day the shifts of till_shift close on
CLOSED_DAY = (NOW - timedelta(minutes=1)).astimezone(ZoneInfo("Asia/Shanghai")).date()
SINCE = (NOW - timedelta(days=2)).isoformat().replace("+00:00", "Z")
UNTIL = (NOW + timedelta(days=1)).isoformat().replace("+00:00", "Z")

#: A real request for each route, on the resources of P001 / S001 / the till of S001.
SAMPLES: dict[tuple[str, str], tuple[str, dict[str, Any] | None]] = {
    ("POST", "/api/v1/push"): ("/api/v1/push", {"protocol": 1, "items": []}),
    ("GET", "/api/v1/changes"): ("/api/v1/changes", None),
    ("GET", "/api/v1/residents/{resident_id}"): ("/api/v1/residents/R0001", None),
    ("GET", "/api/v1/residents/{resident_id}/bills"): ("/api/v1/residents/R0001/bills", None),
    ("GET", "/api/v1/members/by-phone"): ("/api/v1/members/by-phone?last4=1234", None),
    ("POST", "/api/v1/redemptions"): ("/api/v1/redemptions", {}),
    ("POST", "/api/v1/claims"): ("/api/v1/claims", {}),
    ("GET", "/api/v1/companies/{company_id}/residents"): (
        "/api/v1/companies/P001/residents", None),
    ("GET", "/api/v1/companies/{company_id}/redemptions"): (
        "/api/v1/companies/P001/redemptions", None),
    ("GET", "/api/v1/companies/{company_id}/settlement"): (
        f"/api/v1/companies/P001/settlement?since={SINCE}&until={UNTIL}", None),
    ("GET", "/api/v1/companies/{company_id}/communities/{community_id}/settlements/{month}"): (
        "/api/v1/companies/P001/communities/C001/settlements/2026-10", None),
    ("GET", "/api/v1/stores/{store_code}/orders"): (
        f"/api/v1/stores/S001/orders?since={SINCE}&until={UNTIL}", None),
    ("GET", "/api/v1/shifts"): ("/api/v1/shifts?day=2026-11-27", None),
    ("GET", "/api/v1/stores/{store_code}/shifts"): (
        "/api/v1/stores/S001/shifts?day=2026-11-27", None),
    ("GET", "/api/v1/stores/{store_code}/review"): ("/api/v1/stores/S001/review", None),
    ("GET", "/api/v1/stores/{store_code}/promotions"): ("/api/v1/stores/S001/promotions", None),
    ("GET", "/api/v1/promotions"): ("/api/v1/promotions", None),
    ("POST", "/api/v1/promotions"): ("/api/v1/promotions", {}),
    ("POST", "/api/v1/promotions/{promotion_id}/schedule"): (
        "/api/v1/promotions/P1/schedule", {}),
    # in this order, once each with the right credential: pause, resume, end
    ("POST", "/api/v1/promotions/{promotion_id}/pause"): ("/api/v1/promotions/P1/pause", None),
    ("POST", "/api/v1/promotions/{promotion_id}/resume"): ("/api/v1/promotions/P1/resume", None),
    ("POST", "/api/v1/promotions/{promotion_id}/end"): ("/api/v1/promotions/P1/end", None),
    ("GET", "/api/v1/promotions/{promotion_id}/report"): ("/api/v1/promotions/P1/report", None),
    # tasting events: each status move on an event of its own (the first right credential
    # moves it; a second finds it moved: 409 event_state, past the gate all the same)
    ("GET", "/api/v1/events"): ("/api/v1/events", None),
    ("POST", "/api/v1/events"): ("/api/v1/events", {}),
    ("GET", "/api/v1/events/compare"): ("/api/v1/events/compare?by=product", None),
    ("GET", "/api/v1/events/{event_id}/report"): ("/api/v1/events/EV1/report", None),
    ("POST", "/api/v1/events/{event_id}/start"): ("/api/v1/events/EV-START/start", None),
    ("POST", "/api/v1/events/{event_id}/close"): ("/api/v1/events/EV-CLOSE/close", None),
    ("POST", "/api/v1/events/{event_id}/cancel"): ("/api/v1/events/EV-CANCEL/cancel", None),
    ("GET", "/api/v1/stores/{store_code}/events"): ("/api/v1/stores/S001/events", None),
    ("POST", "/api/v1/stores/{store_code}/events"): ("/api/v1/stores/S001/events", {}),
    ("GET", "/api/v1/stores/{store_code}/events/compare"): (
        "/api/v1/stores/S001/events/compare?by=hour", None),
    ("GET", "/api/v1/stores/{store_code}/events/{event_id}/report"): (
        "/api/v1/stores/S001/events/EV1/report", None),
    ("POST", "/api/v1/stores/{store_code}/events/{event_id}/start"): (
        "/api/v1/stores/S001/events/EV-S-START/start", None),
    ("POST", "/api/v1/stores/{store_code}/events/{event_id}/close"): (
        "/api/v1/stores/S001/events/EV-S-CLOSE/close", None),
    ("POST", "/api/v1/stores/{store_code}/events/{event_id}/cancel"): (
        "/api/v1/stores/S001/events/EV-S-CANCEL/cancel", None),
    # property-fee bills: an empty body is a file without its columns (422 import_rejected)
    ("POST", "/api/v1/companies/{company_id}/communities/{community_id}/bills/import"): (
        "/api/v1/companies/P001/communities/C001/bills/import", {}),
    ("POST", "/api/v1/companies/{company_id}/communities/{community_id}/payments/import"): (
        "/api/v1/companies/P001/communities/C001/payments/import", {}),
    ("POST", "/api/v1/companies/{company_id}/communities/{community_id}/payments"): (
        "/api/v1/companies/P001/communities/C001/payments", {}),
    ("GET", "/api/v1/companies/{company_id}/communities/{community_id}/collection"): (
        "/api/v1/companies/P001/communities/C001/collection?from=2026-01&to=2026-12", None),
    # the online shop's orders (an empty body is invalid, past the gate) and operations'
    # attribution of those no geofence placed
    ("POST", "/api/v1/online/orders"): ("/api/v1/online/orders", {}),
    ("POST", "/api/v1/online/orders/{order_id}/refunds"): (
        "/api/v1/online/orders/WX-1/refunds", {}),
    ("GET", "/api/v1/online/orders/unattributed"): ("/api/v1/online/orders/unattributed", None),
    ("POST", "/api/v1/online/orders/{order_id}/attribution"): (
        "/api/v1/online/orders/WX-1/attribution", {}),
    ("PUT", "/api/v1/communities/{community_id}/geofence"): (
        "/api/v1/communities/C001/geofence", {}),
}  # fmt: skip
#: the events the samples name (store S001, planned)
SAMPLE_EVENTS = ("EV1", "EV-START", "EV-CLOSE", "EV-CANCEL", "EV-S-START", "EV-S-CLOSE",
                 "EV-S-CANCEL")  # fmt: skip
PUBLIC_ROUTES = {("POST", "/api/v1/enroll"), ("GET", "/api/v1/healthz"), ("GET", "/healthz")}
#: web pages for people: each signs its users in itself (a cookie session, its own tests:
#: test_resident_page.py, test_portal_pages.py); no bearer token is read there
PAGE_ROUTES = {
    ("GET", "/me"),
    ("POST", "/me/code"),
    ("POST", "/me/sign-in"),
    ("POST", "/me/sign-out"),
    ("GET", "/portal"),
    ("POST", "/portal/login"),
    ("POST", "/portal/logout"),
    ("GET", "/portal/c/{community_id}"),
    ("GET", "/portal/c/{community_id}/settlement/{month}.{fmt}"),
    ("GET", "/portal/c/{community_id}/collection/{month}.{fmt}"),
    # operations manage promotions (test_portal_promotions.py: every other user gets a 403)
    ("GET", "/portal/promotions"),
    ("GET", "/portal/promotions/new"),
    ("POST", "/portal/promotions/new"),
    ("GET", "/portal/promotions/view"),
    ("POST", "/portal/promotions/schedule"),
    ("POST", "/portal/promotions/pause"),
    ("POST", "/portal/promotions/resume"),
    ("GET", "/portal/promotions/end"),
    ("POST", "/portal/promotions/end"),
}


def _app_scopes() -> dict[tuple[str, str], list[Scope]]:
    return route_scopes(create_app(Settings(database_url="sqlite://")))


def test_every_route_declares_exactly_one_scope() -> None:
    scopes = _app_scopes()
    undeclared = {route: found for route, found in scopes.items() if len(found) != 1}
    assert undeclared == {}
    assert {r for r, (s,) in scopes.items() if s is Scope.PUBLIC} == PUBLIC_ROUTES
    assert {r for r, (s,) in scopes.items() if s is Scope.PAGE} == PAGE_ROUTES
    # a new route needs a sample here, so the wrong-credential test below covers it
    assert set(scopes) - PUBLIC_ROUTES - PAGE_ROUTES == set(SAMPLES)
    for (_m, path), (scope,) in scopes.items():  # a bound scope names its resource in the path
        if scope is Scope.COMPANY:
            assert "{company_id}" in path
        if scope is Scope.STORE:
            assert "{store_code}" in path


@dataclass
class Credentials:
    till: str  # terminal of S001 (P001)
    revoked_till: str
    ops: str
    p001: str
    p900: str
    revoked_p001: str
    s001: str
    s002: str
    shop: str  # the online shop: its orders, nothing else


@pytest.fixture
def creds(db: Database, new_till: Callable[..., Till]) -> Credentials:
    till = new_till("S001", "T01")
    gone = new_till("S002", "T01")
    with db.write() as session:
        crud.revoke_terminal(session, store_code="S002", terminal_code="T01", now=NOW)

        def issue(role: Role, **scope: str) -> str:
            return tokens.issue(session, role=role, now=NOW, **scope).token

        withdrawn = tokens.issue(session, role=Role.PROPERTY_COMPANY, now=NOW, company="P001")
        made = Credentials(
            till=till.token,
            revoked_till=gone.token,
            ops=issue(Role.OPERATIONS),
            p001=issue(Role.PROPERTY_COMPANY, company="P001"),
            p900=issue(Role.PROPERTY_COMPANY, company="P900"),
            revoked_p001=withdrawn.token,
            s001=issue(Role.STORE_MANAGER, store="S001"),
            s002=issue(Role.STORE_MANAGER, store="S002"),
            shop=issue(Role.ONLINE_SHOP),
        )
    with db.write() as session:
        assert tokens.revoke(session, token_id=withdrawn.id, now=NOW)
        assert not tokens.revoke(session, token_id=withdrawn.id, now=NOW)  # once
        # the promotion the samples name
        promos.create(
            session, definition={"id": "P1", "name": "九折", "kind": "percent_off",
                                 "percent_bps": 1000},
            stores=[], budget_fen=None, now=NOW, changes=ChangeLog(),
        )  # fmt: skip
        for event_id in SAMPLE_EVENTS:
            ev.create(session, data=event_data(event_id), now=NOW, changes=ChangeLog())
    return made


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _wrong(c: Credentials, scope: Scope) -> list[tuple[str, dict[str, str], int, str]]:
    """(what, headers, status, code) of each wrong credential for a route of `scope`."""
    common = [
        ("none", {}, 401, "bad_token"),
        ("basic", {"Authorization": "Basic dXNlcjpwdw=="}, 401, "bad_token"),
        ("empty", {"Authorization": "Bearer "}, 401, "bad_token"),
        ("spaces", {"Authorization": "Bearer a b"}, 401, "bad_token"),
        ("huge", _bearer("yca1_" + "x" * 5000), 401, "bad_token"),
        ("unknown api", _bearer("yca1_" + "A" * 43), 401, "bad_token"),
        ("unknown till", _bearer("yct1_" + "A" * 43), 401, "bad_token"),
        ("sql", _bearer("yca1_' OR '1'='1"), 401, "bad_token"),
        ("revoked api", _bearer(c.revoked_p001), 403, "token_revoked"),
        ("revoked till", _bearer(c.revoked_till), 403, "terminal_revoked"),
    ]
    other = {
        Scope.SYNC: [("ops", c.ops, "out_of_scope"), ("company", c.p001, "out_of_scope"),
                     ("manager", c.s001, "out_of_scope"), ("shop", c.shop, "out_of_scope")],
        Scope.COMPANY: [("till", c.till, "out_of_scope"), ("manager", c.s001, "out_of_scope"),
                        ("other company", c.p900, "wrong_company"),
                        ("shop", c.shop, "out_of_scope")],
        Scope.STORE: [("till", c.till, "out_of_scope"), ("company", c.p001, "out_of_scope"),
                      ("other store", c.s002, "wrong_store"), ("shop", c.shop, "out_of_scope")],
        Scope.OPERATIONS: [("till", c.till, "out_of_scope"), ("company", c.p001, "out_of_scope"),
                           ("manager", c.s001, "out_of_scope"), ("shop", c.shop, "out_of_scope")],
        # no other role may push the shop's orders, operations included
        Scope.ONLINE_SHOP: [("till", c.till, "out_of_scope"), ("ops", c.ops, "out_of_scope"),
                            ("company", c.p001, "out_of_scope"),
                            ("manager", c.s001, "out_of_scope")],
    }[scope]  # fmt: skip
    return common + [(what, _bearer(token), 403, code) for what, token, code in other]


def test_each_route_refuses_each_wrong_credential(client: TestClient, creds: Credentials) -> None:
    failures = []
    for (method, template), (scope,) in _app_scopes().items():
        if scope in (Scope.PUBLIC, Scope.PAGE):  # no bearer token is read there
            continue
        url, body = SAMPLES[(method, template)]
        for what, headers, status, code in _wrong(creds, scope):
            response = client.request(method, url, headers=headers, json=body)
            got = (response.status_code, response.json().get("code"))
            if got != (status, code) or set(response.json()) != {"code", "message"}:
                failures.append((method, template, what, got))
    assert failures == []


def test_the_right_credential_gets_in(client: TestClient, creds: Credentials) -> None:
    allowed = {
        Scope.SYNC: [creds.till],
        Scope.COMPANY: [creds.ops, creds.p001],
        Scope.STORE: [creds.ops, creds.s001],
        Scope.OPERATIONS: [creds.ops],
        Scope.ONLINE_SHOP: [creds.shop],
    }
    for (method, template), (scope,) in _app_scopes().items():
        if scope in (Scope.PUBLIC, Scope.PAGE):  # no bearer token is read there
            continue
        url, body = SAMPLES[(method, template)]
        moves = method == "POST" and "/events/{event_id}/" in template
        for n, token in enumerate(allowed[scope]):
            response = client.request(method, url, headers=_bearer(token), json=body)
            # past the gate: the route's own answer (an empty claim is invalid, not forbidden)
            assert response.status_code in ((200, 409) if moves else (200, 422)), (
                template, response.text)  # fmt: skip
            if method == "POST" and template.endswith(("pause", "resume", "end")):
                assert response.status_code == 200, (template, response.text)
            if moves:  # the first moves the event, the second finds it moved
                assert response.status_code == (409 if n else 200), (template, response.text)


def test_a_bound_token_is_refused_alike_for_a_company_that_does_not_exist(
    client: TestClient, creds: Credentials
) -> None:
    for company in ("P900", "P777"):
        response = client.get(f"/api/v1/companies/{company}/residents", headers=_bearer(creds.p001))
        assert response.status_code == 403 and response.json()["code"] == "wrong_company"
    missing = client.get("/api/v1/companies/P777/residents", headers=_bearer(creds.ops))
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"
    for what in (f"orders?since={SINCE}&until={UNTIL}", "shifts", "review", "promotions",
                 "events", "events/compare?by=product"):  # fmt: skip
        store = client.get(f"/api/v1/stores/S777/{what}", headers=_bearer(creds.s001))
        assert store.status_code == 403 and store.json()["code"] == "wrong_store"
        gone = client.get(f"/api/v1/stores/S777/{what}", headers=_bearer(creds.ops))
        assert gone.status_code == 404 and gone.json()["code"] == "not_found"


def test_a_company_sees_balances_and_figures_of_its_own_never_a_basket(
    client: TestClient, creds: Credentials, new_till: Callable[..., Till]
) -> None:
    till = new_till("S001", "T02")
    sale = sale_payload([(TEA, 1), (WATER, 2)], member=R0001, terminal="T02")
    assert till.push_ok([till.next_item("sale", sale)])[0]["status"] == "accepted"

    own = client.get("/api/v1/companies/P001/residents", headers=_bearer(creds.p001)).json()
    assert own and {r["resident_id"][:3] for r in own} == {"R00"}
    assert all(set(r) == {"resident_id", "masked_name", "community_id", "balance"} for r in own)
    everyone = client.get("/api/v1/companies/P900/residents", headers=_bearer(creds.ops)).json()
    assert [r["resident_id"] for r in everyone if r["resident_id"] == "R0901"] == ["R0901"]

    settled = client.get(
        f"/api/v1/companies/P001/settlement?since={SINCE}&until={UNTIL}",
        headers=_bearer(creds.p001),
    ).json()
    c001 = next(c for c in settled["communities"] if c["community_id"] == "C001")
    assert (c001["orders"], c001["sales_fen"], c001["net_fen"]) == (1, 13200, 13200)
    assert c001["share_fen"] == 1320  # 10% of ¥132.00
    assert c001["points_issued"] == sale["points"]
    bodies = [
        client.get(f"/api/v1/companies/P001/{what}", headers=_bearer(creds.p001)).text
        for what in ("residents", "redemptions")
    ] + [str(settled)]
    for text in bodies:  # no product, line or order of anyone
        for leak in ("YC-TEA", "恩施玉露", "YC-WAT", sale["sale_id"], sale["receipt_no"], "lines"):
            assert leak not in text

    orders = client.get(
        f"/api/v1/stores/S001/orders?since={SINCE}&until={UNTIL}", headers=_bearer(creds.s001)
    ).json()
    assert [(o["sale_id"], o["total_fen"], o["terminal_code"]) for o in orders] == [
        (sale["sale_id"], 13200, "T02")
    ]


@pytest.mark.parametrize(
    "model",
    [
        ResidentBalance,
        RedemptionRecord,
        Settlement,
        CommunitySettlement,
        StoreOrder,
        StoreReviewItem,
        PromotionOut,
        PromotionReportOut,
        EventOut,
        EventReportOut,
        EventProductFigures,
        EventHourFigures,
        EventCompareRow,
        ImportResult,
        AmendedBill,
        ImportRejected,
        BadRowOut,
        PaymentIn,
        PaymentOut,
        CollectionOut,
        FiguresOut,
    ],
    ids=lambda m: m.__name__,
)
def test_the_reference_documents_every_field_of_the_scoped_answers(model: type[Any]) -> None:
    assert _tables().get(model.__name__) == list(model.model_fields)


def _flagged_sale(till: Till, store: str, terminal: str) -> str:
    """A sale with a SKU the server does not know: a line left for a manager's review."""
    sale = sale_payload([(TEA, 1)], store=store, terminal=terminal)
    sale["lines"][0]["sku"] = "YC-FAKE-0001"
    assert till.push_ok([till.next_item("sale", sale)])[0]["status"] == "accepted"
    return str(sale["sale_id"])


def test_a_store_manager_reads_its_own_stores_shifts_and_review_and_no_others(
    client: TestClient, creds: Credentials, new_till: Callable[..., Till]
) -> None:
    own_till, other_till = new_till("S001", "T03"), new_till("S002", "T02")
    own = till_shift([], [], terminal_code="T03", shift_no="S001-T03-Z00001")
    other = till_shift([], [], store_code="S002", terminal_code="T02", shift_no="S002-T02-Z00001")
    for till, shift in ((own_till, own), (other_till, other)):
        assert till.push_ok([shift_item(till, shift)])[0]["status"] == "accepted"
    own_sale = _flagged_sale(own_till, "S001", "T03")
    other_sale = _flagged_sale(other_till, "S002", "T02")

    def get(token: str, store: str, what: str) -> Any:
        response = client.get(f"/api/v1/stores/{store}/{what}", headers=_bearer(token))
        return response.status_code, response.json()

    # its own store: exactly its shifts and its review items, nothing of S002
    status, shifts = get(creds.s001, "S001", "shifts")
    assert (status, [s["shift_id"] for s in shifts]) == (200, [own["shift_id"]])
    assert shifts[0]["expected_server"] == 50000 - 20000  # the server's own figure
    status, review = get(creds.s001, "S001", "review")
    assert status == 200
    assert [(r["terminal_code"], r["record_kind"], r["record_id"], r["kind"], r["code"])
            for r in review] == [("T03", "sale", own_sale, "line", "unknown_sku")]  # fmt: skip
    assert set(review[0]) == set(StoreReviewItem.model_fields)  # no resident, no detail
    # another store's: refused outright, never an empty list that hides the refusal
    for what in ("shifts", "review", f"orders?since={SINCE}&until={UNTIL}"):
        assert get(creds.s001, "S002", what) == (
            403, {"code": "wrong_store", "message": "another store"})  # fmt: skip
        assert get(creds.s002, "S001", what)[0] == 403
    # that store's own manager, and operations, see S002's
    for token in (creds.s002, creds.ops):
        assert [s["shift_id"] for s in get(token, "S002", "shifts")[1]] == [other["shift_id"]]
        assert [r["record_id"] for r in get(token, "S002", "review")[1]] == [other_sale]
    day = CLOSED_DAY.isoformat()
    assert len(get(creds.s001, "S001", f"shifts?day={day}")[1]) == 1
    assert get(creds.s001, "S001", "shifts?day=1999-01-01")[1] == []

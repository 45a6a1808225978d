"""The walk-through of docs/sync-protocol.md, run for real on SQLite.

With YC_DOC_EXAMPLES=FILE set, every exchange is also written to FILE as
markdown: the examples in the document are pasted from that output.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi.testclient import TestClient

from pos_app.core.demo_data import demo_code
from pos_app.core.membership import public_key_text
from sync.server.app import create_app
from sync.server.config import Settings
from sync.server.devtools import enrollment_code
from tests.sync.server.helpers import R0001, TEA, WATER, Till, item, refund_payload, sale_payload


def _short(value: Any) -> Any:
    """Long lists and secrets shortened for the reader."""
    if isinstance(value, dict):
        return {k: _short(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_short(v) for v in value[:3]] + (["…"] if len(value) > 3 else [])
    if isinstance(value, str) and value.startswith("yct1_"):
        return value[:12] + "…"
    return value


class Transcript:
    def __init__(self, client: TestClient) -> None:
        self.client = client
        self.parts: list[str] = []

    def __call__(
        self, method: str, path: str, body: Any = None, token: str | None = None, **kw: Any
    ) -> Any:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = self.client.request(method, path, json=body, headers=headers, **kw)
        query = (
            "?" + "&".join(f"{k}={v}" for k, v in kw["params"].items()) if "params" in kw else ""
        )
        auth = "\nAuthorization: Bearer yct1_…" if token else ""
        text = f"```http\n{method} {path}{query}{auth}\n"
        if body is not None:
            text += "\n" + json.dumps(_short(body), ensure_ascii=False, indent=2) + "\n"
        text += f"```\n\n```http\nHTTP/1.1 {response.status_code}\n\n"
        text += json.dumps(_short(response.json()), ensure_ascii=False, indent=2) + "\n```\n"
        self.parts.append(text)
        return response


def test_walk_through(sqlite_demo_url: Callable[[], str]) -> None:
    url = sqlite_demo_url()
    with TestClient(create_app(Settings(database_url=url))) as client:
        http = Transcript(client)
        key = Ed25519PrivateKey.generate()
        enrolled = http(
            "POST",
            "/api/v1/enroll",
            {"code": enrollment_code(url), "terminal_public_key": public_key_text(key.public_key()),
             "app_version": "0.3.0"},
        ).json()  # fmt: skip
        token = enrolled["token"]
        till = Till(client, token, key, enrolled)

        page = http("GET", "/api/v1/changes", token=token, params={"cursor": "", "limit": 3}).json()
        assert page["more"] is True and len(page["changes"]) == 3
        http(
            "GET",
            "/api/v1/changes",
            token=token,
            params={"cursor": page["next_cursor"], "limit": 2},
        )

        member_sale = sale_payload([(TEA, 1), (WATER, 2)], member=R0001, sequence=41)
        anonymous = sale_payload(
            # minutes old: a sale dated before its till's enrollment would be held
            [(TEA, 1)],
            sequence=42,
            when=datetime.now(UTC) - timedelta(minutes=5),
        )
        broken = dict(sale_payload([(WATER, 1)], sequence=43), total_fen=-5)
        items = [item("sale", s, n) for n, s in enumerate((member_sale, anonymous, broken), 101)]
        results = http("POST", "/api/v1/push", {"protocol": 1, "items": items}, token).json()
        assert [r["status"] for r in results["results"]] == ["accepted", "accepted", "rejected"]
        again = http("POST", "/api/v1/push", {"protocol": 1, "items": items[:1]}, token).json()
        assert again["results"][0]["status"] == "duplicate"

        stale = dict(sale_payload([(TEA, 1)], member=R0001, sequence=44), points=640)
        flagged = http(
            "POST", "/api/v1/push", {"protocol": 1, "items": [item("sale", stale, 104)]}, token
        )
        assert flagged.json()["results"][0]["flags"] == ["points_mismatch"]

        refund = refund_payload(member_sale, [(2, 1, 200)], eligible_fen=200, points_clawback=6)
        http("POST", "/api/v1/push", {"protocol": 1, "items": [item("refund", refund, 105)]}, token)

        http("GET", "/api/v1/residents/R0001", token=token)
        http("GET", "/api/v1/residents/R0001/bills", token=token)
        redemption = {"redemption_id": str(uuid.uuid4()), "resident_id": "R0001",
                      "bill_id": "B-R0001-2026-10", "points": 1500}  # fmt: skip
        assert http("POST", "/api/v1/redemptions", redemption, token).json()["status"] == "done"
        assert (
            http("POST", "/api/v1/redemptions", redemption, token).json()["status"] == "duplicate"
        )
        too_much = dict(redemption, redemption_id=str(uuid.uuid4()), points=999_999)
        assert http("POST", "/api/v1/redemptions", too_much, token).status_code == 409

        claim = {"claim_code": till.claim_code(anonymous), "member_code": demo_code("R0002")}
        assert http("POST", "/api/v1/claims", claim, token).json()["points"] == 384
        assert http("POST", "/api/v1/claims", claim, token).json()["code"] == "already_claimed"

        assert http("GET", "/api/v1/changes", token="yct1_wrong").status_code == 401
        http("GET", "/healthz")

    out = os.environ.get("YC_DOC_EXAMPLES")
    if out:
        Path(out).write_text("\n".join(http.parts), encoding="utf-8")


def _doc_example(name: str) -> dict[str, Any]:
    path = Path(__file__).resolve().parents[3] / "docs" / "examples" / name
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_the_reference_examples_push_as_documented(till: Till, db_url: str) -> None:
    """docs/protocol-reference.md: its example sale, then its refund of that sale, are
    accepted by the real server (SQLite and PostgreSQL); the sample and feedback are
    answered unsupported_kind; the answer has the documented shape."""
    items = [_doc_example(f"push-{kind}.json") for kind in ("sale", "refund", "sample", "feedback")]
    results = till.push_ok(items)
    assert [(r["item_id"], r["status"], r["reason"]) for r in results] == [
        (items[0]["item_id"], "accepted", None),
        (items[1]["item_id"], "accepted", None),
        (items[2]["item_id"], "rejected", "unsupported_kind"),
        (items[3]["item_id"], "rejected", "unsupported_kind"),
    ]
    documented = _doc_example("push-response.json")["results"][0]
    assert set(results[0]) == set(documented)

"""Builders for the server tests: real sale payloads (pos_app's own `sale_to_dict`),
refund payloads shaped as `RefundsRepository.record` writes them, and a `Till`
that talks to the API as an enrolled terminal.

A member sale carries a real membership code signed with the demo key at the
sale time, with a nonce of its own (the server spends each nonce once). A sale
is made "now" unless told otherwise: the server holds the points of a sale
dated before its till enrolled.
"""

from __future__ import annotations

import hashlib
import random
import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from pos_app.core.cart import Cart
from pos_app.core.catalog import Product, Unit
from pos_app.core.demo_data import DEMO_CONTRACT, DEMO_CONTRACT_C002, DEMO_KEY_ID, demo_key
from pos_app.core.membership import issue_code, public_key_text
from pos_app.core.money import Money
from pos_app.core.points import Contract
from pos_app.core.receipt_codes import ClaimPayload, claim_code
from pos_app.core.sale import Member, build_sale, new_sale_id, sale_to_dict
from pos_app.core.tender import Tender


def till_key_id(key: Ed25519PrivateKey) -> str:
    """The key id a till signs its claim codes with, written out from the protocol
    ("t-" + the first 12 hex digits of the SHA-256 of the raw public key) rather than
    taken from the till's persistence, which the server-only environment lacks."""
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return "t-" + hashlib.sha256(raw).hexdigest()[:12]


SALE_TIME = datetime(2026, 11, 20, 10, 30, tzinfo=UTC)
# products of the demo catalog (resources/demo/catalog.csv), at its prices: the server
# checks every line against its own catalog
TEA = Product("YC-TEA-0002", "恩施玉露 一级 100g", "tea", Money(12800), id=1)
WATER = Product("YC-WAT-0001", "硒泉水 550ml", "water", Money(200), id=2)
RICE = Product("YC-GRN-0001", "五常大米 稻花香2号 5kg", "grain", Money(8990), id=3)
LOTTERY = Product(
    "YC-LOT-0001", "体彩 顶呱刮 5元", "lottery", Money(500), points_eligible=False, id=4
)
DUCK = Product(
    "YC-DEL-0015", "毛嘴卤鸭脖 散称", "deli", Money(5800), unit=Unit.KG, plu="10001", id=5
)

R0001 = Member("R0001", "C001", "P001", "张*明", "nonce-r0001")
R0005 = Member("R0005", "C002", "P001", "陈*华", "nonce-r0005")
R0901 = Member("R0901", "C900", "P900", "赵*强", "nonce-r0901")
CONTRACTS = {"C001": DEMO_CONTRACT, "C002": DEMO_CONTRACT_C002}


def sale_payload(
    lines: Sequence[tuple[Product, int]],
    *,
    member: Member | None = None,
    contract: Contract | None = DEMO_CONTRACT,
    store: str = "S001",
    terminal: str = "T01",
    sequence: int = 1,
    when: datetime | None = None,
    discount_line: tuple[int, int] | None = None,
    void_line: int | None = None,
    member_code: bool = True,
) -> dict[str, Any]:
    """A sale exactly as a till pushes it (pos_app.core.sale.sale_to_dict).

    `when`: default now. `member_code=False`: the member carries no code.
    """
    when = when or datetime.now(UTC).replace(microsecond=0)
    cart = Cart(member=member)
    for product, qty in lines:
        if product.weighed:
            cart.add_weighed(product, qty)
        else:
            cart.add_product(product, qty)
    if discount_line:
        cart.set_discount(discount_line[0], Money(discount_line[1]))
    if void_line:
        cart.void(void_line)
    tender = Tender(cart.totals().total)
    tender.add_cash(cart.totals().total + Money(1000))
    sale = build_sale(
        sale_id=new_sale_id(),
        cart=cart,
        tender=tender,
        store_code=store,
        terminal_code=terminal,
        sequence=sequence,
        cashier="c01",
        now=when,
        contract=contract if member else None,
    )
    payload = sale_to_dict(sale)
    if member is not None and member_code:
        code, nonce = member_code_at(member, when)
        payload["member"] = {**payload["member"], "code": code, "code_nonce": nonce}
    return payload


def member_code_at(member: Member, when: datetime, *, lifetime_s: int = 60) -> tuple[str, str]:
    """A real YCM1 code of the demo key for this member, issued at `when`; (code, nonce)."""
    nonce = secrets.token_urlsafe(9)
    code = issue_code(
        demo_key(),
        key_id=DEMO_KEY_ID,
        resident_id=member.resident_id,
        community_id=member.community_id,
        property_company_id=member.property_company_id,
        now=int(when.timestamp()),
        lifetime_s=lifetime_s,
        nonce=nonce,
    )
    return code, nonce


def refund_payload(
    sale: dict[str, Any],
    lines: Sequence[tuple[int, int, int]],
    *,
    eligible_fen: int,
    points_clawback: int,
    number: int = 1,
    when: datetime = SALE_TIME + timedelta(days=1),
) -> dict[str, Any]:
    """(line_no, quantity, amount_fen) per line, as RefundsRepository.record writes it."""
    total = sum(amount for _, _, amount in lines)
    return {
        "refund_id": str(uuid.uuid4()),
        "refund_no": f"{sale['store_code']}-{sale['terminal_code']}-R{number:06d}",
        "sale_id": sale["sale_id"],
        "created_at": when.isoformat(),
        "cashier": "c01",
        "approved_by": "m01",
        "total_fen": total,
        "eligible_fen": eligible_fen,
        "points_clawback": points_clawback,
        "resident_id": sale["member"]["resident_id"] if sale["member"] else None,
        "lines": [{"line_no": n, "quantity": q, "amount_fen": a} for n, q, a in lines],
        "payments": [{"kind": "cash", "amount_fen": total, "reference": ""}],
    }


def item(
    kind: str, payload: dict[str, Any], seq: int, *, item_id: str | None = None
) -> dict[str, Any]:
    aggregate = payload.get("refund_id") if kind == "refund" else payload.get("sale_id")
    return {
        "item_id": item_id or str(uuid.uuid4()),
        "kind": kind,
        "aggregate_id": str(aggregate or uuid.uuid4()),
        "seq": seq,
        "created_at": payload.get("created_at", SALE_TIME.isoformat()),
        "payload": payload,
    }


def random_sales(n: int, *, seed: int = 7, member_every: int = 3) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    products = [TEA, WATER, RICE, LOTTERY]
    sales = []
    for i in range(n):
        lines = [(p, rng.randint(1, 3)) for p in rng.sample(products, rng.randint(1, 4))]
        member = R0001 if i % member_every == 0 else None
        sales.append(sale_payload(lines, member=member, sequence=i + 1))
    return sales


@dataclass
class Till:
    """An enrolled terminal talking to the API through a TestClient (or requests.Session)."""

    http: Any
    token: str
    key: Ed25519PrivateKey
    enrolled: dict[str, Any]
    base: str = "/api/v1"
    seq: int = 0
    sent: list[dict[str, Any]] = field(default_factory=list)

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def get(self, path: str, **kw: Any) -> Any:
        return self.http.get(f"{self.base}{path}", headers=self.headers, **kw)

    def post(self, path: str, body: Any) -> Any:
        return self.http.post(f"{self.base}{path}", json=body, headers=self.headers)

    def next_item(self, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
        self.seq += 1
        return item(kind, payload, self.seq)

    def push(self, items: list[dict[str, Any]]) -> Any:
        return self.post("/push", {"protocol": 1, "items": items})

    def push_ok(self, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        response = self.push(items)
        assert response.status_code == 200, response.text
        return response.json()["results"]  # type: ignore[no-any-return]

    def claim_code(
        self, sale: dict[str, Any], *, days: int = 30, key: Ed25519PrivateKey | None = None
    ) -> str:
        signer = key or self.key
        when = datetime.fromisoformat(sale["created_at"])
        return claim_code(
            signer,
            ClaimPayload(
                key_id=till_key_id(signer),
                sale_id=sale["sale_id"],
                receipt_no=sale["receipt_no"],
                store_code=sale["store_code"],
                eligible_fen=sale["eligible_fen"],
                sale_time=int(when.timestamp()),
                deadline=int((when + timedelta(days=days)).timestamp()),
            ),
        )


def enroll(http: Any, code: str, *, base: str = "/api/v1") -> Till:
    key = Ed25519PrivateKey.generate()
    response = http.post(
        f"{base}/enroll",
        json={"code": code, "terminal_public_key": public_key_text(key.public_key()),
              "app_version": "0.1.0"},
    )  # fmt: skip
    assert response.status_code == 200, response.text
    body = response.json()
    return Till(http, body["token"], key, body, base)

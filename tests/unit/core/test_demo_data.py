"""The demo data both sides share: resident file, contracts, and codes the ring verifies."""

from __future__ import annotations

from pos_app.core.demo_data import (
    DEMO_CONTRACT,
    DEMO_KEY_ID,
    demo_code,
    demo_key_ring_setting,
    demo_residents,
)
from pos_app.core.membership import parse_key_ring, verify_code


def test_residents_come_from_the_resource_file_with_integer_balances() -> None:
    residents = demo_residents()
    assert len(residents) == 7
    first = residents[0]
    assert (first["resident_id"], first["community_id"], first["balance"]) == (
        "R0001",
        "C001",
        1280,
    )
    assert first["balance_as_of"].tzinfo is not None  # type: ignore[attr-defined]


def test_a_demo_code_verifies_against_the_demo_key_ring() -> None:
    now = 1_795_000_000
    code = demo_code("R0002", now=now, lifetime_s=60)
    claims = verify_code(
        code,
        public_keys=parse_key_ring(demo_key_ring_setting()),
        now=now + 30,
        property_company_id="P001",
    )
    assert (claims.key_id, claims.resident_id, claims.community_id) == (
        DEMO_KEY_ID,
        "R0002",
        "C001",
    )
    assert claims.expires_at == now + 60


def test_the_demo_contract_is_the_seeds_worked_example() -> None:
    assert (DEMO_CONTRACT.community_id, DEMO_CONTRACT.share_bps, DEMO_CONTRACT.points_bps) == (
        "C001",
        1000,
        3000,
    )


def test_the_demo_promotions_are_valid_feed_changes() -> None:
    from pos_app.core.demo_data import demo_promotions
    from pos_app.core.promo_codec import promotion_from_dict

    found = demo_promotions()
    assert [(p["stores"], p["status"]) for p in found] == [([], "active")] * 4
    promos = [
        promotion_from_dict({k: v for k, v in p.items() if k not in ("stores", "status")})
        for p in found
    ]
    assert [(p.promo_id, p.kind.value) for p in promos] == [
        ("DEMO-MJ", "threshold"),
        ("DEMO-WATER-N2", "nth_percent"),
        ("DEMO-WED", "percent_off"),
        ("DEMO-EVENT-TEA", "percent_off"),  # the demo tasting event's price
    ]
    assert promos[2].members_only and promos[2].window.weekdays == frozenset({3})
    assert promos[3].event_id == "EV-DEMO-TEA" and promos[3].percent_bps == 1000

"""The till's demo data beyond the catalog: residents, contracts, the demo signing key,
the demo tasting event.

They live in `pos_app.core.demo_data`, which the central server's `init --demo`
shares; this module keeps the till's name for them. The demo event
(`resources/demo/events.json`, in the change feed's form) is read here.
"""

from __future__ import annotations

from pos_app.core.demo_data import (
    DEMO_CONTRACT,
    DEMO_CONTRACT_C002,
    DEMO_EVENTS,
    DEMO_KEY_FILE,
    DEMO_KEY_ID,
    DEMO_RESIDENTS,
    DEMO_STAFF,
    DEMO_STAFF_STORE,
    demo_code,
    demo_events,
    demo_key,
    demo_key_ring_setting,
    demo_residents,
)

__all__ = [
    "DEMO_CONTRACT",
    "DEMO_CONTRACT_C002",
    "DEMO_EVENTS",
    "DEMO_KEY_FILE",
    "DEMO_KEY_ID",
    "DEMO_RESIDENTS",
    "DEMO_STAFF",
    "DEMO_STAFF_STORE",
    "demo_code",
    "demo_events",
    "demo_key",
    "demo_key_ring_setting",
    "demo_residents",
    "demo_staff",
]


def demo_staff() -> list[dict[str, object]]:
    """The demo staff as the central server sends them: PIN hashes, never PINs."""
    from pos_app.persistence.staff_repo import hash_pin

    return [
        {"id": i, "store_code": DEMO_STAFF_STORE, "name": name, "role": role,
         "pin_hash": hash_pin(pin), "active": True}
        for i, name, role, pin in DEMO_STAFF
    ]  # fmt: skip


#: 恩施玉露·利川红 品鉴会 at store S001, run by 促销员小赵, with its sample costs and
#: budget; its event price is the promotion DEMO-EVENT-TEA (resources/demo/promotions.json)

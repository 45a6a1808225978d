"""The till's demo data beyond the catalog: residents, contracts, the demo signing key.

They live in `pos_app.core.demo_data`, which the central server's `init --demo`
shares; this module keeps the till's name for them.
"""

from __future__ import annotations

from pos_app.core.demo_data import (
    DEMO_CONTRACT,
    DEMO_CONTRACT_C002,
    DEMO_KEY_FILE,
    DEMO_KEY_ID,
    DEMO_RESIDENTS,
    demo_code,
    demo_key,
    demo_key_ring_setting,
    demo_residents,
)

__all__ = [
    "DEMO_CONTRACT",
    "DEMO_CONTRACT_C002",
    "DEMO_KEY_FILE",
    "DEMO_KEY_ID",
    "DEMO_RESIDENTS",
    "demo_code",
    "demo_key",
    "demo_key_ring_setting",
    "demo_residents",
]

"""Demo data shared by the till's demo and the central server's `init --demo`:
the demo signing key, residents, contracts and promotions, read from the files
under `resources/demo/` (the one copy of each).

The demo plays the central server's part locally so that membership codes can be
made and scanned without a network (`yuancang-pos demo-qr R0001`); the server
loads the same residents, contracts and key, so demo tills trust its codes.
"""

from __future__ import annotations

import base64
import csv
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from pos_app.core.membership import issue_code, public_key_text
from pos_app.core.points import Contract

#: The repository's resources/ (pure path arithmetic: no platform or Qt lookup here).
RESOURCES = Path(__file__).resolve().parents[2] / "resources"
DEMO_DIR = RESOURCES / "demo"
DEMO_CATALOG = DEMO_DIR / "catalog.csv"
DEMO_KEY_ID = "demo1"
DEMO_KEY_FILE = DEMO_DIR / "demo_server_key.txt"
DEMO_RESIDENTS = DEMO_DIR / "residents.csv"
#: 满100减10 满200减25, 第二件半价 on water, 周三会员日: as the change feed carries
#: them (promotion_to_dict plus "stores" and "status")
DEMO_PROMOTIONS = DEMO_DIR / "promotions.json"
DEMO_EVENTS = DEMO_DIR / "events.json"
#: The seed's worked example: 10 % share, 30 % of it as points (¥100 → 300 points).
DEMO_CONTRACT = Contract("C001", datetime(2026, 1, 1, tzinfo=UTC), share_bps=1000, points_bps=3000)
DEMO_CONTRACT_C002 = Contract(
    "C002", datetime(2026, 1, 1, tzinfo=UTC), share_bps=1000, points_bps=2000
)


def demo_promotions(path: Path = DEMO_PROMOTIONS) -> list[dict[str, Any]]:
    """The demo promotions in the change feed's form (each a JSON object)."""
    found = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(found, list):
        raise ValueError(f"{path} holds a list of promotions")
    return found


def demo_events(path: Path = DEMO_EVENTS) -> list[dict[str, Any]]:
    """The demo's tasting events in the change feed's form (`event_to_dict`)."""
    found = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(found, list):
        raise ValueError(f"{path} holds a list of events")
    return found


def demo_key(path: Path = DEMO_KEY_FILE) -> Ed25519PrivateKey:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    raw = base64.urlsafe_b64decode(lines[0].strip() + "=" * (-len(lines[0].strip()) % 4))
    return Ed25519PrivateKey.from_private_bytes(raw)


def demo_key_ring_setting() -> str:
    return f"{DEMO_KEY_ID}:{public_key_text(demo_key().public_key())}"


#: the columns of residents.csv the till never stores (docs/security.md, "Personal data")
PERSONAL_COLUMNS = frozenset({"full_name", "phone", "bill_address"})


def demo_residents() -> list[dict[str, object]]:
    with DEMO_RESIDENTS.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    now = datetime.now(UTC)
    # the till keeps the masked name and the phone's last four digits only: the full
    # name, phone and bill address (fictional) exist on the central server, sealed
    return [
        {
            **{k: v for k, v in r.items() if k not in PERSONAL_COLUMNS},
            "balance": int(r["balance"]),
            "balance_as_of": now,
            "phone_last4": (r.get("phone") or "")[-4:] or None,
        }
        for r in rows
    ]


def demo_code(resident_id: str, *, now: int | None = None, lifetime_s: int = 60) -> str:
    """A membership code for a demo resident, signed with the demo key."""
    by_id = {r["resident_id"]: r for r in demo_residents()}
    resident = by_id[resident_id]
    return issue_code(
        demo_key(),
        key_id=DEMO_KEY_ID,
        resident_id=resident_id,
        community_id=str(resident["community_id"]),
        property_company_id=str(resident["property_company_id"]),
        now=int(datetime.now(UTC).timestamp()) if now is None else now,
        lifetime_s=lifetime_s,
    )


#: The demo's staff of store S001 (id, name, role, PIN): the same on the central
#: server (`init --demo`) and on a demo till offline. Demo PINs only: a real
#: store's PINs are typed at `yuancang-central staff add` and never written down.
DEMO_STAFF: tuple[tuple[str, str, str, str], ...] = (
    ("demo-cashier-wang", "收银员小王", "cashier", "1357"),
    ("demo-manager-li", "店长老李", "manager", "2468"),
    ("demo-promoter-zhao", "促销员小赵", "promoter", "3690"),
)
DEMO_STAFF_STORE = "S001"

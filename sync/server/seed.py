"""`yuancang-central init`: migrate, register the signing key, and (with --demo) load the demo.

The demo is the till's (`pos_app.core.demo_data`) seen from the server:
property company P001 runs C001 示范社区 (contract 10 % / 30 % from
2026-01-01, the seed's worked example) and C002 滨江社区 (10 % / 20 %); P900
runs C900 外部小区. Store S001 sits in C001 (S002 in C002, S900 in C900). The
residents of `resources/demo/residents.csv` start with their CSV balance as an
opening ledger entry and two open monthly property-fee bills of ¥260 each, and
their (fictional) phone as its last four digits and masked form only. The
membership key is the DEMO key, so demo tills already trust its codes. The demo
catalog's history starts on 2026-01-01 too (its prices are in force since then).
Running init again is harmless: what exists is left alone.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos_app.core.demo_data import (
    DEMO_CATALOG,
    DEMO_CONTRACT,
    DEMO_CONTRACT_C002,
    DEMO_KEY_ID,
    DEMO_RESIDENTS,
    DEMO_STAFF,
    DEMO_STAFF_STORE,
    demo_key,
)
from sync.protocol.messages import CommunityData
from sync.server import crud, keys, ledger
from sync.server.catalog import ensure_categories, load_catalog
from sync.server.changelog import ChangeLog, to_json
from sync.server.db import Database, upgrade
from sync.server.geo import square
from sync.server.models import (
    Bill,
    Change,
    Community,
    MembershipKey,
    PropertyCompany,
    Resident,
    Store,
)
from sync.server.staff import add_staff

DEMO_BILL_FEN = 26_000  # ¥260 a month
DEMO_BILL_PERIODS = ("2026-10", "2026-11")
JAN_2026 = datetime(2026, 1, 1, tzinfo=UTC)

COMPANIES = [("P001", "示范物业服务有限公司"), ("P900", "外部物业管理有限公司")]
#: id, name, company, geofence centre (lon, lat) in Wuhan
COMMUNITIES = [
    ("C001", "示范社区", "P001", (114.3050, 30.5930)),
    ("C002", "滨江社区", "P001", (114.2900, 30.6050)),
    ("C900", "外部小区", "P900", (114.4200, 30.5100)),
]
STORES = [
    ("S001", "源仓·示范社区展厅", "C001"),
    ("S002", "源仓·滨江展厅", "C002"),
    ("S900", "外部小区展厅", "C900"),
]
CONTRACTS = [
    (c.community_id, c.effective_from, c.share_bps, c.points_bps)
    for c in (DEMO_CONTRACT, DEMO_CONTRACT_C002)
] + [("C900", JAN_2026, 1000, 1000)]


def phone_last4(phone: str) -> str:
    """What the lookup matches: the last four digits of a mainland mobile number."""
    return _checked_phone(phone)[-4:]


def mask_phone(phone: str) -> str:
    """'13800001234' → '138****1234': tells two candidates apart, identifies nobody."""
    digits = _checked_phone(phone)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def _checked_phone(phone: str) -> str:
    digits = phone.strip()
    if len(digits) != 11 or not digits.isascii() or not digits.isdigit() or digits[0] != "1":
        raise ValueError("a phone is an 11-digit mainland mobile number")
    return digits


@dataclass(frozen=True, slots=True)
class InitReport:
    key_id: str
    key_file: Path
    key_created: bool
    demo_loaded: bool


def initialize(
    db: Database, *, key_file: Path, demo: bool, now: datetime | None = None
) -> InitReport:
    now = now or datetime.now(UTC)
    upgrade(db.engine)
    demo_public = keys.SigningKey(DEMO_KEY_ID, demo_key()).public_text
    with db.read() as session:
        rows = session.execute(select(MembershipKey.key_id, MembershipKey.public_key)).all()
        registered = {key_id: public for key_id, public in rows}
    if demo and registered and demo_public not in registered.values():
        # the demo key's private half is in the repository: a real server never trusts it
        raise keys.KeyFileError("this database was made without --demo: it stays without it")
    wanted = keys.SigningKey(DEMO_KEY_ID, demo_key()) if demo else None
    key, created = keys.load_or_create(key_file, key=wanted)
    if key.public_text == demo_public and not demo and demo_public not in registered.values():
        raise keys.KeyFileError(f"{key_file} holds the public demo key: use a new key file")
    loaded = False
    with db.write() as session:
        changes = ChangeLog()
        ensure_categories(session, changes=changes)
        crud.add_membership_key(
            session, key_id=key.key_id, public_key=key.public_text, now=now, changes=changes
        )
        if demo:
            # the demo tills trust the demo key whatever the key file holds
            crud.add_membership_key(
                session, key_id=DEMO_KEY_ID, public_key=demo_public, now=now, changes=changes
            )
            changes.flush(session, now=now)  # the catalog load below reads categories
            if session.get(PropertyCompany, "P001") is None:
                load_demo(session, now=now, changes=changes)
                loaded = True
        log_communities(session, changes=changes)
        changes.flush(session, now=now)
    return InitReport(key.key_id, key_file, created, loaded)


def log_communities(session: Session, *, changes: ChangeLog) -> int:
    """Every community's name and its company's, for every till (change kind
    "community"), logged once and again only when a name changed; `init` runs
    it, so a database made before the kind existed gets its names too."""
    logged = dict(
        session.execute(select(Change.key, Change.data).where(Change.kind == "community")).all()
    )
    rows = session.execute(
        select(Community.id, Community.name, PropertyCompany.id, PropertyCompany.name).join(
            PropertyCompany, PropertyCompany.id == Community.property_company_id
        )
    ).all()
    count = 0
    for community_id, name, company_id, company_name in rows:
        data = CommunityData(
            community_id=community_id,
            name=name,
            property_company_id=company_id,
            property_company_name=company_name,
        )
        if logged.get(community_id) != to_json(data):
            changes.upsert("community", community_id, data)
            count += 1
    return count


def load_demo(session: Session, *, now: datetime, changes: ChangeLog) -> None:
    for company_id, name in COMPANIES:
        session.add(PropertyCompany(id=company_id, name=name))
    session.flush()
    for community_id, name, company_id, (lon, lat) in COMMUNITIES:
        fence = square(lon, lat, 0.004)  # about 800 m across
        session.add(
            Community(id=community_id, name=name, property_company_id=company_id, geofence=fence)
        )
    session.flush()
    for community_id, effective_from, share_bps, points_bps in CONTRACTS:
        crud.add_contract(
            session,
            community_id=community_id,
            effective_from=effective_from,
            share_bps=share_bps,
            points_bps=points_bps,
            changes=changes,
        )
    for code, name, community_id in STORES:
        session.add(Store(code=code, name=name, community_id=community_id))
    session.flush()
    for staff_id, staff_name, role, pin in DEMO_STAFF:  # the demo till's staff, same ids
        add_staff(
            session, store_code=DEMO_STAFF_STORE, name=staff_name, role=role, pin=pin,
            now=now, changes=changes, staff_id=staff_id,
        )  # fmt: skip
    with DEMO_RESIDENTS.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            add_resident(
                session,
                resident_id=row["resident_id"],
                community_id=row["community_id"],
                property_company_id=row["property_company_id"],
                masked_name=row["masked_name"],
                opening=int(row["balance"]),
                phone=row.get("phone") or None,
                now=now,
                changes=changes,
            )
            for period in DEMO_BILL_PERIODS:
                session.add(
                    Bill(
                        id=f"B-{row['resident_id']}-{period}",
                        resident_id=row["resident_id"],
                        period=period,
                        amount_fen=DEMO_BILL_FEN,
                        paid_fen=0,
                    )
                )
    session.flush()
    changes.flush(session, now=now)
    # the demo showroom has sold at these prices since its contract began
    report = load_catalog(
        session, path=DEMO_CATALOG, now=now, changes=changes, effective_from=JAN_2026
    )
    if not report.ok:
        raise ValueError(f"demo catalog refused: {report.problems[:3]}")


def add_resident(
    session: Session,
    *,
    resident_id: str,
    community_id: str,
    property_company_id: str,
    masked_name: str,
    opening: int,
    now: datetime,
    changes: ChangeLog,
    phone: str | None = None,
) -> None:
    """A resident with an opening balance, itself an entry of the ledger.

    Of the phone only the last four digits and the masked form are stored.
    """
    session.add(
        Resident(
            id=resident_id,
            community_id=community_id,
            property_company_id=property_company_id,
            masked_name=masked_name,
            balance=opening,
            balance_as_of=now,
            phone_last4=None if phone is None else phone_last4(phone),
            phone_masked=None if phone is None else mask_phone(phone),
        )
    )
    session.flush()
    if opening:
        ledger.add_ledger(
            session,
            resident_id=resident_id,
            kind="opening",
            points=opening,
            source_kind="opening",
            source_id=resident_id,
            sale_id=None,
            now=now,
        )
    ledger.log_resident(session, resident_id=resident_id, changes=changes)

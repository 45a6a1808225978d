"""`yuancang-central init`: migrate, register the signing key, and (with --demo) load the demo.

The demo is the till's (`pos_app.core.demo_data`) seen from the server:
property company P001 runs C001 示范社区 (contract 10 % / 30 % from
2026-01-01, the seed's worked example) and C002 滨江社区 (10 % / 20 %); P900
runs C900 外部小区. Store S001 sits in C001 (S002 in C002, S900 in C900). The
residents of `resources/demo/residents.csv` start with their CSV balance as an
opening ledger entry and two open monthly property-fee bills of ¥260 each; their
(fictional) full name, phone and bill address are sealed with the personal-data
key (sync/server/personal_data.py), the phone's ending kept as a keyed hash. The
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
    demo_events,
    demo_key,
    demo_promotions,
)
from sync.protocol.changes import CommunityData
from sync.server import crud, events, keys, ledger, personal_data, promotions
from sync.server.catalog import ensure_categories, load_catalog
from sync.server.changelog import ChangeLog, to_json
from sync.server.config import Settings, personal_key_file_for
from sync.server.db import Database, upgrade
from sync.server.geo import square
from sync.server.models.changes import Change
from sync.server.models.partners import Community, PropertyCompany, Store
from sync.server.models.residents import Bill, Resident
from sync.server.models.terminals import MembershipKey
from sync.server.portal.demo import add_demo_users
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


@dataclass(frozen=True, slots=True)
class InitReport:
    key_id: str
    key_file: Path
    key_created: bool
    demo_loaded: bool
    personal_key_file: Path
    personal_key_created: bool


def initialize(
    db: Database,
    *,
    key_file: Path,
    demo: bool,
    now: datetime | None = None,
    personal_key_file: Path | None = None,
    demo_promotions: bool = False,
) -> InitReport:
    """`personal_key_file` empty: the settings' (YC_CENTRAL_PERSONAL_KEY_FILE, or beside
    the SQLite file). `demo_promotions` (with `demo`): the demo till's promotions too,
    apart from `demo` so that the tests' tills keep the shelf prices they sell at."""
    now = now or datetime.now(UTC)
    if personal_key_file is None:
        personal_key_file = personal_key_file_for(Settings(database_url=db.url))
    personal_keys, personal_created = personal_data.load_or_create(personal_key_file)
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
        personal_data.attach(session, personal_keys)
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
                load_demo(session, now=now, changes=changes, with_promotions=demo_promotions)
                add_demo_users(session, now=now)  # the portal's, with the README's password
                loaded = True
            else:
                reseal_demo_residents(session, changes=changes)
        log_communities(session, changes=changes)
        changes.flush(session, now=now)
    return InitReport(key.key_id, key_file, created, loaded, personal_key_file, personal_created)


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


def load_demo(
    session: Session, *, now: datetime, changes: ChangeLog, with_promotions: bool = False
) -> None:
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
                full_name=row.get("full_name") or None,
                phone=row.get("phone") or None,
                bill_address=row.get("bill_address") or None,
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
    if with_promotions:
        load_demo_promotions(session, changes=changes)


def load_demo_promotions(session: Session, *, changes: ChangeLog) -> None:
    """The demo till's promotions and tasting event (seeded there for the offline
    demo, origin "server"), here too: its promoted sales are then explained, its
    event records accepted, and new tills get them."""
    for data in demo_promotions():
        definition = {k: v for k, v in data.items() if k not in ("stores", "status")}
        promotions.create(
            session,
            definition=definition,
            stores=data["stores"],
            budget_fen=None,
            now=JAN_2026,
            changes=changes,
        )
    for data in demo_events():
        events.create(session, data=data, now=JAN_2026, changes=changes)


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
    full_name: str | None = None,
    phone: str | None = None,
    bill_address: str | None = None,
) -> None:
    """A resident with an opening balance, itself an entry of the ledger.

    The full name, phone and bill address are stored sealed (the session's
    personal-data keys), the phone's last four digits as a keyed hash.
    """
    resident = Resident(
        id=resident_id,
        community_id=community_id,
        property_company_id=property_company_id,
        masked_name=masked_name,
        balance=opening,
        balance_as_of=now,
    )
    set_personal(session, resident, full_name=full_name, phone=phone, bill_address=bill_address)
    session.add(resident)
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


def set_personal(
    session: Session,
    resident: Resident,
    *,
    full_name: str | None,
    phone: str | None,
    bill_address: str | None,
) -> None:
    keys = personal_data.keys_of(session)

    def seal(field: str, value: str | None) -> bytes | None:
        return None if value is None else keys.seal(field=field, row_id=resident.id, value=value)

    digits = None if phone is None else personal_data.checked_phone(phone)
    resident.name_enc = seal("name", full_name)
    resident.phone_enc = seal("phone", digits)
    resident.address_enc = seal("address", bill_address)
    resident.phone_tag = None if digits is None else keys.phone_tag(digits[-4:])


def reseal_demo_residents(session: Session, *, changes: ChangeLog) -> int:
    """`init --demo` on a demo database made before revision 0009 (which dropped the
    plain last four digits): seal the demo residents' personal data again."""
    count = 0
    with DEMO_RESIDENTS.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            resident = session.get(Resident, row["resident_id"])
            if resident is None or resident.name_enc is not None:
                continue
            set_personal(
                session,
                resident,
                full_name=row.get("full_name") or None,
                phone=row.get("phone") or None,
                bill_address=row.get("bill_address") or None,
            )
            session.flush()
            ledger.log_resident(session, resident_id=resident.id, changes=changes)
            count += 1
    return count

"""Applying the server's changes to the local database (ChangeSink), one page
per transaction together with its cursor, so a crash mid-pull resumes at the
last whole page and never half-applies one. The prices a page changes are
audited in that same transaction (`price_audit`).

A "promotion" change carries `promotion_to_dict` plus `stores` and `status`;
every one is kept with its stores (the promotions service prices only this
store's active ones, so a store taken off the list stops at once), and a
definition this till cannot read is skipped with a coded, logged reason. An
"event" change (a tasting event, `pos_app.core.events.event_to_dict`) is kept
the same way; a deleted one is kept as cancelled."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from pydantic import ValidationError
from sqlalchemy import Connection, Engine, delete, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from pos_app.core.catalog import Product, Unit
from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.events import event_from_dict
from pos_app.core.money import Money
from pos_app.core.pinyin import pinyin_keys
from pos_app.core.promo_codec import promotion_from_dict, promotion_to_dict
from pos_app.persistence.catalog_repo import deactivate_products, upsert_products
from pos_app.persistence.db import writer
from pos_app.persistence.errors import storage_errors
from pos_app.persistence.events_repo import cancel_event, upsert_event
from pos_app.persistence.member_models import (
    CommunityRow,
    ContractRow,
    ResidentRow,
    RevocationRow,
)
from pos_app.persistence.models import CategoryRow, SettingRow
from pos_app.persistence.notice_models import SyncNoticeRow
from pos_app.persistence.price_audit import Prices, PullAudit, prices_of
from pos_app.persistence.promotions_repo import STATUSES, set_status, upsert_promotion
from pos_app.persistence.staff_repo import upsert_staff
from sync.protocol.accounts import ResidentOut
from sync.protocol.changes import (
    CategoryData,
    Change,
    CommunityData,
    ContractData,
    MembershipKeyData,
    NoticeData,
    ProductData,
    RevocationData,
    StaffData,
)

log = logging.getLogger("pos_app.sync")
SET = SettingRow.__table__
CURSOR_KEY = "sync.cursor"
#: when the last whole pull ended (this till's clock, UTC ISO): what the resident
#: cache is current as of, whether or not that pull changed a resident
PULLED_AT_KEY = "sync.pulled_at"
KEYS_KEY = "membership.public_keys"


class SyncStateRepository:
    def __init__(self, engine: Engine, *, terminal: Callable[[], str] = lambda: "") -> None:
        self._engine = engine
        self._writer = writer(engine)
        self.prices = PullAudit(terminal)  # the audit entries name this till's code
        self.catalog_changed = False
        self.keys_changed = False
        self.contracts_changed = False
        self.notices_changed = False
        self.promotions_changed = False
        #: promotions skipped in this process's pulls: id → the coded reason
        self.promotions_skipped: dict[str, str] = {}
        self.events_changed = False
        #: events skipped in this process's pulls: id → the coded reason
        self.events_skipped: dict[str, str] = {}

    def cursor(self) -> str:
        with self._engine.connect() as conn:
            return conn.execute(select(SET.c.value).where(SET.c.key == CURSOR_KEY)).scalar() or ""

    def mark_pulled(self, at: datetime) -> None:
        """Every change up to now is applied: the cached balances are current as of `at`."""
        with storage_errors(), self._writer.begin() as conn:
            _set(conn, PULLED_AT_KEY, at.astimezone(UTC).isoformat())

    def start_pull(self) -> None:
        """A new pull: nothing changed yet, and its price entries start from none."""
        self.catalog_changed = self.keys_changed = self.contracts_changed = False
        self.promotions_changed = self.events_changed = False
        self.prices.start()

    def apply(self, changes: Sequence[Change], next_cursor: str) -> None:
        with storage_errors(), self._writer.begin() as conn:
            products: list[Product] = []
            pulled: dict[str, tuple[Prices, int]] = {}  # the last of a SKU's changes counts
            for change in changes:
                if change.kind == "product" and change.op == "upsert" and change.data:
                    product = _product(ProductData.model_validate(change.data))
                    products.append(product)
                    member = None if product.member_price is None else product.member_price.fen
                    pulled[product.sku] = ((product.price.fen, member), change.seq)
                else:
                    self._apply_one(conn, change)
            if products:
                categories = set(conn.execute(select(CategoryRow.code)).scalars())
                unknown = {p.category for p in products} - categories
                for code in unknown:  # the catalog may name a category the page did not carry
                    conn.execute(
                        sqlite_insert(CategoryRow.__table__)
                        .values(code=code, name=code, points_eligible=True, sort=99)
                        .on_conflict_do_nothing()
                    )
                before = prices_of(conn, list(pulled))
                # eligibility is not stored per product: reads join the category
                upsert_products(conn, products, move_barcodes=True)
                self.prices.record(conn, pulled, before)
                self.catalog_changed = True
            _set(conn, CURSOR_KEY, next_cursor)

    def _apply_one(self, conn: Connection, change: Change) -> None:
        data = change.data or {}
        if change.kind == "category" and change.op == "upsert":
            c = CategoryData.model_validate(data)
            stmt = sqlite_insert(CategoryRow.__table__).values(**c.model_dump())
            conn.execute(stmt.on_conflict_do_update(index_elements=["code"], set_=c.model_dump()))
            self.catalog_changed = True
        elif change.kind == "product" and change.op == "delete":
            # a product the server removed is deactivated, never deleted: sales refer to it
            deactivate_products(conn, [change.key])
            self.catalog_changed = True
        elif change.kind == "contract" and change.op == "upsert":
            c = ContractData.model_validate(data)
            stmt = sqlite_insert(ContractRow.__table__).values(**c.model_dump())
            conn.execute(
                stmt.on_conflict_do_update(
                    index_elements=["community_id", "effective_from"],
                    set_={"share_bps": c.share_bps, "points_bps": c.points_bps},
                )
            )
            self.contracts_changed = True
        elif change.kind == "revocation":
            if change.op == "upsert":
                r = RevocationData.model_validate(data)
                stmt = sqlite_insert(RevocationRow.__table__).values(**r.model_dump())
                conn.execute(stmt.on_conflict_do_nothing())
            else:
                conn.execute(
                    delete(RevocationRow.__table__).where(RevocationRow.resident_id == change.key)
                )
        elif change.kind == "resident" and change.op == "upsert":
            r = ResidentOut.model_validate(data)
            values = r.model_dump()
            stmt = sqlite_insert(ResidentRow.__table__).values(**values)
            conn.execute(stmt.on_conflict_do_update(index_elements=["resident_id"], set_=values))
        elif change.kind == "membership_key" and change.op == "upsert":
            k = MembershipKeyData.model_validate(data)
            ring = _key_ring(conn)
            ring[k.key_id] = k.public_key
            _set(conn, KEYS_KEY, ",".join(f"{kid}:{key}" for kid, key in sorted(ring.items())))
            self.keys_changed = True
        elif change.kind == "membership_key" and change.op == "delete":
            ring = _key_ring(conn)
            ring.pop(change.key, None)
            _set(conn, KEYS_KEY, ",".join(f"{kid}:{key}" for kid, key in sorted(ring.items())))
            self.keys_changed = True
        elif change.kind == "community" and change.op == "upsert":
            values = CommunityData.model_validate(data).model_dump()
            stmt = sqlite_insert(CommunityRow.__table__).values(**values)
            conn.execute(stmt.on_conflict_do_update(index_elements=["community_id"], set_=values))
        elif change.kind == "notice" and change.op == "upsert":
            self._notice(conn, change.key, data)
        elif change.kind == "promotion":
            self._promotion(conn, change)
        elif change.kind == "event":
            self._event(conn, change)
        elif change.kind == "staff" and change.op == "upsert":
            # the server's argon2 hash, never a PIN; a lockout in progress stays
            upsert_staff(conn, [StaffData.model_validate(data).model_dump()])
        else:
            log.warning("ignoring change %s/%s", change.kind, change.op)

    def _notice(self, conn: Connection, key: str, data: dict[str, object]) -> None:
        """Keep a notice for the manager; one of a kind this till does not know is kept too."""
        try:
            n = NoticeData.model_validate(data)
            values = {"code": n.code, "record_kind": n.record_kind, "record_id": n.record_id}
            at = n.at
        except ValidationError:
            log.warning("notice %s of an unknown form kept as 'unknown'", key)
            values = {"code": "unknown", "record_kind": "", "record_id": ""}
            at = datetime.now(UTC)
        stmt = sqlite_insert(SyncNoticeRow.__table__).values(key=key[:100], at=at, **values)
        conn.execute(stmt.on_conflict_do_nothing(index_elements=["key"]))
        self.notices_changed = True

    def _promotion(self, conn: Connection, change: Change) -> None:
        """Keep a promotion, or end one the server removed; a bad one is skipped."""
        now = datetime.now(UTC)
        if change.op == "delete":
            # kept, ended: a return of an older sale may name it
            self.promotions_changed |= set_status(conn, change.key, "ended", now)
            return
        try:
            data = dict(change.data or {})
            stores, status = data.pop("stores", None), data.pop("status", None)
            if not isinstance(stores, list) or not all(isinstance(s, str) for s in stores):
                raise PosError(ErrorCode.PROMO_INVALID, field="stores")
            if status not in STATUSES:
                raise PosError(ErrorCode.PROMO_INVALID, field="status")
            promo = promotion_from_dict(data)
            if promo.promo_id != change.key:
                raise PosError(ErrorCode.PROMO_INVALID, field="id")
        except PosError as exc:
            reason = f"{exc.code.value}:{exc.params.get('field', '')}"
            log.warning("promotion %s skipped: %s", change.key[:64], reason)
            self.promotions_skipped[change.key[:64]] = reason
            return
        upsert_promotion(
            conn,
            definition=promotion_to_dict(promo),
            stores=stores,
            status=status,
            origin="server",
            created_by="",
            at=now,
        )
        self.promotions_changed = True

    def _event(self, conn: Connection, change: Change) -> None:
        """Keep a tasting event, or cancel one the server removed (its records stay);
        one this till cannot read is skipped with a coded, logged reason."""
        now = datetime.now(UTC)
        if change.op == "delete":
            self.events_changed |= cancel_event(conn, change.key, now)
            return
        try:
            event = event_from_dict(change.data or {})
            if event.event_id != change.key:
                raise PosError(ErrorCode.EVENT_INVALID, field="event_id")
        except PosError as exc:
            reason = f"{exc.code.value}:{exc.params.get('field', '')}"
            log.warning("event %s skipped: %s", change.key[:40], reason)
            self.events_skipped[change.key[:40]] = reason
            return
        upsert_event(conn, event, origin="server", created_by="", at=now)
        self.events_changed = True


def _product(p: ProductData) -> Product:
    full, initials = pinyin_keys(p.name)
    return Product(
        sku=p.sku,
        name=p.name,
        category=p.category,
        price=Money(p.price_fen),
        unit=Unit(p.unit),
        unit_label=p.unit_label,
        member_price=None if p.member_price_fen is None else Money(p.member_price_fen),
        barcodes=tuple(p.barcodes),
        plu=p.plu,
        active=p.active,
        pinyin_full=full,
        pinyin_initials=initials,
    )


def _key_ring(conn: Connection) -> dict[str, str]:
    raw = conn.execute(select(SET.c.value).where(SET.c.key == KEYS_KEY)).scalar() or ""
    ring = {}
    for item in raw.split(","):
        if item.strip():
            kid, _, key = item.partition(":")
            ring[kid.strip()] = key.strip()
    return ring


def _set(conn: Connection, key: str, value: str) -> None:
    stmt = sqlite_insert(SET).values(key=key, value=value)
    conn.execute(stmt.on_conflict_do_update(index_elements=["key"], set_={"value": value}))

"""The price changes a catalog pull from the central server makes, audited in the
transaction that applies them (one page of changes, `sync_repo`), as a catalog
import's are (`services.audit.catalog_imported`).

One `price_change` entry per product whose price or member price the page changed
(old and new, source "sync", the catalog version: the server's change number of
that product), at most MAX_PRICE_ENTRIES of them per pull, and one `catalog_sync`
entry per page that changed a price, counting them all, so a bound never hides how
many there were. A new product changes no price. Only the page's own SKUs are read
back (a page is at most 2,000 products): a pull is as cheap on a 300,000-product
catalog as on the demo's, and no pull ever copies the catalog.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import Connection

from pos_app.persistence.audit_repo import MAX_PRICE_ENTRIES, write_entry

Prices = tuple[int, int | None]  # price, member price (fen)
#: who the entries name: no person changed these prices, the central server's catalog did
ACTOR = "sync"
#: SKUs per IN (...) read: far below SQLite's bound on bound parameters
_CHUNK = 500


def prices_of(conn: Connection, skus: list[str]) -> dict[str, Prices]:
    """The stored prices of these SKUs only (those not in the catalog are left out)."""
    found: dict[str, Prices] = {}
    for start in range(0, len(skus), _CHUNK):
        chunk = skus[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        rows = conn.exec_driver_sql(
            f"SELECT sku, price_fen, member_price_fen FROM products WHERE sku IN ({marks})",
            tuple(chunk),
        )
        found.update({sku: (price, member) for sku, price, member in rows})
    return found


@dataclass
class PullAudit:
    """The audit of one pull's prices: `start` at each pull, `record` at each page."""

    terminal: Callable[[], str] = lambda: ""
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    left: int = field(default=MAX_PRICE_ENTRIES)  # price entries this pull may still write

    def start(self) -> None:
        self.left = MAX_PRICE_ENTRIES

    def record(
        self,
        conn: Connection,
        pulled: Mapping[str, tuple[Prices, int]],
        before: Mapping[str, Prices],
    ) -> int:
        """Inside the page's transaction: `pulled` maps a SKU to its new prices and the
        change's number, `before` holds what was stored. How many prices changed."""
        changed = sorted(s for s, (now, _v) in pulled.items() if s in before and before[s] != now)
        if not changed:
            return 0
        at, terminal = self.clock(), self.terminal()
        shown = changed[: self.left]
        versions = [version for _p, version in pulled.values()]
        write_entry(
            conn,
            at=at,
            terminal=terminal,
            actor=ACTOR,
            kind="catalog_sync",
            subject="central",
            details={
                "products": len(pulled),
                "prices_changed": len(changed),
                "recorded": len(shown),
                "first_version": min(versions),
                "last_version": max(versions),
            },
        )
        for sku in shown:
            (old, old_member), ((new, new_member), version) = before[sku], pulled[sku]
            write_entry(
                conn,
                at=at,
                terminal=terminal,
                actor=ACTOR,
                kind="price_change",
                subject=sku,
                details={
                    "old_fen": old,
                    "new_fen": new,
                    "old_member_fen": old_member,
                    "new_member_fen": new_member,
                    "source": "sync",
                    "version": version,
                },
            )
        self.left -= len(shown)
        return len(changed)

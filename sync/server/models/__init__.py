"""The central database's tables, by domain: typed SQLAlchemy 2 models (the Alembic
revisions mirror them).

Personal data is minimal on purpose: a resident is an opaque id, a community,
a property company and a *masked* name. Money and points are integers (fen).
Everything a till may send twice is keyed by the till's own id under a
UNIQUE constraint, so de-duplication holds however many server processes
share one PostgreSQL.

Importing any table module runs this package first, which loads every one:
`base.Base.metadata` then always holds the whole schema, for Alembic's env.py,
the schema test, and the foreign keys (named by table) of every flush.
"""

from sync.server.models import (
    base,
    bills,
    catalog,
    changes,
    events,
    online,
    orders,
    partners,
    portal,
    promotions,
    resident_web,
    residents,
    settlement,
    shifts,
    terminals,
)

__all__ = [
    "base",
    "bills",
    "catalog",
    "changes",
    "events",
    "online",
    "orders",
    "partners",
    "portal",
    "promotions",
    "resident_web",
    "residents",
    "settlement",
    "shifts",
    "terminals",
]

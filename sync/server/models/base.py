"""What every table of the central database shares: the declarative `Base` (its
metadata is the whole schema once the package has loaded every table module),
aware-UTC times on both back-ends, and the 64-bit autoincrement key."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import BigInteger, DateTime, Integer
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator

#: A 64-bit autoincrement key on PostgreSQL; SQLite needs INTEGER for its rowid alias.
BigId = BigInteger().with_variant(Integer(), "sqlite")


class UtcDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on both back-ends (SQLite stores naive ISO text)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime refused: store UTC")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def aware(moment: Any) -> datetime:
    """A stored time read back where no `UtcDateTime` column types it (a subquery's
    column, an aggregate on SQLite): ISO text or a naive datetime, both UTC."""
    when: datetime = datetime.fromisoformat(moment) if isinstance(moment, str) else moment
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass

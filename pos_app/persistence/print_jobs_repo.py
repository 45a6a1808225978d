"""The durable print queue: jobs are added after their sale is committed, tried
in order, and marked printed, failed (with the error code and when to retry),
or cancelled. Nothing here talks to a printer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, delete, func, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from pos_app.persistence.db import writer
from pos_app.persistence.errors import storage_errors
from pos_app.persistence.print_models import CANCELLED, FAILED, PENDING, PRINTED, PrintJobRow

J = PrintJobRow.__table__


@dataclass(frozen=True, slots=True)
class PrintJob:
    id: int
    job_key: str
    sale_id: str | None
    kind: str
    payload: str
    kick_drawer: bool
    state: str
    created_at: datetime
    attempts: int
    last_error: str | None
    last_attempt_at: datetime | None
    next_attempt_at: datetime | None
    printed_at: datetime | None


_COLUMNS = [J.c[name] for name in PrintJob.__dataclass_fields__]


class PrintJobsRepository:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._writer = writer(engine)  # BEGIN IMMEDIATE for writes

    def add(
        self,
        *,
        job_key: str,
        sale_id: str | None,
        kind: str,
        payload: str,
        kick_drawer: bool,
        now: datetime,
    ) -> int:
        """Queue a job; a job with the same key is kept and its id returned."""
        stmt = (
            sqlite_insert(J)
            .values(
                job_key=job_key,
                sale_id=sale_id,
                kind=kind,
                payload=payload,
                kick_drawer=kick_drawer,
                state=PENDING,
                created_at=now,
                attempts=0,
            )
            .on_conflict_do_nothing(index_elements=["job_key"])
        )
        with storage_errors(), self._writer.begin() as conn:
            conn.execute(stmt)
            return int(conn.execute(select(J.c.id).where(J.c.job_key == job_key)).scalar_one())

    def get(self, job_id: int) -> PrintJob | None:
        with self._engine.connect() as conn:
            row = conn.execute(select(*_COLUMNS).where(J.c.id == job_id)).first()
        return None if row is None else PrintJob(*row)

    def pending(self, limit: int = 100) -> list[PrintJob]:
        """Waiting jobs, oldest first: receipts print in the order of the sales."""
        stmt = select(*_COLUMNS).where(J.c.state == PENDING).order_by(J.c.id).limit(limit)
        with self._engine.connect() as conn:
            return [PrintJob(*row) for row in conn.execute(stmt)]

    def pending_count(self) -> int:
        stmt = select(func.count()).select_from(J).where(J.c.state == PENDING)
        with self._engine.connect() as conn:
            return int(conn.execute(stmt).scalar_one())

    def set_aside_count(self) -> int:
        """Jobs given up because they could not be rendered (state failed)."""
        stmt = select(func.count()).select_from(J).where(J.c.state == FAILED)
        with self._engine.connect() as conn:
            return int(conn.execute(stmt).scalar_one())

    def requeue_set_aside(self) -> int:
        """Put the jobs set aside back in the queue (a retry asked for by hand: the
        settings or the program may have changed since). Returns how many."""
        stmt = update(J).where(J.c.state == FAILED).values(state=PENDING, next_attempt_at=None)
        with storage_errors(), self._writer.begin() as conn:
            done = conn.execute(stmt)
        return int(done.rowcount)

    def for_sale(self, sale_id: str) -> list[PrintJob]:
        stmt = select(*_COLUMNS).where(J.c.sale_id == sale_id).order_by(J.c.id)
        with self._engine.connect() as conn:
            return [PrintJob(*row) for row in conn.execute(stmt)]

    def last_printed_at(self) -> datetime | None:
        with self._engine.connect() as conn:
            value: datetime | None = conn.execute(select(func.max(J.c.printed_at))).scalar()
        return value

    def mark_printed(self, job_id: int, *, now: datetime) -> None:
        self._update(
            job_id,
            state=PRINTED,
            attempts=J.c.attempts + 1,
            last_attempt_at=now,
            printed_at=now,
            next_attempt_at=None,
        )

    def mark_failed(
        self, job_id: int, *, error: str, now: datetime, retry_at: datetime | None
    ) -> None:
        """Record a failed attempt; `retry_at` None gives the job up (state failed)."""
        self._update(
            job_id,
            state=PENDING if retry_at is not None else FAILED,
            attempts=J.c.attempts + 1,
            last_error=error,
            last_attempt_at=now,
            next_attempt_at=retry_at,
        )

    def cancel(self, job_id: int) -> bool:
        with storage_errors(), self._writer.begin() as conn:
            done = conn.execute(
                update(J).where(J.c.id == job_id, J.c.state == PENDING).values(state=CANCELLED)
            )
        return bool(done.rowcount)

    def purge_finished(self, *, before: datetime) -> int:
        """Delete printed, failed and cancelled jobs created before `before`."""
        with storage_errors(), self._writer.begin() as conn:
            done = conn.execute(delete(J).where(J.c.state != PENDING, J.c.created_at < before))
        return int(done.rowcount)

    def _update(self, job_id: int, **values: object) -> None:
        with storage_errors(), self._writer.begin() as conn:
            conn.execute(update(J).where(J.c.id == job_id).values(**values))

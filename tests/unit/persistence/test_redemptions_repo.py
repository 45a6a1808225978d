"""The redemptions granted at this till on a real SQLite file: recorded once per
redemption id, chained with the other money records, append-only, and an edit
behind the till's back named by the chain check."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DatabaseError

from pos_app.core.chain import Break, Problem
from pos_app.persistence.chain_repo import check
from pos_app.persistence.db import open_database
from pos_app.persistence.redemptions_repo import RedemptionRecord, RedemptionsRepository

T0 = datetime(2026, 11, 27, 3, 0, tzinfo=UTC)
RID = "0b8e2f6c-58a7-4d6b-9d0e-9c1f1a3e5d21"


@pytest.fixture
def engine(data_dir: Path):  # type: ignore[no-untyped-def]
    engine = open_database(data_dir)
    yield engine
    engine.dispose()


def record(points: int = 500, redemption_id: str = RID) -> RedemptionRecord:
    return RedemptionRecord(
        redemption_id, "R0001", "B-R0001-2026-11", points, 3200, 1049, "小王", T0
    )


def test_a_redemption_is_recorded_once_and_chained(engine: Engine) -> None:
    repo = RedemptionsRepository(engine)
    assert repo.record(record())
    assert not repo.record(record())  # the same answer again (a retried request)
    assert repo.all() == [record()]
    with engine.connect() as conn:
        links = conn.execute(text("SELECT seq, kind, record_id FROM chain_links")).all()
    assert [tuple(r) for r in links] == [(1, "redemption", RID)]
    assert check(engine) == (None, 1)


def test_a_redemption_cannot_be_changed_and_an_edit_is_named(engine: Engine) -> None:
    repo = RedemptionsRepository(engine)
    repo.record(record())
    with pytest.raises(DatabaseError, match="append-only"), engine.begin() as conn:
        conn.execute(text("UPDATE redemptions SET points = 5"))
    with pytest.raises(DatabaseError, match="append-only"), engine.begin() as conn:
        conn.execute(text("DELETE FROM redemptions"))
    with engine.begin() as conn:  # the triggers dropped, as a forger would
        conn.execute(text("DROP TRIGGER redemptions_no_update"))
        conn.execute(text("UPDATE redemptions SET points = 5"))
    assert check(engine) == (Break(Problem.EDITED, "redemption", RID, 1), 1)


def test_no_redemption_of_zero_points(engine: Engine) -> None:
    from pos_app.core.errors import PosError

    with pytest.raises(PosError):  # the table's CHECK, as a coded storage error
        RedemptionsRepository(engine).record(record(points=0))
    assert RedemptionsRepository(engine).all() == []


def test_revision_0014_goes_down_and_up_again(engine: Engine) -> None:
    from alembic import command

    from pos_app.persistence.db import alembic_config, writer

    def schema() -> set[str]:
        with engine.connect() as conn:
            return set(
                conn.exec_driver_sql(
                    "SELECT name FROM sqlite_master WHERE name LIKE 'redemptions%'"
                    " OR name = 'ix_redemptions_created_at'"
                ).scalars()
            )

    made = {
        "redemptions",
        "ix_redemptions_created_at",
        "redemptions_no_update",
        "redemptions_no_delete",
    }
    assert schema() == made
    cfg = alembic_config(writer(engine))
    command.downgrade(cfg, "0013")
    assert schema() == set()
    command.upgrade(cfg, "0014")
    assert schema() == made
    assert RedemptionsRepository(engine).record(record())

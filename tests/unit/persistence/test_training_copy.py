"""The training database (pos_app.persistence.training_copy): a fresh file with the
catalog tables copied from the real one, which is only read, byte for byte."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from pos_app.app import AppContext
from pos_app.persistence.training_copy import COPIED_TABLES, prepare_training_db
from tests.unit.printing.conftest import WATER, ring_up


def _count(db: Path, table: str) -> int:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return int(conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])
    finally:
        conn.close()


def test_the_catalog_is_copied_and_the_real_file_is_not_touched(
    context: AppContext, data_dir: Path
) -> None:
    ring_up(context, WATER)
    context.engine.dispose()  # the WAL checkpointed: the file holds everything
    real = data_dir / "pos.db"
    digest = hashlib.sha256(real.read_bytes()).hexdigest()
    target = prepare_training_db(data_dir)
    assert hashlib.sha256(real.read_bytes()).hexdigest() == digest
    copy = target / "pos.db"
    for table in COPIED_TABLES:
        assert _count(copy, table) == _count(real, table), table
    assert _count(copy, "products") > 200
    assert (_count(real, "sales"), _count(copy, "sales")) == (1, 0)
    assert (_count(real, "outbox"), _count(copy, "outbox")) == (1, 0)


def test_without_a_real_database_the_training_one_is_empty(tmp_path: Path) -> None:
    target = prepare_training_db(tmp_path)
    assert _count(target / "pos.db", "products") == 0
    assert not (tmp_path / "pos.db").exists()  # nothing made in the real place


def test_the_promotions_are_copied_so_a_trainee_sees_real_prices(
    context: AppContext, data_dir: Path
) -> None:
    from datetime import UTC, datetime

    assert context.promotions is not None
    context.promotions.repo.save(
        definition={"id": "T100", "name": "满100减10", "kind": "threshold",
                    "tiers": [{"min_fen": 10000, "off_fen": 1000}]},
        stores=[], status="active", origin="server", created_by="",
        at=datetime(2026, 3, 1, tzinfo=UTC),
    )  # fmt: skip
    context.engine.dispose()
    target = prepare_training_db(data_dir)
    assert _count(target / "pos.db", "promotions") == 1

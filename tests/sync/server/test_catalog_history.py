"""The catalog's history: a version per change of category, unit or prices, the demo's
from 2026-01-01, a reload that changes nothing writes nothing, and "as it stood at t"."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text

from sync.server import catalog_history
from sync.server.catalog import load_catalog
from sync.server.catalog_history import Version, at, in_force_between
from sync.server.changelog import ChangeLog
from sync.server.db import Database, alembic_config, upgrade, writer
from sync.server.models.catalog import Product, ProductVersion
from sync.server.seed import DEMO_CATALOG, JAN_2026

NOW = datetime.now(UTC).replace(microsecond=0)
#: NOW is each test's own moment (conftest `fresh_now`), not the collection's
pytestmark = pytest.mark.usefixtures("fresh_now")


def _versions(db: Database, sku: str) -> list[tuple[datetime, int, int | None]]:
    with db.read() as session:
        return [
            (v.effective_from, v.price_fen, v.member_price_fen)
            for v in catalog_history.history(session, [sku]).get(sku, [])
        ]


def test_the_demo_catalog_has_one_version_per_product_since_january(db: Database) -> None:
    with db.read() as session:
        products = session.scalar(select(func.count()).select_from(Product))
        versions = session.execute(
            select(func.count(), func.min(ProductVersion.effective_from),
                   func.max(ProductVersion.effective_from))
        ).one()  # fmt: skip
    assert products and tuple(versions) == (products, JAN_2026, JAN_2026)
    assert _versions(db, "YC-WAT-0001") == [(JAN_2026, 200, 190)]


def test_a_load_writes_a_version_only_for_what_changed(db: Database, tmp_path: Path) -> None:
    def load(path: Path, when: datetime) -> None:
        with db.write() as session:
            changes = ChangeLog()
            assert load_catalog(session, path=path, now=when, changes=changes).ok
            changes.flush(session, now=when)

    load(DEMO_CATALOG, NOW - timedelta(days=1))  # the same file again: nothing new
    with db.read() as session:
        before = session.scalar(select(func.count()).select_from(ProductVersion))
    changed = tmp_path / "catalog.csv"
    rows = DEMO_CATALOG.read_text(encoding="utf-8").splitlines()
    changed.write_text(
        "\n".join(
            r.replace(",128.00,,,1", ",138.00,,,1") if r.startswith("YC-TEA-0002,") else r
            for r in rows
        )
        + "\n",
        encoding="utf-8",
    )
    load(changed, NOW)
    with db.read() as session:
        after = session.scalar(select(func.count()).select_from(ProductVersion))
    assert before is not None and after == before + 1
    assert _versions(db, "YC-TEA-0002") == [(JAN_2026, 12800, None), (NOW, 13800, None)]
    with db.read() as session:
        tea = catalog_history.history(session, ["YC-TEA-0002"])["YC-TEA-0002"]
    stood = [at(tea, t) for t in (JAN_2026 - timedelta(seconds=1), NOW - timedelta(seconds=1), NOW)]
    assert [v.price_fen if v else None for v in stood] == [None, 12800, 13800]


def _v(day: int, price: int) -> Version:
    return Version("S", datetime(2026, 3, day, tzinfo=UTC), "tea", "piece", price, None, True)


def test_versions_in_force_during_a_period() -> None:
    history = [_v(1, 100), _v(10, 110), _v(20, 120)]
    day = lambda d: datetime(2026, 3, d, tzinfo=UTC)  # noqa: E731
    assert [v.price_fen for v in in_force_between(history, day(5), day(15))] == [100, 110]
    assert [v.price_fen for v in in_force_between(history, day(10), day(10))] == [110]
    assert [v.price_fen for v in in_force_between(history, day(21), day(25))] == [120]
    assert in_force_between(history, datetime(2026, 2, 1, tzinfo=UTC), day(1)) == [_v(1, 100)]
    assert in_force_between(history, datetime(2026, 1, 1, tzinfo=UTC), day(1) - timedelta(1)) == []


def test_the_migration_gives_an_existing_catalog_its_first_version(tmp_path: Path) -> None:
    from alembic import command

    engine = create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    command.upgrade(alembic_config(writer(engine)), "0001")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO categories VALUES ('tea', '茶叶', 1, 0)"))
        conn.execute(text(
            "INSERT INTO products (sku, name, category, unit, unit_label, active, pinyin_full, "
            "pinyin_initials, updated_at) VALUES ('T1', '茶', 'tea', 'piece', '盒', 1, '', '', "
            "'2026-05-01 00:00:00')"
        ))  # fmt: skip
        conn.execute(text(
            "INSERT INTO prices VALUES ('T1', 5000, 4500, '2026-06-01 08:00:00')"
        ))  # fmt: skip
    upgrade(engine)
    db = Database(str(engine.url))
    try:
        assert _versions(db, "T1") == [(datetime(2026, 6, 1, 8, tzinfo=UTC), 5000, 4500)]
    finally:
        db.dispose()
        engine.dispose()


def test_the_revision_goes_down_and_up_again_on_sqlite(tmp_path: Path) -> None:
    from alembic import command

    engine = create_engine(f"sqlite:///{tmp_path / 'round.db'}")
    cfg = alembic_config(writer(engine))
    try:
        command.upgrade(cfg, "0002")
        command.downgrade(cfg, "0001")
        with engine.connect() as conn:
            sql = conn.execute(text("SELECT sql FROM sqlite_master WHERE name = 'changes'"))
            assert "AUTOINCREMENT" in sql.scalar_one()  # seqs are still never reused
            tables = set(
                conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'")).scalars()
            )
        assert "product_versions" not in tables and "review_items" not in tables
        command.upgrade(cfg, "0002")
    finally:
        engine.dispose()

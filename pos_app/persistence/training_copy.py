"""A training database: a fresh `pos.db` under `<data_dir>/training/`, with the
catalog, the promotions and the resident cache of the real one copied in.

The real database is attached READ-ONLY (`mode=ro`) for the copy and never
opened for writing, so preparing a training session cannot change it. Only the
tables named in `COPIED_TABLES` are copied (columns both sides have); sales,
refunds, the outbox, the points ledger, print jobs and whatever a later
revision adds start empty. The credential (keys/credential.json) and the
terminal key stay where they are: a training till cannot reach the server.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from urllib.parse import quote

from pos_app.persistence.db import DB_FILENAME, open_database

TRAINING_DIR = "training"
#: what a trainee needs to sell for real: products, prices, barcodes, categories,
#: the store's settings, and the residents, contracts and revocations for members
COPIED_TABLES = (
    "staff",  # a trainee signs in as at the counter (PIN hashes only)
    "categories",
    "products",
    "product_barcodes",
    "settings",
    "communities",
    "contracts",
    "residents",
    "revocations",
    "promotions",  # a trainee rings up the prices the customer would pay
)


def training_dir(data_dir: Path) -> Path:
    return data_dir / TRAINING_DIR


def prepare_training_db(data_dir: Path) -> Path:
    """A fresh training data directory (the last session's practice is dropped)."""
    target = training_dir(data_dir)
    if target.exists():
        shutil.rmtree(target)
    engine = open_database(target)  # the same migrations: the same schema
    engine.dispose()
    real = data_dir / DB_FILENAME
    if not real.exists():
        return target
    conn = sqlite3.connect(f"file:{quote(str(target / DB_FILENAME))}", uri=True)
    try:
        conn.execute("ATTACH DATABASE ? AS real", (f"file:{quote(str(real))}?mode=ro",))
        with conn:
            for table in COPIED_TABLES:
                _copy(conn, table)
        conn.execute("DETACH DATABASE real")
    finally:
        conn.close()
    return target


def _columns(conn: sqlite3.Connection, schema: str, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f'PRAGMA {schema}.table_info("{table}")')]


def _copy(conn: sqlite3.Connection, table: str) -> None:
    ours, theirs = _columns(conn, "main", table), set(_columns(conn, "real", table))
    shared = ", ".join(f'"{c}"' for c in ours if c in theirs)
    if not shared:
        return
    conn.execute(f'DELETE FROM main."{table}"')  # a migration may seed defaults
    conn.execute(f'INSERT INTO main."{table}" ({shared}) SELECT {shared} FROM real."{table}"')

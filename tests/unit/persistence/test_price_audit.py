"""The read-back of a pull's prices (pos_app/persistence/price_audit.py): only the SKUs
asked for, in chunks of bound parameters, those not in the catalog left out. The
audit entries themselves are tested against the real server in
tests/sync/test_price_pull_audit_live.py."""

from __future__ import annotations

import pytest

from pos_app.app import AppContext
from pos_app.persistence import price_audit


def test_prices_of_reads_the_asked_skus_across_chunks(
    context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(price_audit, "_CHUNK", 2)  # five SKUs: three reads
    skus = ["YC-WAT-0001", "YC-WAT-0002", "NOT-THERE", "YC-WAT-0004", "YC-WAT-0003"]
    with context.engine.connect() as conn:
        found = price_audit.prices_of(conn, skus)
    assert found == {
        "YC-WAT-0001": (200, 190),
        "YC-WAT-0002": (4200, None),
        "YC-WAT-0003": (3600, None),
        "YC-WAT-0004": (450, 420),
    }

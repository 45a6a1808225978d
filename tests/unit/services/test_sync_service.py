"""The sync service as the till builds it (pos_app.app.build_context): a catalog
pull from a real HTTP server on 127.0.0.1 reaches the search the cashier types
into, without a restart, because the pull rebuilds the search index."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pos_app.app import AppContext
from pos_app.persistence import credentials
from tests.unit.sync_client.canned_server import NOW, Answer, CannedServer

SKU = "HF-GEGEN-01"
GEGEN = {
    "sku": SKU,
    "name": "鹤峰 野生葛根粉 500g",  # pinyin: hefeng yeshenggegenfen, initials hfysggf
    "category": "dry",
    "unit": "piece",
    "unit_label": "袋",
    "price_fen": 3980,
    "barcodes": ["6941234500017"],
}


def page(changes: list[dict[str, Any]], next_cursor: str) -> Answer:
    return 200, {"changes": changes, "next_cursor": next_cursor, "more": False, "server_time": NOW}


def catalog_feed(cursor: str, limit: int) -> Answer:
    """Page 1 adds the product; page 2 (after cursor "1") withdraws it."""
    if cursor == "":
        return page([{"seq": 1, "kind": "product", "op": "upsert", "key": SKU, "data": GEGEN}], "1")
    if cursor == "1":
        return page([{"seq": 2, "kind": "product", "op": "delete", "key": SKU}], "2")
    return page([], cursor)


def enroll(data_dir: Path, server: CannedServer) -> None:
    credentials.save(data_dir, credentials.Credential(server.url, "token", "T-unit"))


def skus(context: AppContext, query: str) -> list[str]:
    return [p.sku for p in context.catalog.search(query)]


def test_a_pulled_product_is_found_by_pinyin_without_a_restart(
    context: AppContext, data_dir: Path
) -> None:
    assert skus(context, "hfysggf") == []  # the index is built now, over the demo catalog
    with CannedServer(changes=catalog_feed) as server:
        enroll(data_dir, server)
        status = context.sync.sync_once()
    assert (status.error, status.pulled) == (None, 1)
    assert skus(context, "hfysggf") == [SKU]  # pinyin initials
    assert skus(context, "gegenfen") == [SKU]  # full pinyin
    assert context.catalog.by_barcode("6941234500017").sku == SKU  # type: ignore[union-attr]


def test_a_product_withdrawn_by_a_pull_leaves_the_search(
    context: AppContext, data_dir: Path
) -> None:
    with CannedServer(changes=catalog_feed) as server:
        enroll(data_dir, server)
        context.sync.sync_once()
        assert skus(context, "hfysggf") == [SKU]
        status = context.sync.sync_once()
    assert (status.error, status.pulled) == (None, 1)
    assert skus(context, "hfysggf") == []

"""The catalog service's search index: built once and saved, loaded at the next start
while the catalog is unchanged, rebuilt when it changed or the file is damaged."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from pos_app.app import build_context
from pos_app.persistence.search_cache import CACHE_FILENAME

NEW_PRODUCT = (
    "sku,barcodes,name,category,unit,price,member_price,plu,active\n"
    "YC-TEA-0900,6941234500901,葛根粉 礼盒,tea,盒,88.00,,,1\n"
)


def how_built(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        r.getMessage().split()[2]
        for r in caplog.records
        if r.name == "pos_app.catalog" and r.getMessage().startswith("search index ")
    ]


def skus_for(data_dir: Path, query: str) -> list[str]:
    context = build_context(data_dir)
    try:
        return [p.sku for p in context.catalog.search(query)]
    finally:
        context.close()


def test_the_index_is_saved_then_loaded_at_the_next_start(
    data_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    build_context(data_dir, demo=True).close()
    with caplog.at_level(logging.INFO, logger="pos_app.catalog"):
        first = skus_for(data_dir, "玉露")
        second = skus_for(data_dir, "玉露")
    assert first == second and first  # the demo catalog has 恩施玉露
    assert how_built(caplog) == ["built", "loaded"]
    assert (data_dir / CACHE_FILENAME).exists()


def test_a_changed_catalog_is_rebuilt_at_the_next_start(
    data_dir: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    build_context(data_dir, demo=True).close()
    assert skus_for(data_dir, "ggflh") == []  # built and saved without the new product
    csv = tmp_path / "new.csv"
    csv.write_text(NEW_PRODUCT, encoding="utf-8")
    importer = build_context(data_dir)  # another process, say the command line
    assert importer.import_catalog(csv).ok
    importer.close()
    with caplog.at_level(logging.INFO, logger="pos_app.catalog"):
        assert skus_for(data_dir, "ggflh") == ["YC-TEA-0900"]
    assert how_built(caplog) == ["built"]


def test_an_import_in_the_running_till_rebuilds_its_index(data_dir: Path, tmp_path: Path) -> None:
    context = build_context(data_dir, demo=True)
    try:
        assert context.catalog.search("ggflh") == []
        csv = tmp_path / "new.csv"
        csv.write_text(NEW_PRODUCT, encoding="utf-8")
        assert context.import_catalog(csv).ok
        assert [p.sku for p in context.catalog.search("ggflh")] == ["YC-TEA-0900"]
    finally:
        context.close()


def test_a_damaged_index_file_is_rebuilt_and_answers_right(
    data_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    build_context(data_dir, demo=True).close()
    expected = skus_for(data_dir, "茶")
    path = data_dir / CACHE_FILENAME
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    with caplog.at_level(logging.INFO, logger="pos_app.catalog"):
        assert skus_for(data_dir, "茶") == expected
    assert how_built(caplog) == ["built"]
    assert "CRC" in caplog.text

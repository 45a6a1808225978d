"""The saved search index: used only at its own generation, never trusted when damaged,
written atomically and privately, and never a reason for an error."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

import pytest

from pos_app.core.search import SearchEntry, SearchIndex
from pos_app.persistence.search_cache import CACHE_FILENAME, SearchIndexCache

ENTRIES = [
    SearchEntry(1, "T-1", "恩施玉露", ("6901234567892",), "enshiyulu", "esyl"),
    SearchEntry(2, "T-2", "利川红茶", (), "lichuanhongcha", "lchc"),
]


@pytest.fixture
def cache(tmp_path: Path) -> SearchIndexCache:
    return SearchIndexCache(tmp_path)


def test_a_saved_index_loads_at_its_generation_only(cache: SearchIndexCache) -> None:
    assert cache.load(1) is None  # nothing saved yet
    assert cache.save(SearchIndex(ENTRIES), 5)
    loaded = cache.load(5)
    assert loaded is not None
    assert [h.product_id for h in loaded.search("茶")] == [2]
    assert [h.product_id for h in loaded.search("esyl")] == [1]
    assert cache.load(4) is None
    assert cache.load(6) is None


def test_the_file_is_private_and_no_temporary_file_is_left(
    cache: SearchIndexCache, tmp_path: Path
) -> None:
    cache.save(SearchIndex(ENTRIES), 1)
    assert stat.S_IMODE(os.stat(tmp_path / CACHE_FILENAME).st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == [CACHE_FILENAME]


def test_a_damaged_file_is_ignored_with_a_warning(
    cache: SearchIndexCache, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    cache.save(SearchIndex(ENTRIES), 3)
    path = tmp_path / CACHE_FILENAME
    data = bytearray(path.read_bytes())
    data[-3] ^= 0xFF
    path.write_bytes(bytes(data))
    with caplog.at_level(logging.WARNING, logger="pos_app.persistence"):
        assert cache.load(3) is None
    assert "CRC" in caplog.text
    path.write_bytes(b"not an index at all")
    assert cache.load(3) is None


def test_a_cache_that_cannot_be_written_is_only_logged(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    cache = SearchIndexCache(tmp_path / "missing-dir")
    with caplog.at_level(logging.WARNING, logger="pos_app.persistence"):
        assert cache.save(SearchIndex(ENTRIES), 1) is False
    assert "not saved" in caplog.text
    assert cache.load(1) is None


def test_a_new_save_replaces_the_old_file(cache: SearchIndexCache) -> None:
    cache.save(SearchIndex(ENTRIES[:1]), 1)
    cache.save(SearchIndex(ENTRIES), 2)
    assert cache.load(1) is None
    loaded = cache.load(2)
    assert loaded is not None and len(loaded) == 2
    cache.discard()
    assert cache.load(2) is None

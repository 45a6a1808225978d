"""Finding products: by scanned code, by SKU or PLU, and by text search."""

from __future__ import annotations

import logging
import threading
from time import perf_counter

from pos_app.core.catalog import Product
from pos_app.core.search import SearchIndex
from pos_app.persistence.catalog_repo import CatalogRepository
from pos_app.persistence.search_cache import SearchIndexCache

log = logging.getLogger("pos_app.catalog")


class CatalogService:
    def __init__(self, repo: CatalogRepository, cache: SearchIndexCache | None = None) -> None:
        self.repo = repo
        self._cache = cache
        self._index: SearchIndex | None = None
        self._lock = threading.Lock()

    def index(self) -> SearchIndex:
        """The search index: loaded from the saved file when that was built from the
        catalog as it is now, else built (seconds at 300,000 products) and saved."""
        with self._lock:
            if self._index is None:
                generation = self.repo.generation()
                started = perf_counter()
                index = None if self._cache is None else self._cache.load(generation)
                how = "loaded"
                if index is None:
                    index, generation = self.repo.search_snapshot(SearchIndex.from_source)
                    how = "built"
                    if self._cache is not None:
                        self._cache.save(index, generation)
                log.info(
                    "search index %s over %d products in %.2f s",
                    how,
                    len(index),
                    perf_counter() - started,
                )
                self._index = index
            return self._index

    def rebuild_index(self) -> None:
        """Call after an import; the next search builds a fresh index."""
        with self._lock:
            self._index = None

    def search(self, text: str, limit: int = 50) -> list[Product]:
        hits = self.index().search(text, limit=limit)
        return self.repo.by_ids([h.product_id for h in hits])

    def by_barcode(self, code: str) -> Product | None:
        return self.repo.by_barcode(code)

    def by_plu(self, plu: str) -> Product | None:
        return self.repo.by_plu(plu)

    def by_sku(self, sku: str) -> Product | None:
        return self.repo.by_sku(sku)

    def by_id(self, product_id: int) -> Product | None:
        return self.repo.by_id(product_id)

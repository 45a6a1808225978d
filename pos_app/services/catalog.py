"""Finding products: by scanned code, by SKU or PLU, and by text search."""

from __future__ import annotations

import logging
import threading

from pos_app.core.catalog import Product
from pos_app.core.search import SearchIndex
from pos_app.persistence.catalog_repo import CatalogRepository

log = logging.getLogger("pos_app.catalog")


class CatalogService:
    def __init__(self, repo: CatalogRepository) -> None:
        self.repo = repo
        self._index: SearchIndex | None = None
        self._lock = threading.Lock()

    def index(self) -> SearchIndex:
        with self._lock:
            if self._index is None:
                self._index = SearchIndex(self.repo.search_entries())
                log.info("search index built over %d products", len(self._index))
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

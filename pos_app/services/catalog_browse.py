"""The product grid's data: categories and pages of product tiles (id, name,
price, member price, an optional image), as plain dataclasses for the UI.

Images are optional files `<data_dir>/images/<SKU>.png` (or `.jpg`); a product
without one is shown as text only.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pos_app.core.catalog import Unit
from pos_app.core.money import Money
from pos_app.persistence.catalog_browse import CatalogBrowseRepository, ProductRecord

IMAGE_SUFFIXES = (".png", ".jpg")


@dataclass(frozen=True)
class GridCategory:
    code: str
    name: str


@dataclass(frozen=True)
class GridProduct:
    id: int
    name: str
    price: Money
    member_price: Money | None  # shown only when it is below the price
    weighed: bool  # the price is per kg
    image: Path | None


@dataclass(frozen=True)
class GridPage:
    products: list[GridProduct]
    total: int  # active products in the category, for "more"


class CatalogBrowseService:
    def __init__(self, repo: CatalogBrowseRepository, images_dir: Path) -> None:
        self.repo = repo
        self.images_dir = images_dir

    def categories(self) -> list[GridCategory]:
        return [GridCategory(c.code, c.name) for c in self.repo.categories()]

    def page(self, category: str, *, offset: int = 0, limit: int = 60) -> GridPage:
        records = self.repo.products(category, offset=offset, limit=limit)
        return GridPage([self._tile(r) for r in records], self.repo.count(category))

    def _tile(self, record: ProductRecord) -> GridProduct:
        member = record.member_price_fen
        lower = member is not None and member < record.price_fen
        return GridProduct(
            id=record.id,
            name=record.name,
            price=Money(record.price_fen),
            member_price=Money(member) if lower and member is not None else None,
            weighed=record.unit == Unit.KG.value,
            image=self.image_of(record.sku),
        )

    def image_of(self, sku: str) -> Path | None:
        # a SKU is a file name only if it cannot climb out of the images folder
        if not sku or "/" in sku or "\\" in sku or sku.startswith("."):
            return None
        for suffix in IMAGE_SUFFIXES:
            path = self.images_dir / (sku + suffix)
            if path.is_file():
                return path
        return None

"""Categories that hold active products, and a category's products paged by name."""

from __future__ import annotations

from dataclasses import replace

from pos_app.app import AppContext
from pos_app.persistence.catalog_browse import CatalogBrowseRepository


def _repo(ctx: AppContext) -> CatalogBrowseRepository:
    return CatalogBrowseRepository(ctx.engine)


def test_categories_only_with_active_products(context: AppContext) -> None:
    repo = _repo(context)
    codes = [c.code for c in repo.categories()]
    assert codes[:3] == ["water", "grain", "tea"]
    # deactivate every product of one category: the category leaves the grid
    products = [context.catalog.by_id(r.id) for r in repo.products("soup", limit=1000)]
    context.catalog.repo.upsert([replace(p, active=False) for p in products if p is not None])
    assert "soup" not in [c.code for c in repo.categories()]
    assert repo.count("soup") == 0 and repo.products("soup") == []


def test_products_paged_by_name_without_overlap(context: AppContext) -> None:
    repo = _repo(context)
    total = repo.count("water")
    assert total == 17
    first = repo.products("water", offset=0, limit=10)
    rest = repo.products("water", offset=10, limit=10)
    assert len(first) == 10 and len(rest) == 7
    names = [r.name for r in first + rest]
    assert names == sorted(names)
    assert len({r.id for r in first + rest}) == 17


def test_inactive_product_is_not_listed(context: AppContext) -> None:
    repo = _repo(context)
    record = repo.products("water", limit=1)[0]
    product = context.catalog.by_id(record.id)
    assert product is not None
    context.catalog.repo.upsert([replace(product, active=False)])
    assert record.id not in [r.id for r in repo.products("water", limit=100)]
    assert repo.count("water") == 16

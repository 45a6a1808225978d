"""What the portal's promotions pages read beside the promotions themselves
(`promotions.list_promotions`): the stores and categories by name, the names of the
products a definition names, and each store promotion's store and approver."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.server.models.catalog import Category, Product
from sync.server.models.partners import StaffMember, Store
from sync.server.models.promotions import Promotion


def names(session: Session) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """The stores (code, name) by code, and the categories' names by code."""
    stores = [
        (c, n) for c, n in session.execute(select(Store.code, Store.name).order_by(Store.code))
    ]
    categories = {
        code: name
        for code, name in session.execute(
            select(Category.code, Category.name).order_by(Category.sort, Category.code)
        )
    }
    return stores, categories


def product_names(session: Session, definitions: list[dict[str, Any]]) -> dict[str, str]:
    """The names of the products these definitions name (scopes, bundles), by SKU."""
    skus: set[str] = set()
    for d in definitions:
        skus.update(d.get("scope", {}).get("skus", []))
        skus.update(p["sku"] for p in d.get("bundle", []))
    if not skus:
        return {}
    found = session.execute(select(Product.sku, Product.name).where(Product.sku.in_(skus)))
    return {sku: name for sku, name in found}


def origins(session: Session) -> dict[str, tuple[str, str]]:
    """Each store promotion's store and approver (by name when the server knows them)."""
    rows = session.execute(
        select(Promotion.id, Promotion.store_code, Promotion.approver, StaffMember.name)
        .outerjoin(StaffMember, StaffMember.id == Promotion.approver)
        .where(Promotion.origin == "store")
    )
    return {pid: (store or "", name or approver or "") for pid, store, approver, name in rows}

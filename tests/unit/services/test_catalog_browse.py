"""Grid tiles: plain dataclasses with prices, member price only when lower,
and an image file found by SKU."""

from __future__ import annotations

from pos_app.app import AppContext
from pos_app.core.money import Money


def test_tiles_carry_price_member_price_and_weighed(context: AppContext) -> None:
    page = context.browse.page("water", limit=3)
    assert page.total == 17
    small = next(p for p in page.products if p.name == "农夫山泉 饮用天然水 550ml")
    assert (small.price, small.member_price, small.weighed, small.image) == (
        Money(200),
        Money(190),
        False,
        None,
    )
    fresh = context.browse.page("fresh", limit=50).products
    assert fresh and all(p.weighed for p in fresh if "散称" in p.name)


def test_image_by_sku_png_or_jpg(context: AppContext) -> None:
    tile = context.browse.page("tea", limit=1).products[0]
    product = context.catalog.by_id(tile.id)
    assert product is not None
    images = context.data_dir / "images"
    images.mkdir()
    (images / f"{product.sku}.jpg").write_bytes(b"\xff\xd8\xff")
    assert context.browse.page("tea", limit=1).products[0].image == images / f"{product.sku}.jpg"
    (images / f"{product.sku}.png").write_bytes(b"\x89PNG")
    assert context.browse.page("tea", limit=1).products[0].image == images / f"{product.sku}.png"
    assert context.browse.image_of("../secret") is None

"""Hypothesis strategies for the promotion tests: small carts over a few SKUs and
categories (so promotions meet them often), and promotions of every kind."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import strategies as st

from pos_app.core.catalog import Unit
from pos_app.core.money import Money
from pos_app.core.promotions import (
    PromoContext,
    PromoKind,
    PromoLine,
    Promotion,
    Scope,
    Tier,
)

SKUS = {
    "TEA": "tea",
    "TEA2": "tea",
    "RICE": "grain",
    "OIL": "grain",
    "WATER": "water",
    "PORK": "fresh",
}
CATEGORIES = sorted(set(SKUS.values()))
WEDNESDAY = datetime(2026, 3, 4, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai

prices = st.integers(1, 30_000)


@st.composite
def lines(draw: st.DrawFn, min_size: int = 1, max_size: int = 6) -> list[PromoLine]:
    """A cart: distinct line numbers 1…n; PORK is weighed (grams), the rest pieces."""
    count = draw(st.integers(min_size, max_size))
    out = []
    for line_no in range(1, count + 1):
        sku = draw(st.sampled_from(sorted(SKUS)))
        if sku == "PORK":
            out.append(
                PromoLine(
                    line_no, sku, "fresh", Money(draw(prices)), draw(st.integers(1, 5000)), Unit.KG
                )
            )
        else:
            eligible = draw(st.booleans())
            out.append(
                PromoLine(
                    line_no,
                    sku,
                    SKUS[sku],
                    Money(draw(prices)),
                    draw(st.integers(1, 6)),
                    points_eligible=eligible,
                )
            )
    return out


@st.composite
def scopes(draw: st.DrawFn) -> Scope:
    choice = draw(st.integers(0, 2))
    if choice == 0:
        return Scope()
    if choice == 1:
        return Scope(categories=frozenset(draw(st.sets(st.sampled_from(CATEGORIES), min_size=1))))
    return Scope(skus=frozenset(draw(st.sets(st.sampled_from(sorted(SKUS)), min_size=1))))


@st.composite
def tiers(draw: st.DrawFn) -> tuple[Tier, ...]:
    mins = sorted(draw(st.sets(st.integers(100, 100_000), min_size=1, max_size=3)))
    offs = sorted(draw(st.sets(st.integers(1, 100), min_size=len(mins), max_size=len(mins))))
    return tuple(Tier(m, min(m, o * m // 100 or 1)) for m, o in zip(mins, offs, strict=True))


@st.composite
def promotions(draw: st.DrawFn, promo_id: str | None = None) -> Promotion:
    kind = draw(st.sampled_from(list(PromoKind)))
    pid = promo_id or draw(st.sampled_from("ABCDEFGH"))
    common = {
        "promo_id": pid,
        "name": f"promo {pid}",
        "kind": kind,
        "priority": draw(st.integers(-2, 2)),
        "exclusive": draw(st.booleans()),
        "members_only": draw(st.booleans()),
    }
    scope = draw(scopes())
    if kind is PromoKind.PERCENT_OFF:
        return Promotion(**common, scope=scope, percent_bps=draw(st.integers(1, 10_000)))
    if kind is PromoKind.AMOUNT_OFF:
        return Promotion(**common, scope=scope, amount_fen=draw(st.integers(1, 5_000)))
    if kind is PromoKind.SPECIAL_PRICE:
        return Promotion(**common, scope=scope, price_fen=draw(st.integers(0, 20_000)))
    if kind is PromoKind.BUY_N_GET_M:
        return Promotion(
            **common, scope=scope, buy=draw(st.integers(1, 3)), get=draw(st.integers(1, 2))
        )
    if kind is PromoKind.NTH_PERCENT:
        return Promotion(
            **common,
            scope=scope,
            nth=draw(st.integers(2, 3)),
            percent_bps=draw(st.integers(1, 10_000)),
        )
    if kind is PromoKind.BUNDLE:
        skus = draw(
            st.sets(
                st.sampled_from(["TEA", "TEA2", "RICE", "OIL", "WATER"]), min_size=1, max_size=3
            )
        )
        bundle = tuple(sorted((s, draw(st.integers(1, 2))) for s in skus))
        return Promotion(**common, bundle=bundle, price_fen=draw(st.integers(0, 40_000)))
    return Promotion(**common, scope=scope, tiers=draw(tiers()))


@st.composite
def promotion_sets(draw: st.DrawFn, max_size: int = 5) -> list[Promotion]:
    ids = draw(st.lists(st.sampled_from("ABCDEFGH"), unique=True, max_size=max_size))
    return [draw(promotions(promo_id=i)) for i in ids]


@st.composite
def contexts(draw: st.DrawFn) -> PromoContext:
    moment = WEDNESDAY + timedelta(hours=draw(st.integers(0, 24 * 7)))
    return PromoContext(moment, member=draw(st.booleans()))

"""Re-pricing a 200-line cart with 500 active promotions, against the bare sum.

    .venv/bin/python benchmarks/bench_promotions.py [--samples 300] [--seed 1]

Pure core, no Qt, no database. A catalog of 2,000 products over the default
categories (a tenth weighed, priced per kg); a cart of 200 distinct products
(1-5 pieces, or 200-2,000 g); 500 promotions, all in force at the moment of
the sale: 75 each of percent off, amount off and special price, 75 buy N get
M, 50 Nth item, 75 bundles of 2-3 products, 75 满减 of which 5 on the whole
order and the rest on a category or on 1-20 products (as every scoped kind: a
fifth on a category, the rest on 1-20 SKUs); a tenth exclusive (each an
alternative priced alone), a fifth members-only (the sale is a member's, so
they count), half with a date-and-hours window that holds.

`PromoBook` is built once, as when promotions sync down (its time is shown
apart); each sample is one `price(cart, book, context)`, the call a scan would
make, timed by the wall clock, then again by this process's CPU clock (on a
shared machine the wall time also counts other programs' turns). The bare
limit is summing the 200 lines' amounts with no promotions, in the same run.
No assertion: the table says PASS or FAIL against p95 < 10 ms.
"""

from __future__ import annotations

import argparse
import platform
import random
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from time import process_time_ns

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_stats import NS_PER_MS, Row, Table, percentiles, time_ms, verdict

from pos_app.core.catalog import Unit
from pos_app.core.categories import DEFAULT_CATEGORIES
from pos_app.core.money import Money
from pos_app.core.promo_engine import PromoBook, price
from pos_app.core.promotions import (
    PromoContext,
    PromoKind,
    PromoLine,
    Promotion,
    Scope,
    Tier,
    Window,
)

MOMENT = datetime(2026, 3, 4, 6, 30, tzinfo=UTC)  # Wednesday 14:30 in Shanghai
CATEGORIES = [c.code for c in DEFAULT_CATEGORIES if c.points_eligible]


def cpu_ms(fn: Callable[[], object]) -> float:
    """CPU time of one call (this process): the cost without other programs' turns
    on a shared machine; the wall time above is what a cashier would wait."""
    t0 = process_time_ns()
    fn()
    return (process_time_ns() - t0) / NS_PER_MS


def catalog(rnd: random.Random, size: int = 2_000) -> list[tuple[str, str, int, Unit]]:
    out = []
    for i in range(size):
        category = rnd.choice(CATEGORIES)
        unit = Unit.KG if rnd.random() < 0.1 else Unit.PIECE
        out.append((f"SKU{i:05d}", category, rnd.randint(100, 30_000), unit))
    return out


def cart(rnd: random.Random, products: list[tuple[str, str, int, Unit]]) -> list[PromoLine]:
    lines = []
    for line_no, (sku, category, fen, unit) in enumerate(rnd.sample(products, 200), start=1):
        qty = rnd.randint(200, 2_000) if unit is Unit.KG else rnd.randint(1, 5)
        lines.append(PromoLine(line_no, sku, category, Money(fen), qty, unit))
    return lines


def promotions(rnd: random.Random, products: list[tuple[str, str, int, Unit]]) -> list[Promotion]:
    skus = [p[0] for p in products]
    window = Window(start_date=date(2026, 3, 1), end_date=date(2026, 3, 31), start_minute=540)
    out: list[Promotion] = []
    kinds = (
        [PromoKind.PERCENT_OFF] * 75
        + [PromoKind.AMOUNT_OFF] * 75
        + [PromoKind.SPECIAL_PRICE] * 75
        + [PromoKind.BUY_N_GET_M] * 75
        + [PromoKind.NTH_PERCENT] * 50
        + [PromoKind.BUNDLE] * 75
        + [PromoKind.THRESHOLD] * 75
    )
    for i, kind in enumerate(kinds):
        common = {
            "promo_id": f"P{i:04d}",
            "name": f"促销{i}",
            "priority": rnd.randint(0, 5),
            "exclusive": rnd.random() < 0.1,
            "members_only": rnd.random() < 0.2,
            "window": window if rnd.random() < 0.5 else Window(),
        }
        if rnd.random() < 0.2:
            scope = Scope(categories=frozenset({rnd.choice(CATEGORIES)}))
        else:
            scope = Scope(skus=frozenset(rnd.sample(skus, rnd.randint(1, 20))))
        if kind.per_line:
            params = {
                PromoKind.PERCENT_OFF: {"percent_bps": rnd.randint(500, 3_000)},
                PromoKind.AMOUNT_OFF: {"amount_fen": rnd.randint(50, 2_000)},
                PromoKind.SPECIAL_PRICE: {"price_fen": rnd.randint(100, 20_000)},
            }[kind]
            out.append(Promotion(**common, kind=kind, scope=scope, **params))  # type: ignore[arg-type]
        elif kind is PromoKind.BUY_N_GET_M:
            out.append(
                Promotion(
                    **common,
                    kind=kind,
                    scope=scope,  # type: ignore[arg-type]
                    buy=rnd.randint(1, 3),
                    get=1,
                )
            )
        elif kind is PromoKind.NTH_PERCENT:
            out.append(
                Promotion(
                    **common,
                    kind=kind,
                    scope=scope,  # type: ignore[arg-type]
                    nth=2,
                    percent_bps=5_000,
                )
            )
        elif kind is PromoKind.BUNDLE:
            parts = tuple(
                sorted((s, rnd.randint(1, 2)) for s in rnd.sample(skus, rnd.randint(2, 3)))
            )
            out.append(
                Promotion(
                    **common,
                    kind=kind,
                    bundle=parts,  # type: ignore[arg-type]
                    price_fen=rnd.randint(1_000, 30_000),
                )
            )
        else:
            # a store runs a few whole-order 满减 at once, the rest on categories or products
            everything = i % 15 == 0
            low = rnd.randint(50, 300) * 100
            tiers = (Tier(low, low // 10), Tier(low * 2, low // 4))
            out.append(
                Promotion(
                    **common,
                    kind=kind,  # type: ignore[arg-type]
                    scope=Scope() if everything else scope,
                    tiers=tiers,
                )
            )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rnd = random.Random(args.seed)
    products = catalog(rnd)
    lines = cart(rnd, products)
    promos = promotions(rnd, products)
    context = PromoContext(MOMENT, member=True)
    build_ms, book = time_ms(lambda: PromoBook(promos))
    candidates, _ = book.touching(sorted(lines, key=lambda ln: (ln.key, ln.line_no)), context)
    result = price(lines, book, context)
    for _ in range(20):  # warm-up
        price(lines, book, context)
        sum(ln.gross.fen for ln in lines)
    priced = [time_ms(lambda: price(lines, book, context))[0] for _ in range(args.samples)]
    cpu = [cpu_ms(lambda: price(lines, book, context)) for _ in range(args.samples)]
    bare = [time_ms(lambda: sum(ln.gross.fen for ln in lines))[0] for _ in range(args.samples)]
    unindexed = [
        time_ms(lambda: price(lines, promos, context))[0] for _ in range(max(args.samples // 3, 2))
    ]
    p, b, u, c = percentiles(priced), percentiles(bare), percentiles(unindexed), percentiles(cpu)
    table = Table()
    table.add(
        Row(
            "re-price 200 lines, 500 promotions (PromoBook)",
            "ms",
            p["p50"],
            p["p95"],
            p["p99"],
            "p95 < 10 ms",
            verdict(p["p95"] < 10),
            f"{len(candidates)} promotions meet the cart, "
            f"{sum(c.exclusive for c in candidates)} exclusive alternatives",
        )
    )
    table.add(
        Row(
            "the same call, CPU time of this process",
            "ms",
            c["p50"],
            c["p95"],
            c["p99"],
            "–",
            note="what the wall time is when the machine is quiet",
        )
    )
    table.add(
        Row("bare: sum of the 200 lines' amounts", "ms", b["p50"], b["p95"], b["p99"], "reference")
    )
    table.add(
        Row(
            "ratio re-price / bare",
            "×",
            p["p50"] / b["p50"],
            p["p95"] / b["p95"],
            p["p99"] / b["p99"],
        )
    )
    table.add(
        Row(
            "re-price, book built in the call",
            "ms",
            u["p50"],
            u["p95"],
            u["p99"],
            "–",
            note=f"PromoBook alone {build_ms:.2f} ms",
        )
    )
    print(
        f"Python {platform.python_version()}, {args.samples} samples, seed {args.seed}; "
        f"cart ¥{result.gross.plain()} → ¥{result.total.plain()}, "
        f"{len(result.totals)} promotions applied"
        + (f" (exclusive {result.exclusive})" if result.exclusive else "")
    )
    print(table.markdown())


if __name__ == "__main__":
    main()

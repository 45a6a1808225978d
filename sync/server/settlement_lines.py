"""The relational figures of a stored sale's lines and of a refund's lines.

One function each, used both by the push path (`push_sales`, `push_refunds`) and by
migration 0016's backfill of the orders stored before it, so that the two cannot
disagree. No database here: the caller gives what the server decided (the lines
that earn, the promotions' nets, the points) and gets the rows to insert.

* `net_fen`: the line's amount less its share of the 抹零, spread as the till and
  `push_sales` spread it (largest remainder over the non-negative amounts): the
  nets of a sale add up to what was paid, `total_fen − rounding_fen`.
* `eligible_fen`: what the line adds to the order's `eligible_fen`: its net, or
  the server's promotion net less the 抹零 share when that is lower, for a line that
  earns; else 0.
* `points`: the order's `points_server` spread over its earning lines in
  proportion to `eligible_fen` (largest remainder), so the lines add up to it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from pos_app.core.rounding import spread
from sync.protocol.payloads import RefundPayload, SalePayload
from sync.server import points as pts


def earning_set(
    earning_lines: str | None, sale: SalePayload, categories: Mapping[str, bool]
) -> set[int]:
    """The sale lines that earned: as stored by the server's checks, or (an order stored
    before those checks, NULL) by the old rule of `points.line_is_eligible`."""
    if earning_lines is None:
        return {ln.line_no for ln in sale.lines if pts.line_is_eligible(ln, categories)}
    return {int(n) for n in earning_lines.split(",") if n}


def _safe_amount(line: Any) -> int:
    try:
        return pts.line_amount(line)
    except pts.AmountOutOfRange:
        return 0


def sale_line_figures(
    sale: SalePayload,
    *,
    earning: set[int],
    points: int,
    nets: Mapping[int, int] | None = None,
) -> dict[int, dict[str, Any]]:
    """line_no → the settlement columns of `order_lines` for each non-voided line."""
    live = [ln for ln in sale.lines if not ln.voided]
    amounts = [_safe_amount(ln) for ln in live]
    positive = [max(a, 0) for a in amounts]
    rounding = min(sale.rounding_fen, sum(positive))  # checked on push; never raises here
    shares = spread(rounding, positive)
    eligible: list[int] = []
    for line, amount, share in zip(live, amounts, shares, strict=True):
        if line.line_no in earning:
            paid = (
                amount
                if nets is None or line.line_no not in nets
                else min(amount, nets[line.line_no])
            )
            eligible.append(max(paid - share, 0))
        else:
            eligible.append(0)
    spent = min(max(points, 0), sum(eligible))
    line_points = spread(spent, eligible)
    return {
        line.line_no: {
            "promo_saving_fen": sum(p.saving_fen for p in line.promotions),
            "eligible": line.line_no in earning,
            "net_fen": amount - share,
            "eligible_fen": fen,
            "points": pt,
        }
        for line, amount, share, fen, pt in zip(
            live, amounts, shares, eligible, line_points, strict=True
        )
    }


def refund_line_rows(
    refund: RefundPayload,
    *,
    earning: set[int],
    clawed: int,
    created_at: datetime,
) -> list[dict[str, Any]]:
    """The rows of `refund_lines`: a line's eligible amount is its amount when the sale
    line earned (as `push_refunds._refund_eligible` counts it); the clawback is spread
    over them. Two lines of one refund naming the same sale line are summed."""
    merged: dict[int, list[int]] = {}
    for rl in refund.lines:
        qty_fen = merged.setdefault(rl.line_no, [0, 0])
        qty_fen[0] += rl.quantity
        qty_fen[1] += rl.amount_fen
    numbers = sorted(merged)
    eligible = [merged[n][1] if n in earning else 0 for n in numbers]
    clawed_lines = spread(min(max(clawed, 0), sum(eligible)), eligible)
    return [
        {
            "refund_id": refund.refund_id,
            "line_no": n,
            "sale_id": refund.sale_id,
            "created_at": created_at,
            "quantity": merged[n][0],
            "amount_fen": merged[n][1],
            "eligible_fen": e,
            "clawed_points": c,
        }
        for n, e, c in zip(numbers, eligible, clawed_lines, strict=True)
    ]

"""A pushed sale: validated, judged, recomputed by the server, stored once, points credited.

The till's figures are never believed: each line is checked against the
catalog history (`line_check`), the sale's time and member are judged
(`sale_trust`), and the points are the server's own. A sale whose points
cannot be trusted yet is stored with them HELD for review; a line nothing
explains earns nothing and is listed for review. Promotions a till applied are
re-priced with the server's own definitions (`promo_check`); each stored line is
kept in `order_lines` (by the server's category) for the promotions' reports; a sale
naming a tasting event is credited to it when the server agrees (`push_events`).
"""

from __future__ import annotations

from pydantic import ValidationError
from sqlalchemy import insert, select

from pos_app.core.money import MAX_FEN
from pos_app.core.rounding import allowed_roundings, spread
from sync.protocol.codes import ItemFlag, RejectReason
from sync.protocol.payloads import SaleLine, SalePayload
from sync.protocol.push import OutboxItem
from sync.server import ledger
from sync.server import points as pts
from sync.server.catalog_history import Version
from sync.server.chain_check import check_chain
from sync.server.crud import insert_ignore
from sync.server.line_check import LineVerdict, check_line, check_open_price, gross_fen
from sync.server.models.orders import Order
from sync.server.models.promotions import OrderLine
from sync.server.promo_check import PromoVerdict, claims_promotions, record_uses, reprice
from sync.server.push_common import Batch, Duplicate, Reject, conflict, flag, same_position
from sync.server.push_events import attribute_sale
from sync.server.review import add_review
from sync.server.sale_trust import Judgement, judge
from sync.server.settlement_lines import sale_line_figures


def apply_sale(batch: Batch, item: OutboxItem, payload_text: str) -> list[str]:
    """Store the sale once; credit (or hold) the SERVER's points figure; return its flags."""
    try:
        sale = SalePayload.model_validate(item.payload)
    except ValidationError as exc:
        raise Reject(RejectReason.INVALID_PAYLOAD) from exc
    t = batch.terminal
    if item.aggregate_id != sale.sale_id:
        raise Reject(RejectReason.AGGREGATE_MISMATCH)
    if sale.store_code != t.store_code or sale.terminal_code != t.terminal_code:
        raise Reject(RejectReason.WRONG_TERMINAL)
    _already_stored(batch, item, sale.sale_id)
    try:
        pts.check_amounts(sale)
        paid = pts.paid_fen(sale)
    except pts.AmountOutOfRange as exc:
        raise Reject(RejectReason.AMOUNT_OUT_OF_RANGE) from exc
    _check_rounding(batch, sale, paid)

    judgement = judge(batch, sale)
    eligible, earning, line_flags, categories, promo = _check_lines(batch, item, sale, judgement)
    version = judgement.contract
    server_points = pts.points(eligible, version) if judgement.resident_id else 0
    held = bool(judgement.hold)
    inserted = insert_ignore(
        batch.session,
        Order,
        {
            "sale_id": sale.sale_id,
            "receipt_no": sale.receipt_no,
            "terminal_id": t.id,
            "store_code": t.store_code,
            "community_id": t.community_id,
            "created_at": sale.created_at,
            "received_at": batch.now,
            "total_fen": sale.total_fen,
            "rounding_fen": sale.rounding_fen,
            "eligible_fen": eligible,
            "earning_lines": ",".join(str(n) for n in earning),
            "refunded_eligible_fen": 0,
            "member_id": sale.member.resident_id if sale.member else None,
            # nobody holds the points of a held sale until a manager releases them
            "resident_id": None if held else judgement.resident_id,
            "contract_id": version.id if version else None,
            "points_terminal": sale.points,
            "points_server": server_points,
            "payload": payload_text,
        },
        ["sale_id"],
    )
    if not inserted:
        _already_stored(batch, item, sale.sale_id)  # a concurrent push of the same id
        raise Duplicate
    flags = [f.value for f in (*judgement.hold, *judgement.flags)] + line_flags
    _store_lines(batch, sale, categories, set(earning), server_points, promo)
    flags += attribute_sale(batch, sale)
    if promo is not None:
        flags += record_uses(batch, item, sale, promo)
    flags += check_chain(batch, item, "sale", sale.sale_id, sale.chain)
    if paid != sale.total_fen:
        flags.append(ItemFlag.TOTAL_MISMATCH.value)
    if server_points != sale.points:
        # policy: accept, flag for the manager, and credit the SERVER's figure
        flags.append(ItemFlag.POINTS_MISMATCH.value)
        flag(batch, item, "sale", sale.sale_id, sale.points, server_points, {
            "eligible_terminal": sale.eligible_fen,
            "eligible_server": eligible,
            "contract_server": None if version is None else [version.share_bps, version.points_bps],
            "contract_terminal": None
            if sale.contract is None
            else [sale.contract.share_bps, sale.contract.points_bps],
            "member_earns": judgement.resident_id is not None,
        })  # fmt: skip
    if held:
        add_review(
            batch,
            item,
            kind="hold",
            source_id=sale.sale_id,
            line_no=0,
            code=",".join(f.value for f in judgement.hold),
            resident_id=judgement.resident_id,
            points=server_points,
            detail={
                "sale_time": sale.created_at.isoformat(),
                "trusted_time": judgement.trusted_at.isoformat(),
                "member": sale.member.resident_id if sale.member else None,
            },
        )
    elif judgement.resident_id and server_points:
        ledger.add_ledger(
            batch.session,
            resident_id=judgement.resident_id,
            kind="earn",
            points=server_points,
            source_kind="sale",
            source_id=sale.sale_id,
            sale_id=sale.sale_id,
            now=batch.now,
        )
        batch.deltas[judgement.resident_id] += server_points
    return list(dict.fromkeys(flags))


def _check_rounding(batch: Batch, sale: SalePayload, lines_fen: int) -> None:
    """抹零 is believed only as the server recomputes it: what rounding the lines'
    total down to a whole 角 or 元 gives (less than one unit, never the whole total),
    and with `rounding_cash_only` only on a sale paid all in cash."""
    rounding = sale.rounding_fen
    if rounding == 0:
        return
    if rounding not in allowed_roundings(lines_fen):
        raise Reject(
            RejectReason.INVALID_PAYLOAD,
            "payload.rounding_fen",
            f"{rounding} is not what rounding the lines' total {lines_fen} down to a "
            "whole jiao or yuan takes off",
        )
    if batch.policy.rounding_cash_only and any(p.kind != "cash" for p in sale.payments):
        raise Reject(
            RejectReason.INVALID_PAYLOAD,
            "payload.rounding_fen",
            "rounding applies only to a sale paid all in cash",
        )


def _already_stored(batch: Batch, item: OutboxItem, sale_id: str) -> None:
    """Duplicate when this till position stored the sale; a conflict when another did."""
    owner = batch.session.scalar(select(Order.terminal_id).where(Order.sale_id == sale_id))
    if owner is None:
        return
    if same_position(batch, owner):
        raise Duplicate
    conflict(batch, item, "sale", sale_id, owner)


def _check_lines(
    batch: Batch, item: OutboxItem, sale: SalePayload, judgement: Judgement
) -> tuple[int, list[int], list[str], dict[int, str], PromoVerdict | None]:
    """The eligible amount by the server's catalog (and promotions), the lines that
    earn, the flags of the lines it refused, each line's server category, and the
    re-pricing of the promotions the till claimed (None: it claimed none)."""
    live = [ln for ln in sale.lines if not ln.voided]
    history = batch.history(ln.sku for ln in live if not ln.open_price)
    try:
        # what was paid for each line: its amount less its share of the 抹零, spread
        # as the till spreads it (pos_app.core.points.net_amounts)
        amounts = [pts.line_amount(ln) for ln in live]
    except pts.AmountOutOfRange as exc:
        raise Reject(RejectReason.AMOUNT_OUT_OF_RANGE) from exc
    # checked: less than the lines' total; a line below zero (a forged discount, flagged
    # and earning nothing) carries no share, so the others' weights still cover it
    shares = spread(sale.rounding_fen, [max(a, 0) for a in amounts])
    # a resident the till named (found by phone) may have had the member price or a
    # member promotion: that lowers what they earn, never raises it; the points are
    # held for review all the same
    member = judgement.member_verified or judgement.resident_id is not None
    verdicts = [_verdict(batch, ln, history, judgement, member) for ln in live]
    categories = {
        ln.line_no: v.category or ln.category for ln, v in zip(live, verdicts, strict=True)
    }
    promo = None
    if claims_promotions(sale):
        promo = reprice(batch, sale, live, categories, when=judgement.trusted_at, member=member)
    eligible, earning, flags = 0, [], []
    for line, amount, share, verdict in zip(live, amounts, shares, verdicts, strict=True):
        codes = [f.value for f in verdict.flags]
        if promo is not None and line.line_no in promo.unexplained:
            codes.append(ItemFlag.PROMOTION_UNEXPLAINED.value)
        if codes:
            flags.extend(codes)
            detail = {
                **verdict.detail,
                "sku": line.sku,
                "category_terminal": line.category,
                "unit_price": line.unit_price,
                "quantity": line.quantity,
                "fixed_amount": line.fixed_amount,
                "discount": line.discount,
                "open_price": line.open_price,
            }
            if promo is not None and line.line_no in promo.unexplained:
                detail["promotions"] = promo.unexplained[line.line_no]
            add_review(
                batch,
                item,
                kind="line",
                source_id=sale.sale_id,
                line_no=line.line_no,
                code=",".join(codes),
                resident_id=None,
                points=0,
                detail=detail,
            )
        elif verdict.eligible:
            # points on the server's net: never on more than the till says was paid
            paid = amount if promo is None else min(amount, promo.nets[line.line_no])
            eligible += max(paid - share, 0)
            earning.append(line.line_no)
    if eligible > MAX_FEN:
        raise Reject(RejectReason.AMOUNT_OUT_OF_RANGE)
    return eligible, earning, flags, categories, promo


def _verdict(
    batch: Batch,
    line: SaleLine,
    history: dict[str, list[Version]],
    judgement: Judgement,
    member: bool,
) -> LineVerdict:
    if line.open_price:
        return check_open_price(
            line, categories=batch.categories, limit_fen=batch.policy.open_price_limit_fen
        )
    return check_line(
        line,
        history.get(line.sku, []),
        when=judgement.trusted_at,
        grace=batch.policy.catalog_grace,
        member=member,
        categories=batch.categories,
    )


def _store_lines(
    batch: Batch,
    sale: SalePayload,
    categories: dict[int, str],
    earning: set[int],
    server_points: int,
    promo: PromoVerdict | None,
) -> None:
    """The sale's live lines, as paid: for the sales-uplift report of promotions, and
    with the settlement's figures (net of 抹零, eligible, points: `settlement_lines`)."""
    figures = sale_line_figures(
        sale, earning=earning, points=server_points, nets=None if promo is None else promo.nets
    )
    rows = [
        {
            "sale_id": sale.sale_id,
            "line_no": ln.line_no,
            "store_code": batch.terminal.store_code,
            "created_at": sale.created_at,
            "sku": ln.sku,
            "category": categories.get(ln.line_no, ln.category),
            "quantity": ln.quantity,
            "amount_fen": max(gross_fen(ln) - ln.discount, 0),
            **figures[ln.line_no],
        }
        for ln in sale.lines
        if not ln.voided
    ]
    batch.session.execute(insert(OrderLine), rows)

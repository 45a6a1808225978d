"""Server-side recomputation of a sale's eligible amount and points.

The till's figures are never believed: the server prices every line again
with the till's own arithmetic (`pos_app.core.cart.CartLine.amount`, so a
weighed line rounds exactly as at the counter), takes the eligibility of the
line's category from ITS catalog, and the contract version in force at the
sale time for the store's community from ITS contract table.

The lines themselves are checked against the catalog history before they
count (`line_check`); `line_is_eligible` remains for orders stored before
those checks: not voided, the till said points-eligible, and the server
knows the category and it is eligible (an unknown category earns nothing).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos_app.core.cart import CartLine
from pos_app.core.money import MAX_FEN, Money
from pos_app.core.points import Contract, clawback, points_for
from sync.protocol.payloads import SaleLine, SalePayload
from sync.server.models.catalog import Category
from sync.server.models.partners import ContractVersion


class AmountOutOfRange(ValueError):
    """An amount beyond what Money holds: a corrupt or hostile payload."""


def line_amount(line: SaleLine) -> int:
    """What the customer paid for the line, in fen (gross − discount)."""
    try:
        # the promotions a line names are judged apart (promo_check): the amount is the same
        return CartLine.from_dict(line.model_dump(exclude={"promotions"})).amount.fen
    except Exception as exc:  # PosError(AMOUNT_OVERFLOW), ValueError from Unit()
        raise AmountOutOfRange(line.line_no) from exc


def line_is_eligible(line: SaleLine, categories: Mapping[str, bool]) -> bool:
    return not line.voided and line.points_eligible and categories.get(line.category, False)


def check_amounts(sale: SalePayload) -> None:
    for value in (sale.subtotal_fen, sale.discount_fen, sale.total_fen, sale.eligible_fen):
        if abs(value) > MAX_FEN:
            raise AmountOutOfRange(value)
    if sale.points > MAX_FEN:
        raise AmountOutOfRange(sale.points)


def paid_fen(sale: SalePayload) -> int:
    """Sum of the non-voided lines: should equal the sale's total_fen."""
    return sum(line_amount(ln) for ln in sale.lines if not ln.voided)


def category_eligibility(session: Session) -> dict[str, bool]:
    return {c: bool(e) for c, e in session.execute(select(Category.code, Category.points_eligible))}


def contract_versions(session: Session, community_id: str) -> list[ContractVersion]:
    stmt = select(ContractVersion).where(ContractVersion.community_id == community_id)
    return list(session.scalars(stmt))


def version_at(versions: Sequence[ContractVersion], when: datetime) -> ContractVersion | None:
    """The version in force (latest effective_from ≤ when), as pos_app.core.points.contract_at."""
    in_force = [v for v in versions if v.effective_from <= when]
    return max(in_force, key=lambda v: v.effective_from, default=None)


def as_contract(version: ContractVersion | None) -> Contract | None:
    if version is None:
        return None
    return Contract(
        version.community_id, version.effective_from, version.share_bps, version.points_bps
    )


def points(eligible: int, version: ContractVersion | None) -> int:
    return points_for(Money(eligible), as_contract(version))


def clawback_points(kept_before: int, kept_after: int, version: ContractVersion | None) -> int:
    """Recompute on what remains and take back the difference (never more than earned)."""
    return clawback(Money(kept_before), Money(kept_after), as_contract(version))

"""The settlement of one community and one month with its property company.

`compute` sums every source of joint revenue (`SOURCES`: the showroom's tills and
the online shop) by the contract version in force at each
sale's time, and adds the points figures of the ledger and the redemptions:

* gross sales (what customers paid, after 抹零), refunds, net joint revenue;
* the eligible amount (net of refunds), the property company's share;
* points issued, clawed back, redeemed against property-fee bills in the month,
  and the outstanding liability (the community's residents' balances) at its end;
* adjustments: records of this month that concern an earlier one (see
  `settlement_period`).

The share's rule (docs/settlement.md): per month and contract version,
`floor(net × share_bps / 10000)` (floor toward −∞ on a negative net) and the
versions' shares summed. Amounts are integer 分, points integers.

The result is a plain JSON document (`document`); `settlement_close` freezes and
signs it. A month not yet closed is computed live and marked provisional.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sync.server.models.partners import Community, ContractVersion
from sync.server.models.residents import LedgerEntry, Redemption, Resident
from sync.server.models.settlement import ClosedSettlement
from sync.server.settlement_online import ONLINE
from sync.server.settlement_period import Close, Period, month_window
from sync.server.settlement_sources import SHOWROOM, Source, SourceFigures, VersionSums

BPS = 10_000
#: the sources of joint revenue, in the order the document lists them
SOURCES: tuple[Source, ...] = (SHOWROOM, ONLINE)
SHARE_RULE = "floor(net_fen * share_bps / 10000) per contract version and month, summed"


class UnknownCommunity(LookupError):
    """No community has this code."""


@dataclass(frozen=True, slots=True)
class Settlement:
    """The figures of a community's month, and the JSON document they are published as."""

    document: dict[str, Any]

    @property
    def provisional(self) -> bool:
        return bool(self.document["provisional"])


def period_for(
    session: Session, *, community_id: str, month: str, as_of: datetime | None
) -> Period:
    """The month's window and the community's OTHER closes (made before `as_of`)."""
    since, until = month_window(month)
    rows = session.execute(
        select(ClosedSettlement.month, ClosedSettlement.closed_at).where(
            ClosedSettlement.community_id == community_id, ClosedSettlement.month != month
        )
    ).all()
    closes = tuple(
        Close(m, *month_window(m), closed_at)
        for m, closed_at in sorted(rows)
        if as_of is None or closed_at < as_of
    )
    return Period(month, since, until, as_of, closes)


def compute(
    session: Session,
    *,
    community_id: str,
    month: str,
    as_of: datetime | None = None,
    sources: tuple[Source, ...] = SOURCES,
) -> Settlement:
    """The month's figures, live (`as_of` None: provisional) or as of a close."""
    community = session.get(Community, community_id)
    if community is None:
        raise UnknownCommunity(f"unknown community {community_id}")
    period = period_for(session, community_id=community_id, month=month, as_of=as_of)
    versions = list(
        session.scalars(
            select(ContractVersion)
            .where(ContractVersion.community_id == community_id)
            .order_by(ContractVersion.effective_from)
        )
    )
    found = [
        s.figures(session, community_id=community_id, period=period, versions=versions)
        for s in sources
    ]
    redeemed, liability = _points_of_residents(session, community_id, period)
    document = _document(community, period, versions, found, redeemed, liability)
    return Settlement(document)


def _points_of_residents(session: Session, community_id: str, period: Period) -> tuple[int, int]:
    """Points the community's residents redeemed in the month, and their balances at
    its end (the sum of their ledger: the points still owed, the liability)."""
    limit = [] if period.as_of is None else [Redemption.created_at <= period.as_of]
    redeemed = session.execute(
        select(func.coalesce(func.sum(Redemption.points), 0))
        .join(Resident, Resident.id == Redemption.resident_id)
        .where(
            Resident.community_id == community_id,
            Redemption.created_at >= period.since,
            Redemption.created_at < period.until,
            *limit,
        )
    ).scalar_one()
    limit = [] if period.as_of is None else [LedgerEntry.created_at <= period.as_of]
    liability = session.execute(
        select(func.coalesce(func.sum(LedgerEntry.points), 0))
        .join(Resident, Resident.id == LedgerEntry.resident_id)
        .where(
            Resident.community_id == community_id,
            LedgerEntry.created_at < period.until,
            *limit,
        )
    ).scalar_one()
    return int(redeemed), int(liability)


def share_fen(net_fen: int, share_bps: int) -> int:
    """The property company's share of a net amount: floor, never in its favour."""
    return net_fen * share_bps // BPS


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat().replace("+00:00", "Z")


def _document(
    community: Community,
    period: Period,
    versions: list[ContractVersion],
    found: list[SourceFigures],
    redeemed: int,
    liability: int,
) -> dict[str, Any]:
    by_id = {v.id: v for v in versions}
    merged: dict[int | None, VersionSums] = {}
    for figures in found:
        for vid, sums in figures.by_version.items():
            into = merged.setdefault(vid, VersionSums())
            into.orders += sums.orders
            into.sales_fen += sums.sales_fen
            into.eligible_fen += sums.eligible_fen
            into.refunds_fen += sums.refunds_fen
            into.refunded_eligible_fen += sums.refunded_eligible_fen
    contracts: list[dict[str, Any]] = []
    for vid in sorted(merged, key=lambda i: (i is None, i or 0)):
        sums, version = merged[vid], by_id.get(vid) if vid is not None else None
        net = sums.sales_fen - sums.refunds_fen
        contracts.append({
            "version_id": vid,
            "effective_from": _iso(version.effective_from) if version else None,
            "share_bps": version.share_bps if version else 0,
            "points_bps": version.points_bps if version else 0,
            "orders": sums.orders,
            "sales_fen": sums.sales_fen,
            "refunds_fen": sums.refunds_fen,
            "net_fen": net,
            "eligible_fen": sums.eligible_fen - sums.refunded_eligible_fen,
            "share_fen": share_fen(net, version.share_bps) if version else 0,
        })  # fmt: skip
    sources = [
        {
            "source": f.source,
            "orders": sum(s.orders for s in f.by_version.values()),
            "sales_fen": sum(s.sales_fen for s in f.by_version.values()),
            "refunds_fen": sum(s.refunds_fen for s in f.by_version.values()),
            "eligible_fen": sum(
                s.eligible_fen - s.refunded_eligible_fen for s in f.by_version.values()
            ),
            "points_issued": f.points_issued,
            "points_clawed_back": f.points_clawed_back,
        }
        for f in found
    ]
    sales = sum(c["sales_fen"] for c in contracts)
    refunds = sum(c["refunds_fen"] for c in contracts)
    issued = sum(f.points_issued for f in found)
    clawed = sum(f.points_clawed_back for f in found)
    return {
        "community_id": community.id,
        "community_name": community.name,
        "property_company_id": community.property_company_id,
        "month": period.month,
        "since": _iso(period.since),
        "until": _iso(period.until),
        "as_of": _iso(period.as_of),
        "provisional": period.as_of is None,
        "orders": sum(c["orders"] for c in contracts),
        "gross_sales_fen": sales,
        "refunds_fen": refunds,
        "net_revenue_fen": sales - refunds,
        "eligible_fen": sum(c["eligible_fen"] for c in contracts),
        "share_fen": sum(c["share_fen"] for c in contracts),
        "share_rule": SHARE_RULE,
        "points_issued": issued,
        "points_clawed_back": clawed,
        "points_net": issued - clawed,
        "points_redeemed": redeemed,
        "points_liability": liability,
        "contracts": contracts,
        "sources": sources,
        "adjustments": [a.as_dict() for f in found for a in f.adjustments],
    }

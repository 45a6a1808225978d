"""Points of an online order, by the showroom's contract rules and the server's functions.

The same rules as a sale at the counter (sync.server.points, sync.server.ledger):
the eligible amount is what was paid for lines of a points-eligible category
(the server's category at the order's time); the contract is the version in
force at the order's time for the community the order is ATTRIBUTED to; only a
resident of the property company running that community, not revoked by then,
earns; points are `floor(eligible × share × points / 10^8)`; a refund recomputes
on what remains and takes back the difference. One ledger entry per source
(`online_order` / `online_refund` and the shop's id): a repeat credits nothing.

An order placed by no geofence, or by several, earns nothing until an operator
attributes it; then it earns on what remains of it (refunds made meanwhile
are already out of its eligible amount).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.server import ledger
from sync.server import points as pts
from sync.server.changelog import ChangeLog
from sync.server.models.online import OnlineOrder
from sync.server.models.partners import Community, ContractVersion
from sync.server.models.residents import Resident, Revocation

ORDER_SOURCE = "online_order"
REFUND_SOURCE = "online_refund"


def resident_earns(
    session: Session, *, resident_id: str | None, community_id: str, when: datetime
) -> bool:
    """The resident belongs to the company running the community and was not revoked by then."""
    if resident_id is None:
        return False
    resident = session.get(Resident, resident_id)
    community = session.get(Community, community_id)
    if resident is None or community is None:
        return False
    if resident.property_company_id != community.property_company_id:
        return False
    revoked = session.scalar(
        select(Revocation.revoked_at).where(Revocation.resident_id == resident_id)
    )
    return revoked is None or revoked > when


def credit_order(session: Session, *, order: OnlineOrder, now: datetime) -> int:
    """Once the order has its community: its contract, who earns, and the points credited."""
    assert order.community_id is not None
    versions = pts.contract_versions(session, order.community_id)
    version = pts.version_at(versions, order.created_at)
    order.contract_id = version.id if version is not None else None
    earns = resident_earns(
        session,
        resident_id=order.resident_id,
        community_id=order.community_id,
        when=order.created_at,
    )
    order.earner_id = order.resident_id if earns else None
    kept = order.eligible_fen - order.refunded_eligible_fen
    points = pts.points(kept, version) if earns else 0
    order.points = points
    if points and order.earner_id is not None:
        _move(session, order.earner_id, points, "earn", ORDER_SOURCE, order.order_id, now)
    return points


def claw_back(
    session: Session, *, order: OnlineOrder, refund_id: str, eligible_fen: int, now: datetime
) -> int:
    """Points a refund of `eligible_fen` takes back from the order's earner (0: none held)."""
    kept_before = order.eligible_fen - order.refunded_eligible_fen
    order.refunded_eligible_fen += eligible_fen
    if order.earner_id is None or order.community_id is None:
        return 0  # nobody holds points of it (yet): the attribution earns on what remains
    version = session.get(ContractVersion, order.contract_id) if order.contract_id else None
    clawed = pts.clawback_points(kept_before, kept_before - eligible_fen, version)
    order.points -= clawed
    if clawed:
        _move(session, order.earner_id, -clawed, "clawback", REFUND_SOURCE, refund_id, now)
    return clawed


def _move(
    session: Session,
    resident_id: str,
    points: int,
    kind: str,
    source_kind: str,
    source_id: str,
    now: datetime,
) -> None:
    """One ledger entry, the cached balance moved and logged for the tills, in this
    transaction (the order's own row guards against a second credit)."""
    if not ledger.add_ledger(
        session,
        resident_id=resident_id,
        kind=kind,
        points=points,
        source_kind=source_kind,
        source_id=source_id,
        sale_id=None,
        now=now,
    ):
        return
    changes = ChangeLog()
    ledger.apply_balances(session, deltas={resident_id: points}, changes=changes, now=now)
    changes.flush(session, now=now)

"""An order pushed by the online shop: checked, priced by the server, attributed, stored once.

The shop's figures are claims, as a till's are. Each line is built into the
till's own line type and judged by the showroom's checks (`line_check.check_line`:
the SKU known at the order's time, the server's category and unit, a catalog
price (or member price, for a named resident) of the grace period, a discount
no larger than the line); its amount is the till's arithmetic
(`points.line_amount`). An order the server cannot explain is REFUSED with a
coded 4xx naming the field (`OnlineRefused`), never stored half-believed: the
shop has a person to fix it, a till at the counter does not.

Idempotent by the shop's order id: the same body again gets the same answer
(the order as stored now), another body under that id `409 id_conflict`. Two
identical pushes racing each other both get the one stored order
(`crud.insert_ignore`: the second waits for the first and inserts nothing).

The delivery point is converted to WGS-84 when given in GCJ-02
(`pos_app.core.gcj02`), then placed among the geofences (`geo`); points are
credited only once the order has a community (`online_points`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from pydantic import BaseModel, ValidationError
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from pos_app.core.gcj02 import to_wgs84
from sync.protocol.codes import ErrorCode, ItemFlag
from sync.protocol.online import OnlineLineOut, OnlineOrderOut
from sync.protocol.online import OnlineOrder as OrderIn
from sync.protocol.payloads import SaleLine
from sync.server import catalog_history, geo, online_points
from sync.server import points as pts
from sync.server.crud import insert_ignore
from sync.server.line_check import check_line
from sync.server.models.online import OnlineOrder, OnlineOrderLine
from sync.server.models.residents import Resident
from sync.server.push_common import Policy


class OnlineRefused(Exception):
    """A coded refusal naming the field (`lines[2].unit_price_fen`); the API's 4xx."""

    def __init__(self, status: int, code: ErrorCode, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.status = status
        self.code = code
        self.field = field
        self.message = f"{field}: {message}"


def body_hash(body: BaseModel) -> str:
    """The sha256 of a body's canonical JSON (fields in declared order, times in UTC)."""
    return hashlib.sha256(body.model_dump_json().encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class PricedLine:
    line_no: int
    sku: str
    category: str
    quantity: int
    unit_price_fen: int
    discount_fen: int
    net_fen: int
    eligible: bool


def price_lines(
    session: Session, order: OrderIn, *, member: bool, policy: Policy
) -> list[PricedLine]:
    """Each line as the server's catalog explains it at the order's time; refused if not."""
    numbers = [ln.line_no for ln in order.lines]
    if len(set(numbers)) != len(numbers):
        raise _invalid("lines", "line numbers repeat")
    history = catalog_history.history(session, (ln.sku for ln in order.lines))
    categories = pts.category_eligibility(session)
    priced = []
    for i, line in enumerate(order.lines):
        where = f"lines[{i}]"
        versions = history.get(line.sku, [])
        current = catalog_history.at(versions, order.created_at)
        if current is None:
            raise _invalid(
                f"{where}.sku", f"{line.sku!r} is not in the catalog at the order's time"
            )
        try:
            sale_line = SaleLine(
                line_no=line.line_no,
                product_id=None,
                sku=line.sku,
                name="",
                category=current.category,
                points_eligible=True,  # the server's category decides
                unit=current.unit,  # type: ignore[arg-type]
                unit_price=line.unit_price_fen,
                quantity=line.quantity,
                discount=line.discount_fen,
                voided=False,
            )
        except ValidationError as exc:
            raise _invalid(where, "not a line the catalog can hold") from exc
        verdict = check_line(
            sale_line,
            versions,
            when=order.created_at,
            grace=policy.catalog_grace,
            member=member,
            categories=categories,
        )
        if verdict.flags:
            only_discount = verdict.flags == (ItemFlag.DISCOUNT_INVALID,)
            field = f"{where}.discount_fen" if only_discount else where
            raise _invalid(field, ", ".join(f.value for f in verdict.flags))
        try:
            net = pts.line_amount(sale_line)
        except pts.AmountOutOfRange as exc:
            raise _invalid(where, "amount out of range") from exc
        priced.append(
            PricedLine(
                line.line_no,
                line.sku,
                current.category,
                line.quantity,
                line.unit_price_fen,
                line.discount_fen,
                net,
                verdict.eligible,
            )
        )
    return priced


def _invalid(field: str, message: str) -> OnlineRefused:
    return OnlineRefused(422, ErrorCode.ORDER_INVALID, field, message)


def accept_order(
    session: Session, *, order: OrderIn, token_id: str, now: datetime, policy: Policy
) -> OnlineOrderOut:
    """Store the order once (or find it stored); the server's answer about it."""
    digest = body_hash(order)
    if _stored(session, order.order_id, digest):
        return answer(session, order_id=order.order_id)
    if order.created_at > now + policy.clock_skew:
        raise _invalid("created_at", "in the future")
    if order.resident_id is not None and session.get(Resident, order.resident_id) is None:
        raise _invalid("resident_id", "no such resident")
    lines = price_lines(session, order, member=order.resident_id is not None, policy=policy)
    total = sum(ln.net_fen for ln in lines)
    if total != order.total_fen:
        raise _invalid("total_fen", f"the lines come to {total}, not {order.total_fen}")
    lon, lat = to_wgs84(order.delivery.lon, order.delivery.lat, order.delivery.crs)
    place = geo.community_at(session, lon=lon, lat=lat)
    inserted = insert_ignore(
        session,
        OnlineOrder,
        {
            "order_id": order.order_id,
            "created_at": order.created_at,
            "received_at": now,
            "token_id": token_id,
            "crs": order.delivery.crs,
            "lon_given": order.delivery.lon,
            "lat_given": order.delivery.lat,
            "lon": lon,
            "lat": lat,
            "status": place.status,
            "community_id": place.community_id,
            "candidates": ",".join(place.candidates),
            "resident_id": order.resident_id,
            "earner_id": None,
            "contract_id": None,
            "total_fen": total,
            "eligible_fen": sum(ln.net_fen for ln in lines if ln.eligible),
            "refunded_fen": 0,
            "refunded_eligible_fen": 0,
            "points": 0,
            "body_hash": digest,
            "payload": order.model_dump_json(),
        },
        ["order_id"],
    )
    if not inserted:  # the same id pushed concurrently: the first one stored decides
        if not _stored(session, order.order_id, digest):
            raise AssertionError("an order id neither stored nor inserted")
        return answer(session, order_id=order.order_id)
    session.execute(
        insert(OnlineOrderLine),
        [
            {
                "order_id": order.order_id,
                "line_no": ln.line_no,
                "sku": ln.sku,
                "category": ln.category,
                "quantity": ln.quantity,
                "unit_price_fen": ln.unit_price_fen,
                "discount_fen": ln.discount_fen,
                "net_fen": ln.net_fen,
                "points_eligible": ln.eligible,
                "refunded_quantity": 0,
                "refunded_fen": 0,
            }
            for ln in lines
        ],
    )
    if place.community_id is not None:
        row = _row(session, order.order_id)
        online_points.credit_order(session, order=row, now=now)
    return answer(session, order_id=order.order_id)


def _row(session: Session, order_id: str, *, lock: bool = False) -> OnlineOrder:
    stmt = select(OnlineOrder).where(OnlineOrder.order_id == order_id)
    stmt = stmt.execution_options(populate_existing=True)
    return session.scalars(stmt.with_for_update() if lock else stmt).one()


def _stored(session: Session, order_id: str, digest: str) -> bool:
    """True when the order is stored with this body; 409 id_conflict with another."""
    stored = session.scalar(select(OnlineOrder.body_hash).where(OnlineOrder.order_id == order_id))
    if stored is None:
        return False
    if stored != digest:
        raise OnlineRefused(
            409, ErrorCode.ID_CONFLICT, "order_id", "already stored with other content"
        )
    return True


def answer(session: Session, *, order_id: str) -> OnlineOrderOut:
    """The order as the server holds it now (its figures, its attribution, its points)."""
    order = _row(session, order_id)
    lines = session.scalars(
        select(OnlineOrderLine)
        .where(OnlineOrderLine.order_id == order_id)
        .order_by(OnlineOrderLine.line_no)
    ).all()
    return OnlineOrderOut(
        order_id=order.order_id,
        created_at=order.created_at,
        lon=order.lon,
        lat=order.lat,
        status=order.status,  # type: ignore[arg-type]
        community_id=order.community_id,
        candidates=[c for c in order.candidates.split(",") if c],
        resident_id=order.resident_id,
        resident_earns=order.earner_id is not None,
        total_fen=order.total_fen,
        eligible_fen=order.eligible_fen,
        refunded_fen=order.refunded_fen,
        points=order.points,
        lines=[
            OnlineLineOut(
                line_no=ln.line_no,
                sku=ln.sku,
                category=ln.category,
                quantity=ln.quantity,
                net_fen=ln.net_fen,
                points_eligible=ln.points_eligible,
            )
            for ln in lines
        ],
    )


def locked(session: Session, order_id: str) -> OnlineOrder | None:
    """The order's row, locked for this transaction (refunds, attribution); None: unknown."""
    if session.get(OnlineOrder, order_id) is None:
        return None
    return _row(session, order_id, lock=True)

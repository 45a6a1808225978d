"""What the online shop sends and gets back: an order, a refund of its lines, the answer,
and an operator's attribution of an order the geofences could not place.

Every field is bounded and an unknown field is refused (`Message`). The shop's
figures are claims: the server recomputes each line from its own catalog and
refuses an order whose lines or total it cannot explain (docs/online_orders.md).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from sync.protocol.types import (
    CLEAN,
    Fen,
    Id40,
    Message,
    Points,
    Quantity,
    Text64,
    UtcTime,
)

#: Lines of one online order (a basket, never a warehouse).
MAX_ONLINE_LINES = 200
#: The shop's own ids: printable ASCII without spaces, as the points ledger keys them.
ShopId = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9._:-]+$")]
Lon = Annotated[float, Field(ge=-180, le=180, allow_inf_nan=False)]
Lat = Annotated[float, Field(ge=-90, le=90, allow_inf_nan=False)]
#: wgs84: a GPS fix; gcj02: a point from a Chinese map (高德, 腾讯). The server stores WGS-84.
CrsName = Literal["wgs84", "gcj02"]
#: geofence: inside exactly one community; overlap: inside several; outside: none;
#: operator: attributed by hand after an overlap or an outside.
AttributionStatus = Literal["geofence", "overlap", "outside", "operator"]


class DeliveryPoint(Message):
    lon: Lon
    lat: Lat
    crs: CrsName


class OnlineOrderLine(Message):
    line_no: Annotated[int, Field(ge=1, le=MAX_ONLINE_LINES)]
    sku: Text64
    #: pieces, or grams of a product sold by weight (as at the till)
    quantity: Quantity
    unit_price_fen: Fen  # per piece, or per kg
    discount_fen: Fen = 0


class OnlineOrder(Message):
    order_id: ShopId
    created_at: UtcTime
    delivery: DeliveryPoint
    #: the resident, when the shop's account is linked to one
    resident_id: Id40 | None = None
    lines: list[OnlineOrderLine] = Field(min_length=1, max_length=MAX_ONLINE_LINES)
    total_fen: Fen


class OnlineRefundLine(Message):
    line_no: Annotated[int, Field(ge=1, le=MAX_ONLINE_LINES)]
    quantity: Quantity
    amount_fen: Fen


class OnlineRefund(Message):
    refund_id: ShopId
    created_at: UtcTime
    lines: list[OnlineRefundLine] = Field(min_length=1, max_length=MAX_ONLINE_LINES)
    total_fen: Fen


class OnlineLineOut(Message):
    line_no: int
    sku: str
    category: str
    quantity: int
    net_fen: int
    points_eligible: bool


class OnlineOrderOut(Message):
    """The order as the server stored it: its own figures, never the shop's."""

    order_id: str
    created_at: UtcTime
    lon: float  # WGS-84, as stored
    lat: float
    status: AttributionStatus
    community_id: str | None
    candidates: list[str]
    resident_id: str | None
    #: whether the resident earns points on it (their company runs the community)
    resident_earns: bool
    total_fen: int
    eligible_fen: int
    refunded_fen: int
    #: points credited, net of clawbacks (0 until an overlap or outside is attributed)
    points: int
    lines: list[OnlineLineOut]


class OnlineRefundOut(Message):
    refund_id: str
    order_id: str
    total_fen: int
    eligible_fen: int
    clawback: Points


class AttributionRequest(Message):
    community_id: Id40
    note: Annotated[str, Field(max_length=200), CLEAN] = ""


#: A GeoJSON position [lon, lat] (an altitude, if any, is ignored).
Position = Annotated[
    list[Annotated[float, Field(allow_inf_nan=False)]], Field(min_length=2, max_length=3)
]
#: A ring of a polygon; the server checks it is closed, long enough and in range.
Ring = Annotated[list[Position], Field(max_length=5_000)]
PolygonRings = Annotated[list[Ring], Field(min_length=1, max_length=100)]


class PolygonFence(Message):
    type: Literal["Polygon"]
    coordinates: PolygonRings


class MultiPolygonFence(Message):
    type: Literal["MultiPolygon"]
    coordinates: Annotated[list[PolygonRings], Field(min_length=1, max_length=100)]


class GeofenceRequest(Message):
    """A community's geofence: GeoJSON in `crs` (gcj02: drawn on a Chinese map),
    stored in WGS-84."""

    geofence: PolygonFence | MultiPolygonFence = Field(discriminator="type")
    crs: CrsName = "wgs84"


class UnattributedOrder(Message):
    order_id: str
    created_at: UtcTime
    lon: float
    lat: float
    status: AttributionStatus
    candidates: list[str]
    total_fen: Fen


__all__ = [
    "AttributionRequest",
    "DeliveryPoint",
    "GeofenceRequest",
    "MultiPolygonFence",
    "OnlineLineOut",
    "OnlineOrder",
    "OnlineOrderLine",
    "OnlineOrderOut",
    "OnlineRefund",
    "OnlineRefundLine",
    "OnlineRefundOut",
    "PolygonFence",
    "UnattributedOrder",
]

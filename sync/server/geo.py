"""Which community an online order belongs to: point-in-polygon on GeoJSON geofences.

MISSION.md: an online order belongs to the community whose geofence polygon
contains its delivery point. Geofences are GeoJSON Polygon or MultiPolygon
(coordinates `[lon, lat]`, first ring the boundary, further rings holes).
At a compound's scale (hundreds of metres) the plane approximation of the
even-odd ray test is exact enough; a point on an edge counts as inside, so
a building on the boundary line is not orphaned.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.server.models.partners import Community

Ring = Sequence[Sequence[float]]


def _on_segment(x: float, y: float, a: Sequence[float], b: Sequence[float]) -> bool:
    (x1, y1), (x2, y2) = a[:2], b[:2]
    cross = (x - x1) * (y2 - y1) - (y - y1) * (x2 - x1)
    if abs(cross) > 1e-12:
        return False
    return min(x1, x2) - 1e-12 <= x <= max(x1, x2) + 1e-12 and (
        min(y1, y2) - 1e-12 <= y <= max(y1, y2) + 1e-12
    )


def in_ring(x: float, y: float, ring: Ring) -> bool:
    """Even-odd rule; points on the boundary are inside."""
    inside = False
    n = len(ring)
    for i in range(n):
        a, b = ring[i], ring[(i + 1) % n]
        if _on_segment(x, y, a, b):
            return True
        (x1, y1), (x2, y2) = a[:2], b[:2]
        if (y1 > y) != (y2 > y):
            x_cross = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
            if x < x_cross:
                inside = not inside
    return inside


def in_polygon(x: float, y: float, rings: Sequence[Ring]) -> bool:
    if not rings or not in_ring(x, y, rings[0]):
        return False
    # inside a hole (a school, a park inside the compound) is outside the polygon
    return not any(in_ring(x, y, hole) and not _on_boundary(x, y, hole) for hole in rings[1:])


def _on_boundary(x: float, y: float, ring: Ring) -> bool:
    return any(_on_segment(x, y, ring[i], ring[(i + 1) % len(ring)]) for i in range(len(ring)))


def contains(geojson: str | dict, lon: float, lat: float) -> bool:  # type: ignore[type-arg]
    shape = json.loads(geojson) if isinstance(geojson, str) else geojson
    if shape.get("type") == "Feature":
        shape = shape["geometry"]
    if shape["type"] == "Polygon":
        return in_polygon(lon, lat, shape["coordinates"])
    if shape["type"] == "MultiPolygon":
        return any(in_polygon(lon, lat, poly) for poly in shape["coordinates"])
    raise ValueError(f"unsupported geometry {shape['type']}")


def community_at(session: Session, *, lon: float, lat: float) -> str | None:
    """The community whose geofence holds the point (the first by id if fences overlap)."""
    stmt = select(Community.id, Community.geofence).where(Community.geofence.is_not(None))
    for community_id, fence in session.execute(stmt.order_by(Community.id)):
        if contains(fence, lon, lat):
            return str(community_id)
    return None


def square(lon: float, lat: float, half_side: float) -> str:
    """A square GeoJSON polygon around a point (demo geofences)."""
    d = half_side
    ring = [[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d]]
    return json.dumps({"type": "Polygon", "coordinates": [[*ring, ring[0]]]})

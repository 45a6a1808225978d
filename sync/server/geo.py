"""Which community an online order belongs to: its delivery point against the geofences.

MISSION.md: an online order belongs to the community whose geofence polygon
contains its delivery point. Geofences are GeoJSON Polygon or MultiPolygon,
coordinates `[lon, lat]` in **WGS-84** (the system the server stores; a point
given in GCJ-02 is converted first, `pos_app.core.gcj02`), first ring the
boundary, further rings holes (a school or a park inside the compound).

The tests are shapely's (GEOS), on prepared geometries built once per set of
fences (`Fences`; `fences_of` rebuilds only when a fence changed), not per
order. At a compound's scale (hundreds of metres) the plane of lon/lat is exact
enough.

**The border rule is `covers`:** a point on the boundary, a vertex included,
belongs to the community (a building on the boundary line is not orphaned); a
point on a hole's edge belongs to it too. A point covered by two communities
(overlapping fences, or exactly on the line two fences share) is an `overlap`
and a point covered by none is `outside`: both are REPORTED with their
candidates and never guessed; an operator attributes them
(`sync.server.online_attribution`).
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import threading
from dataclasses import dataclass
from typing import Any

import shapely  # type: ignore[import-untyped]
from shapely.geometry import MultiPolygon, Point, Polygon  # type: ignore[import-untyped]
from sqlalchemy import select
from sqlalchemy.orm import Session

from pos_app.core.gcj02 import Crs, gcj02_to_wgs84
from sync.server.models.partners import Community

log = logging.getLogger("sync.server.geo")

#: A fence of a few thousand vertices is already a surveyed outline; more is a mistake.
MAX_VERTICES = 5_000
#: Bytes of one fence's GeoJSON text.
MAX_FENCE_BYTES = 200_000


class GeofenceError(ValueError):
    """A geofence that cannot be stored; the message says where and why."""


@dataclass(frozen=True, slots=True)
class Attribution:
    """Where a point falls: `geofence` (one community), `overlap` or `outside`."""

    status: str
    community_id: str | None
    candidates: tuple[str, ...]


def _position(value: Any, where: str) -> tuple[float, float]:
    if not isinstance(value, list | tuple) or len(value) not in (2, 3):
        raise GeofenceError(f"{where}: a position is [lon, lat]")
    lon, lat = value[0], value[1]
    for name, v in (("lon", lon), ("lat", lat)):
        if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
            raise GeofenceError(f"{where}: {name} must be a finite number")
    if not -180 <= lon <= 180:
        raise GeofenceError(f"{where}: lon {lon} outside -180…180 (is it [lat, lon]?)")
    if not -90 <= lat <= 90:
        raise GeofenceError(f"{where}: lat {lat} outside -90…90")
    return float(lon), float(lat)


def _ring(value: Any, where: str) -> list[tuple[float, float]]:
    if not isinstance(value, list):
        raise GeofenceError(f"{where}: a ring is a list of positions")
    if len(value) > MAX_VERTICES:
        raise GeofenceError(f"{where}: more than {MAX_VERTICES} positions")
    points = [_position(p, f"{where}[{i}]") for i, p in enumerate(value)]
    if len(points) < 4:
        raise GeofenceError(f"{where}: a ring needs at least 4 positions (closed triangle)")
    if points[0] != points[-1]:
        raise GeofenceError(f"{where}: the ring is not closed (last position ≠ first)")
    return points


def _polygon(value: Any, where: str) -> Polygon:
    if not isinstance(value, list) or not value:
        raise GeofenceError(f"{where}: a polygon is a non-empty list of rings")
    rings = [_ring(r, f"{where}[{i}]") for i, r in enumerate(value)]
    return Polygon(rings[0], rings[1:])


def parse_geofence(fence: str | dict[str, Any]) -> Polygon | MultiPolygon:
    """A GeoJSON Polygon/MultiPolygon (or a Feature of one), checked; GeofenceError if not.

    Checked: the type, every position a finite [lon, lat] in range, every ring
    closed with at least 4 positions, the size, and shapely's validity (no
    self-intersection, holes inside their shell, parts not overlapping, an area).
    """
    if isinstance(fence, str):
        if len(fence.encode("utf-8")) > MAX_FENCE_BYTES:
            raise GeofenceError(f"geofence: more than {MAX_FENCE_BYTES} bytes")
        try:
            fence = json.loads(fence)
        except ValueError as exc:
            raise GeofenceError(f"geofence: not JSON ({exc})") from exc
    if not isinstance(fence, dict):
        raise GeofenceError("geofence: a GeoJSON object is expected")
    if fence.get("type") == "Feature":
        geometry = fence.get("geometry")
        if not isinstance(geometry, dict):
            raise GeofenceError("geometry: a GeoJSON geometry is expected")
        fence = geometry
    kind, coordinates = fence.get("type"), fence.get("coordinates")
    shape: Polygon | MultiPolygon
    if kind == "Polygon":
        shape = _polygon(coordinates, "coordinates")
    elif kind == "MultiPolygon":
        if not isinstance(coordinates, list) or not coordinates:
            raise GeofenceError("coordinates: a MultiPolygon is a non-empty list of polygons")
        shape = MultiPolygon([_polygon(p, f"coordinates[{i}]") for i, p in enumerate(coordinates)])
    else:
        raise GeofenceError(f"type: {kind!r} is not Polygon or MultiPolygon")
    if shapely.get_num_coordinates(shape) > MAX_VERTICES:
        raise GeofenceError(f"coordinates: more than {MAX_VERTICES} positions")
    if not shape.is_valid:
        raise GeofenceError(f"geofence: not a valid polygon ({shapely.is_valid_reason(shape)})")
    if shape.area == 0:
        raise GeofenceError("geofence: not a valid polygon (it has no area)")
    return shape


def normalized(fence: str | dict[str, Any], crs: Crs | str = Crs.WGS84) -> str:
    """The fence checked, in WGS-84, as the compact GeoJSON text the server stores.

    A fence drawn on a Chinese map (`crs` gcj02) has every vertex converted, then
    is checked again: the conversion moves neighbouring vertices alike, but a
    fence must be valid as stored.
    """
    parse_geofence(fence)
    data = json.loads(fence) if isinstance(fence, str) else fence
    if data.get("type") == "Feature":
        data = data["geometry"]
    if Crs(crs) is Crs.GCJ02:
        data = {"type": data["type"], "coordinates": _converted(data["coordinates"])}
        parse_geofence(data)
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False)


def _converted(node: Any) -> Any:
    """GCJ-02 positions (at any depth of a Polygon or MultiPolygon) in WGS-84."""
    if node and isinstance(node[0], int | float):
        return list(gcj02_to_wgs84(float(node[0]), float(node[1])))
    return [_converted(child) for child in node]


def contains(fence: str | dict[str, Any], lon: float, lat: float) -> bool:
    """Whether one fence covers the point (border and vertices included)."""
    return bool(parse_geofence(fence).covers(Point(lon, lat)))


class Fences:
    """Every community's fence, prepared once; `locate` answers a point in microseconds."""

    def __init__(self, fences: dict[str, str]) -> None:
        self.signature = _signature(fences)
        self._ids: list[str] = []
        #: communities whose stored fence no longer passes the checks (stored before them)
        self.broken: dict[str, str] = {}
        shapes = []
        for community_id in sorted(fences):
            try:
                shape = parse_geofence(fences[community_id])
            except GeofenceError as exc:
                # placing no point there is safe: its orders come out `outside` and wait
                # for an operator, where a guess could give a resident's points away
                log.error("geofence of %s is not valid, skipped: %s", community_id, exc)
                self.broken[community_id] = str(exc)
                continue
            shapely.prepare(shape)
            self._ids.append(community_id)
            shapes.append(shape)
        self._shapes = shapes
        self._tree = shapely.STRtree(shapes) if shapes else None

    def locate(self, lon: float, lat: float) -> Attribution:
        point = Point(lon, lat)
        found: list[str] = []
        if self._tree is not None:
            # the tree narrows by bounding box; the prepared covers() decides
            for index in sorted(int(i) for i in self._tree.query(point)):
                if self._shapes[index].covers(point):
                    found.append(self._ids[index])
        if len(found) == 1:
            return Attribution("geofence", found[0], tuple(found))
        return Attribution("overlap" if found else "outside", None, tuple(found))


def _signature(fences: dict[str, str]) -> str:
    text = json.dumps(sorted(fences.items()), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_cache_lock = threading.Lock()
_cache: dict[str, Fences] = {}


def fences_of(session: Session) -> Fences:
    """The stored fences, prepared: rebuilt only when one changed (its text is compared)."""
    rows = session.execute(
        select(Community.id, Community.geofence).where(Community.geofence.is_not(None))
    ).all()
    fences = {str(cid): str(text) for cid, text in rows}
    signature = _signature(fences)
    with _cache_lock:
        built = _cache.get(signature)
        if built is None:
            built = Fences(fences)
            _cache.clear()
            _cache[signature] = built
        return built


def community_at(session: Session, *, lon: float, lat: float) -> Attribution:
    """Where a WGS-84 point falls among the stored fences."""
    return fences_of(session).locate(lon, lat)


def set_geofence(
    session: Session,
    *,
    community_id: str,
    fence: str | dict[str, Any],
    crs: Crs | str = Crs.WGS84,
) -> str:
    """Check and store a community's fence (converted to WGS-84 when drawn in GCJ-02);
    LookupError if the community is unknown."""
    community = session.get(Community, community_id)
    if community is None:
        raise LookupError(f"unknown community {community_id}")
    community.geofence = normalized(fence, crs)
    return community.geofence


def square(lon: float, lat: float, half_side: float) -> str:
    """A square GeoJSON polygon around a point (demo geofences)."""
    d = half_side
    ring = [[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d]]
    return json.dumps({"type": "Polygon", "coordinates": [[*ring, ring[0]]]})

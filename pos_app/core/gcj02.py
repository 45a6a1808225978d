"""WGS-84 ⇄ GCJ-02: the offset Chinese maps (高德, 腾讯, and the base of 百度) apply.

A GPS fix is WGS-84; a point picked on a Chinese web map, or returned by its
geocoder, is GCJ-02, up to about 500 m away from the same spot in WGS-84. The
central server STORES WGS-84 (geofences and delivery points: docs/online_orders.md)
and converts a GCJ-02 point on the way in with `to_wgs84`.

The forward transform is the published one (Krasovsky 1940 ellipsoid, the
polynomial-and-sines offset); no well-kept package exists for it, so it lives
here, pure and short. The inverse has no closed form: `gcj02_to_wgs84` iterates
the forward transform (a fixed-point search), to well under a centimetre.
Outside China's rough bounding box the offset is not applied: those points
are the same in both systems, as every implementation of the offset does.
"""

from __future__ import annotations

import enum
import math

#: The Krasovsky 1940 ellipsoid the offset was defined on: semi-major axis (m), e².
_A = 6378245.0
_EE = 0.00669342162296594323
#: Iterations of the inverse stop when a step moves less than this (degrees, ~1 mm).
_INVERSE_TOLERANCE = 1e-8
_INVERSE_MAX_STEPS = 30


class Crs(enum.StrEnum):
    """The coordinate system a point is given in."""

    WGS84 = "wgs84"
    GCJ02 = "gcj02"


def out_of_china(lon: float, lat: float) -> bool:
    """The box outside which GCJ-02 equals WGS-84 (the rule every implementation uses)."""
    return not (72.004 <= lon <= 137.8347 and 0.8293 <= lat <= 55.8271)


def _offset(lon: float, lat: float) -> tuple[float, float]:
    """The GCJ-02 offset (dlon, dlat) in degrees at a WGS-84 point inside China."""
    x, y = lon - 105.0, lat - 35.0
    common = (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    dlat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    dlat += common
    dlat += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    dlat += (160.0 * math.sin(y / 12.0 * math.pi) + 320.0 * math.sin(y * math.pi / 30.0)) * 2 / 3
    dlon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    dlon += common
    dlon += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    dlon += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2 / 3
    # metres of the offset → degrees on the ellipsoid at this latitude
    rad = lat / 180.0 * math.pi
    magic = 1 - _EE * math.sin(rad) ** 2
    sqrt_magic = math.sqrt(magic)
    dlat = dlat * 180.0 / ((_A * (1 - _EE)) / (magic * sqrt_magic) * math.pi)
    dlon = dlon * 180.0 / (_A / sqrt_magic * math.cos(rad) * math.pi)
    return dlon, dlat


def wgs84_to_gcj02(lon: float, lat: float) -> tuple[float, float]:
    """A WGS-84 point as a Chinese map shows it (unchanged outside China)."""
    if out_of_china(lon, lat):
        return lon, lat
    dlon, dlat = _offset(lon, lat)
    return lon + dlon, lat + dlat


def gcj02_to_wgs84(lon: float, lat: float) -> tuple[float, float]:
    """The WGS-84 point a Chinese map's GCJ-02 point stands for (unchanged outside China).

    Fixed-point search: guess w, move it by how far forward(w) misses the
    target. The offset varies slowly (metres per kilometre), so each step
    shrinks the error about a hundredfold: three or four steps reach 1 mm.
    """
    if out_of_china(lon, lat):
        return lon, lat
    w_lon, w_lat = lon, lat
    for _ in range(_INVERSE_MAX_STEPS):
        g_lon, g_lat = wgs84_to_gcj02(w_lon, w_lat)
        step_lon, step_lat = lon - g_lon, lat - g_lat
        w_lon, w_lat = w_lon + step_lon, w_lat + step_lat
        if max(abs(step_lon), abs(step_lat)) < _INVERSE_TOLERANCE:
            break
    return w_lon, w_lat


def to_wgs84(lon: float, lat: float, crs: Crs | str) -> tuple[float, float]:
    """A point given in `crs`, in the system the server stores (WGS-84)."""
    if Crs(crs) is Crs.GCJ02:
        return gcj02_to_wgs84(lon, lat)
    return lon, lat


def distance_m(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle distance in metres (haversine on a sphere of the WGS-84 radius)."""
    r = 6378137.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(min(1.0, math.sqrt(h)))

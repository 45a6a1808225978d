"""Hand-made geofences around Wuhan (WGS-84 [lon, lat]) for the geofence and online-order
tests: a square with a hole, an L shape, two overlapping squares, a MultiPolygon.

Every edge is axis-aligned, so a point "exactly on the border" is exactly on it in
floating point too (a diagonal edge holds almost no decimal point exactly).
"""

from __future__ import annotations

import json
from typing import Any


def ring(*corners: tuple[float, float]) -> list[list[float]]:
    return [[x, y] for x, y in (*corners, corners[0])]


def box(x0: float, y0: float, x1: float, y1: float) -> list[list[float]]:
    return ring((x0, y0), (x1, y0), (x1, y1), (x0, y1))


#: the communities these fences go to in the online-order tests (made there)
HOLED, ELL, LEFT, RIGHT, MULTI = "G-HOLE", "G-ELL", "G-LEFT", "G-RIGHT", "G-MULTI"

FENCES: dict[str, dict[str, Any]] = {
    # a compound with a school in the middle (the hole is not the compound's)
    HOLED: {
        "type": "Polygon",
        "coordinates": [
            box(114.300, 30.580, 114.310, 30.590),
            box(114.304, 30.584, 114.306, 30.586),
        ],
    },
    # an L: the notch at the top right is someone else's street
    ELL: {
        "type": "Polygon",
        "coordinates": [
            ring(
                (114.320, 30.580),
                (114.330, 30.580),
                (114.330, 30.584),
                (114.324, 30.584),
                (114.324, 30.590),
                (114.320, 30.590),
            )
        ],
    },
    # two compounds whose surveyed fences overlap on a strip
    LEFT: {"type": "Polygon", "coordinates": [box(114.340, 30.580, 114.350, 30.590)]},
    RIGHT: {"type": "Polygon", "coordinates": [box(114.346, 30.580, 114.356, 30.590)]},
    # one compound in two parts across a road
    MULTI: {
        "type": "MultiPolygon",
        "coordinates": [
            [box(114.360, 30.580, 114.364, 30.584)],
            [box(114.368, 30.586, 114.372, 30.590)],
        ],
    },
}

#: (what, lon, lat, status, community, candidates)
CASES: list[tuple[str, float, float, str, str | None, tuple[str, ...]]] = [
    ("inside the holed square", 114.301, 30.581, "geofence", HOLED, (HOLED,)),
    ("in the hole", 114.305, 30.585, "outside", None, ()),
    ("on the hole's edge", 114.304, 30.585, "geofence", HOLED, (HOLED,)),
    ("on the outer border", 114.310, 30.585, "geofence", HOLED, (HOLED,)),
    ("on a vertex", 114.300, 30.580, "geofence", HOLED, (HOLED,)),
    ("inside the L's foot", 114.328, 30.582, "geofence", ELL, (ELL,)),
    ("inside the L's stem", 114.322, 30.588, "geofence", ELL, (ELL,)),
    ("in the L's notch", 114.328, 30.588, "outside", None, ()),
    ("on the L's inner corner", 114.324, 30.584, "geofence", ELL, (ELL,)),
    ("in the overlap", 114.348, 30.585, "overlap", None, (LEFT, RIGHT)),
    ("on the overlap's edge", 114.346, 30.585, "overlap", None, (LEFT, RIGHT)),
    ("left only", 114.342, 30.585, "geofence", LEFT, (LEFT,)),
    ("right only", 114.354, 30.585, "geofence", RIGHT, (RIGHT,)),
    ("first part of the multipolygon", 114.362, 30.582, "geofence", MULTI, (MULTI,)),
    ("second part of the multipolygon", 114.370, 30.588, "geofence", MULTI, (MULTI,)),
    ("between the two parts", 114.366, 30.585, "outside", None, ()),
    ("far away", 114.200, 30.500, "outside", None, ()),
]


def fence_texts() -> dict[str, str]:
    return {cid: json.dumps(fence) for cid, fence in FENCES.items()}

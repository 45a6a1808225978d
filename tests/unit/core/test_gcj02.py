"""WGS-84 ⇄ GCJ-02 (pos_app.core.gcj02): published reference pairs, the outside-China
rule, and the inverse as a property (a round trip lands within half a metre)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pos_app.core.gcj02 import (
    Crs,
    distance_m,
    gcj02_to_wgs84,
    out_of_china,
    to_wgs84,
    wgs84_to_gcj02,
)

#: (wgs lon, wgs lat, gcj lon, gcj lat): the reference pairs the eviltransform project
#: publishes for Shanghai, Shenzhen and Beijing, and coordtransform's Beijing pair
REFERENCE = [
    (121.5272106, 31.1774276, 121.531541859215, 31.17530398364597),
    (113.912316, 22.543847, 113.9171764808363, 22.540796131694766),
    (116.377817, 39.911954, 116.38404722455657, 39.91334545536069),
    (116.404, 39.915, 116.41024449916938, 39.91640428150164),
]


@pytest.mark.parametrize("wlon, wlat, glon, glat", REFERENCE)
def test_the_forward_transform_gives_the_published_points(
    wlon: float, wlat: float, glon: float, glat: float
) -> None:
    lon, lat = wgs84_to_gcj02(wlon, wlat)
    assert lon == pytest.approx(glon, abs=1e-9) and lat == pytest.approx(glat, abs=1e-9)


@pytest.mark.parametrize("wlon, wlat, glon, glat", REFERENCE)
def test_the_inverse_finds_the_gps_point_within_a_centimetre(
    wlon: float, wlat: float, glon: float, glat: float
) -> None:
    lon, lat = gcj02_to_wgs84(glon, glat)
    assert distance_m(lon, lat, wlon, wlat) < 0.01
    assert to_wgs84(glon, glat, "gcj02") == (lon, lat)
    assert to_wgs84(glon, glat, Crs.WGS84) == (glon, glat)  # WGS-84 passes untouched


def test_the_offset_is_hundreds_of_metres_in_wuhan() -> None:
    """What the conversion is for: a map's point is far enough off to change community."""
    lon, lat = wgs84_to_gcj02(114.3050, 30.5930)
    assert 300 < distance_m(lon, lat, 114.3050, 30.5930) < 700


@pytest.mark.parametrize(
    "lon, lat",
    [(2.3522, 48.8566), (139.6917, 35.6895), (-74.0060, 40.7128), (151.2093, -33.8688)],
    ids=["paris", "tokyo", "new-york", "sydney"],
)
def test_outside_china_both_systems_are_the_same(lon: float, lat: float) -> None:
    assert out_of_china(lon, lat)
    assert wgs84_to_gcj02(lon, lat) == (lon, lat)
    assert gcj02_to_wgs84(lon, lat) == (lon, lat)


def test_the_box_edges() -> None:
    assert not out_of_china(72.004, 0.8293) and not out_of_china(137.8347, 55.8271)
    assert out_of_china(72.0039, 30) and out_of_china(100, 55.8272)
    assert wgs84_to_gcj02(114.3, 30.6) != (114.3, 30.6)


def test_an_unknown_system_is_refused() -> None:
    with pytest.raises(ValueError):
        to_wgs84(114.3, 30.6, "bd09")


@settings(max_examples=400, deadline=None)
@given(
    lon=st.floats(min_value=73.0, max_value=135.0),
    lat=st.floats(min_value=18.0, max_value=53.5),
)
def test_a_round_trip_through_gcj02_lands_within_half_a_metre(lon: float, lat: float) -> None:
    back = gcj02_to_wgs84(*wgs84_to_gcj02(lon, lat))
    assert distance_m(*back, lon, lat) < 0.5

"""Geofences (sync.server.geo): where a delivery point falls on hand-made polygons (a hole,
an L, an overlap, a MultiPolygon; border and vertex by the `covers` rule), the same in
GCJ-02 after conversion, the checks a fence passes before it is stored, and the
prepared set built once per set of fences."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st

from pos_app.core.gcj02 import to_wgs84, wgs84_to_gcj02
from sync.server import geo, tokens
from sync.server.db import Database
from sync.server.geo import Fences, GeofenceError, contains, parse_geofence, square
from sync.server.models.partners import Community
from sync.server.tokens import Role
from tests.sync.server.geo_fixtures import CASES, FENCES, HOLED, MULTI, box, fence_texts

IDS = [c[0] for c in CASES]


@pytest.fixture(scope="module")
def fences() -> Fences:
    return Fences(fence_texts())


@pytest.mark.parametrize("what, lon, lat, status, community, candidates", CASES, ids=IDS)
def test_each_point_falls_where_the_fences_say(
    fences: Fences,
    what: str,
    lon: float,
    lat: float,
    status: str,
    community: str | None,
    candidates: tuple[str, ...],
) -> None:
    found = fences.locate(lon, lat)
    assert (found.status, found.community_id, found.candidates) == (status, community, candidates)


@pytest.mark.parametrize(
    "what, lon, lat, status, community, candidates",
    [c for c in CASES if "edge" not in c[0] and "border" not in c[0] and "vertex" not in c[0]
     and "corner" not in c[0]],
    ids=lambda v: v if isinstance(v, str) and " " in v else "",
)  # fmt: skip
def test_the_same_points_read_off_a_chinese_map_fall_in_the_same_place(
    fences: Fences,
    what: str,
    lon: float,
    lat: float,
    status: str,
    community: str | None,
    candidates: tuple[str, ...],
) -> None:
    """A GCJ-02 point is ~500 m off: unconverted it would land elsewhere; converted, it
    falls where the GPS point does (a border point has no such guarantee: the inverse
    is exact to well under a millimetre, not to the last bit)."""
    g_lon, g_lat = wgs84_to_gcj02(lon, lat)
    found = fences.locate(*to_wgs84(g_lon, g_lat, "gcj02"))
    assert (found.status, found.community_id, found.candidates) == (status, community, candidates)


def test_unconverted_gcj02_points_would_be_misplaced(fences: Fences) -> None:
    """Why the conversion matters: the raw map points land in the wrong place."""
    wrong = sum(
        fences.locate(*wgs84_to_gcj02(lon, lat)).candidates != candidates
        for _, lon, lat, _, _, candidates in CASES
        if candidates
    )
    assert wrong >= 10


def test_contains_a_single_fence() -> None:
    fence = FENCES[HOLED]
    assert contains(fence, 114.301, 30.581) and contains(json.dumps(fence), 114.310, 30.590)
    assert not contains(fence, 114.305, 30.585) and not contains(fence, 114.3101, 30.585)


def test_a_feature_is_read_as_its_geometry() -> None:
    feature = {"type": "Feature", "properties": {}, "geometry": FENCES[HOLED]}
    assert parse_geofence(feature).equals(parse_geofence(FENCES[HOLED]))


def _poly(*rings: list[list[float]]) -> dict[str, object]:
    return {"type": "Polygon", "coordinates": list(rings)}


@pytest.mark.parametrize(
    "fence, says",
    [
        ("{", "not JSON"),
        ("[]", "a GeoJSON object"),
        ({"type": "Point", "coordinates": [114.3, 30.5]}, "not Polygon or MultiPolygon"),
        ({"type": "Feature", "geometry": None}, "geometry"),
        (_poly(), "non-empty list of rings"),
        ({"type": "MultiPolygon", "coordinates": []}, "non-empty list of polygons"),
        (_poly(box(114.3, 30.5, 114.4, 30.6)[:-1]), "not closed"),
        (_poly([[114.3, 30.5], [114.4, 30.5], [114.3, 30.5]]), "at least 4 positions"),
        (_poly(box(30.5, 114.3, 30.6, 114.4)), "lat 114.3 outside -90…90"),
        (_poly(box(190, 30.5, 191, 30.6)), "lon 190 outside -180…180"),
        (_poly([[114.3, 30.5], [114.4, "30.5"], [114.4, 30.6], [114.3, 30.5]]), "finite number"),
        ('{"type":"Polygon","coordinates":[[[114.3,30.5],[NaN,30.5],[114.4,30.6],[114.3,30.5]]]}',
         "finite number"),
        (_poly([[114.3, 30.5], [114.4, 30.5], [114.4, 30.6, 1, 2], [114.3, 30.5]]), "[lon, lat]"),
        # a bow tie: the ring crosses itself
        (_poly([[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]), "Self-intersection"),
        # a hole outside its shell
        (_poly(box(0, 0, 1, 1), box(2, 2, 3, 3)), "not a valid polygon"),
        # two parts of a MultiPolygon overlapping
        ({"type": "MultiPolygon", "coordinates": [[box(0, 0, 2, 2)], [box(1, 1, 3, 3)]]},
         "not a valid polygon"),
        (_poly([[0, 0], [1, 0], [2, 0], [0, 0]]), "not a valid polygon"),  # no area
        (_poly([[0.0, float(i) / 10_000] for i in range(6_000)] + [[0.0, 0.0]]), "more than"),
    ],
    ids=lambda v: v if isinstance(v, str) and " " in v else "",
)  # fmt: skip
def test_a_fence_that_cannot_be_is_refused_saying_why(fence: object, says: str) -> None:
    with pytest.raises(GeofenceError) as refused:
        parse_geofence(fence)  # type: ignore[arg-type]
    assert says in str(refused.value)


def test_the_demo_communities_place_points_from_the_database(db: Database) -> None:
    with db.read() as session:
        assert geo.community_at(session, lon=114.3050, lat=30.5930).community_id == "C001"
        assert geo.community_at(session, lon=114.2910, lat=30.6040).community_id == "C002"
        far = geo.community_at(session, lon=100.0, lat=30.0)
    assert (far.status, far.community_id, far.candidates) == ("outside", None, ())
    assert json.loads(square(1, 2, 0.5))["coordinates"][0][0] == [0.5, 1.5]


def test_the_prepared_set_is_built_once_and_again_only_when_a_fence_changes(db: Database) -> None:
    with db.read() as session:
        first = geo.fences_of(session)
        assert geo.fences_of(session) is first
    with db.write() as session:
        stored = geo.set_geofence(session, community_id="C002", fence=FENCES[HOLED])
    assert stored == json.dumps(FENCES[HOLED], separators=(",", ":"))
    with db.read() as session:
        again = geo.fences_of(session)
        assert again is not first
        assert again.locate(114.301, 30.581).community_id == "C002"
        assert session.get(Community, "C002").geofence == stored  # type: ignore[union-attr]


def test_setting_a_bad_fence_stores_nothing(db: Database) -> None:
    with db.read() as session:
        before = session.get(Community, "C001").geofence  # type: ignore[union-attr]
    with pytest.raises(GeofenceError, match="not closed"), db.write() as session:
        geo.set_geofence(
            session, community_id="C001", fence=_poly(box(114.3, 30.5, 114.4, 30.6)[:-1])
        )
    with pytest.raises(LookupError), db.write() as session:
        geo.set_geofence(session, community_id="C777", fence=FENCES[HOLED])
    with db.read() as session:
        assert session.get(Community, "C001").geofence == before  # type: ignore[union-attr]


def _on_a_chinese_map(fence: dict[str, object]) -> dict[str, object]:
    """The fence as drawn on 高德: every vertex in GCJ-02."""

    def shift(node: object) -> object:
        assert isinstance(node, list)
        if isinstance(node[0], float):
            return list(wgs84_to_gcj02(node[0], node[1]))
        return [shift(child) for child in node]

    return {"type": fence["type"], "coordinates": shift(fence["coordinates"])}


def test_a_fence_drawn_on_a_chinese_map_is_stored_in_wgs84(db: Database) -> None:
    drawn = _on_a_chinese_map(FENCES[HOLED])
    with db.write() as session:
        geo.set_geofence(session, community_id="C002", fence=drawn, crs="gcj02")
    with db.read() as session:
        fences = geo.fences_of(session)
        stored = json.loads(session.get(Community, "C002").geofence)  # type: ignore[union-attr,arg-type]
    corner = stored["coordinates"][0][0]
    assert corner == pytest.approx([114.300, 30.580], abs=1e-9)  # back where the survey put it
    for lon, lat, inside in [(114.301, 30.581, True), (114.305, 30.585, False),
                             (114.308, 30.588, True), (114.311, 30.585, False)]:  # fmt: skip
        assert (fences.locate(lon, lat).community_id == "C002") is inside
    # taken as WGS-84, the same drawing would sit ~500 m off the compound
    with db.write() as session:
        geo.set_geofence(session, community_id="C002", fence=drawn)
    with db.read() as session:
        assert geo.fences_of(session).locate(114.301, 30.581).community_id is None


def test_operations_set_a_fence_through_the_api_checked_first(
    client: TestClient, db: Database
) -> None:
    with db.write() as session:
        ops = {"Authorization": "Bearer " + tokens.issue(session, role=Role.OPERATIONS,
                                                         now=datetime.now(UTC)).token}  # fmt: skip
    url = "/api/v1/communities/C002/geofence"
    drawn = _on_a_chinese_map(FENCES[MULTI])
    done = client.put(url, json={"geofence": drawn, "crs": "gcj02"}, headers=ops)
    assert done.status_code == 200, done.text
    assert done.json()["type"] == "MultiPolygon"
    assert done.json()["coordinates"][0][0][0] == pytest.approx([114.360, 30.580], abs=1e-9)
    with db.read() as session:
        assert geo.fences_of(session).locate(114.370, 30.588).community_id == "C002"
    unclosed = {"type": "Polygon", "coordinates": [[*box(114.3, 30.5, 114.4, 30.6)[:-1], [1, 1]]]}
    refused = client.put(url, json={"geofence": unclosed}, headers=ops)
    assert (refused.status_code, refused.json()) == (
        422,
        {"code": "geofence_invalid",
         "message": "geofence.coordinates[0]: the ring is not closed (last position ≠ first)"},
    )  # fmt: skip
    bowtie = {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]}
    refused = client.put(url, json={"geofence": bowtie}, headers=ops)
    assert refused.json()["message"].startswith("geofence: not a valid polygon (Self-inter")
    swapped = client.put(url, json={"geofence": {"type": "Polygon", "coordinates": [
        box(30.5, 114.3, 30.6, 114.4)]}}, headers=ops)  # fmt: skip
    assert "lat 114.3 outside -90…90" in swapped.json()["message"]
    point = client.put(url, json={"geofence": {"type": "Point", "coordinates": [1, 2]}},
                       headers=ops)  # fmt: skip
    assert (point.status_code, point.json()["code"]) == (422, "invalid_request")
    unknown = client.put("/api/v1/communities/C777/geofence", json={"geofence": FENCES[HOLED]},
                         headers=ops)  # fmt: skip
    assert (unknown.status_code, unknown.json()["code"]) == (404, "not_found")
    with db.read() as session:  # the refusals stored nothing
        assert geo.fences_of(session).locate(114.370, 30.588).community_id == "C002"


_coordinate = st.one_of(
    st.floats(-200, 200, allow_nan=False),
    st.sampled_from([114.3, 30.5, 114.31, 30.51, 0.0, 1e308, -1e308]),
)
_position = st.lists(_coordinate, min_size=0, max_size=4)
_ring = st.lists(_position, max_size=8).map(lambda r: r + r[:1] if r and len(r) % 2 else r)
_polygon_rings = st.lists(_ring, max_size=3)


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.fixed_dictionaries({"type": st.just("Polygon"), "coordinates": _polygon_rings}),
        st.fixed_dictionaries(
            {"type": st.just("MultiPolygon"), "coordinates": st.lists(_polygon_rings, max_size=3)}
        ),
    )
)
def test_any_fence_is_either_stored_or_refused_with_a_reason(fence: dict[str, object]) -> None:
    """Nothing a caller sends makes the checks fail any other way than a GeofenceError."""
    try:
        shape = parse_geofence(fence)
    except GeofenceError as refused:
        assert str(refused)
    else:
        assert shape.is_valid and shape.area > 0


def test_a_broken_stored_fence_places_nothing_and_is_named(
    db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    """A fence written before the checks existed: its points come out `outside` (an
    operator attributes them), never a failed order or a guess."""
    # a text of its own: the prepared sets are cached by the fences' text, across databases
    broken = json.dumps({"type": "Polygon", "coordinates": [[[0, 0]]], "id": str(uuid.uuid4())})
    with db.write() as session:
        session.get(Community, "C002").geofence = broken  # type: ignore[union-attr]
    with db.read() as session:
        fences = geo.fences_of(session)
    assert list(fences.broken) == ["C002"] and "at least 4 positions" in fences.broken["C002"]
    assert "geofence of C002 is not valid" in caplog.text
    assert fences.locate(114.2910, 30.6040).status == "outside"
    assert fences.locate(114.3050, 30.5930).community_id == "C001"

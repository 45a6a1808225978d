"""The Alembic revisions build exactly the models' schema; geofences; the change log's order."""

from __future__ import annotations

import json

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from sync.server.db import Database
from sync.server.geo import community_at, contains, square
from sync.server.models.base import Base


def test_migrations_match_the_models(db: Database) -> None:
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_point_in_polygon_with_holes_and_edges() -> None:
    outer = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]
    hole = [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]
    fence = {"type": "Polygon", "coordinates": [outer, hole]}
    assert contains(fence, 1, 1)
    assert not contains(fence, 5, 5)  # in the hole
    assert contains(fence, 4, 5)  # on the hole's edge: still the compound
    assert contains(fence, 10, 5) and contains(fence, 0, 0)  # boundary and corner
    assert not contains(fence, 10.01, 5) and not contains(fence, -1, -1)
    multi = {
        "type": "MultiPolygon",
        "coordinates": [[outer], [[[20, 20], [30, 20], [25, 30], [20, 20]]]],
    }
    assert contains(json.dumps(multi), 25, 25) and not contains(multi, 15, 15)
    concave = {
        "type": "Polygon",
        "coordinates": [[[0, 0], [10, 0], [10, 10], [5, 5], [0, 10], [0, 0]]],
    }
    assert contains(concave, 5, 3) and not contains(concave, 5, 8)


def test_an_online_order_belongs_to_the_community_around_its_delivery_point(db: Database) -> None:
    with db.read() as session:
        assert community_at(session, lon=114.3050, lat=30.5930) == "C001"
        assert community_at(session, lon=114.2910, lat=30.6040) == "C002"
        assert community_at(session, lon=100.0, lat=30.0) is None
    assert json.loads(square(1, 2, 0.5))["coordinates"][0][0] == [0.5, 1.5]

"""`online`: the online shop's orders for operations, and the communities' geofences.

    yuancang-central online unattributed                   overlaps and outsides waiting
    yuancang-central online attribute ORDER --community C [--note TEXT] [--by NAME]
    yuancang-central online geofence --community C --file fence.geojson [--crs gcj02]

An attribution is final and audited (who: `--by`, default the login name). A
geofence is GeoJSON [lon, lat], stored in WGS-84: one drawn on a Chinese map
(高德, 腾讯) is given with `--crs gcj02` and converted vertex by vertex
(docs/online_orders.md). A bad one is refused with the place and the reason,
and nothing is stored.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import UTC, datetime
from pathlib import Path

from sync.server.cli.database import open_db
from sync.server.config import Settings


def add_command(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    text = "online orders: list the unattributed, attribute one, set a community's geofence"
    p = sub.add_parser("online", help=text, description=text)
    p.add_argument("--db", help="database URL (default: $YC_CENTRAL_DATABASE_URL)")
    p.add_argument("action", choices=["unattributed", "attribute", "geofence"])
    p.add_argument("order", nargs="?", help="attribute: the shop's order id")
    p.add_argument("--community", help="attribute, geofence: the community id (C001)")
    p.add_argument("--note", default="", help="attribute: why (kept in the audit)")
    p.add_argument("--by", help="attribute: who (default: the login name)")
    p.add_argument("--file", type=Path, help="geofence: the GeoJSON Polygon/MultiPolygon")
    p.add_argument(
        "--crs",
        choices=["wgs84", "gcj02"],
        default="wgs84",
        help="geofence: the file's coordinate system (gcj02: drawn on 高德 or 腾讯 maps)",
    )


def online_command(args: argparse.Namespace, settings: Settings) -> int:
    from sync.server import geo, online_attribution
    from sync.server.online_orders import OnlineRefused

    now = datetime.now(UTC)
    db = open_db(settings)
    try:
        if args.action == "unattributed":
            with db.read() as session:
                for o in online_attribution.unattributed(session, limit=10_000):
                    print(
                        f"{o.order_id}\t{o.created_at.isoformat()}\t{o.status}\t"
                        f"{','.join(o.candidates) or '-'}\t{o.lon:.6f},{o.lat:.6f}\t{o.total_fen}"
                    )
            return 0
        if not args.community:
            raise ValueError(f"online {args.action} needs --community")
        if args.action == "geofence":
            if args.file is None:
                raise ValueError("online geofence needs --file")
            with db.write() as session:
                geo.set_geofence(
                    session,
                    community_id=args.community,
                    fence=args.file.read_text(encoding="utf-8"),
                    crs=args.crs,
                )
            print(f"geofence of {args.community} stored")
            return 0
        if not args.order:
            raise ValueError("online attribute needs the order id")
        try:
            with db.write() as session:
                done = online_attribution.attribute(
                    session,
                    order_id=args.order,
                    community_id=args.community,
                    by=f"cli {args.by or getpass.getuser()}",
                    note=args.note,
                    now=now,
                )
        except OnlineRefused as exc:
            print(f"error: {exc.code}: {exc.message}", file=sys.stderr)
            return 1
        print(f"{done.order_id} attributed to {done.community_id}: {done.points} points")
        return 0
    finally:
        db.dispose()

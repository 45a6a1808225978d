"""`load-catalog` and `review`: the catalog loaded from a CSV, and the review of the
sale lines and points the push held back against it."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime

from sync.server.cli.database import open_db
from sync.server.config import Settings


def load_catalog_command(args: argparse.Namespace, settings: Settings) -> int:
    from sync.server.catalog import load_catalog
    from sync.server.changelog import ChangeLog

    db = open_db(settings)
    try:
        with db.write() as session:
            changes = ChangeLog()
            report = load_catalog(session, path=args.file, now=datetime.now(UTC), changes=changes)
            if not report.ok:
                for p in report.problems[:50]:
                    print(f"row {p.row}: {p.column} {p.problem.value} {p.value}", file=sys.stderr)
                print(f"{len(report.problems)} problems: nothing loaded", file=sys.stderr)
                return 1
            changes.flush(session)
    finally:
        db.dispose()
    print(f"catalog loaded: {report.inserted} new, {report.updated} updated")
    return 0


def review_command(args: argparse.Namespace, settings: Settings) -> int:
    from sync.server import review

    if args.action != "list" and args.id is None:
        print(f"error: review {args.action} needs the item's ID", file=sys.stderr)
        return 2
    db = open_db(settings)
    try:
        with db.write() as session:
            if args.action == "list":
                print(review.format_table(review.list_open(session)))
                return 0
            act = review.release if args.action == "release" else review.dismiss
            result = act(session, review_id=args.id, now=datetime.now(UTC))
    finally:
        db.dispose()
    if result.outcome is review.Outcome.RELEASED:
        print(f"review {args.id}: {result.points} points credited to {result.resident_id or '-'}")
    else:
        print(f"review {args.id}: {result.outcome.value}")
    return 0 if result.outcome in review.DONE else 1

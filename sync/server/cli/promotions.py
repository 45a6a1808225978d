"""`promotions`: create, schedule, pause, resume, end, list and report promotions
from the command line (the same functions as the API, sync/server/promotions.py):

    yuancang-central promotions create --file promo.json --stores S001,S002 --budget 50000
    yuancang-central promotions schedule T200 --file window.json
    yuancang-central promotions pause|resume|end T200
    yuancang-central promotions list [--store S001]
    yuancang-central promotions report T200 [--since ISO --until ISO]

A refusal prints one line on stderr and exits 1; every change reaches the tills
through the change feed, in the same transaction.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sync.server.cli.database import open_db
from sync.server.config import Settings


def _read_json(path: Path | None) -> Any:
    if path is None:
        raise ValueError("--file is required")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: {exc}") from None


def _yuan(fen: int | None) -> str:
    if fen is None:
        return "-"
    whole, part = divmod(fen, 100)
    return f"{whole}.{part:02d}"


def _aware(text: str | None) -> datetime | None:
    if text is None:
        return None
    value = datetime.fromisoformat(text)
    if value.tzinfo is None:
        raise ValueError(f"{text}: give the time zone (…Z or +08:00)")
    return value.astimezone(UTC)


def promotions_command(args: argparse.Namespace, settings: Settings) -> int:
    from sync.server import promo_report
    from sync.server import promotions as promos
    from sync.server.changelog import ChangeLog

    now = datetime.now(UTC)
    db = open_db(settings)
    try:
        if args.action == "list":
            with db.read() as session:
                for v in promos.list_promotions(session, store_code=args.store):
                    where = ",".join(v.stores) or "*"
                    budget = f"{_yuan(v.given_fen)}/{_yuan(v.budget_fen)}"
                    print(f"{v.id}\t{v.status}\t{v.kind}\t{where}\t{budget}\t{v.name}")
            return 0
        if args.action == "report":
            with db.read() as session:
                r = promo_report.report(
                    session,
                    promo_id=_need_id(args),
                    now=now,
                    since=_aware(args.since),
                    until=_aware(args.until),
                    skew=timedelta(seconds=settings.sale_clock_skew_s),
                )
            print(promo_report.format_report(r))
            return 0
        changes = ChangeLog()
        with db.write() as session:
            if args.action == "create":
                stores = [s for s in (args.stores or "").split(",") if s]
                view = promos.create(
                    session, definition=_read_json(args.file), stores=stores,
                    budget_fen=args.budget, now=now, changes=changes,
                )  # fmt: skip
            elif args.action == "schedule":
                view = promos.schedule(
                    session, promo_id=_need_id(args), window=_read_json(args.file), now=now,
                    changes=changes,
                )  # fmt: skip
            else:
                view = promos.change_status(
                    session, promo_id=_need_id(args), action=promos.Action(args.action),
                    now=now, changes=changes,
                )  # fmt: skip
            changes.flush(session, now=now)
        print(f"{args.action}: {view.id} {view.status} {view.name}")
        return 0
    except promos.PromotionError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 1
    finally:
        db.dispose()


def _need_id(args: argparse.Namespace) -> str:
    if not args.id:
        raise ValueError(f"promotions {args.action} needs the promotion's ID")
    return str(args.id)

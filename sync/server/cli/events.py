"""`events`: create, start, close, cancel, list, report and compare tasting events from
the command line (the same functions as the API, sync/server/events.py):

    yuancang-central events create --file event.json
    yuancang-central events start|close|cancel EV-TEA-1128
    yuancang-central events list [--store S001]
    yuancang-central events report EV-TEA-1128
    yuancang-central events compare --by product|community|hour [--ids A,B] [--store S001]

A refusal prints one line on stderr and exits 1; every change reaches the tills
through the change feed (kind "event"), in the same transaction.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime

from sync.server.cli.database import open_db
from sync.server.cli.promotions import _aware, _read_json, _yuan
from sync.server.config import Settings


def _bps(value: int | None) -> str:
    if value is None:
        return "-"
    whole, part = divmod(value, 100)
    return f"{whole}.{part:02d}%"


def events_command(args: argparse.Namespace, settings: Settings) -> int:
    from sync.server import event_compare, event_report
    from sync.server import events as ev
    from sync.server.changelog import ChangeLog

    now = datetime.now(UTC)
    db = open_db(settings)
    try:
        if args.action == "list":
            with db.read() as session:
                for v in ev.list_events(session, store_code=args.store):
                    d = v.data
                    print(
                        f"{d.event_id}\t{d.status}\t{d.store_code}\t"
                        f"{d.starts_at.isoformat()}\t{d.ends_at.isoformat()}\t{d.name}"
                    )
            return 0
        if args.action == "report":
            with db.read() as session:
                r = event_report.report(session, event_id=_need_id(args))
            print(format_report(r))
            return 0
        if args.action == "compare":
            ids = [i for i in (args.ids or "").split(",") if i]
            with db.read() as session:
                chosen = event_compare.select_events(
                    session, event_ids=ids, store_code=args.store,
                    since=_aware(args.since), until=_aware(args.until),
                )  # fmt: skip
                rows = event_compare.compare(session, by=event_compare.By(args.by), events=chosen)
            print("key\tevents\tvisitors\tbuyers\tconversion\tsales\tsales/visitor\tcost/buyer")
            for c in rows:
                print(
                    f"{c.key}\t{c.events}\t{c.visitors}\t{c.buyers}\t"
                    f"{_bps(c.buyers_per_visitor_bps)}\t{_yuan(c.sales_fen)}\t"
                    f"{_yuan(c.sales_per_visitor_fen)}\t{_yuan(c.sample_cost_per_buyer_fen)}"
                )
            return 0
        changes = ChangeLog()
        with db.write() as session:
            if args.action == "create":
                view = ev.create(session, data=_read_json(args.file), now=now, changes=changes)
            else:
                view = ev.change_status(
                    session, event_id=_need_id(args), action=ev.Action(args.action), now=now,
                    changes=changes,
                )  # fmt: skip
            changes.flush(session, now=now)
        print(f"{args.action}: {view.data.event_id} {view.data.status} {view.data.name}")
        return 0
    except ev.EventError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 1
    except event_report.EventNotFound as exc:
        print(f"error: no event {exc}", file=sys.stderr)
        return 1
    finally:
        db.dispose()


def format_report(r: object) -> str:
    """The report as text: the totals, then one line per product and per hour."""
    from sync.server.event_report import EventReport

    assert isinstance(r, EventReport)
    lines = [
        f"event\t{r.event_id}",
        f"visitors\t{r.visitors}",
        f"tastings\t{r.tastings}",
        f"sample cost\t{_yuan(r.sample_cost_fen)} / {_yuan(r.sample_budget_fen)}",
        f"sales\t{r.sales_count}\t{_yuan(r.sales_fen)}\tunits {r.units}",
        f"buyers\t{r.buyers}\tmembers {r.member_buyers}",
        f"buyers per visitor\t{_bps(r.buyers_per_visitor_bps)}",
        f"buyers per tasting\t{_bps(r.buyers_per_tasting_bps)}",
        f"residents identified\t{r.residents_identified}\tnew {r.new_residents}",
        f"leads\t{r.leads}",
        f"feedback\t{r.feedback_count}",
        "sku\ttastings\tsample qty\tsample cost\tunits\tsales\tfeedback\trating sum\ttags",
    ]
    for p in r.products:
        tags = ",".join(f"{t}:{n}" for t, n in p.tags)
        lines.append(
            f"{p.sku or '-'}\t{p.tastings}\t{p.sample_quantity}\t{_yuan(p.sample_cost_fen)}\t"
            f"{p.units}\t{_yuan(p.sales_fen)}\t{p.feedback_count}\t{p.rating_sum}\t{tags}"
        )
    lines.append("hour (Asia/Shanghai)\tvisitors\tsales\tunits\tamount")
    for h in r.hours:
        lines.append(
            f"{h.hour:%Y-%m-%d %H:00}\t{h.visitors}\t{h.sales_count}\t{h.units}\t"
            f"{_yuan(h.sales_fen)}"
        )
    return "\n".join(lines)


def _need_id(args: argparse.Namespace) -> str:
    if not args.id:
        raise ValueError(f"events {args.action} needs the event's ID")
    return str(args.id)

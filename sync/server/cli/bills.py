"""`bills`, `collection` and `showroom`: property-fee bills, payments and the collection
rate from the command line (the same functions as the API, sync/server/api/bills.py):

    yuancang-central bills import --community C001 bills-2026-10.xlsx
    yuancang-central bills payments --community C001 payments-2026-10.csv
    yuancang-central bills pay --community C001 --room 3-2-1102 --period 2026-10 \\
        --amount 260.00 --method cash --reference SJ-000123 [--paid-on 2026-10-15]
    yuancang-central collection --community C001 --from 2026-01 --to 2026-12 \\
        [--as-of 2026-12-31] [--format json|csv|xlsx] [--out FILE]
    yuancang-central showroom --community C001 --opened 2026-03-15 | --clear

Exit status: 0 done (an import also when nothing was new: a re-import); 1 refused,
with nothing written: a file with bad rows (each on stderr: row, column, code, the
English and the Chinese sentence), an unknown community, an overpaid bill, a payment
reference stored with other content; 2 bad arguments (or a file that cannot be read).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, date, datetime
from pathlib import Path

from sync.server.cli.database import open_db
from sync.server.config import Settings


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    def command(name: str, text: str) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = sub.add_parser(name, help=text, description=text)
        p.add_argument("--db", help="database URL (default: $YC_CENTRAL_DATABASE_URL)")
        p.add_argument("--community", required=True, help="community id, e.g. C001")
        return p

    text = "import property-fee bills or payments (all or nothing), or record one payment"
    bills = sub.add_parser("bills", help=text, description=text)
    actions = bills.add_subparsers(dest="action", required=True)

    def action(name: str, text: str) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = actions.add_parser(name, help=text, description=text)
        p.add_argument("--db", help="database URL (default: $YC_CENTRAL_DATABASE_URL)")
        p.add_argument("--community", required=True, help="community id, e.g. C001")
        return p

    for name, what in (("import", "bills"), ("payments", "payments")):
        p = action(name, f"import the {what} of the property company's export, all or nothing")
        p.add_argument("file", type=Path, help="the CSV (UTF-8 or GB18030) or XLSX export")
    p = action("pay", "record one payment against a bill (idempotent by --reference)")
    p.add_argument("--room", required=True, help="房号 as on the bill, e.g. 3-2-1102")
    p.add_argument("--period", required=True, help="the bill's month, YYYY-MM")
    p.add_argument("--amount", required=True, help="in yuan, e.g. 260.00")
    p.add_argument(
        "--method", required=True,
        choices=["cash", "transfer", "wechat", "alipay", "unionpay", "other"],
    )  # fmt: skip
    p.add_argument("--reference", required=True, help="收据号, the payment's own reference")
    p.add_argument("--paid-on", help="YYYY-MM-DD[ HH:MM] in Asia/Shanghai (default now)")

    p = command("collection", "the property-fee collection rate (收缴率) by bill period")
    p.add_argument("--from", dest="first", required=True, help="first month, YYYY-MM")
    p.add_argument("--to", dest="last", required=True, help="last month, YYYY-MM")
    p.add_argument("--as-of", type=date.fromisoformat, help="cut-off day (default today)")
    p.add_argument("--format", choices=["json", "csv", "xlsx"], default="json")
    p.add_argument("--out", type=Path, help="write here (xlsx needs it; default stdout)")

    p = command("showroom", "set the day the community's showroom opened (rate before/after)")
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--opened", type=date.fromisoformat, help="YYYY-MM-DD")
    group.add_argument("--clear", action="store_true", help="forget the date")


def bills_command(args: argparse.Namespace, settings: Settings) -> int:
    from sync.server import bill_payments, bills

    now = datetime.now(UTC)
    db = open_db(settings)
    try:
        if args.action == "pay":
            return _pay(db, args, now)
        try:
            data = args.file.read_bytes()
        except OSError as exc:
            print(f"error: cannot read {args.file}: {exc.strerror}", file=sys.stderr)
            return 2

        def work(session):  # type: ignore[no-untyped-def]
            if args.action == "import":
                return bills.import_bills(session, community_id=args.community, data=data)
            return bill_payments.import_payments(
                session, community_id=args.community, data=data, now=now
            )

        report = db.run_write(work)
        if not report.ok:
            for p in report.problems:
                where = f"row {p.row}" + (f", column {p.column}" if p.column else "")
                print(f"{where}: {p.code.value}: {p.message_en} / {p.message_zh}", file=sys.stderr)
            print(
                f"error: {len(report.problems)} bad rows: nothing imported / "
                f"{len(report.problems)} 行有误，未导入任何数据",
                file=sys.stderr,
            )
            return 1
        print(
            f"{args.action}: {report.rows} rows, {report.created} new, "
            f"{report.updated} updated, {report.unchanged} unchanged"
        )
        for a in report.amended:  # never silently: each bill whose amount changed
            print(f"row {a.row}: {a.bill_id} {a.period} {a.old_fen} -> {a.new_fen} fen")
        return 0
    except bills.BillError as exc:
        print(f"error: {exc.code.value}: {exc.message}", file=sys.stderr)
        return 1
    finally:
        db.dispose()


def _pay(db, args: argparse.Namespace, now: datetime) -> int:  # type: ignore[no-untyped-def]
    from sync.server import bill_payments
    from sync.server.bill_rows import parse_fen, parse_paid_at

    missing = [
        n for n in ("room", "period", "amount", "method", "reference") if not getattr(args, n)
    ]
    if missing:
        raise ValueError("bills pay needs --" + ", --".join(missing))
    fen = parse_fen(args.amount)
    if fen is None:
        raise ValueError(f"--amount {args.amount!r}: yuan above 0 with at most 2 decimals")
    paid_at = now if args.paid_on is None else parse_paid_at(args.paid_on)
    if paid_at is None:
        raise ValueError(f"--paid-on {args.paid_on!r}: YYYY-MM-DD or YYYY-MM-DD HH:MM")
    done = db.run_write(
        lambda session: bill_payments.record_payment(
            session,
            community_id=args.community,
            room=args.room,
            period=args.period,
            reference=args.reference,
            method=args.method,
            amount_fen=fen,
            paid_at=paid_at,
            now=now,
            source="cli",
        )
    )
    print(f"{done.status}: bill {done.bill_id}, open {done.bill_open_fen} fen")
    return 0


def collection_command(args: argparse.Namespace, settings: Settings) -> int:
    from sync.server import collection, collection_export

    if args.format == "xlsx" and args.out is None:
        raise ValueError("--format xlsx needs --out FILE")
    db = open_db(settings)
    try:
        with db.read() as session:
            r = collection.report(
                session, community_id=args.community, first=args.first, last=args.last,
                as_of=args.as_of or collection.today(),
            )  # fmt: skip
    finally:
        db.dispose()
    if args.format == "json":
        body = json.dumps(collection_export.as_dict(r), ensure_ascii=False, indent=2) + "\n"
        data = body.encode("utf-8")
    else:
        data = collection_export.as_csv(r) if args.format == "csv" else collection_export.as_xlsx(r)
    if args.out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        args.out.write_bytes(data)
        print(f"collection: {r.community_id} {r.first}..{r.last} written to {args.out}")
    return 0


def showroom_command(args: argparse.Namespace, settings: Settings) -> int:
    from sync.server import collection

    db = open_db(settings)
    try:
        with db.write() as session:
            opened = None if args.clear else args.opened
            collection.set_opening(session, community_id=args.community, opened_on=opened)
    finally:
        db.dispose()
    print(f"showroom of {args.community}: {'not known' if opened is None else opened}")
    return 0

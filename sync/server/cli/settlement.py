"""`settlement`: a community's month with its property company, from the command line.

    yuancang-central settlement --community C001 --month 2026-11 [--format json|csv|xlsx]
                                [--output FILE]                 the figures (live when open)
    yuancang-central settlement close --community C001 --month 2026-11 --key FILE
    yuancang-central settlement verify --community C001 --month 2026-11

`close` freezes and signs the month with the settlement key in FILE (created
0600 when absent; only its public half goes to the database); `verify` checks a
closed month's hash, signature and figures, and exits 1 naming what differs.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sync.server.cli.database import open_db
from sync.server.config import Settings


def add_command(sub: Any) -> None:
    """The `settlement` subcommand and its options (called by cli/parser.py)."""
    text = "a community's monthly settlement: show (json, csv, xlsx), close and sign, verify"
    p = sub.add_parser("settlement", help=text, description=text)
    p.add_argument("--db", help="database URL (default: $YC_CENTRAL_DATABASE_URL)")
    p.add_argument("action", nargs="?", choices=["show", "close", "verify"], default="show")
    p.add_argument("--community", required=True, help="e.g. C001")
    p.add_argument("--month", required=True, help="YYYY-MM, in Asia/Shanghai")
    p.add_argument("--format", choices=["json", "csv", "xlsx"], default="json")
    p.add_argument("--output", type=Path, help="show: write here (default: standard output)")
    p.add_argument("--key", type=Path, help="close: the settlement signing key file (0600)")


def settlement_command(args: argparse.Namespace, settings: Settings) -> int:
    from sync.server import settlement_close as sc
    from sync.server.keys import KeyFileError
    from sync.server.settlement_export import FORMATS
    from sync.server.settlement_period import parse_month

    parse_month(args.month)  # ValueError: one line, exit 1
    db = open_db(settings)
    try:
        if args.action == "close":
            if args.key is None:
                raise ValueError("close needs --key FILE (the settlement signing key)")
            try:
                with db.write() as session:
                    row = sc.close(session, community_id=args.community, month=args.month,
                                   key_file=args.key, now=datetime.now(UTC))  # fmt: skip
                    print(f"closed {args.community} {args.month}: sha256 {row.sha256} "
                          f"key {row.key_id}")  # fmt: skip
            except KeyFileError as exc:
                raise ValueError(str(exc)) from exc
            return 0
        if args.action == "verify":
            with db.read() as session:
                verdict = sc.verify(session, community_id=args.community, month=args.month)
            if verdict.ok:
                print(f"ok {args.community} {args.month}: hash, signature and figures agree")
                return 0
            for problem in verdict.problems:
                print(f"{args.community} {args.month}: {problem}", file=sys.stderr)
            return 1
        with db.read() as session:
            document = sc.published(session, community_id=args.community, month=args.month).document
        body = FORMATS[args.format](document)
        if args.output is not None:
            args.output.write_bytes(body)
        else:
            sys.stdout.flush()
            sys.stdout.buffer.write(body)
            sys.stdout.buffer.flush()
        return 0
    finally:
        db.dispose()

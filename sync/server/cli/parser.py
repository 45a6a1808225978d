"""The argument parser of `yuancang-central`: every subcommand and its options
(the handlers are the other modules of this package)."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path


def build_parser(description: str) -> argparse.ArgumentParser:
    """Every subcommand of `yuancang-central` and its options."""
    parser = argparse.ArgumentParser(prog="yuancang-central", description=description)
    sub = parser.add_subparsers(dest="command", required=True)

    def command(name: str, text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=text, description=text)
        p.add_argument("--db", help="database URL (default: $YC_CENTRAL_DATABASE_URL)")
        return p

    p = command("init", "create or migrate the database; --demo loads the demo data")
    p.add_argument("--demo", action="store_true")
    p.add_argument(
        "--demo-promotions",
        action="store_true",
        help="with --demo: the demo till's promotions too (the demo stack's server)",
    )
    p.add_argument("--key-file", type=Path, help="membership signing key (private, 0600)")

    p = command("serve", "run the HTTP API with uvicorn")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8700)
    p.add_argument("--workers", type=int, default=1)
    p.add_argument("--log-level", default="info")

    p = command("enroll", "print a one-time enrollment code for a till position")
    p.add_argument("--store", required=True)
    p.add_argument("--terminal", required=True)
    p.add_argument("--hours", type=float, help="validity (default: setting, 24 h)")

    p = command("issue-qr", "print a fresh membership code (YCM1) signed with the server key")
    p.add_argument("resident")
    p.add_argument("--png", type=Path, help="also write it as a QR code image")
    p.add_argument("--key-file", type=Path)

    p = command("revoke-terminal", "withdraw a till: its token is refused from now on")
    p.add_argument("--store", required=True)
    p.add_argument("--terminal", required=True)

    p = command("revoke-resident", "put a resident on the revocation list (lost phone, moved out)")
    p.add_argument("resident")
    p.add_argument("--reason", default="")

    p = command("retire-key", "retire a membership signing key: its codes are refused from now on")
    p.add_argument("key_id")

    p = command("load-catalog", "load a catalog CSV (same format and rules as the till's import)")
    p.add_argument("file", type=Path)

    p = command(
        "backup", "copy a SQLite database with SQLite's online backup (PostgreSQL: pg_dump)"
    )
    p.add_argument("file", type=Path, help="a new file for the copy")
    p = command("restore", "put a SQLite backup in place of the database (stop the server first)")
    p.add_argument("file", type=Path)

    p = command("review", "list flagged sale lines and held points; release or dismiss one")
    p.add_argument("action", choices=["list", "release", "dismiss"])
    p.add_argument("id", nargs="?", type=int, help="the review item (release, dismiss)")

    p = command(
        "shifts", "list a store's closed shifts (交班), the server's figures beside the till's"
    )
    p.add_argument("--store", required=True)
    p.add_argument("--day", type=date.fromisoformat, help="YYYY-MM-DD, in Asia/Shanghai")
    from sync.server.cli import portal_users
    from sync.server.tokens import add_command

    add_command(sub)
    portal_users.add_command(sub)
    from sync.server.cli.online import add_command as add_online

    add_online(sub)
    p = command("staff", "add (asks the PIN), list or disable a store's staff")
    p.add_argument("action", choices=["add", "list", "disable"])
    p.add_argument("--store", required=True)
    p.add_argument("--name", help="add: the name shown on the till and the receipts")
    p.add_argument("--role", choices=["cashier", "promoter", "manager"], default="cashier")
    p.add_argument("--id", help="disable: the staff id (see list)")

    p = command("promotions", "create, schedule, pause, resume, end, list or report promotions")
    p.add_argument(
        "action", choices=["create", "schedule", "pause", "resume", "end", "list", "report"]
    )
    p.add_argument("id", nargs="?", help="the promotion (all but create and list)")
    p.add_argument("--file", type=Path, help="create: the promotion; schedule: the window (JSON)")
    p.add_argument("--stores", help="create: S001,S002 (default: every store)")
    p.add_argument("--budget", type=int, help="create: the cap on its discount, in fen")
    p.add_argument("--store", help="list: only the promotions of this store")
    p.add_argument("--since", help="report: start (ISO time with zone; default its start)")
    p.add_argument("--until", help="report: end (ISO time with zone; default its end or now)")

    p = command("events", "create, start, close, cancel, list, report or compare tasting events")
    p.add_argument(
        "action", choices=["create", "start", "close", "cancel", "list", "report", "compare"]
    )
    p.add_argument("id", nargs="?", help="the event (start, close, cancel, report)")
    p.add_argument("--file", type=Path, help="create: the event (JSON, as the tills receive it)")
    p.add_argument("--store", help="list, compare: only this store's events")
    p.add_argument("--by", choices=["product", "community", "hour"], default="product")
    p.add_argument("--ids", help="compare: EV1,EV2 (default: every event)")
    p.add_argument("--since", help="compare: events starting from (ISO time with zone)")
    p.add_argument("--until", help="compare: events starting before (ISO time with zone)")
    from sync.server.cli.settlement import add_command as add_settlement

    add_settlement(sub)
    from sync.server.cli.bills import add_commands as add_bill_commands

    add_bill_commands(sub)
    return parser

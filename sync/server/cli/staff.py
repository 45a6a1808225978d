"""`staff` and `shifts`: a store's people (added with a PIN typed unseen, listed,
disabled) and their closed shifts (交班)."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime

from sync.server.cli.database import open_db
from sync.server.config import Settings


def shifts_command(args: argparse.Namespace, settings: Settings) -> int:
    from sync.server import shifts

    db = open_db(settings)
    try:
        with db.read() as session:
            print(
                shifts.format_table(
                    shifts.list_shifts(session, store_code=args.store, day=args.day)
                )
            )
    finally:
        db.dispose()
    return 0


def _ask_pin() -> str:
    """The PIN, typed twice without echo at a terminal; one line from a pipe."""
    import getpass

    if not sys.stdin.isatty():
        return sys.stdin.readline().strip()
    pin = getpass.getpass("PIN (4-8 digits): ")
    if getpass.getpass("PIN again: ") != pin:
        raise ValueError("the two PINs differ")
    return pin


def staff_command(args: argparse.Namespace, settings: Settings) -> int:
    from sync.server.changelog import ChangeLog
    from sync.server.staff import add_staff, disable_staff, list_staff

    now = datetime.now(UTC)
    db = open_db(settings)
    try:
        if args.action == "list":
            with db.read() as session:
                for row in list_staff(session, args.store):
                    state = "active" if row.active else "disabled"
                    print(f"{row.id}\t{row.role}\t{row.name}\t{state}")
            return 0
        changes = ChangeLog()
        with db.write() as session:
            if args.action == "add":
                if not args.name:
                    raise ValueError("--name is required")
                pin = _ask_pin()
                row = add_staff(
                    session, store_code=args.store, name=args.name, role=args.role, pin=pin,
                    now=now, changes=changes,
                )  # fmt: skip
            else:
                if not args.id:
                    raise ValueError("--id is required")
                row = disable_staff(
                    session, store_code=args.store, staff_id=args.id, now=now, changes=changes
                )
            changes.flush(session, now=now)
        print(f"{args.action}: {row.id} {row.role} {row.name}")
        return 0
    finally:
        db.dispose()

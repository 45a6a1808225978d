"""`yuancang-central`: the central server's command line.

    yuancang-central init --db URL [--demo]          migrate (+ demo data, demo key)
    yuancang-central serve --db URL [--host 127.0.0.1] [--port 8700] [--workers N]
    yuancang-central enroll --db URL --store S001 --terminal T01    one-time code
    yuancang-central issue-qr --db URL R0001 [--png FILE]           membership code
    yuancang-central revoke-terminal --db URL --store S001 --terminal T01
    yuancang-central revoke-resident --db URL R0001 [--reason moved]
    yuancang-central retire-key --db URL KEY_ID                     stop trusting a signing key
    yuancang-central load-catalog --db URL FILE.csv
    yuancang-central review list|release ID|dismiss ID --db URL    held points, flagged lines
    yuancang-central shifts --db URL --store S001 [--day YYYY-MM-DD]  closed shifts (交班)
    yuancang-central token issue --role property-company --company P001   API credential
    yuancang-central token revoke k-… | token list                 (see sync/server/tokens.py)
    yuancang-central staff add --store S001 --name 店长老李 --role manager   asks the PIN
    yuancang-central staff list|disable --store S001 [--id STAFF_ID]

`--db` defaults to $YC_CENTRAL_DATABASE_URL; every setting of `config.Settings`
can be given as YC_CENTRAL_<NAME>. TLS is the reverse proxy's job (see
docs/sync-protocol.md): serve listens on 127.0.0.1 by default.
"""

from __future__ import annotations

import argparse
import copy
import logging
import os
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from pos_app.core import redact
from sync.server.config import ENV_PREFIX, Settings, key_file_for, personal_key_file_for
from sync.server.personal_data import PersonalKeyError

log = logging.getLogger("sync.server")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="yuancang-central", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    def command(name: str, text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=text, description=text)
        p.add_argument("--db", help="database URL (default: $YC_CENTRAL_DATABASE_URL)")
        return p

    p = command("init", "create or migrate the database; --demo loads the demo data")
    p.add_argument("--demo", action="store_true")
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
    from sync.server.tokens import add_command

    add_command(sub)
    p = command("staff", "add (asks the PIN), list or disable a store's staff")
    p.add_argument("action", choices=["add", "list", "disable"])
    p.add_argument("--store", required=True)
    p.add_argument("--name", help="add: the name shown on the till and the receipts")
    p.add_argument("--role", choices=["cashier", "promoter", "manager"], default="cashier")
    p.add_argument("--id", help="disable: the staff id (see list)")
    return parser


def _settings(args: argparse.Namespace) -> Settings:
    overrides = {"database_url": args.db} if args.db else {}
    if getattr(args, "key_file", None):
        overrides["key_file"] = args.key_file
    return Settings(**overrides)


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)  # our own line says what migrates
    for root_handler in logging.getLogger().handlers:
        redact.install(root_handler)  # no phone, token or code reaches a log line
    args = _parser().parse_args(argv)
    settings = _settings(args)
    handler = {
        "init": _init,
        "serve": _serve,
        "enroll": _enroll,
        "issue-qr": _issue_qr,
        "revoke-terminal": _revoke_terminal,
        "revoke-resident": _revoke_resident,
        "retire-key": _retire_key,
        "load-catalog": _load_catalog,
        "review": _review,
        "shifts": _shifts,
        "backup": _backup,
        "restore": _restore,
        "token": _token,
        "staff": _staff,
    }[args.command]
    try:
        return handler(args, settings)
    except (LookupError, ValueError, PersonalKeyError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


def _db(settings: Settings):  # type: ignore[no-untyped-def]
    from sync.server.db import Database
    from sync.server.personal_data import read_key_file

    # the commands that log a resident's change for the tills (review, revoke-resident…)
    # read the sealed phone; without a key file, they fail saying so, the rest work
    path = personal_key_file_for(settings)
    keys = read_key_file(path) if path.exists() else None
    return Database(settings.database_url, pool_size=1, max_overflow=2, personal_keys=keys)


def _init(args: argparse.Namespace, settings: Settings) -> int:
    from sync.server import keys
    from sync.server.personal_data import PersonalKeyError
    from sync.server.seed import initialize

    db = _db(settings)
    try:
        report = initialize(
            db,
            key_file=key_file_for(settings),
            demo=args.demo,
            personal_key_file=personal_key_file_for(settings),
        )
    except (keys.KeyFileError, PersonalKeyError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        db.dispose()
    made = "created" if report.key_created else "kept"
    print(f"database ready; signing key {report.key_id} ({made}: {report.key_file})")
    made = "created" if report.personal_key_created else "kept"
    print(f"personal-data key {made}: {report.personal_key_file} (keep it out of backups' reach)")
    if report.demo_loaded:
        print("demo data loaded: P001 (C001, C002), P900 (C900), stores S001 S002 S900")
    return 0


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    from sync.server.db import alembic_config
    from sync.server.personal_data import PersonalKeyError, check_keys, read_key_file

    key_file = personal_key_file_for(settings)
    db = _db(settings)
    try:
        with db.engine.connect() as conn:
            current = MigrationContext.configure(conn).get_current_revision()
        head = ScriptDirectory.from_config(alembic_config(db.engine)).get_current_head()
        if current != head:
            print(
                f"error: database at {current}, needs {head}: run `yuancang-central init`",
                file=sys.stderr,
            )
            return 1
        keys = read_key_file(key_file)
        with db.read() as session:
            check_keys(session, keys, where=key_file)
    except PersonalKeyError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        db.dispose()
    # the workers are fresh processes: they read their settings from the environment
    os.environ[f"{ENV_PREFIX}DATABASE_URL"] = settings.database_url
    os.environ[f"{ENV_PREFIX}PERSONAL_KEY_FILE"] = str(personal_key_file_for(settings))
    uvicorn.run(
        "sync.server.app:app_from_env",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers if args.workers > 1 else None,
        log_level=args.log_level,
        log_config=redacting_log_config(args.log_level),
        proxy_headers=True,  # the TLS proxy in front says who the client is
        forwarded_allow_ips="127.0.0.1",
    )
    return 0


def _backup(args: argparse.Namespace, settings: Settings) -> int:
    from sync.server import backup

    try:
        info = backup.backup(settings.database_url, args.file)
    except backup.BackupRefused as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(
        f"backed up to {args.file}: revision {info.revision}, {info.residents} residents, "
        f"{info.orders} orders (the key files are not in it: back them up apart)"
    )
    return 0


def _restore(args: argparse.Namespace, settings: Settings) -> int:
    from sync.server import backup

    try:
        info = backup.inspect(args.file)
        kept = backup.restore(settings.database_url, args.file)
    except backup.BackupRefused as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(
        f"restored {args.file}: revision {info.revision}, {info.residents} residents, "
        f"{info.orders} orders; run `yuancang-central init` to migrate it, then serve"
    )
    if kept is not None:
        print(f"the replaced database is kept as {kept}")
    return 0


def redacting_log_config(level: str = "info") -> dict[str, Any]:
    """uvicorn's logging, every handler masking phones, tokens and codes
    (`pos_app.core.redact`), and the server's own loggers through the same
    handler in every worker process."""
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["filters"] = {"redact": {"()": "pos_app.core.redact.RedactingFilter"}}
    for handler in config["handlers"].values():
        handler["filters"] = ["redact"]
    config["loggers"]["sync.server"] = {
        "handlers": ["default"],
        "level": level.upper(),
        "propagate": False,
    }
    return config


def _enroll(args: argparse.Namespace, settings: Settings) -> int:
    from sync.server import crud

    hours = args.hours if args.hours is not None else settings.enrollment_code_hours
    now = datetime.now(UTC)
    db = _db(settings)
    try:
        with db.write() as session:
            code = crud.create_enrollment_code(
                session,
                store_code=args.store,
                terminal_code=args.terminal,
                now=now,
                valid_for=timedelta(hours=hours),
            )
    finally:
        db.dispose()
    print(code)
    until = (now + timedelta(hours=hours)).isoformat(timespec="minutes")
    print(
        f"one-time code for {args.store}/{args.terminal.upper()}, valid until {until}",
        file=sys.stderr,
    )
    return 0


def _issue_qr(args: argparse.Namespace, settings: Settings) -> int:
    from pos_app.core.membership import issue_code
    from sync.server import crud, keys
    from sync.server.models import Resident

    key = keys.read_key_file(key_file_for(settings))
    db = _db(settings)
    try:
        with db.read() as session:
            if key.key_id not in crud.membership_keys(session):
                raise LookupError(f"key {key.key_id} is retired or unknown here: nobody trusts it")
            resident = session.get(Resident, args.resident)
            if resident is None:
                raise LookupError(f"unknown resident {args.resident}")
            code = issue_code(
                key.private_key,
                key_id=key.key_id,
                resident_id=resident.id,
                community_id=resident.community_id,
                property_company_id=resident.property_company_id,
                now=int(datetime.now(UTC).timestamp()),
                lifetime_s=settings.member_code_lifetime_s,
            )
    finally:
        db.dispose()
    print(code)
    if args.png:
        import qrcode
        from qrcode.constants import ERROR_CORRECT_L
        from qrcode.image.pure import PyPNGImage  # the server installs no Pillow

        qr = qrcode.QRCode(error_correction=ERROR_CORRECT_L, border=4, image_factory=PyPNGImage)
        qr.add_data(code)
        qr.make(fit=True)
        qr.make_image().save(str(args.png))
    return 0


def _revoke_terminal(args: argparse.Namespace, settings: Settings) -> int:
    from sync.server import crud

    db = _db(settings)
    try:
        with db.write() as session:
            n = crud.revoke_terminal(
                session,
                store_code=args.store,
                terminal_code=args.terminal,
                now=datetime.now(UTC),
            )
    finally:
        db.dispose()
    print(f"revoked {n} terminal(s) at {args.store}/{args.terminal.upper()}")
    return 0 if n else 1


def _revoke_resident(args: argparse.Namespace, settings: Settings) -> int:
    from sync.server import crud
    from sync.server.changelog import ChangeLog

    db = _db(settings)
    try:
        with db.write() as session:
            changes = ChangeLog()
            done = crud.revoke_resident(
                session,
                resident_id=args.resident,
                reason=args.reason,
                now=datetime.now(UTC),
                changes=changes,
            )
            changes.flush(session)
    finally:
        db.dispose()
    print(f"{args.resident} {'revoked' if done else 'was already revoked'}")
    return 0


def _retire_key(args: argparse.Namespace, settings: Settings) -> int:
    from sync.server import crud
    from sync.server.changelog import ChangeLog

    db = _db(settings)
    try:
        with db.write() as session:
            changes = ChangeLog()
            done = crud.retire_membership_key(
                session, key_id=args.key_id, now=datetime.now(UTC), changes=changes
            )
            changes.flush(session)
    finally:
        db.dispose()
    print(f"membership key {args.key_id} {'retired' if done else 'was already retired'}")
    return 0


def _load_catalog(args: argparse.Namespace, settings: Settings) -> int:
    from sync.server.catalog import load_catalog
    from sync.server.changelog import ChangeLog

    db = _db(settings)
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


def _token(args: argparse.Namespace, settings: Settings) -> int:
    from sync.server.tokens import run_command

    return run_command(args, settings.database_url)


def _review(args: argparse.Namespace, settings: Settings) -> int:
    from sync.server import review

    if args.action != "list" and args.id is None:
        print(f"error: review {args.action} needs the item's ID", file=sys.stderr)
        return 2
    db = _db(settings)
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


def _shifts(args: argparse.Namespace, settings: Settings) -> int:
    from sync.server import shifts

    db = _db(settings)
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


def _staff(args: argparse.Namespace, settings: Settings) -> int:
    from sync.server.changelog import ChangeLog
    from sync.server.staff import add_staff, disable_staff, list_staff

    now = datetime.now(UTC)
    db = _db(settings)
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


if __name__ == "__main__":
    sys.exit(main())

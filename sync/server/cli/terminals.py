"""Whom the server trusts, from the command line: till positions (`enroll`,
`revoke-terminal`), membership codes and their signing keys (`issue-qr`,
`retire-key`), revoked residents (`revoke-resident`) and API tokens (`token`)."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime, timedelta

from sync.server.cli.database import open_db
from sync.server.config import Settings, key_file_for


def enroll_command(args: argparse.Namespace, settings: Settings) -> int:
    from sync.server import crud

    hours = args.hours if args.hours is not None else settings.enrollment_code_hours
    now = datetime.now(UTC)
    db = open_db(settings)
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


def issue_qr_command(args: argparse.Namespace, settings: Settings) -> int:
    from pos_app.core.membership import issue_code
    from sync.server import crud, keys
    from sync.server.models.residents import Resident

    key = keys.read_key_file(key_file_for(settings))
    db = open_db(settings)
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


def revoke_terminal_command(args: argparse.Namespace, settings: Settings) -> int:
    from sync.server import crud

    db = open_db(settings)
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


def revoke_resident_command(args: argparse.Namespace, settings: Settings) -> int:
    from sync.server import crud
    from sync.server.changelog import ChangeLog

    db = open_db(settings)
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


def retire_key_command(args: argparse.Namespace, settings: Settings) -> int:
    from sync.server import crud
    from sync.server.changelog import ChangeLog

    db = open_db(settings)
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


def token_command(args: argparse.Namespace, settings: Settings) -> int:
    from sync.server.tokens import run_command

    return run_command(args, settings.database_url)

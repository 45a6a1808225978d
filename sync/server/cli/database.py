"""`init`, `backup` and `restore`: the database's life from the command line, and
`open_db`, the database every command works on."""

from __future__ import annotations

import argparse
import sys

from sync.server.config import Settings, key_file_for, personal_key_file_for


def open_db(settings: Settings):  # type: ignore[no-untyped-def]
    """The server's database for one command: a small pool, the personal-data keys if any."""
    from sync.server.db import Database
    from sync.server.personal_data import read_key_file

    # the commands that log a resident's change for the tills (review, revoke-resident…)
    # read the sealed phone; without a key file, they fail saying so, the rest work
    path = personal_key_file_for(settings)
    keys = read_key_file(path) if path.exists() else None
    return Database(settings.database_url, pool_size=1, max_overflow=2, personal_keys=keys)


def init_command(args: argparse.Namespace, settings: Settings) -> int:
    from sync.server import keys
    from sync.server.personal_data import PersonalKeyError
    from sync.server.seed import initialize

    db = open_db(settings)
    try:
        report = initialize(
            db,
            key_file=key_file_for(settings),
            demo=args.demo,
            personal_key_file=personal_key_file_for(settings),
            demo_promotions=args.demo_promotions,
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


def backup_command(args: argparse.Namespace, settings: Settings) -> int:
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


def restore_command(args: argparse.Namespace, settings: Settings) -> int:
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

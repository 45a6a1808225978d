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
    yuancang-central promotions create --file promo.json --stores S001,S002 --budget 50000
    yuancang-central promotions schedule|pause|resume|end|report ID | promotions list
    yuancang-central events create --file event.json | start|close|cancel|report ID
    yuancang-central events list [--store S001] | compare --by product|community|hour
    yuancang-central portal-user add --name NAME --role property-company --company P001
    yuancang-central portal-user list | disable NAME | enable NAME      the partners' portal
    yuancang-central settlement --community C001 --month 2026-11 [--format json|csv|xlsx]
    yuancang-central settlement close|verify --community C001 --month 2026-11 [--key FILE]
    yuancang-central bills import|payments --community C001 FILE   bill / payment export
    yuancang-central bills pay --community C001 --room 3-2-1102 --period 2026-10 …
    yuancang-central collection --community C001 --from 2026-01 --to 2026-12 --format csv
    yuancang-central showroom --community C001 --opened 2026-03-15
    yuancang-central online unattributed | attribute ORDER --community C | geofence --file F

`--db` defaults to $YC_CENTRAL_DATABASE_URL; every setting of `config.Settings`
can be given as YC_CENTRAL_<NAME>. TLS is the reverse proxy's job (see
docs/sync-protocol.md): serve listens on 127.0.0.1 by default.
"""

from __future__ import annotations

import argparse
import logging
import sys

from pos_app.core import redact
from sync.server.cli.bills import bills_command, collection_command, showroom_command
from sync.server.cli.catalog import load_catalog_command, review_command
from sync.server.cli.database import backup_command, init_command, restore_command
from sync.server.cli.events import events_command
from sync.server.cli.online import online_command
from sync.server.cli.parser import build_parser
from sync.server.cli.portal_users import portal_user_command
from sync.server.cli.promotions import promotions_command
from sync.server.cli.serve import serve_command
from sync.server.cli.settlement import settlement_command
from sync.server.cli.staff import shifts_command, staff_command
from sync.server.cli.terminals import (
    enroll_command,
    issue_qr_command,
    retire_key_command,
    revoke_resident_command,
    revoke_terminal_command,
    token_command,
)
from sync.server.config import Settings
from sync.server.personal_data import PersonalKeyError


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
    args = build_parser(__doc__.splitlines()[0]).parse_args(argv)
    settings = _settings(args)
    handler = {
        "init": init_command,
        "serve": serve_command,
        "enroll": enroll_command,
        "issue-qr": issue_qr_command,
        "revoke-terminal": revoke_terminal_command,
        "revoke-resident": revoke_resident_command,
        "retire-key": retire_key_command,
        "load-catalog": load_catalog_command,
        "review": review_command,
        "shifts": shifts_command,
        "backup": backup_command,
        "restore": restore_command,
        "token": token_command,
        "staff": staff_command,
        "promotions": promotions_command,
        "events": events_command,
        "portal-user": portal_user_command,
        "settlement": settlement_command,
        "bills": bills_command,
        "collection": collection_command,
        "showroom": showroom_command,
        "online": online_command,
    }[args.command]
    try:
        return handler(args, settings)
    except (LookupError, ValueError, PersonalKeyError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())

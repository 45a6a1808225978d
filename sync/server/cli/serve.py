"""`serve`: the HTTP API under uvicorn, once the database is at the newest revision
and the personal-data keys open it, with every log line redacted."""

from __future__ import annotations

import argparse
import copy
import os
import sys
from typing import Any

from sync.server.cli.database import open_db
from sync.server.config import ENV_PREFIX, Settings, personal_key_file_for


def serve_command(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    from sync.server.db import alembic_config
    from sync.server.personal_data import PersonalKeyError, check_keys, read_key_file

    key_file = personal_key_file_for(settings)
    db = open_db(settings)
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

"""Text messages to residents' phones (the one-time sign-in codes of their page).

The server talks to an SMS gateway through one method, `send(phone, text)`. The
reference server has no gateway contract and no network: `OutboxFileSender`
appends each message as a JSON line to a private file (mode 0600) that an
operator's gateway relay, the demo and the tests read. A deployment with a
gateway plugs its client in here; nothing else changes.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol


class SmsError(Exception):
    """The message could not be handed over (a full disk, an unreadable outbox)."""


class SmsSender(Protocol):
    def send(self, phone: str, text: str) -> None: ...


class OutboxFileSender:
    def __init__(self, path: Path) -> None:
        self.path = path

    def send(self, phone: str, text: str) -> None:
        line = json.dumps(
            {"at": datetime.now(UTC).isoformat(), "phone": phone, "text": text},
            ensure_ascii=False,
        )
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            with os.fdopen(fd, "a", encoding="utf-8") as out:
                out.write(line + "\n")
        except OSError as exc:
            raise SmsError(f"the SMS outbox {self.path} cannot be written: {exc}") from exc


def read_outbox(path: Path) -> list[dict[str, str]]:
    """The messages handed over so far, oldest first (the demo and the tests read them)."""
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]

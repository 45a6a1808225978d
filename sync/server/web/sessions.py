"""Browser sessions of the server's pages (the residents' page, the partners'
portal): a random token in an HttpOnly cookie, only its SHA-256 stored, ended
after a while unused, after a maximum in all, or at sign-out.

The tables differ only in who owns a session (`owner` names that column):
`resident_sessions.resident_id`, `portal_sessions.username`.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from sync.server.models.base import aware

#: longest cookie value looked up: anything longer is not one of ours
MAX_TOKEN = 100


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def open_session(session: Session, model: Any, *, owner: str, owner_id: str, now: datetime) -> str:
    """A new session of `owner_id`: the token for the cookie (only its hash is kept)."""
    token = secrets.token_urlsafe(32)
    session.add(
        model(
            token_hash=token_hash(token),
            **{owner: owner_id},
            created_at=now,
            last_seen_at=now,
        )
    )
    return token


def owner_of(
    session: Session, model: Any, *, owner: str, token: str, now: datetime, idle_s: int, max_s: int
) -> str | None:
    """Who a live session belongs to (its last use moved to now), or None."""
    if not token or len(token) > MAX_TOKEN:
        return None
    row = session.get(model, token_hash(token))
    if row is None or row.ended_at is not None:
        return None
    if aware(row.last_seen_at) <= now - timedelta(seconds=idle_s):
        return None
    if aware(row.created_at) <= now - timedelta(seconds=max_s):
        return None
    row.last_seen_at = now
    return str(getattr(row, owner))


def close_session(session: Session, model: Any, *, token: str, now: datetime) -> None:
    session.execute(
        update(model)
        .where(model.token_hash == token_hash(token), model.ended_at.is_(None))
        .values(ended_at=now)
    )


def form_token(token: str, purpose: str) -> str:
    """A form's anti-forgery value: bound to the session and the form, useless without it."""
    return hmac.new(token.encode("ascii", "replace"), purpose.encode(), hashlib.sha256).hexdigest()

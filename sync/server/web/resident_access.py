"""How a resident signs in to their own page: a one-time code sent to the phone
the property company gave for them, then a session cookie.

* The phone is normalised (digits; an 11-digit mainland mobile, +86 allowed) and
  found through the lookup HMAC of its last four digits, then compared in full
  with each candidate's sealed phone: the database holds no digit of it.
* Asking for a code answers the same whether the phone is known or not (no one
  learns who is a resident); a known resident gets at most `codes_per_hour`
  codes and one per `resend_after_s`, silently.
* A code is six random digits, kept as SHA-256 with a salt, valid for `code_ttl_s`,
  once, for `code_attempts` tries; the newest code replaces the older ones.
* A session token is 32 random bytes, kept as its SHA-256; it ends after
  `session_idle_s` without use, after `session_max_s` in all, or at sign-out.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from sync.server import personal_data
from sync.server.models.base import aware
from sync.server.models.resident_web import ResidentCode, ResidentSession
from sync.server.models.residents import Resident
from sync.server.sms import SmsSender
from sync.server.web import sessions

CODE_DIGITS = 6
_MOBILE = re.compile(r"1[3-9][0-9]{9}")


@dataclass(frozen=True, slots=True)
class AccessRules:
    code_ttl_s: int = 300
    code_attempts: int = 5
    codes_per_hour: int = 5
    resend_after_s: int = 60
    session_idle_s: int = 1800
    session_max_s: int = 12 * 3600


def normalise_phone(text: str) -> str | None:
    """An 11-digit mainland mobile number from what a person types, or None."""
    # a phone's Chinese keyboard may type full-width digits: NFKC makes them ASCII
    digits = re.sub(r"[\s\-()]", "", unicodedata.normalize("NFKC", text).strip())
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("0086"):
        digits = digits[4:]
    return digits if _MOBILE.fullmatch(digits) else None


def find_resident(session: Session, phone: str) -> str | None:
    """The resident whose sealed phone is exactly `phone` (normalised), or None."""
    keys = personal_data.keys_of(session)
    tag = keys.phone_tag(phone[-4:])
    rows = session.execute(
        select(Resident.id, Resident.phone_enc).where(Resident.phone_tag == tag)
    ).all()
    for resident_id, sealed in rows:
        if (
            sealed is not None
            and keys.open(field="phone", row_id=resident_id, sealed=sealed) == phone
        ):
            return str(resident_id)
    return None


def _digest(salt: str, code: str) -> str:
    return hashlib.sha256(f"{salt}:{code}".encode("ascii")).hexdigest()


def issue_code(
    session: Session, *, phone: str, now: datetime, rules: AccessRules, sender: SmsSender
) -> bool:
    """Send a code to `phone` if it is a resident's and the limits allow; True when
    one was sent (the page never tells the visitor which: it says the same)."""
    resident_id = find_resident(session, phone)
    if resident_id is None:
        return False
    recent = session.execute(
        select(func.count(), func.max(ResidentCode.sent_at)).where(
            ResidentCode.resident_id == resident_id,
            ResidentCode.sent_at > now - timedelta(hours=1),
        )
    ).one()
    count, last = recent
    if count >= rules.codes_per_hour:
        return False
    if last is not None and aware(last) > now - timedelta(seconds=rules.resend_after_s):
        return False
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    salt = secrets.token_hex(16)
    # the newest code is the only one: an older one still in an inbox is void
    session.execute(
        update(ResidentCode)
        .where(ResidentCode.resident_id == resident_id, ResidentCode.used_at.is_(None))
        .values(used_at=now)
    )
    session.add(
        ResidentCode(
            resident_id=resident_id,
            salt=salt,
            code_hash=_digest(salt, code),
            sent_at=now,
            expires_at=now + timedelta(seconds=rules.code_ttl_s),
            attempts=0,
        )
    )
    session.flush()
    minutes = max(1, rules.code_ttl_s // 60)
    sender.send(phone, f"【源仓】您的积分查询验证码是 {code}，{minutes}分钟内有效。请勿告诉他人。")
    return True


def check_code(
    session: Session, *, phone: str, code: str, now: datetime, rules: AccessRules
) -> str | None:
    """The resident `code` signs in, or None (unknown phone, no live code, spent
    attempts, wrong digits). Every wrong try counts against the code."""
    resident_id = find_resident(session, phone)
    if resident_id is None or not re.fullmatch(rf"[0-9]{{{CODE_DIGITS}}}", code):
        return None
    row = session.scalars(
        select(ResidentCode)
        .where(
            ResidentCode.resident_id == resident_id,
            ResidentCode.used_at.is_(None),
            ResidentCode.expires_at > now,
        )
        .order_by(ResidentCode.sent_at.desc())
        .limit(1)
        .with_for_update()
    ).first()
    if row is None or row.attempts >= rules.code_attempts:
        return None
    row.attempts += 1
    if not hmac.compare_digest(row.code_hash, _digest(row.salt, code)):
        return None
    row.used_at = now
    return resident_id


def open_session(session: Session, *, resident_id: str, now: datetime) -> str:
    """A new session for the resident: the token for the cookie (only its hash is kept)."""
    return sessions.open_session(
        session, ResidentSession, owner="resident_id", owner_id=resident_id, now=now
    )


def resident_of(session: Session, *, token: str, now: datetime, rules: AccessRules) -> str | None:
    """The resident of a live session (its last use moved to now), or None."""
    return sessions.owner_of(
        session, ResidentSession, owner="resident_id", token=token, now=now,
        idle_s=rules.session_idle_s, max_s=rules.session_max_s,
    )  # fmt: skip


def close_session(session: Session, *, token: str, now: datetime) -> None:
    sessions.close_session(session, ResidentSession, token=token, now=now)


def form_token(token: str) -> str:
    """The sign-out form's anti-forgery value: bound to the session, useless without it."""
    return sessions.form_token(token, "resident-page-form")

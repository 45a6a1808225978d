"""Every setting of the central server, declared once (env prefix YC_CENTRAL_).

`Settings()` reads the environment, so `serve --workers N` passes the CLI's
choices to the worker processes through it (uvicorn's factory re-creates
the app in each worker from the environment).
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from sync.protocol.types import MAX_FEN

ENV_PREFIX = "YC_CENTRAL_"
DEFAULT_DATABASE_URL = "sqlite:///yuancang-central.db"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="ignore")

    #: `sqlite:///path/central.db` or `postgresql+psycopg://user@host:5432/db`.
    database_url: str = DEFAULT_DATABASE_URL
    #: The membership signing key (private, mode 0600). Only `init` and
    #: `issue-qr` read it: the API process never holds the private key.
    #: Empty: beside a SQLite file, else `yuancang-central-signing.key` here.
    key_file: Path | None = None
    #: The personal-data keys (AES-GCM for residents' names, phones and addresses,
    #: HMAC for the phone-ending lookup; mode 0600, made by `init`). Outside the
    #: database on purpose: a stolen database shows nobody's phone. Every process
    #: that serves the API needs it; without it `serve` refuses to start.
    #: Empty: beside a SQLite file, else `yuancang-central-personal.key` here.
    personal_key_file: Path | None = None
    #: An anonymous receipt's points can be claimed this long after the sale.
    claim_window_days: int = Field(default=30, ge=1, le=3650)
    #: Bytes of randomness in a terminal's bearer token (the server keeps its sha256).
    token_bytes: int = Field(default=32, ge=32, le=64)
    #: How long a one-time enrollment code printed by `enroll` stays usable.
    enrollment_code_hours: float = Field(default=24.0, gt=0, le=24 * 30)
    #: Largest page of GET /changes (a fresh till pulls 100k products in 20 pages).
    changes_max_limit: int = Field(default=5000, ge=1, le=20000)
    changes_default_limit: int = Field(default=1000, ge=1, le=20000)
    #: Lifetime of membership codes made by `issue-qr` (the app refreshes them).
    member_code_lifetime_s: int = Field(default=60, ge=10, le=86400)
    #: How far ahead of the server's clock a sale's time may be (a till's clock
    #: drifting between NTP syncs); later, its points are held for review.
    sale_clock_skew_s: int = Field(default=900, ge=0, le=86400)
    #: A line's price is accepted if it was the catalog (or member) price at any
    #: moment this long before the sale: a till offline for days sells at the prices
    #: it last pulled. A week covers a long weekend plus a lost network for days, and
    #: bounds what an old, higher price can earn to one week's price changes.
    catalog_grace_days: float = Field(default=7.0, ge=0, le=90)
    #: A member sale completed this long after its code expired (a long checkout, a held
    #: order resumed) is still plausible; beyond it the sale is flagged member_code_time.
    member_code_sale_window_s: int = Field(default=4 * 3600, ge=0, le=7 * 86400)
    #: 抹零: a sale's rounding_fen must be what rounding its lines' total down to a
    #: whole 角 or 元 gives (< 100 分); with this on, only for a sale paid all in cash.
    rounding_cash_only: bool = True
    #: 无码商品: an open-price line above this (fen) is not explained by the server and
    #: earns nothing, listed for review (the till asks a manager above its own limit).
    open_price_limit_fen: int = Field(default=20_000, ge=1, le=MAX_FEN)
    #: A store-only promotion (set up at a till, approved by a store manager) gives at most
    #: this much discount in all (fen; ¥2,000 by default): a missing or larger budget is
    #: capped at it, and the promotion pauses when it is spent. Operations set up bigger ones.
    store_promotion_max_budget_fen: int = Field(default=200_000, ge=0, le=MAX_FEN)
    #: Connections per worker process (PostgreSQL); SQLite ignores it.
    db_pool_size: int = Field(default=5, ge=1, le=100)
    db_max_overflow: int = Field(default=10, ge=0, le=100)

    # --- limits against abuse (docs/sync-protocol.md, "Limits") ---
    #: Largest request body, bytes: answered 413 payload_too_large before it is read whole.
    #: A sale is ~1.4 KB plus ~0.26 KB a line: a till's batch of 200 is ~0.4 MiB, and
    #: 4 MiB still holds the largest batch (500) of sales of ~25 lines each.
    max_body_bytes: int = Field(default=4 * 1024 * 1024, ge=64 * 1024, le=256 * 1024 * 1024)
    #: Enrollment attempts: a burst per client address, refilled at a rate per minute…
    enroll_burst_per_address: int = Field(default=10, ge=1, le=10_000)
    enroll_per_minute_per_address: float = Field(default=6.0, gt=0, le=60_000)
    #: …and for all addresses together (429 rate_limited with Retry-After beyond either).
    enroll_burst_global: int = Field(default=60, ge=1, le=100_000)
    enroll_per_minute_global: float = Field(default=60.0, gt=0, le=600_000)
    #: Phone lookups (GET /members/by-phone) of one till: a burst, refilled at a rate
    #: per minute. A cashier asks a few an hour; trying all 10,000 endings takes days.
    member_lookup_burst_per_terminal: int = Field(default=20, ge=1, le=100_000)
    member_lookup_per_minute_per_terminal: float = Field(default=6.0, gt=0, le=600_000)

    # --- the residents' own page (/me: sync/server/web) ---
    #: Where one-time codes are handed to the SMS gateway relay (a JSON line each, 0600).
    #: Empty: beside a SQLite file, else `yuancang-central-sms-outbox.jsonl` here.
    sms_outbox_file: Path | None = None
    #: A sign-in code lives this long, for this many tries; a resident gets at most
    #: this many an hour, one per resend interval.
    resident_code_ttl_s: int = Field(default=300, ge=60, le=3600)
    resident_code_attempts: int = Field(default=5, ge=1, le=10)
    resident_codes_per_hour: int = Field(default=5, ge=1, le=60)
    resident_code_resend_s: int = Field(default=60, ge=0, le=3600)
    #: A resident's session ends after this long unused, and this long in all.
    resident_session_idle_s: int = Field(default=1800, ge=60, le=86400)
    resident_session_max_s: int = Field(default=12 * 3600, ge=300, le=30 * 86400)
    #: Code requests and sign-in tries per client address: a burst, refilled per minute.
    resident_burst_per_address: int = Field(default=10, ge=1, le=10_000)
    resident_per_minute_per_address: float = Field(default=6.0, gt=0, le=60_000)


def default_key_file(database_url: str) -> Path:
    """Where the signing key lives when the setting is empty."""
    if database_url.startswith("sqlite:///") and database_url != "sqlite:///:memory:":
        db_path = Path(database_url.removeprefix("sqlite:///"))
        return db_path.with_name(db_path.name + ".signing-key")
    return Path("yuancang-central-signing.key")


def key_file_for(settings: Settings) -> Path:
    return settings.key_file or default_key_file(settings.database_url)


def default_personal_key_file(database_url: str) -> Path:
    """Where the personal-data keys live when the setting is empty."""
    if database_url.startswith("sqlite:///") and database_url != "sqlite:///:memory:":
        db_path = Path(database_url.removeprefix("sqlite:///"))
        return db_path.with_name(db_path.name + ".personal-key")
    return Path("yuancang-central-personal.key")


def personal_key_file_for(settings: Settings) -> Path:
    return settings.personal_key_file or default_personal_key_file(settings.database_url)


def sms_outbox_file_for(settings: Settings) -> Path:
    """Where the one-time codes go when the setting is empty."""
    if settings.sms_outbox_file is not None:
        return settings.sms_outbox_file
    url = settings.database_url
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        db_path = Path(url.removeprefix("sqlite:///"))
        return db_path.with_name(db_path.name + ".sms-outbox.jsonl")
    return Path("yuancang-central-sms-outbox.jsonl")

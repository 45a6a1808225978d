"""Whom the server trusts: till positions (terminals) and their enrollment codes,
the API tokens of people's roles, the membership signing keys' public halves,
and the last link of each till position's hash chain."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from sync.server.models.base import Base, UtcDateTime


class Terminal(Base):
    __tablename__ = "terminals"
    __table_args__ = (
        # one live terminal per till position; re-enrolling revokes the old one
        Index(
            "ux_terminals_live_code",
            "store_code",
            "terminal_code",
            unique=True,
            sqlite_where=text("revoked_at IS NULL"),
            postgresql_where=text("revoked_at IS NULL"),
        ),
    )
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    store_code: Mapped[str] = mapped_column(ForeignKey("stores.code"))
    terminal_code: Mapped[str] = mapped_column(String(16))
    public_key: Mapped[str] = mapped_column(String(64))  # base64url raw Ed25519
    #: "t-" + sha256(public key)[:12], as in claim codes; not unique: a till that
    #: re-enrolls keeps its key, and its old (revoked) row keeps verifying claims
    key_id: Mapped[str] = mapped_column(String(20), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 hex
    app_version: Mapped[str] = mapped_column(String(32), default="")
    enrolled_at: Mapped[datetime] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class EnrollmentCode(Base):
    __tablename__ = "enrollment_codes"
    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    store_code: Mapped[str] = mapped_column(ForeignKey("stores.code"))
    terminal_code: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    terminal_id: Mapped[str | None] = mapped_column(String(36))


class ApiToken(Base):
    """A bearer credential of a person's role (revision 0010; sync/server/tokens.py).

    Tills authenticate with their terminal token; operations, a property company
    and a store manager with one of these. Only the token's sha256 is kept.
    """

    __tablename__ = "api_tokens"
    id: Mapped[str] = mapped_column(String(16), primary_key=True)  # "k-" + 12 hex, printable
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(24))  # operations property-company store-manager
    property_company_id: Mapped[str | None] = mapped_column(ForeignKey("property_companies.id"))
    store_code: Mapped[str | None] = mapped_column(ForeignKey("stores.code"))
    label: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class MembershipKey(Base):
    """Public halves of the membership signing keys; the private one is in the key file."""

    __tablename__ = "membership_keys"
    key_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    public_key: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    retired_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class TerminalChain(Base):
    """The last link of a till position's hash chain the server has seen (revision 0006).

    Keyed by store and terminal code, not terminal id: a re-enrolled till keeps its
    database, so its chain goes on. A pushed sale or refund that does not follow on
    from it is stored all the same and flagged (`sync.server.chain_check`).
    """

    __tablename__ = "terminal_chains"
    store_code: Mapped[str] = mapped_column(String(16), primary_key=True)
    terminal_code: Mapped[str] = mapped_column(String(16), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger)
    hash: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)

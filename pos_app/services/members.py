"""Identifying residents by their membership QR, checking again a resident
saved with a held or interrupted cart, and what they earn.

Verification is offline: the server's public keys, the revocation list and
the contracts are synced down; the resident's masked name and last known
balance come from the local cache, with the date of that balance.

Threads: the sync worker calls `reload()` while the GUI thread identifies
residents. The keys and contracts live in one frozen `Trust` snapshot that
`reload()` builds whole and swaps in by a single reference assignment; each
call reads `self._trust` once, so it works with the old set or the new one,
never a mix, never a set being changed. The revocations are read from the
database at each call (SQLite gives every read its own consistent view).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from types import MappingProxyType

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from pos_app.config import MembershipSettings, StoreSettings
from pos_app.core.cart import Cart
from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.member import Member
from pos_app.core.membership import parse_code, parse_key_ring, verify_code
from pos_app.core.points import Contract, contract_at, eligible_amount, points_for
from pos_app.persistence.members_repo import MembersRepository, ResidentInfo

log = logging.getLogger("pos_app.members")

#: How long after their code expired a resident stays with a held or
#: interrupted order: a customer fetching one more item, a lunch break, a till
#: restarted after a power cut. Later, they show a fresh code: the sale's
#: member must stay close in time to the code the server signed for them.
SAVED_MEMBER_GRACE_S = 2 * 3600


@dataclass(frozen=True, slots=True)
class MemberView:
    member: Member
    resident: ResidentInfo | None  # None: a valid code for a resident not cached yet

    @property
    def balance(self) -> int | None:
        return None if self.resident is None else self.resident.shown_balance

    @property
    def balance_as_of(self) -> datetime | None:
        return None if self.resident is None else self.resident.balance_as_of


@dataclass(frozen=True, slots=True)
class Trust:
    """What verification trusts, as synced down: replaced whole, never changed."""

    keys: Mapping[str, Ed25519PublicKey]  # read-only view: nobody can edit it in place
    contracts: tuple[Contract, ...]


class MemberService:
    def __init__(
        self,
        repo: MembersRepository,
        store: Callable[[], StoreSettings],
        membership: Callable[[], MembershipSettings],
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.repo = repo
        self._store = store  # the current settings, read at each use
        self._membership = membership
        self.clock = clock
        self._trust = self._load_trust()

    def identify(self, code: str) -> MemberView:
        """Verify a scanned code; every refusal is a coded error with its own message."""
        claims = verify_code(
            code,
            public_keys=self._trust.keys,
            now=int(self.clock().timestamp()),
            property_company_id=self._store().property_company_id,
            revoked_residents=self.repo.revoked(),
        )
        used_for = self.repo.code_used_by(claims.nonce)
        if used_for is not None:
            # the same short-lived code shown for a second sale: a screenshot or a replay
            log.warning("membership code reused (first sale %s)", used_for)
            raise PosError(ErrorCode.QR_REPLAYED)
        resident = self.repo.resident(claims.resident_id)
        member = Member(
            resident_id=claims.resident_id,
            community_id=claims.community_id,
            property_company_id=claims.property_company_id,
            masked_name="" if resident is None else resident.masked_name,
            code_nonce=claims.nonce,
            code_expires_at=claims.expires_at,
            code=code,
        )
        log.info("member identified (community %s)", claims.community_id)
        return MemberView(member, resident)

    def check_saved(self, member: Member) -> Member:
        """A resident saved with a cart (held order, crash restore), checked again.

        The saved code must still verify (signature, company) and name the same
        resident; the resident must not be revoked since; the code must not have
        expired more than `SAVED_MEMBER_GRACE_S` ago, nor been used for another
        sale meanwhile. Each refusal is a coded error; the masked name is
        refreshed from the local cache.
        """
        if not member.code:
            raise PosError(ErrorCode.MEMBER_UNKNOWN)
        claims, _, _ = parse_code(member.code)
        # as at identification (its signed time), but with today's keys and revocations
        verify_code(
            member.code,
            public_keys=self._trust.keys,
            now=claims.issued_at,
            property_company_id=self._store().property_company_id,
            revoked_residents=self.repo.revoked(),
        )
        saved = (member.resident_id, member.community_id, member.property_company_id)
        signed = (claims.resident_id, claims.community_id, claims.property_company_id)
        if saved != signed or member.code_nonce != claims.nonce:
            raise PosError(ErrorCode.QR_TAMPERED)
        if int(self.clock().timestamp()) > claims.expires_at + SAVED_MEMBER_GRACE_S:
            raise PosError(ErrorCode.QR_EXPIRED, expired_at=claims.expires_at)
        if self.repo.code_used_by(claims.nonce) is not None:
            raise PosError(ErrorCode.QR_REPLAYED)
        resident = self.repo.resident(member.resident_id)
        name = member.masked_name if resident is None else resident.masked_name
        return replace(member, masked_name=name, code_expires_at=claims.expires_at)

    def view(self, member: Member) -> MemberView:
        """The member with what the local cache knows of them (name, balance)."""
        return MemberView(member, self.repo.resident(member.resident_id))

    def store_contract(self, when: datetime | None = None) -> Contract | None:
        return contract_at(self._trust.contracts, self._store().community_id, when or self.clock())

    def reload(self) -> None:
        """After a pull changed the server's keys or the contracts (on the sync
        worker's thread): the new snapshot replaces the old in one assignment."""
        self._trust = self._load_trust()

    def _load_trust(self) -> Trust:
        keys = parse_key_ring(self._membership().public_keys)
        return Trust(MappingProxyType(dict(keys)), tuple(self.repo.contracts()))

    def shown_balance(self, resident_id: str) -> int | None:
        """The resident's points as the till last saw them, None if never seen."""
        info = self.repo.resident(resident_id)
        return None if info is None else info.shown_balance

    def points_preview(self, cart: Cart) -> int:
        """What the cart would earn now, for the customer panel."""
        return points_for(eligible_amount(cart.lines), self.store_contract())

"""Identifying residents by their membership QR or, when they left their phone
at home, by the last four digits of their number; checking again a resident
saved with a held or interrupted cart, and what they earn.

A resident found by phone showed no signed code: the cart names them without
one (`Member.code` empty), and the central server holds that sale's points for
review (sync/server/sale_trust.py, `member_unverified`) until a manager
releases them. The lookup asks the server first and falls back to the till's
resident cache (last four digits only) when it cannot be reached.

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

from pos_app.core.cart import Cart
from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.member import Member
from pos_app.core.membership import parse_code, parse_key_ring, verify_code
from pos_app.core.points import Contract, contract_at, eligible_amount, points_for
from pos_app.options import MembershipSettings, StoreSettings
from pos_app.persistence.members_repo import MembersRepository, ResidentInfo
from pos_app.services.account_views import PhoneMatch, PhoneMatches
from sync.protocol.accounts import MAX_PHONE_CANDIDATES

log = logging.getLogger("pos_app.members")

#: How long after their code expired a resident stays with a held or
#: interrupted order: a customer fetching one more item, a lunch break, a till
#: restarted after a power cut. Later, they show a fresh code: the sale's
#: member must stay close in time to the code the server signed for them.
SAVED_MEMBER_GRACE_S = 2 * 3600


#: Why the online lookup may fail and the till's cache answer instead.
_SERVER_UNAVAILABLE = (
    ErrorCode.SERVER_OFFLINE,
    ErrorCode.SERVER_NOT_ENROLLED,
    ErrorCode.SERVER_REFUSED,  # e.g. rate_limited: the resident still waits at the counter
    ErrorCode.SECRET_KEY_LOST,  # the credential cannot be read until the till enrolls again
)


@dataclass(frozen=True, slots=True)
class MemberView:
    member: Member
    resident: ResidentInfo | None  # None: a valid code for a resident not cached yet
    #: when the last whole sync pull ended: the cached balance is current as of then
    synced_at: datetime | None = None
    #: the resident's community by name ("" when this till does not know it)
    community_name: str = ""

    @property
    def balance(self) -> int | None:
        return None if self.resident is None else self.resident.shown_balance

    @property
    def balance_as_of(self) -> datetime | None:
        """What the balance is current as of: the last sync that could have refreshed it
        (not when it last moved); the cached date for a till that never synced."""
        if self.resident is None:
            return None
        return self.synced_at or self.resident.balance_as_of

    @property
    def unverified(self) -> bool:
        """Found by phone, without their signed code: the server holds the points for review."""
        return not self.member.code


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
        online_lookup: Callable[[str], PhoneMatches] | None = None,
    ) -> None:
        self.repo = repo
        self._store = store  # the current settings, read at each use
        self._membership = membership
        self.clock = clock
        #: the central server's answer by phone (SyncService.members_by_phone), wired
        #: by app.py once the sync service exists; None: the till's cache only
        self.online_lookup = online_lookup
        self._trust = self._load_trust()

    def identify(self, code: str) -> MemberView:
        """Verify a scanned code; every refusal is a coded error with its own message."""
        try:
            claims = verify_code(
                code,
                public_keys=self._trust.keys,
                now=int(self.clock().timestamp()),
                property_company_id=self._store().property_company_id,
                revoked_residents=self.repo.revoked(),
            )
        except PosError as exc:
            named = self._named(exc)
            if named is exc:
                raise
            raise named from exc
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
        return self._view(member, resident)

    # --- a resident without their phone ----------------------------------------

    def find_by_phone(self, last4: str) -> PhoneMatches:
        """Residents of this till's company whose phone ends with `last4`: the
        central server's answer, or this till's cache when it cannot be reached.

        Called off the GUI thread (the online call may wait for its timeout).
        """
        if len(last4) != 4 or not last4.isascii() or not last4.isdigit():
            raise PosError(ErrorCode.MEMBER_UNKNOWN)
        if self.online_lookup is not None:
            try:
                return self.online_lookup(last4)
            except PosError as exc:
                if exc.code not in _SERVER_UNAVAILABLE:
                    raise
                log.info("phone lookup answered from the cache (%s)", exc.code.value)
        store = self._store()
        found = self.repo.by_phone(
            last4,
            property_company_id=store.property_company_id,
            community_id=store.community_id,
            limit=MAX_PHONE_CANDIDATES + 1,
        )
        matches = tuple(
            # the cache keeps the last four digits only: the rest stays masked
            PhoneMatch(
                r.resident_id, r.masked_name, "*******" + last4, r.community_id, r.community_name
            )
            for r in found[:MAX_PHONE_CANDIDATES]
        )
        return PhoneMatches(matches, truncated=len(found) > MAX_PHONE_CANDIDATES, offline=True)

    def choose(self, match: PhoneMatch) -> MemberView:
        """The resident the customer picked from the candidates, for the cart.

        They showed no signed code: the sale names them without one, member
        prices apply, and the server holds the sale's points for review.
        """
        if match.resident_id in self.repo.revoked():
            raise PosError(ErrorCode.QR_REVOKED)
        member = Member(
            resident_id=match.resident_id,
            community_id=match.community_id,
            # both answers are scoped to this till's company (the server's and the cache's)
            property_company_id=self._store().property_company_id,
            masked_name=match.masked_name,
        )
        log.info("member chosen by phone (community %s)", match.community_id)
        return self._view(member, self.repo.resident(match.resident_id), match.community_name)

    def check_saved(self, member: Member) -> Member:
        """A resident saved with a cart (held order, crash restore), checked again.

        The saved code must still verify (signature, company) and name the same
        resident; the resident must not be revoked since; the code must not have
        expired more than `SAVED_MEMBER_GRACE_S` ago, nor been used for another
        sale meanwhile. Each refusal is a coded error; the masked name is
        refreshed from the local cache.
        """
        if not member.code:
            return self._check_saved_by_phone(member)
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

    def _named(self, exc: PosError) -> PosError:
        """The refusal with the resident's community by name, not by code ("C900")."""
        community = exc.params.get("community")
        if exc.code is not ErrorCode.QR_WRONG_COMMUNITY or not isinstance(community, str):
            return exc
        name = self.repo.community_name(community)
        return PosError(exc.code, community=name) if name else exc

    def _check_saved_by_phone(self, member: Member) -> Member:
        """A resident found by phone (no code) comes back with their cart if they
        are still of this company and not revoked; their points are held for
        review by the server whatever the till says."""
        if member.property_company_id != self._store().property_company_id:
            raise self._named(PosError(ErrorCode.QR_WRONG_COMMUNITY, community=member.community_id))
        if member.resident_id in self.repo.revoked():
            raise PosError(ErrorCode.QR_REVOKED)
        resident = self.repo.resident(member.resident_id)
        name = member.masked_name if resident is None else resident.masked_name
        return replace(member, masked_name=name)

    def view(self, member: Member) -> MemberView:
        """The member with what the local cache knows of them (name, balance)."""
        return self._view(member, self.repo.resident(member.resident_id))

    def _view(
        self, member: Member, resident: ResidentInfo | None, community_name: str = ""
    ) -> MemberView:
        if resident is not None and resident.community_name:
            community_name = resident.community_name
        elif not community_name:
            community_name = self.repo.community_name(member.community_id) or (
                self._store().community if member.community_id == self._store().community_id else ""
            )
        return MemberView(member, resident, self.repo.pulled_at(), community_name)

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

"""What time and which member the server believes for a pushed sale.

The till's clock and the till's member are claims. The server bounds the
sale's time by what it knows (not before the till position first enrolled,
not after the push arrived, each give or take the allowed clock skew) and checks the
membership code the resident showed with its own keys. A code's signed issue
time is the one time the server can trust: revocations and the contract are
judged by it. Without a verified code, the contract is the least generous
version in force between the claimed time and the receipt: a wrong clock can
then only cost the property company nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from cryptography.exceptions import InvalidSignature

from pos_app.core.errors import PosError
from pos_app.core.membership import MemberClaims, parse_code
from sync.protocol.codes import ItemFlag
from sync.protocol.payloads import SaleMember, SalePayload
from sync.server import crud
from sync.server.crud import insert_ignore
from sync.server.models.partners import ContractVersion
from sync.server.models.residents import MemberCodeUse, Resident, Revocation
from sync.server.points import version_at
from sync.server.push_common import Batch


@dataclass
class Judgement:
    """The server's view of a sale before its lines are checked."""

    trusted_at: datetime  # the catalog and the contract are judged at this time
    contract: ContractVersion | None
    #: who earns (or would earn, when held); None: nobody
    resident_id: str | None = None
    member_verified: bool = False
    hold: list[ItemFlag] = field(default_factory=list)  # why the points wait for review
    flags: list[ItemFlag] = field(default_factory=list)  # noted, not holding


def judge(batch: Batch, sale: SalePayload) -> Judgement:
    now, policy = batch.now, batch.policy
    # the skew both ways: a till that enrolls and sells at once may run a little slow
    lower, upper = batch.enrolled_since() - policy.clock_skew, now + policy.clock_skew
    claimed = sale.created_at
    # the claimed time, kept inside what the server can believe
    bounded = min(max(claimed, lower), now)
    hold = [] if lower <= claimed <= upper else [ItemFlag.SALE_TIME_OUT_OF_BOUNDS]
    # untrusted time: the least generous contract between the claimed time and receipt
    cautious = least_generous(batch.versions, min(claimed, now), max(claimed, now))
    if sale.member is None:
        return Judgement(bounded, cautious, hold=hold)

    claims = verify_member(batch, sale.member)
    if claims is None or _time(claims.issued_at) > upper:
        judgement = Judgement(bounded, cautious, hold=hold)
        judgement.hold.append(ItemFlag.MEMBER_UNVERIFIED)
        # held for the resident the till named, if they could earn at all today
        if _eligible(batch, sale.member.resident_id, now):
            judgement.resident_id = sale.member.resident_id
        return judgement

    issued = _time(claims.issued_at)
    judgement = Judgement(
        issued, version_at(batch.versions, issued), member_verified=True, hold=hold
    )
    expires = _time(claims.expires_at)
    if claimed < issued - policy.clock_skew or claimed > expires + policy.member_code_window:
        judgement.flags.append(ItemFlag.MEMBER_CODE_TIME)
    if not _eligible(batch, claims.resident_id, issued):
        judgement.flags.append(ItemFlag.MEMBER_INELIGIBLE)
    elif not _spend(batch, claims, sale.sale_id):
        judgement.flags.append(ItemFlag.MEMBER_CODE_REUSED)
    else:
        judgement.resident_id = claims.resident_id
    return judgement


def verify_member(batch: Batch, member: SaleMember) -> MemberClaims | None:
    """The code's claims if it is signed by a key this server trusts, for this resident."""
    if not member.code:
        return None
    try:
        claims, signed, signature = parse_code(member.code)
    except PosError:
        return None
    try:
        _time(claims.issued_at), _time(claims.expires_at)
    except (OverflowError, OSError, ValueError):
        return None  # a time no calendar holds: not a code this server signed
    key = batch.member_keys().get(claims.key_id)
    if key is None:
        return None
    try:
        key.verify(signature, signed)
    except InvalidSignature:
        return None
    return claims if claims.resident_id == member.resident_id else None


def least_generous(
    versions: list[ContractVersion], start: datetime, end: datetime
) -> ContractVersion | None:
    """Of the contract versions in force at some moment of [start, end], the one that
    gives the fewest points (the product share × points share).

    None when no contract was in force at `start`: no contract earns nothing, the
    least of all.
    """
    first = version_at(versions, start)
    if first is None:
        return None
    candidates = [first] + [v for v in versions if start < v.effective_from <= end]
    return min(
        candidates,
        key=lambda v: (v.share_bps * v.points_bps, v.effective_from),
        default=None,
    )


def _eligible(batch: Batch, resident_id: str, when: datetime) -> bool:
    """The resident exists, belongs to the store's company, and was not revoked by `when`."""
    if resident_id not in batch.residents:
        resident = batch.session.get(Resident, resident_id)
        revocation = batch.session.get(Revocation, resident_id) if resident else None
        batch.residents[resident_id] = (
            None
            if resident is None
            else (resident.property_company_id, revocation.revoked_at if revocation else None)
        )
    known = batch.residents[resident_id]
    if known is None or known[0] != batch.terminal.property_company_id:
        return False
    return known[1] is None or known[1] > when


def _spend(batch: Batch, claims: MemberClaims, sale_id: str) -> bool:
    """Spend the code's nonce on this sale; False if a sale or a claim already did."""
    if crud.code_claimed_a_receipt(
        batch.session, resident_id=claims.resident_id, nonce=claims.nonce
    ):
        return False
    return insert_ignore(
        batch.session,
        MemberCodeUse,
        {
            "key_id": claims.key_id,
            "nonce": claims.nonce,
            "sale_id": sale_id,
            "created_at": batch.now,
        },
        ["key_id", "nonce"],
    )


def _time(unix_s: int) -> datetime:
    return datetime.fromtimestamp(unix_s, UTC)

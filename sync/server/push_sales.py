"""A pushed sale: validated, recomputed by the server, stored once, points credited."""

from __future__ import annotations

from pydantic import ValidationError

from sync.protocol.messages import ItemFlag, OutboxItem, RejectReason
from sync.protocol.payloads import SalePayload
from sync.server import crud
from sync.server import points as pts
from sync.server.crud import insert_ignore
from sync.server.models import Order, Resident, Revocation
from sync.server.push_common import Batch, Duplicate, Reject, flag


def apply_sale(batch: Batch, item: OutboxItem, payload_text: str) -> list[str]:
    """Store the sale once; credit the SERVER's points figure; return the item's flags."""
    try:
        sale = SalePayload.model_validate(item.payload)
    except ValidationError as exc:
        raise Reject(RejectReason.INVALID_PAYLOAD) from exc
    t = batch.terminal
    if item.aggregate_id != sale.sale_id:
        raise Reject(RejectReason.AGGREGATE_MISMATCH)
    if sale.store_code != t.store_code or sale.terminal_code != t.terminal_code:
        raise Reject(RejectReason.WRONG_TERMINAL)
    try:
        pts.check_amounts(sale)
        eligible = pts.eligible_fen(sale, batch.categories)
        paid = pts.paid_fen(sale)
    except pts.AmountOutOfRange as exc:
        raise Reject(RejectReason.AMOUNT_OUT_OF_RANGE) from exc

    version = pts.version_at(batch.versions, sale.created_at)
    resident_id = _earning_resident(batch, sale)
    server_points = pts.points(eligible, version) if resident_id else 0
    inserted = insert_ignore(
        batch.session,
        Order,
        {
            "sale_id": sale.sale_id,
            "receipt_no": sale.receipt_no,
            "terminal_id": t.id,
            "store_code": t.store_code,
            "community_id": t.community_id,
            "created_at": sale.created_at,
            "received_at": batch.now,
            "total_fen": sale.total_fen,
            "eligible_fen": eligible,
            "refunded_eligible_fen": 0,
            "member_id": sale.member.resident_id if sale.member else None,
            "resident_id": resident_id,
            "contract_id": version.id if version else None,
            "points_terminal": sale.points,
            "points_server": server_points,
            "payload": payload_text,
        },
        ["sale_id"],
    )
    if not inserted:
        raise Duplicate
    flags: list[str] = []
    if paid != sale.total_fen:
        flags.append(ItemFlag.TOTAL_MISMATCH.value)
    if server_points != sale.points:
        # policy: accept, flag for the manager, and credit the SERVER's figure
        flags.append(ItemFlag.POINTS_MISMATCH.value)
        flag(batch, item, "sale", sale.sale_id, sale.points, server_points, {
            "eligible_terminal": sale.eligible_fen,
            "eligible_server": eligible,
            "contract_server": None if version is None else [version.share_bps, version.points_bps],
            "contract_terminal": None
            if sale.contract is None
            else [sale.contract.share_bps, sale.contract.points_bps],
            "member_earns": resident_id is not None,
        })  # fmt: skip
    if resident_id and server_points:
        crud.add_ledger(
            batch.session,
            resident_id=resident_id,
            kind="earn",
            points=server_points,
            source_kind="sale",
            source_id=sale.sale_id,
            sale_id=sale.sale_id,
            now=batch.now,
        )
        batch.deltas[resident_id] += server_points
    return flags


def _earning_resident(batch: Batch, sale: SalePayload) -> str | None:
    """The member who earns on this sale by the SERVER's records, if any."""
    if sale.member is None:
        return None
    rid = sale.member.resident_id
    if rid not in batch.residents:
        resident = batch.session.get(Resident, rid)
        revocation = batch.session.get(Revocation, rid) if resident else None
        batch.residents[rid] = (
            None
            if resident is None
            else (resident.property_company_id, revocation.revoked_at if revocation else None)
        )
    known = batch.residents[rid]
    if known is None or known[0] != batch.terminal.property_company_id:
        return None
    revoked_at = known[1]
    if revoked_at is not None and revoked_at <= sale.created_at:
        return None
    return rid

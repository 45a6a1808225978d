"""What the manager's dialog reads through the sync service: refused records and
the server's notices as frozen dataclasses, and sending refused records again,
on a real SQLite file."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest

from pos_app.core.money import Money
from pos_app.services.sync_problems import RefusedRecord, ServerNotice
from sync.protocol.changes import Change
from sync.protocol.push import ItemResult, ItemStatus

WATER = "6975321000012"


def sell_and_refuse(context, reason: str, field: str | None = None):  # type: ignore[no-untyped-def]
    context.checkout.scan(WATER)
    tender = context.checkout.start_tender()
    tender.add_cash(Money(tender.total.fen))
    sale = context.checkout.complete(tender)
    [item] = context.sync.outbox.pending(10)
    context.sync.outbox.record_results(
        [ItemResult(item_id=item.item_id, status=ItemStatus.REJECTED, reason=reason, field=field)]
    )
    return sale, item


def test_a_refused_record_is_read_as_a_frozen_dataclass(context) -> None:  # type: ignore[no-untyped-def]
    sale, item = sell_and_refuse(context, "invalid_payload", "payload.lines.0.sku")
    [stored] = context.sync.outbox.rejected()
    assert context.sync.rejected() == [
        RefusedRecord(
            item_id=str(item.item_id),
            created_at=stored["created_at"],
            kind="sale",
            aggregate_id=sale.sale_id,
            reason="invalid_payload:payload.lines.0.sku",
        )
    ]
    with pytest.raises(dataclasses.FrozenInstanceError):
        context.sync.rejected()[0].reason = "x"


def test_requeue_sends_refused_records_again(context) -> None:  # type: ignore[no-untyped-def]
    _sale, item = sell_and_refuse(context, "sale_unknown")
    assert context.sync.outbox.pending(10) == []
    context.sync.requeue([r.item_id for r in context.sync.rejected()])
    assert context.sync.rejected() == []
    assert [i.item_id for i in context.sync.outbox.pending(10)] == [item.item_id]


def test_a_notice_of_the_server_is_read_as_a_frozen_dataclass(context) -> None:  # type: ignore[no-untyped-def]
    assert context.sync.notices() == []
    data = {"code": "id_conflict", "record_kind": "sale", "record_id": "S-1",
            "at": "2026-11-27T04:00:00Z"}  # fmt: skip
    context.sync.state.apply([Change(seq=1, kind="notice", op="upsert", key="n1", data=data)], "1")
    [notice] = context.sync.notices()
    assert notice == ServerNotice(
        at=notice.at, record_kind="sale", record_id="S-1", code="id_conflict"
    )
    assert notice.at.astimezone(UTC) == datetime(2026, 11, 27, 4, tzinfo=UTC)

"""What a till's outbox items carry for what a manager set up at the till itself
(kinds `store_promotion` and `store_event`): a store-only promotion or tasting
event, who approved it (a staff id, never a name), the till, and when.

Each record is the whole state at that moment, under its own uuid `record_id`
(also the item's aggregate_id: a promotion's id may be longer than an
aggregate_id holds). A promotion's record carries its `revision` (1 at its
creation, +1 at each status change made at the till), so the server applies a
newer one and ignores an older one, whatever order they arrive in.

The server believes none of it on its own: it checks the store, the approver
(an active manager of that store on the server), the definition (by its own
management's rules), the id (never one of a central promotion or event, nor
another store's), and caps the promotion's budget (docs/promotions.md).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from sync.protocol.changes import EventData, PromotionDefinition
from sync.protocol.types import CLEAN, Id36, Text16, UtcTime

#: revisions of one promotion: a status change a minute for 19 years is still less
MAX_REVISION = 10_000_000
#: a staff id as the server stores it (`StaffData.id`); "" when no manager was asked
StaffId = Annotated[str, Field(max_length=36), CLEAN]


class _StoreRecord(BaseModel):
    """What every store record carries: its id, the till position, when."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    record_id: Id36
    store_code: Text16
    terminal_code: Text16
    at: UtcTime


class StorePromotionPayload(_StoreRecord):
    """A store-only promotion as it stands after this revision: its definition
    (`promotion_to_dict`), status, and the manager who approved the change."""

    promotion: PromotionDefinition
    status: Literal["active", "paused", "ended"]
    revision: int = Field(ge=1, le=MAX_REVISION, strict=True)  # "2" is no revision
    approver: StaffId


class StoreEventPayload(_StoreRecord):
    """A tasting event set up at the till (its change-feed form) by the signed-in manager."""

    event: EventData
    manager: StaffId


#: outbox kind → its payload model
STORE_PAYLOADS: dict[str, type[_StoreRecord]] = {
    "store_promotion": StorePromotionPayload,
    "store_event": StoreEventPayload,
}

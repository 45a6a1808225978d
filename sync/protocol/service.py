"""The messages of the service itself: a terminal's enrollment (its token and the
membership keys), the health check, and the error body every refused call answers."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AwareDatetime, Field

from sync.protocol.types import CLEAN, Id40, Message, Text16, Text32, Text40, Text64, Text128

# --- enrollment -------------------------------------------------------------------


class EnrollRequest(Message):
    #: one-time, from `yuancang-central enroll`
    code: Annotated[str, Field(min_length=6, max_length=64), CLEAN]
    terminal_public_key: Text64  # base64url of the raw Ed25519 key
    app_version: Text32 = ""


class EnrollResponse(Message):
    terminal_id: Text40
    store_code: Text16
    terminal_code: Text16
    community_id: Id40
    property_company_id: Id40
    token: Text128  # bearer credential; the server keeps only its hash
    #: key id → base64url public key
    membership_keys: dict[Text40, Text64] = Field(max_length=64)
    server_time: AwareDatetime
    #: the store and its community by name, for the till's screen and receipts
    #: (empty from a server older than these fields: the till keeps its own)
    store_name: Text64 = ""
    community_name: Text64 = ""


class HealthResponse(Message):
    status: Literal["ok"]
    protocol: int
    server_time: AwareDatetime


class ErrorBody(Message):
    code: Text40  # an ErrorCode: terminal_revoked, bad_token, over_balance, claim_expired…
    #: for people and logs, never parsed; invalid_request names the field first ("body.points: …")
    message: Annotated[str, Field(max_length=400)] = ""

"""GET /shifts: the closed shifts (交班) of a store as the central server holds
them, its own figures beside the till's."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from sync.protocol.types import Fen, Id36, SignedFen, Text16, Text40, Text64, UtcTime


class ShiftOut(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    shift_id: Id36
    shift_no: Text40
    store_code: Text16
    terminal_code: Text16
    opened_at: UtcTime
    closed_at: UtcTime
    opened_by: Text64
    closed_by: Text64
    approved_by: Text64
    float_fen: Fen
    counted_fen: Fen
    sales_server: Fen  # what customers paid, by the server's own orders
    sales_terminal: Fen
    expected_server: SignedFen  # the drawer, by the server's records
    expected_terminal: SignedFen
    difference_server: SignedFen  # counted - expected (server)
    difference_terminal: SignedFen
    mismatch: bool  # the till's figures are not the server's
    flags: list[Text40]  # which figures differ

"""Continuity of a till's hash chain across pushes: a gap or a fork is flagged, never refused.

Each pushed sale and refund says where it sits in its till's chain (`ChainRef`:
its seq and hash, and those of the till's previous pushed record). The server
keeps the last (seq, hash) it saw per till position and compares:

* follows on (prev = the last seen): fine, the record becomes the last seen;
* prev_seq beyond the last seen: a record in between never arrived (deleted on
  the till, or refused here) — `chain_gap`;
* anything else (the same position with another hash, an older position): the
  till's chain was rewritten or restored from an older copy — `chain_fork`.

Either way the record becomes the last seen: each break is flagged once.

The record is stored whatever the answer (the money changed hands); the flag
goes to the manager's review list. The server cannot recompute a till's hashes
(it does not hold every chained record), so what it proves is continuity: a
rewrite of anything it already saw shows as a fork on the next push.
"""

from __future__ import annotations

from typing import Literal

from sqlalchemy import select

from sync.protocol.codes import ItemFlag
from sync.protocol.payloads import ChainRef
from sync.protocol.push import OutboxItem
from sync.server.crud import insert_ignore
from sync.server.models.terminals import TerminalChain
from sync.server.push_common import Batch
from sync.server.review import add_review


def check_chain(
    batch: Batch,
    item: OutboxItem,
    source_kind: Literal["sale", "refund"],
    source_id: str,
    ref: ChainRef | None,
) -> list[str]:
    """Compare `ref` with the last link seen of this till, move it on; the flags."""
    if ref is None:  # a till from before the chain
        return []
    t, session = batch.terminal, batch.session
    key = {"store_code": t.store_code, "terminal_code": t.terminal_code}
    first = {**key, "seq": ref.seq, "hash": ref.hash, "updated_at": batch.now}
    if insert_ignore(session, TerminalChain, first, ["store_code", "terminal_code"]):
        return []  # the first record of this till with a chain: nothing to compare yet
    last = session.scalars(
        select(TerminalChain)
        .where(
            TerminalChain.store_code == t.store_code,
            TerminalChain.terminal_code == t.terminal_code,
        )
        .with_for_update()
    ).one()
    flag: ItemFlag | None = None
    if ref.seq > last.seq and (ref.prev_seq, ref.prev_hash) == (last.seq, last.hash):
        flag = None
    elif ref.seq > last.seq and ref.prev_seq > last.seq:
        flag = ItemFlag.CHAIN_GAP
    else:
        flag = ItemFlag.CHAIN_FORK
    if flag is not None:
        add_review(
            batch,
            item,
            kind="chain",
            source_kind=source_kind,
            source_id=source_id,
            line_no=0,
            code=flag.value,
            resident_id=None,
            points=0,
            detail={
                "last_seq": last.seq,
                "last_hash": last.hash,
                "seq": ref.seq,
                "prev_seq": ref.prev_seq,
                "prev_hash": ref.prev_hash,
            },
        )
    # the server follows the chain as the till now has it, so that one break is
    # flagged once, not again on every record after it (a till restored from an
    # older copy re-uses positions the server saw: one fork, then quiet)
    last.seq, last.hash, last.updated_at = ref.seq, ref.hash, batch.now
    return [] if flag is None else [flag.value]

"""Training mode (pos_app.services.training): a training session sells on its own
database; the real one, its outbox and the server see nothing of it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pos_app.app import AppContext, build_context
from pos_app.persistence import credentials
from pos_app.receipts.document import receipt_from_dict, receipt_to_dict
from pos_app.receipts.escpos_decoder import decode
from pos_app.receipts.profiles import get_profile
from pos_app.services.approvals import ApprovalAction, ApprovalRequest
from pos_app.services.training import ask_to_switch, is_training_dir, training_dir
from tests.unit.printing.conftest import RICE, WATER, ring_up
from tests.unit.sync_client.canned_server import Answer, CannedServer, results


def _counts(db: Path) -> dict[str, int]:
    """Every table's row count, read without touching the file (read-only URI)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
    finally:
        conn.close()


def _accept_all(items: list[dict[str, Any]]) -> Answer:
    return 200, results(*[(i["item_id"], "accepted") for i in items])


@pytest.fixture
def training(context: AppContext, data_dir: Path) -> Iterator[AppContext]:
    ctx = build_context(data_dir, training=True)
    yield ctx
    ctx.close()


def test_a_training_sale_leaves_the_real_database_and_the_server_untouched(
    context: AppContext, data_dir: Path
) -> None:
    ring_up(context, WATER)  # a real sale waiting in the real outbox
    with CannedServer(push=_accept_all) as server:
        credentials.save(data_dir, credentials.Credential(server.url, "token", "T-unit"))
        real_outbox = [str(r.item_id) for r in context.sync.outbox.pending(100)]
        before = _counts(data_dir / "pos.db")
        assert before["sales"] == 1 and before["outbox"] == 1

        trainee = build_context(data_dir, training=True)
        try:
            assert trainee.training and is_training_dir(trainee.data_dir)
            assert trainee.catalog.repo.count() == context.catalog.repo.count() > 0
            sale = ring_up(trainee, WATER, RICE)
            status = trainee.sync.sync_once()
            assert (status.enrolled, status.pushed) == (False, 0)
            assert trainee.sync.credential is None
        finally:
            trainee.close()
        assert server.pushes == []  # nothing of the training session reached the server

        after = _counts(data_dir / "pos.db")
        assert after == before
        assert [str(r.item_id) for r in context.sync.outbox.pending(100)] == real_outbox
        practice = _counts(training_dir(data_dir) / "pos.db")
        assert (practice["sales"], practice["outbox"]) == (1, 1)
        assert sale.total.fen == 200 + 8990
        # the real till syncs its own sale only
        assert context.sync.sync_once().pushed == 1
        assert server.pushes == [real_outbox]


def test_a_training_receipt_says_so_at_the_top_and_the_bottom(
    context: AppContext, training: AppContext
) -> None:
    printing = training.printing
    data = printing.receipt_for_sale(ring_up(training, WATER))
    for profile in ("generic58", "generic80"):
        decoded = decode(printing.render(data, profile=get_profile(profile)))
        texts = decoded.texts
        marks = [i for i, t in enumerate(texts) if "培训" in t]
        assert len(marks) >= 2 and marks[0] < 3 and marks[-1] >= len(texts) - 3, texts
        assert any("TRAINING" in t for t in texts[:4]) and texts[-1] == "TRAINING"
        assert decoded.qr_payloads == []  # no claim code: its points exist nowhere
    # a reprint from the stored job says it too
    assert receipt_from_dict(receipt_to_dict(data)).store.training
    real = context.printing.receipt_for_sale(ring_up(context, WATER))
    texts = decode(context.printing.render(real, profile=get_profile("generic80"))).texts
    assert not any("培训" in t or "TRAINING" in t for t in texts)


def test_each_session_starts_clean_and_copies_no_credential(
    context: AppContext, data_dir: Path
) -> None:
    credentials.save(data_dir, credentials.Credential("https://central.example", "t", "T1"))
    first = build_context(data_dir, training=True)
    ring_up(first, WATER)
    first.close()
    second = build_context(data_dir, training=True)
    try:
        assert _counts(second.data_dir / "pos.db")["sales"] == 0
        assert not (second.data_dir / "keys" / "credential.json").exists()
        assert second.settings.store.name == context.settings.store.name
    finally:
        second.close()


class Hook:
    def __init__(self, answer: str | None) -> None:
        self.answer = answer
        self.asked: list[ApprovalRequest] = []

    def approve(self, request: ApprovalRequest) -> str | None:
        self.asked.append(request)
        return self.answer


def test_entering_and_leaving_ask_the_approval_hook() -> None:
    granted = Hook("王店长")
    approval = ask_to_switch(granted, entering=True, cashier="小李", store="S001", terminal="T01")
    assert approval is not None and approval.approved_by == "王店长"
    asked = granted.asked[0]
    assert (asked.action, asked.reference, asked.requested_by, asked.terminal_code) == (
        ApprovalAction.TRAINING, "enter", "小李", "T01")  # fmt: skip
    refused = Hook(None)
    assert ask_to_switch(refused, entering=False, cashier="", store="", terminal="") is None
    assert (refused.asked[0].action, refused.asked[0].reference) == (
        ApprovalAction.TRAINING_LEAVE,
        "leave",
    )

"""Training mode (培训模式): a new cashier practises on the real screens, and
nothing reaches the sales, the points, the stock or the sync.

The till switches to a separate database, `<data_dir>/training/pos.db`, made
fresh on entering with the catalog and resident cache copied in
(persistence.training_copy). No code path of a training session holds the
real database's engine, so none can write to it; the training directory has
no credential, so the sync has nowhere to push and redemptions or claims are
refused as offline; receipts are marked 培训 / TRAINING and carry no claim code.

Entering and leaving ask the approval hook: entering (`ApprovalAction.TRAINING`)
takes a manager's PIN, since a cashier alone in training could ring a real
customer's purchase as practice and keep the cash; leaving
(`TRAINING_LEAVE`) goes back to the real till and needs no one.
"""

from __future__ import annotations

import logging
from pathlib import Path

from pos_app.persistence.training_copy import TRAINING_DIR, prepare_training_db, training_dir
from pos_app.services.approvals import (
    Approval,
    ApprovalAction,
    ApprovalRequest,
    ManagerApproval,
    ask,
)

log = logging.getLogger("pos_app.training")

__all__ = [
    "TRAINING_DIR",
    "ask_to_switch",
    "is_training_dir",
    "prepare",
    "switch_request",
    "training_dir",
]


def prepare(data_dir: Path) -> Path:
    """The data directory of a new training session (the real one is only read)."""
    target = prepare_training_db(data_dir)
    log.info("training session prepared in %s", target)
    return target


def is_training_dir(path: Path) -> bool:
    return path.name == TRAINING_DIR


def switch_request(*, entering: bool, cashier: str, store: str, terminal: str) -> ApprovalRequest:
    """What entering (or leaving) training asks the approval hook."""
    return ApprovalRequest(
        ApprovalAction.TRAINING if entering else ApprovalAction.TRAINING_LEAVE,
        0,
        requested_by=cashier,
        reference="enter" if entering else "leave",
        store_code=store,
        terminal_code=terminal,
    )


def ask_to_switch(
    hook: ManagerApproval, *, entering: bool, cashier: str, store: str, terminal: str
) -> Approval | None:
    """The approval of entering (or leaving) training mode, or None when refused."""
    request = switch_request(entering=entering, cashier=cashier, store=store, terminal=terminal)
    return ask(hook, request)

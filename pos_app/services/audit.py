"""The audit trail as the till uses it: record a sensitive act, wrap the approval
hook so every request and its answer is recorded, describe a settings change
without its secrets, and verify a database's hash chain.

Refunds and voided lines are audited by their own writers, in the transaction
that stores them (`refunds_repo`, `sales_repo`); what is recorded here stands
in its own transaction. Details hold keys, codes, amounts and counts: never a
resident's name or phone, never a credential.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pos_app.core.chain import Break
from pos_app.core.errors import PosError
from pos_app.persistence.audit_repo import (
    MAX_PRICE_ENTRIES,
    AuditEntry,
    AuditRepository,
    Detail,
)
from pos_app.persistence.chain_repo import check
from pos_app.persistence.db import DB_FILENAME, make_engine
from pos_app.services.approvals import ApprovalRequest, ManagerApproval

log = logging.getLogger("pos_app.audit")

#: settings whose values never reach the log (a key's name says it is a secret)
_SECRET = re.compile(r"token|secret|password|passwd|pin\b|credential|private", re.IGNORECASE)
#: longest value kept of a changed setting (a key ring, a footer)
MAX_VALUE = 200
__all__ = ["MAX_PRICE_ENTRIES", "AuditService", "AuditedApproval", "ChainReport", "verify_chain"]


class AuditService:
    def __init__(
        self,
        repo: AuditRepository,
        terminal: Callable[[], str],
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.repo = repo
        self._terminal = terminal
        self._clock = clock

    def record(self, kind: str, actor: str, subject: str, **details: Detail) -> int:
        """One act in the append-only, chained audit log; its entry id."""
        return self.repo.write(
            at=self._clock(),
            terminal=self._terminal(),
            actor=actor,
            kind=kind,
            subject=subject,
            details=details,
        )

    def recent(self, limit: int = 100, *, kind: str | None = None) -> list[AuditEntry]:
        return self.repo.recent(limit, kind=kind)

    def settings_changed(
        self, actor: str, before: Mapping[str, str], after: Mapping[str, str]
    ) -> int:
        """One entry per changed setting: its key and old and new values, a secret's
        values withheld; how many."""
        changed = sorted(k for k in after if before.get(k) != after[k])
        for key in changed:
            old, new = before.get(key), after[key]
            if _SECRET.search(key):
                old, new = ("***" if old else old), "***"
            self.record(
                "setting",
                actor,
                key,
                old=None if old is None else old[:MAX_VALUE],
                new=new[:MAX_VALUE],
            )
        return len(changed)

    def prices(self) -> dict[str, tuple[int, int | None]]:
        """The catalog's prices now, to compare after an import (`catalog_imported`)."""
        return self.repo.prices()

    def catalog_imported(
        self,
        actor: str,
        file_name: str,
        *,
        rows: int,
        inserted: int,
        updated: int,
        before: Mapping[str, tuple[int, int | None]],
    ) -> int:
        """A catalog import: its file's name and counts, never its content, and one
        `price_change` entry per product whose price or member price it changed (the
        first MAX_PRICE_ENTRIES; the import's entry counts them all); all in one
        transaction. How many prices changed."""
        # a first import changes no price: the catalog's whole read is spared
        after = self.repo.prices() if before else {}
        changed = sorted(sku for sku, was in before.items() if sku in after and after[sku] != was)
        at, terminal = self._clock(), self._terminal()
        entry = {"at": at, "terminal": terminal, "actor": actor}
        entries: list[dict[str, object]] = [
            {
                **entry,
                "kind": "catalog_import",
                "subject": file_name,
                "details": {
                    "rows": rows,
                    "inserted": inserted,
                    "updated": updated,
                    "prices_changed": len(changed),
                },
            }
        ]
        for sku in changed[:MAX_PRICE_ENTRIES]:
            (old, old_member), (new, new_member) = before[sku], after[sku]
            entries.append(
                {
                    **entry,
                    "kind": "price_change",
                    "subject": sku,
                    "details": {
                        "old_fen": old,
                        "new_fen": new,
                        "old_member_fen": old_member,
                        "new_member_fen": new_member,
                        "source": file_name,
                    },
                }
            )
        self.repo.write_many(entries)
        return len(changed)


class AuditedApproval:
    """The approval hook, recording every request with who asked, who approved (or
    that it was refused), what and how much. Wrap whichever hook decides."""

    def __init__(self, inner: ManagerApproval, audit: AuditService) -> None:
        self.inner = inner
        self.audit = audit

    def approve(self, request: ApprovalRequest) -> str | None:
        approver = self.inner.approve(request)
        details: dict[str, Detail] = {
            "action": request.action.value,
            "amount_fen": request.amount_fen,
            "approved": approver is not None,
            "approved_by": approver or "",
        }
        details.update({f"detail_{k}": v for k, v in request.details.items()})
        try:
            self.audit.record("approval", request.requested_by, request.reference, **details)
        except PosError:  # storage trouble: the act's own record still keeps the approver
            log.exception("approval of %s could not be audited", request.action.value)
        return approver


@dataclass(frozen=True, slots=True)
class ChainReport:
    """What `yuancang-pos verify` found: `problem` None when the chain is whole."""

    length: int
    problem: Break | None
    missing: bool = False  # no database, or one older than the chain


def verify_chain(data_dir: Path) -> ChainReport:
    """Check the hash chain of the database in `data_dir`, without migrating it."""
    path = data_dir / DB_FILENAME
    if not path.is_file():
        return ChainReport(0, None, missing=True)
    engine = make_engine(path)
    try:
        with engine.connect() as conn:
            has_chain = conn.exec_driver_sql(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'chain_links'"
            ).scalar()
        if not has_chain:
            return ChainReport(0, None, missing=True)
        problem, length = check(engine)
        return ChainReport(length, problem)
    finally:
        engine.dispose()

"""Points against a property-fee bill (核销) at this till: the central server makes
the redemption (it alone knows balances), then the till keeps what it answered,
so the shift's X and Z reads count the points redeemed at its counter.

The request is idempotent (its redemption id): a storage failure after the
server's answer is raised to the cashier, whose retry with the same id gets the
same answer from the server and is recorded once.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from datetime import UTC, datetime

from pos_app.config import TerminalSettings
from pos_app.persistence.redemptions_repo import RedemptionRecord, RedemptionsRepository
from pos_app.services.account_views import Redemption

log = logging.getLogger("pos_app.points")

#: (resident id, bill id, points, redemption id) → the server's answer (SyncService.redeem)
Online = Callable[[str, str, int, uuid.UUID], Redemption]


class RedemptionService:
    def __init__(
        self,
        repo: RedemptionsRepository,
        online: Online,
        terminal: Callable[[], TerminalSettings],
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.repo = repo
        self._online = online
        self._terminal = terminal
        self._clock = clock

    def redeem(
        self, resident_id: str, bill_id: str, points: int, redemption_id: uuid.UUID
    ) -> Redemption:
        """Redeem at the central server (PosError when it refuses or cannot be
        reached: nothing is recorded), then record its answer here."""
        response = self._online(resident_id, bill_id, points, redemption_id)
        new = self.repo.record(
            RedemptionRecord(
                redemption_id=str(response.redemption_id),
                resident_id=resident_id,
                bill_id=response.bill_id,
                points=response.points,
                bill_open_fen=response.bill_open_fen,
                balance_after=response.balance,
                cashier=self._terminal().cashier_name,
                created_at=self._clock(),
            )
        )
        if not new:
            log.info("redemption %s answered again: recorded once", response.redemption_id)
        return response

    def recorded(self) -> list[RedemptionRecord]:
        return self.repo.all()

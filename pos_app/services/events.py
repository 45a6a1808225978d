"""Event mode (活动模式) at this till: a promoter starts it on one of the store's
tasting events, then each tap is one call here: a sample handed out, a taster's
feedback, visitors tallied, a lead; sales made meanwhile carry the event's id
(the checkout's `set_event`, so event prices apply and the sale is attributed).

Everything is recorded locally with its outbox item (works offline; the sync
sends each record once). Who may: a signed-in promoter (or manager) with the
EVENT_SALES permission who is on the event's promoter list (an empty list lets
any of the store's promoters); a manager may also set up an event here.
The report, its export and its printed form are `pos_app.services.event_reports`.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.events import (
    Budget,
    Event,
    EventStatus,
    Feedback,
    budget_after,
    check_feedback,
    check_lead,
    check_open,
    check_tally,
    sample_cost,
)
from pos_app.core.staff import Permission, StaffMember, may
from pos_app.options import StoreSettings, TerminalSettings
from pos_app.persistence.events_reader import EventsReader
from pos_app.persistence.events_repo import EventsRepository, RecordHead

log = logging.getLogger("pos_app.events")


@dataclass(frozen=True, slots=True)
class SampleGiven:
    """A sample recorded: what it cost, and the budget after it (with its warning)."""

    sample_id: str
    sku: str
    quantity: int
    cost_fen: int
    budget: Budget


class EventsService:
    def __init__(
        self,
        repo: EventsRepository,
        reader: EventsReader,
        store: Callable[[], StoreSettings],
        terminal: Callable[[], TerminalSettings],
        staff: Callable[[], StaffMember | None],
        *,
        attach: Callable[[str | None], Any] = lambda _event_id: None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        new_id: Callable[[], str] = lambda: str(uuid.uuid4()),
    ) -> None:
        self.repo = repo
        self.reader = reader
        self._store = store
        self._terminal = terminal
        self._staff = staff
        #: tells the checkout which event its sales are made at (CheckoutService.set_event)
        self._attach = attach
        self._clock = clock
        self._new_id = new_id
        self.active: Event | None = None

    # --- the events ---------------------------------------------------------------

    def events(self) -> list[Event]:
        """This store's events that are still planned or running, soonest first."""
        code = self._store().code
        return [s.event for s in self.repo.all() if s.event.store_code == code and s.event.open]

    def event(self, event_id: str) -> Event:
        stored = self.repo.get(event_id)
        if stored is None:
            raise PosError(ErrorCode.EVENT_NOT_FOUND, event_id=event_id)
        return stored.event

    def create_event(self, event: Event) -> Event:
        """A manager sets up an event for this store here (origin "local"); it goes to
        the central server with the manager's staff id. An id this till already knows
        is refused (field "event_id"): a till never rewrites the server's event."""
        who = self._signed_in()
        if not who.is_manager:
            raise PosError(ErrorCode.NOT_A_MANAGER)
        if event.store_code != self._store().code:
            raise PosError(ErrorCode.EVENT_INVALID, field="store_code")
        if self.repo.get(event.event_id) is not None:
            raise PosError(ErrorCode.EVENT_INVALID, field="event_id")
        self.repo.save_event(
            event,
            origin="local",
            created_by=who.id,
            at=self._clock(),
            terminal_code=self._terminal().code,
        )
        log.info("event %s set up by %s", event.event_id, who.id)
        return event

    # --- event mode ---------------------------------------------------------------

    def start(self, event_id: str) -> Event:
        """Enter event mode on `event_id` for the signed-in promoter."""
        event = self.event(event_id)
        self._may_run(event)
        check_open(event, self._clock())
        self.active = event
        self._attach(event.event_id)
        return event

    def stop(self) -> None:
        """Leave event mode: the next sales are the counter's again."""
        self.active = None
        self._attach(None)

    def budget(self) -> Budget:
        event = self._running()
        return budget_after(event, self.reader.sample_cost_fen(event.event_id))

    # --- records ------------------------------------------------------------------

    def record_sample(self, sku: str, quantity: int = 1) -> SampleGiven:
        """One tap: a sample of `sku` handed out (pieces, or grams when the product's
        sample unit is "g"). A stock movement (试吃), never a sale."""
        event, head = self._head()
        product = event.product(sku)
        cost = sample_cost(product, quantity)
        sample_id = self._new_id()
        self.repo.record_sample(
            sample_id,
            head,
            sku=sku,
            quantity=quantity,
            unit=product.sample_unit.value,
            cost_fen=cost,
        )
        budget = budget_after(event, self.reader.sample_cost_fen(event.event_id))
        return SampleGiven(sample_id, sku, quantity, cost, budget)

    def record_feedback(
        self,
        *,
        rating: int,
        tags: Sequence[str] = (),
        sku: str | None = None,
        note: str = "",
        resident_id: str | None = None,
        consent: bool = False,
    ) -> Feedback:
        """A taster's rating and tags; linked to the resident only with consent."""
        event, head = self._head()
        feedback = check_feedback(
            event,
            sku=sku,
            rating=rating,
            tags=list(tags),
            note=note,
            resident_id=resident_id if consent else None,  # no consent: anonymous
            consent=consent,
        )
        self.repo.record_feedback(
            self._new_id(),
            head,
            sku=feedback.sku,
            rating=feedback.rating,
            tags=feedback.tags,
            note=feedback.note,
            resident_id=feedback.resident_id,
            consent=feedback.consent,
        )
        return feedback

    def record_visitors(self, count: int = 1) -> int:
        """Tally visitors (+1, or +N for a group); the event's visitors so far."""
        event, head = self._head()
        self.repo.record_tally(self._new_id(), head, count=check_tally(count))
        return sum(t.count for t in self.reader.tallies(event.event_id))

    def record_lead(self, resident_id: str, consent: bool) -> None:
        """A resident who identified and did not buy, kept to follow up (with consent)."""
        _, head = self._head()
        self.repo.record_lead(
            self._new_id(), head, resident_id=check_lead(resident_id, consent), consent=consent
        )

    # --- helpers ------------------------------------------------------------------

    def _signed_in(self) -> StaffMember:
        who = self._staff()
        if who is None:
            raise PosError(ErrorCode.NOT_SIGNED_IN)
        return who

    def _may_run(self, event: Event) -> StaffMember:
        who = self._signed_in()
        if not may(who.role, Permission.EVENT_SALES):
            raise PosError(ErrorCode.EVENT_NOT_PROMOTER)
        listed = not event.promoters or who.id in event.promoters
        if not (listed or who.is_manager) or event.store_code != self._store().code:
            raise PosError(ErrorCode.EVENT_NOT_PROMOTER)
        return who

    def _running(self) -> Event:
        if self.active is None:
            raise PosError(ErrorCode.EVENT_NOT_RUNNING, event_id="")
        return self.active

    def _head(self) -> tuple[Event, RecordHead]:
        """The event in progress (as stored now: the server may have closed it) and
        the head of a record made at it now, by the signed-in promoter."""
        event = self.event(self._running().event_id)
        who = self._may_run(event)
        at = self._clock()
        if event.status is EventStatus.CANCELLED or not event.open:
            self.stop()
        check_open(event, at)
        self.active = event
        return event, RecordHead(
            event.event_id, who.id, self._terminal().code, self._store().code, at
        )

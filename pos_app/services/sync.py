"""Sync use cases: enroll the terminal, push the outbox and pull changes, and
the calls that need the central server (balances, bills, redemption, claims).

Nothing here runs on the GUI thread: the UI's sync worker calls `sync_once`
in the background, and the redemption and claim dialogs do the same.

Plain http:// to another machine is refused unless enrollment allowed it
(see sync.client.session); when it is allowed, `SyncStatus.insecure` stays
true so the status bar can keep saying so.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine

from pos_app.config import Settings
from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.membership import public_key_text
from pos_app.options import MembershipSettings
from pos_app.persistence import credentials, secret_box, terminal_key
from pos_app.persistence.outbox_repo import OutboxRepository
from pos_app.persistence.settings_repo import SettingsRepository
from pos_app.persistence.sync_repo import SyncStateRepository
from pos_app.services.account_views import (
    Claim,
    FeeBill,
    PhoneMatches,
    Redemption,
    ResidentAccount,
    account_of,
    bill_of,
    claim_of,
    phone_matches_of,
    redemption_of,
)
from pos_app.services.sync_problems import RefusedRecord, ServerNotice, notice_of, refused_of

# Backoff: the sync worker (UI) paces its retries with it, through this layer
from sync.client.pump import Backoff as Backoff
from sync.client.pump import drain, pull
from sync.client.session import SyncError, SyncSession, Transport, transport_of
from sync.protocol.accounts import ClaimRequest, RedemptionRequest
from sync.protocol.service import EnrollRequest

log = logging.getLogger("pos_app.sync")


@dataclass(frozen=True, slots=True)
class SyncStatus:
    enrolled: bool
    online: bool
    pending: int
    rejected: int
    last_success: datetime | None
    error: str | None = None  # the SyncError code of the last failure
    pushed: int = 0
    pulled: int = 0
    insecure: bool = False  # syncs over plain http across the network (allowed at enrollment)
    notices: int = 0  # the server's notices to this till (another till used one of our ids)


class SyncService:
    def __init__(
        self,
        engine: Engine,
        data_dir: Path,
        settings: Settings,
        *,
        on_catalog_changed: Callable[[], None] = lambda: None,
        on_members_changed: Callable[[], None] = lambda: None,
        on_promotions_changed: Callable[[], None] = lambda: None,
        session_factory: Callable[[credentials.Credential], SyncSession] | None = None,
    ) -> None:
        self.engine = engine
        self.data_dir = data_dir
        self.settings = settings
        self.outbox = OutboxRepository(engine)
        self.state = SyncStateRepository(engine, terminal=lambda: settings.terminal.code)
        self.on_catalog_changed = on_catalog_changed
        self.on_members_changed = on_members_changed
        self.on_promotions_changed = on_promotions_changed
        self._session_factory = session_factory or (
            lambda c: SyncSession(
                c.server_url,
                c.token,
                ca_bundle=c.ca_bundle,
                allow_insecure_http=c.allow_insecure_http,
            )
        )
        self.last_success: datetime | None = None
        self.last_error: str | None = None
        # the sessions of calls in flight, so cancel() (the till shutting down,
        # on the GUI thread) can wake them instead of waiting out their timeout
        self._lock = threading.Lock()
        self._open: set[SyncSession] = set()
        self._cancelled = False

    # --- enrollment ------------------------------------------------------------------

    @property
    def credential(self) -> credentials.Credential | None:
        return credentials.load(self.data_dir)

    def enroll(
        self,
        server_url: str,
        code: str,
        ca_bundle: str | None = None,
        *,
        allow_insecure_http: bool = False,
    ) -> None:
        """Raises SyncError: `insecure_http` or `bad_url` before anything is sent.

        A till whose sealing key was lost enrolls with a new terminal key in a new
        box, both kept only once the server accepted them: a refused attempt leaves
        the old sealed files as they were."""
        session = SyncSession(
            server_url, ca_bundle=ca_bundle, allow_insecure_http=allow_insecure_http
        )
        fresh: secret_box.SecretBox | None = None
        try:
            key = terminal_key.load_or_create(self.data_dir)
        except secret_box.SecretStoreError as exc:
            log.warning("enrolling with a new terminal key: the old one is unreadable (%s)", exc)
            fresh, key = secret_box.new_box(), terminal_key.generate()
        try:
            response = session.enroll(
                EnrollRequest(code=code, terminal_public_key=public_key_text(key.public_key()))
            )
        finally:
            session.close()
        if fresh is not None:
            secret_box.adopt(self.data_dir, fresh)
            terminal_key.save(self.data_dir, key)
        credentials.save(
            self.data_dir,
            credentials.Credential(
                server_url,
                response.token,
                response.terminal_id,
                ca_bundle,
                # kept only where it is used: the till holds no permission it did not need
                allow_insecure_http and session.transport is Transport.PLAIN,
            ),
        )
        # one change: the GUI thread never sees the new store with the old terminal
        keys = ",".join(f"{k}:{v}" for k, v in sorted(response.membership_keys.items()))
        self.settings.change(
            lambda s: replace(
                s,
                store=replace(
                    s.store,
                    code=response.store_code,
                    community_id=response.community_id,
                    property_company_id=response.property_company_id,
                    # by name on screen and receipts; an older server sends none
                    name=response.store_name or s.store.name,
                    community=response.community_name or s.store.community,
                ),
                terminal=replace(s.terminal, code=response.terminal_code),
                membership=MembershipSettings(keys),
            )
        )
        SettingsRepository(self.engine).save(self.settings)
        log.info("enrolled as terminal %s", response.terminal_id)

    # --- push and pull ------------------------------------------------------------------

    def status(self) -> SyncStatus:
        counts = self.outbox.counts()
        try:
            credential, lost = self.credential, None
        except secret_box.SecretStoreError as exc:  # enrolled, but the credential is sealed
            credential, lost = None, exc.code.value  # for good: `secret_key_lost`
        return SyncStatus(
            enrolled=credential is not None or lost is not None,
            online=lost is None and self.last_error is None and self.last_success is not None,
            pending=counts.pending,
            rejected=counts.rejected,
            notices=counts.notices,
            last_success=self.last_success or counts.last_sent_at,
            error=lost or self.last_error,
            insecure=credential is not None
            and credential.allow_insecure_http
            and _plain(credential.server_url),
        )

    def sync_once(self) -> SyncStatus:
        """Push everything pending, then pull every change. Raises nothing."""
        try:
            credential = self.credential
        except secret_box.SecretStoreError:  # nothing leaves: status() says why
            credential = None
        if credential is None:
            return self.status()
        session: SyncSession | None = None
        pushed = pulled = 0
        try:
            session = self._open_session(credential)  # refuses a URL it may not use
            pushed = drain(self.outbox, session).accepted
            self.state.start_pull()
            pulled = pull(self.state, session)
            done = datetime.now(UTC)
            # the same moment for the status bar and "balance as of" on the customer panel
            self.state.mark_pulled(done)
            self._after_pull()
            self.last_success = done
            self.last_error = None
        except SyncError as exc:
            self.last_error = exc.code
            log.info("sync failed: %s", exc.code)
        except PosError as exc:  # local storage trouble while applying changes
            self.last_error = exc.code.value
            log.error("sync could not store changes: %s", exc.code.value)
        finally:
            if session is not None:
                self._close_session(session)
        status = self.status()
        return SyncStatus(**{**_fields(status), "pushed": pushed, "pulled": pulled})

    def _after_pull(self) -> None:
        if self.state.keys_changed:
            fresh = SettingsRepository(self.engine).load()
            self.settings.change(lambda s: replace(s, membership=fresh.membership))
        if self.state.keys_changed or self.state.contracts_changed:
            self.on_members_changed()
        if self.state.catalog_changed:
            self.on_catalog_changed()
        if self.state.promotions_changed:
            self.on_promotions_changed()

    # --- shutdown -----------------------------------------------------------------------

    def cancel(self) -> None:
        """From any thread, for good (the till is stopping): every call in flight
        fails at once with SyncError `cancelled`, and so does every later one."""
        with self._lock:
            self._cancelled = True
            sessions = list(self._open)
        for session in sessions:
            session.cancel()

    def _open_session(self, credential: credentials.Credential) -> SyncSession:
        session = self._session_factory(credential)
        with self._lock:
            if not self._cancelled:
                self._open.add(session)
                return session
        session.close()
        raise SyncError("cancelled", retryable=True)

    def _close_session(self, session: SyncSession) -> None:
        with self._lock:
            self._open.discard(session)
        session.close()

    # --- online-only calls --------------------------------------------------------------

    def _online(self) -> SyncSession:
        credential = self.credential
        if credential is None:
            raise PosError(ErrorCode.SERVER_NOT_ENROLLED)
        return self._open_session(credential)

    def _call(self, fn):  # type: ignore[no-untyped-def]
        try:
            session = self._online()
        except SyncError as exc:  # a URL sync may not use: insecure_http, bad_url
            raise PosError(ErrorCode.SERVER_REFUSED, reason=exc.code, message=exc.message) from exc
        try:
            return fn(session)
        except SyncError as exc:
            if exc.retryable or exc.code in ("tls",):
                raise PosError(ErrorCode.SERVER_OFFLINE, detail=exc.code) from exc
            raise PosError(ErrorCode.SERVER_REFUSED, reason=exc.code, message=exc.message) from exc
        finally:
            self._close_session(session)

    def resident(self, resident_id: str) -> ResidentAccount:
        return account_of(self._call(lambda s: s.resident(resident_id)))

    def members_by_phone(self, last4: str) -> PhoneMatches:
        """Residents of this till's company whose phone ends with `last4`, from the server."""
        return phone_matches_of(self._call(lambda s: s.members_by_phone(last4)))

    def bills(self, resident_id: str) -> list[FeeBill]:
        return [bill_of(b) for b in self._call(lambda s: s.bills(resident_id))]

    def redeem(
        self, resident_id: str, bill_id: str, points: int, redemption_id: uuid.UUID
    ) -> Redemption:
        request = RedemptionRequest(
            redemption_id=redemption_id, resident_id=resident_id, bill_id=bill_id, points=points
        )
        return redemption_of(self._call(lambda s: s.redeem(request)))

    def claim(self, claim_code: str, member_code: str) -> Claim:
        request = ClaimRequest(claim_code=claim_code, member_code=member_code)
        return claim_of(self._call(lambda s: s.claim(request)))

    def rejected(self) -> list[RefusedRecord]:
        """Records the server refused, oldest first: kept here until sent again."""
        return [refused_of(row) for row in self.outbox.rejected()]

    def notices(self) -> list[ServerNotice]:
        """What the server addressed to this till, newest first."""
        return [notice_of(row) for row in self.outbox.notices()]

    def requeue(self, item_ids: list[str]) -> None:
        """Send refused records again (e.g. a refund refused before its sale arrived)."""
        self.outbox.requeue(item_ids)


def _plain(url: str) -> bool:
    try:
        return transport_of(url) is Transport.PLAIN
    except SyncError:  # a malformed URL: sync reports bad_url itself
        return False


def _fields(status: SyncStatus) -> dict[str, object]:
    return {f: getattr(status, f) for f in SyncStatus.__dataclass_fields__}

"""Who works the till now: sign-in by PIN, the lockout after wrong PINs (kept
on disk), the screen lock, switching cashier, and staff a manager adds here.

The service owns no cart and no shift: locking, unlocking and switching
cashier change only who is signed in, so the cart and the shift carry on.
The signed-in name is what sales, refunds and receipts carry
(`terminal()` gives the terminal settings with it; the `cashier.name`
setting stays the fallback when nobody signed in: tests, the command line).

Listeners (`on_event`) hear every sign-in, failure, lock, unlock, switch and
staff change as `listener(kind, **details)`: the audit trail subscribes there.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime

from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.staff import (
    LockoutPolicy,
    Permission,
    Role,
    StaffMember,
    check_name,
    check_pin,
    may,
    plausible_pin,
)
from pos_app.options import StoreSettings, TerminalSettings
from pos_app.persistence.staff_repo import StaffRepository, hash_pin, verify_pin

log = logging.getLogger("pos_app.staff")

Listener = Callable[..., None]


class StaffService:
    def __init__(
        self,
        repo: StaffRepository,
        store: Callable[[], StoreSettings],
        terminal: Callable[[], TerminalSettings],
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        policy: LockoutPolicy | None = None,
    ) -> None:
        self.repo = repo
        self._store = store
        self._terminal = terminal
        self._clock = clock
        self.policy = policy or LockoutPolicy()
        self.current: StaffMember | None = None
        self.locked = False
        self._listeners: list[Listener] = []

    # --- events ---------------------------------------------------------------

    def on_event(self, listener: Listener) -> None:
        """`listener(kind, **details)` after each sign-in, failure, lock, switch…"""
        self._listeners.append(listener)

    def emit(self, kind: str, **details: object) -> None:
        for listener in list(self._listeners):
            try:
                listener(kind, **details)
            except Exception:
                # the act is done; a broken listener must not undo or block it
                log.exception("a staff listener failed on %s", kind)

    # --- who --------------------------------------------------------------------

    def staff(self) -> list[StaffMember]:
        """Who may sign in at this store (the sign-in screen's tiles)."""
        return self.repo.list_active(self._store().code)

    def managers(self) -> list[StaffMember]:
        return [m for m in self.staff() if m.is_manager]

    def cashier_name(self) -> str:
        return self.current.name if self.current is not None else self._terminal().cashier_name

    def terminal(self) -> TerminalSettings:
        """The terminal settings with the signed-in name as the cashier."""
        terminal = self._terminal()
        if self.current is None:
            return terminal
        return replace(terminal, cashier_name=self.current.name)

    def seconds_locked_out(self, staff_id: str) -> int:
        record = self.repo.get(staff_id)
        return 0 if record is None else record.lockout.seconds_left(self._clock())

    # --- the PIN ------------------------------------------------------------

    def check(self, staff_id: str, pin: str) -> StaffMember:
        """The staff member whose PIN this is; counts a wrong PIN and locks out
        at the policy's limit (STAFF_LOCKED_OUT with `seconds`, PIN_WRONG with
        `left` tries, STAFF_UNKNOWN). A locked-out person is refused before
        their PIN is even checked, so a storm cannot guess during the wait."""
        record = self.repo.get(staff_id)
        if (
            record is None
            or not record.member.active
            or record.member.store_code != self._store().code  # another store's staff
        ):
            raise PosError(ErrorCode.STAFF_UNKNOWN)
        now = self._clock()
        if record.lockout.is_locked(now):
            raise PosError(ErrorCode.STAFF_LOCKED_OUT, seconds=record.lockout.seconds_left(now))
        if not plausible_pin(pin):
            # a barcode scanned into the PIN field, a paste: no PIN at all, so no
            # guess either; refused without a hash and without counting
            raise PosError(
                ErrorCode.PIN_WRONG, left=self.policy.max_failures - record.lockout.failures
            )
        if verify_pin(record.pin_hash, pin):
            if record.lockout.failures:
                self.repo.save_lockout(staff_id, self.policy.after_success())
            return record.member
        lockout = self.policy.after_failure(record.lockout, now)
        self.repo.save_lockout(staff_id, lockout)
        self.emit("pin_failed", staff_id=staff_id, name=record.member.name)
        if lockout.is_locked(now):
            log.warning(
                "staff %s locked out after %d wrong PINs", staff_id, self.policy.max_failures
            )
            self.emit("locked_out", staff_id=staff_id, name=record.member.name)
            raise PosError(ErrorCode.STAFF_LOCKED_OUT, seconds=lockout.seconds_left(now))
        raise PosError(ErrorCode.PIN_WRONG, left=self.policy.max_failures - lockout.failures)

    # --- sign-in, lock, switch ------------------------------------------------

    def sign_in(self, staff_id: str, pin: str) -> StaffMember:
        member = self.check(staff_id, pin)
        before = self.current
        self.current, self.locked = member, False
        kind = "sign_in" if before is None or before.id == member.id else "switch"
        self.emit(kind, staff_id=member.id, name=member.name, before=before.name if before else "")
        log.info("%s: %s (%s)", kind, member.id, member.role.value)
        return member

    def switch(self, staff_id: str, pin: str) -> StaffMember:
        """Another cashier takes the till: the cart and the shift stay as they are."""
        return self.sign_in(staff_id, pin)

    def lock(self) -> None:
        """The screen locks (idle, or the Lock key); who is signed in stays."""
        if not self.locked:
            self.locked = True
            self.emit("lock", staff_id=self.current.id if self.current else "")

    def unlock(self, staff_id: str, pin: str) -> StaffMember:
        """The same person, or a manager, unlocks (NOT_A_MANAGER for anyone else:
        they use Switch cashier). A manager only opens the screen: the till stays
        with the cashier it was locked for."""
        member = self.check(staff_id, pin)
        if self.current is not None and member.id != self.current.id and not member.is_manager:
            raise PosError(ErrorCode.NOT_A_MANAGER)
        if self.current is None:
            self.current = member
        self.locked = False
        self.emit("unlock", staff_id=member.id, name=member.name)
        return member

    def sign_out(self) -> None:
        if self.current is not None:
            self.emit("sign_out", staff_id=self.current.id, name=self.current.name)
        self.current, self.locked = None, False

    # --- staff a manager adds here -------------------------------------------

    def add_staff(
        self, name: str, role: Role, pin: str, *, manager_id: str, manager_pin: str
    ) -> StaffMember:
        """A new staff member of this store, added on the till by a manager (who
        gives their PIN again now). The hash is made here; the PIN is not kept."""
        manager = self.check(manager_id, manager_pin)
        if not may(manager.role, Permission.MANAGE_STAFF):
            raise PosError(ErrorCode.NOT_A_MANAGER)
        member = StaffMember(str(uuid.uuid4()), check_name(name), role, self._store().code)
        self.repo.add(member, hash_pin(check_pin(pin)), origin="local")
        self.emit("staff_added", staff_id=member.id, name=member.name, by=manager.name)
        return member

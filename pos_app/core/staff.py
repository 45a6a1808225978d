"""Staff of a showroom: roles and what each may do, PIN rules, the lockout
after wrong PINs, and the policy saying which acts need a manager's PIN.

Pure: no clock is read here (callers pass `now`), no hash is made here (the
persistence layer hashes with argon2). Everything a sign-in screen or an
approval decides is a function of plain values, so it can be tested with any
time and any threshold.
"""

from __future__ import annotations

import enum
import itertools
from dataclasses import dataclass
from datetime import datetime, timedelta

from pos_app.core.errors import ErrorCode, PosError

PIN_MIN, PIN_MAX = 4, 8
NAME_MAX = 32  # what a receipt line holds beside its label


class Role(enum.StrEnum):
    CASHIER = "cashier"  # 收银员
    PROMOTER = "promoter"  # 促销员
    MANAGER = "manager"  # 店长


class Permission(enum.StrEnum):
    SELL = "sell"
    EVENT_SALES = "event_sales"  # tasting events: event prices, samples, feedback
    APPROVE = "approve"  # give a manager's approval by PIN
    MANAGE_STAFF = "manage_staff"  # add staff on the till


_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.CASHIER: frozenset({Permission.SELL}),
    Role.PROMOTER: frozenset({Permission.SELL, Permission.EVENT_SALES}),
    Role.MANAGER: frozenset(Permission),
}


def may(role: Role, permission: Permission) -> bool:
    return permission in _PERMISSIONS[role]


@dataclass(frozen=True, slots=True)
class StaffMember:
    """Who works the till; never carries the PIN nor its hash."""

    id: str
    name: str
    role: Role
    store_code: str
    active: bool = True

    @property
    def is_manager(self) -> bool:
        return may(self.role, Permission.APPROVE)


def check_name(name: str) -> str:
    """The name as stored: stripped, printable, 1..NAME_MAX characters."""
    name = name.strip()
    if not name or len(name) > NAME_MAX or not name.isprintable():
        raise PosError(ErrorCode.STAFF_NAME_INVALID)
    return name


def _trivial(pin: str) -> bool:
    """All one digit (0000), or a run up or down (1234, 98765): the first PINs a
    thief tries."""
    if len(set(pin)) == 1:
        return True
    steps = {(int(b) - int(a)) % 10 for a, b in itertools.pairwise(pin)}
    return steps in ({1}, {9})


def check_pin(pin: str) -> str:
    """A new PIN: 4–8 ASCII digits, not trivial (PIN_INVALID otherwise)."""
    if not (PIN_MIN <= len(pin) <= PIN_MAX) or not (pin.isascii() and pin.isdigit()):
        raise PosError(ErrorCode.PIN_INVALID, min=PIN_MIN, max=PIN_MAX)
    if _trivial(pin):
        raise PosError(ErrorCode.PIN_INVALID, min=PIN_MIN, max=PIN_MAX, trivial=True)
    return pin


def plausible_pin(pin: str) -> bool:
    """Worth checking against a hash at all (a typed PIN, not a new one): a
    100 kB paste is refused before argon2 spends time on it."""
    return PIN_MIN <= len(pin) <= PIN_MAX and pin.isascii() and pin.isdigit()


# --- lockout ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Lockout:
    """Wrong PINs in a row, and until when the person is locked out."""

    failures: int = 0
    locked_until: datetime | None = None

    def is_locked(self, now: datetime) -> bool:
        return self.locked_until is not None and now < self.locked_until

    def seconds_left(self, now: datetime) -> int:
        if not self.is_locked(now):
            return 0
        assert self.locked_until is not None
        return max(1, int((self.locked_until - now).total_seconds() + 0.999))


@dataclass(frozen=True, slots=True)
class LockoutPolicy:
    max_failures: int = 5
    lock_for: timedelta = timedelta(minutes=5)

    def after_failure(self, state: Lockout, now: datetime) -> Lockout:
        """One more wrong PIN; the fifth in a row locks for `lock_for` and starts
        the count again (the next wrong PINs after the wait lock again at five)."""
        failures = state.failures + 1
        if failures >= self.max_failures:
            return Lockout(0, now + self.lock_for)
        return Lockout(failures, state.locked_until)

    @staticmethod
    def after_success() -> Lockout:
        return Lockout()


# --- what needs a manager -------------------------------------------------------


class Act(enum.StrEnum):
    """Acts a manager may have to approve (the services' ApprovalAction values)."""

    REFUND = "refund"
    REDEMPTION = "redemption"
    FULL_DISCOUNT = "full_discount"
    DISCOUNT = "discount"
    PRICE_OVERRIDE = "price_override"
    CLEAR_CART = "clear_cart"
    OPEN_PRICE = "open_price"
    DRAWER = "drawer"
    SHIFT_DIFFERENCE = "shift_difference"
    ADD_STAFF = "add_staff"
    TRAINING = "training"  # entering training mode
    CASH_OUT = "cash_out"  # 取款: cash taken out of the drawer during a shift
    TRAINING_LEAVE = "training_leave"  # back to the real till
    PROMOTION = "promotion"  # a store-only promotion set up on the till


@dataclass(frozen=True, slots=True)
class ApprovalThresholds:
    """Above these a manager's PIN is asked; at or below, the cashier alone acts.
    Amounts in 分, points as integers, the discount limit in percent."""

    refund_above_fen: int = 0  # 0: every refund
    redemption_above_points: int = 10_000
    discount_limit_percent: int = 20  # beyond it; 100% always needs a manager
    open_price_limit_fen: int = 20_000
    shift_difference_above_fen: int = 0  # any difference


def needs_manager(
    act: Act, amount: int, thresholds: ApprovalThresholds, *, percent: int = 0
) -> bool:
    """True when `act` of `amount` (分, or points for a redemption) needs a
    manager's PIN. `percent` is a discount's share of its line."""
    t = thresholds
    match act:
        case Act.REFUND:
            return amount > t.refund_above_fen
        case Act.REDEMPTION:
            return amount > t.redemption_above_points
        case Act.DISCOUNT:
            return percent >= 100 or percent > t.discount_limit_percent
        case Act.OPEN_PRICE:
            return amount > t.open_price_limit_fen
        case Act.SHIFT_DIFFERENCE:
            return abs(amount) > t.shift_difference_above_fen
        case Act.TRAINING_LEAVE:
            # back to where every sale is recorded: nothing to guard
            return False
        case _:
            # a cart with lines cancelled, a line given away, a price overridden,
            # the drawer without a sale, cash taken out of the drawer (取款: only
            # a manager makes money leave), a new staff member: always. Entering
            # training too: nothing rung up there is kept, so a cashier alone in
            # it could take a real customer's cash for a "practice" sale
            return True

"""Sign-in by PIN on a real database: the lockout after five wrong PINs holds
across a restart, locking and switching cashier leave the cart alone, the
signed-in name is the one sales carry, and a manager adds staff."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from pos_app.app import AppContext, build_context
from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.staff import Role
from pos_app.options import StoreSettings, TerminalSettings
from pos_app.persistence.db import open_database
from pos_app.persistence.staff_repo import StaffRepository, verify_pin
from pos_app.services.staff import StaffService

WANG, LI, ZHAO = "demo-cashier-wang", "demo-manager-li", "demo-promoter-zhao"
WATER = "6975321000012"


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 27, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def _service(data_dir: Path, clock: Clock) -> StaffService:
    return StaffService(
        StaffRepository(open_database(data_dir)),
        StoreSettings,
        TerminalSettings,
        clock=clock,
    )


def _code(call) -> ErrorCode:  # type: ignore[no-untyped-def]
    with pytest.raises(PosError) as caught:
        call()
    return caught.value.code


def test_demo_staff_and_sign_in(context: AppContext) -> None:
    staff = context.staff
    assert staff is not None
    assert [(m.name, m.role) for m in staff.staff()] == [
        ("促销员小赵", Role.PROMOTER),
        ("收银员小王", Role.CASHIER),
        ("店长老李", Role.MANAGER),
    ]
    assert staff.cashier_name() == "收银员01"  # the setting, while nobody signed in
    events: list[tuple[str, dict]] = []
    staff.on_event(lambda kind, **d: events.append((kind, d)))
    with pytest.raises(PosError) as caught:
        staff.sign_in(WANG, "2468")
    assert caught.value.code is ErrorCode.PIN_WRONG
    assert caught.value.params == {"left": 4}
    assert staff.current is None
    assert staff.sign_in(WANG, "1357").name == "收银员小王"
    assert staff.cashier_name() == "收银员小王"
    assert [k for k, _ in events] == ["pin_failed", "sign_in"]
    # the sale carries the signed-in name, not the setting
    context.checkout.scan(WATER)
    tender = context.checkout.start_tender()
    tender.add_cash(tender.total)
    sale = context.checkout.complete(tender)
    assert sale.cashier == "收银员小王"
    assert context.sales.recent(1)[0].cashier == "收银员小王"


def test_lockout_after_five_and_across_a_restart(data_dir: Path, context: AppContext) -> None:
    clock = Clock()
    staff = _service(data_dir, clock)
    for _ in range(4):
        assert _code(lambda: staff.sign_in(WANG, "9999")) is ErrorCode.PIN_WRONG
    with pytest.raises(PosError) as caught:
        staff.sign_in(WANG, "9999")
    assert caught.value.code is ErrorCode.STAFF_LOCKED_OUT
    assert caught.value.params == {"seconds": 300}
    # the right PIN is refused while locked out: a storm cannot guess during the wait
    assert _code(lambda: staff.sign_in(WANG, "1357")) is ErrorCode.STAFF_LOCKED_OUT
    # a restart (a new service on the same file) does not lift it
    clock.now += timedelta(minutes=4)
    again = _service(data_dir, clock)
    assert _code(lambda: again.sign_in(WANG, "1357")) is ErrorCode.STAFF_LOCKED_OUT
    assert again.seconds_locked_out(WANG) == 60
    # others are not locked out
    assert again.sign_in(LI, "2468").name == "店长老李"
    clock.now += timedelta(minutes=1)
    assert again.sign_in(WANG, "1357").name == "收银员小王"


def test_wrong_pin_storm(data_dir: Path, context: AppContext) -> None:
    """Hostile input: a storm of wrong, empty, huge and SQL-looking PINs; every
    one refused, the lockout engaged, the service still answers."""
    clock = Clock()
    staff = _service(data_dir, clock)
    junk = ["", "0", "1' OR '1'='1", "1" * 100_000, "\x00\x1b[2J", "１３５７", "13570"]
    codes = set()
    for i in range(60):
        clock.now += timedelta(seconds=1)
        codes.add(_code(lambda i=i: staff.sign_in(WANG, junk[i % len(junk)])))
    assert codes == {ErrorCode.PIN_WRONG, ErrorCode.STAFF_LOCKED_OUT}
    assert staff.current is None
    assert staff.seconds_locked_out(WANG) > 0
    assert (
        _code(lambda: staff.sign_in("'; DROP TABLE staff; --", "1357")) is ErrorCode.STAFF_UNKNOWN
    )
    assert staff.sign_in(LI, "2468").is_manager


def test_lock_unlock_and_switch_keep_the_cart(context: AppContext) -> None:
    staff = context.staff
    assert staff is not None
    staff.sign_in(WANG, "1357")
    context.checkout.scan(WATER)
    sale_id = context.checkout.sale_id
    staff.lock()
    assert staff.locked
    # a promoter cannot unlock Wang's till; Wang or a manager can
    assert _code(lambda: staff.unlock(ZHAO, "3690")) is ErrorCode.NOT_A_MANAGER
    assert staff.locked
    assert staff.unlock(LI, "2468").is_manager
    assert not staff.locked
    assert staff.current is not None and staff.current.name == "收银员小王"
    staff.lock()
    staff.unlock(WANG, "1357")
    staff.switch(ZHAO, "3690")
    assert staff.cashier_name() == "促销员小赵"
    assert context.checkout.sale_id == sale_id
    assert len(context.checkout.cart.active_lines) == 1


def test_manager_adds_staff(context: AppContext) -> None:
    staff = context.staff
    assert staff is not None
    assert (
        _code(
            lambda: staff.add_staff(
                "新人", Role.CASHIER, "8024", manager_id=WANG, manager_pin="1357"
            )
        )
        is ErrorCode.NOT_A_MANAGER
    )
    assert (
        _code(
            lambda: staff.add_staff("新人", Role.CASHIER, "1111", manager_id=LI, manager_pin="2468")
        )
        is ErrorCode.PIN_INVALID
    )
    member = staff.add_staff("新人", Role.CASHIER, "8024", manager_id=LI, manager_pin="2468")
    record = staff.repo.get(member.id)
    assert record is not None and verify_pin(record.pin_hash, "8024")
    assert staff.sign_in(member.id, "8024").name == "新人"


def test_a_restart_keeps_demo_staff_once(data_dir: Path) -> None:
    build_context(data_dir, demo=True).close()
    ctx = build_context(data_dir, demo=True)
    assert ctx.staff is not None and len(ctx.staff.staff()) == 3
    ctx.close()


def test_what_is_no_pin_is_not_counted_as_a_guess(data_dir: Path, context: AppContext) -> None:
    """A barcode scanned into the PIN field ten times never locks the cashier out."""
    staff = _service(data_dir, Clock())
    for _ in range(10):
        assert _code(lambda: staff.sign_in(WANG, WATER)) is ErrorCode.PIN_WRONG
    assert staff.seconds_locked_out(WANG) == 0
    assert staff.sign_in(WANG, "1357").name == "收银员小王"


def test_staff_of_another_store_cannot_sign_in_here(data_dir: Path, context: AppContext) -> None:
    staff = _service(data_dir, Clock())
    staff.repo.upsert_from_server(
        [{"id": "s3-li", "store_code": "S003", "name": "别店店长", "role": "manager",
          "pin_hash": staff.repo.get(LI).pin_hash, "active": True}]  # type: ignore[union-attr]
    )  # fmt: skip
    assert _code(lambda: staff.sign_in("s3-li", "2468")) is ErrorCode.STAFF_UNKNOWN
    assert "s3-li" not in [m.id for m in staff.staff()]

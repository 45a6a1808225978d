"""Staff on disk: argon2 hashes that verify only the right PIN, staff from the
server upserted without lifting a lockout, lockouts and approvals persisted."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import text

from pos_app.core.staff import Lockout, Role, StaffMember
from pos_app.persistence.db import DB_FILENAME, open_database
from pos_app.persistence.staff_repo import (
    ApprovalRecord,
    StaffRepository,
    hash_pin,
    verify_pin,
)

NOW = datetime(2026, 11, 27, 8, 0, tzinfo=UTC)


def test_argon2_hash_and_verify() -> None:
    h = hash_pin("1357")
    assert h.startswith("$argon2id$")
    assert "1357" not in h
    assert hash_pin("1357") != h  # salted
    assert verify_pin(h, "1357")
    assert not verify_pin(h, "1358")
    assert not verify_pin("not a hash", "1357")


def test_staff_lockout_and_approvals_persist(data_dir: Path) -> None:
    engine = open_database(data_dir)
    repo = StaffRepository(engine)
    wang = StaffMember("c1", "收银员小王", Role.CASHIER, "S001")
    repo.add(wang, hash_pin("1357"))
    repo.upsert_from_server(
        [
            {"id": "m1", "store_code": "S001", "name": "店长老李", "role": "manager",
             "pin_hash": hash_pin("2468"), "active": True},
            {"id": "x1", "store_code": "S002", "name": "别店", "role": "cashier",
             "pin_hash": hash_pin("2468"), "active": True},
        ]
    )  # fmt: skip
    assert [m.name for m in repo.list_active("S001")] == ["收银员小王", "店长老李"]
    repo.save_lockout("c1", Lockout(0, NOW + timedelta(minutes=5)))
    # the server disables Wang: a sync keeps the lockout and hides him
    repo.upsert_from_server(
        [{"id": "c1", "store_code": "S001", "name": "收银员小王", "role": "cashier",
          "pin_hash": hash_pin("9753"), "active": False}]
    )  # fmt: skip
    engine.dispose()

    repo = StaffRepository(open_database(data_dir))  # a restart
    record = repo.get("c1")
    assert record is not None
    assert record.lockout == Lockout(0, NOW + timedelta(minutes=5))
    assert verify_pin(record.pin_hash, "9753")
    assert not record.member.active
    assert [m.name for m in repo.list_active("S001")] == ["店长老李"]
    repo.record_approval(
        ApprovalRecord(
            "refund", 40360, "R1", "收银员小王", "m1", "店长老李", True, "pin", "T01", NOW
        )
    )
    assert repo.approvals()[0].amount == 40360
    assert repo.approvals()[0].at == NOW


def test_database_file_holds_no_plain_pin(data_dir: Path) -> None:
    engine = open_database(data_dir)
    StaffRepository(engine).add(StaffMember("c1", "小王", Role.CASHIER, "S001"), hash_pin("8642"))
    with engine.connect() as conn:
        stored = conn.execute(text("SELECT pin_hash FROM staff")).scalar_one()
    engine.dispose()
    assert "8642" not in stored
    assert b"8642" not in (data_dir / DB_FILENAME).read_bytes()

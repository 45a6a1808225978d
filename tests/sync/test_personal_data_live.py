"""A copy of either database file, after a till has synced with the real central server
and sold to a resident it found by phone, shows no resident's full name, phone number or
bill address: not in the main file, not in its write-ahead log."""

from __future__ import annotations

import shutil
from pathlib import Path

from pos_app.app import build_context
from pos_app.core.money import Money
from sync.server.devtools import ServerProcess
from tests.sync.server.test_personal_data import readable_personal_data

WATER = "6975321000012"  # 硒泉水 550ml, ¥2, points-eligible


def _copies(source: Path, target: Path) -> list[Path]:
    """The database and its -wal/-journal, copied byte for byte while still open."""
    target.mkdir()
    found = []
    for name in (source.name, source.name + "-wal", source.name + "-journal"):
        if (source.parent / name).exists():
            found.append(Path(shutil.copyfile(source.parent / name, target / name)))
    return found


def test_neither_database_file_holds_a_readable_name_or_phone(
    live_server: ServerProcess, data_dir: Path, tmp_path: Path
) -> None:
    context = build_context(data_dir, demo=False)
    context.sync.enroll(live_server.url, live_server.enrollment_code())
    assert context.sync.sync_once().error is None  # the residents pulled into the cache
    found = context.members.find_by_phone("1234")
    assert [c.masked_phone for c in found.candidates] == ["138****1234", "137****1234"]
    co = context.checkout
    assert co.attach_member(context.members.choose(found.candidates[0])).member_changed
    co.scan(WATER)
    tender = co.start_tender()
    tender.add_cash(Money(tender.total.fen))
    co.complete(tender)
    assert context.sync.sync_once().error is None
    till_files = _copies(data_dir / "pos.db", tmp_path / "till")
    server_db = Path(live_server.database_url.removeprefix("sqlite:///"))
    server_files = _copies(server_db, tmp_path / "server")
    context.close()
    assert [f.name for f in till_files][:1] == ["pos.db"]
    assert [f.name for f in server_files][:1] == [server_db.name]
    assert readable_personal_data(till_files + server_files) == []
    # what the till does keep: the masked name (shown to the cashier), nothing more
    assert any("张*明".encode() in f.read_bytes() for f in till_files)

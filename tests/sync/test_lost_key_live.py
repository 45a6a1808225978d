"""A till whose sealing key file is deleted, with the real central server on loopback:
the till sells on, `yuancang-pos sync` says what happened on stderr and exits 3,
nothing sealed is rewritten (not even by a refused enrollment), and a successful
enrollment replaces the box: the sales made before and after the loss then reach
the server, each once."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from pos_app.__main__ import main
from pos_app.app import AppContext, build_context
from pos_app.core.errors import ErrorCode
from pos_app.core.money import Money
from pos_app.persistence import terminal_key
from pos_app.persistence.secret_box import BOX_FILE, box_for
from sync.client.session import SyncError
from sync.server.db import Database
from sync.server.devtools import ServerProcess
from sync.server.models.orders import Order
from sync.server.models.terminals import Terminal

WATER = "6975321000012"


def sell(context: AppContext) -> str:
    co = context.checkout
    co.scan(WATER)
    tender = co.start_tender()
    tender.add_cash(Money(tender.total.fen))
    return co.complete(tender).sale_id


def on_server(server: ServerProcess) -> tuple[list[str], set[str]]:
    """The orders' sale ids (a list: a double count shows) and the live terminals' keys."""
    db = Database(server.database_url, pool_size=1, max_overflow=0)
    try:
        with db.read() as session:
            orders = list(session.scalars(select(Order.sale_id)))
            keys = set(
                session.scalars(select(Terminal.key_id).where(Terminal.revoked_at.is_(None)))
            )
            return orders, keys
    finally:
        db.dispose()


def sealed(data_dir: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((data_dir / "keys").iterdir())}


@pytest.mark.usefixtures("pos_logging")  # main() sets up the till's log file in-process
def test_a_lost_key_file_is_told_and_healed_by_enrolling_again(
    live_server: ServerProcess, data_dir: Path, till_key_dir: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    context = build_context(data_dir, demo=True)
    context.sync.enroll(live_server.url, live_server.enrollment_code())
    old_key = terminal_key.key_id(terminal_key.load_or_create(data_dir))
    a = sell(context)
    assert context.sync.sync_once().error is None
    b = sell(context)  # queued when the key file goes
    context.close()
    old_box = box_for(data_dir).box_id
    (till_key_dir / f"{old_box}.key").unlink()
    before = sealed(data_dir)

    assert main(["--data-dir", str(data_dir), "sync"]) == 3
    out, err = capsys.readouterr()
    assert "error secret_key_lost" in out and "Traceback" not in out + err
    assert "key (keyring entry or key file) is lost or damaged" in err
    assert "re-enroll (yuancang-pos enroll) to sync them" in err
    assert "本机密钥" in err

    context = build_context(data_dir, demo=True)
    try:
        problem = context.secrets_problem
        assert problem is not None and problem.code is ErrorCode.SECRET_KEY_LOST
        c = sell(context)  # selling goes on while the key is lost
        assert context.sync.sync_once().pending == 2
        with pytest.raises(SyncError):  # a used code: refused, and nothing rewritten
            context.sync.enroll(live_server.url, "AAAA-BBBB-CCCC")
        assert sealed(data_dir) == before
        assert on_server(live_server)[0] == [a]

        context.sync.enroll(live_server.url, live_server.enrollment_code())
        new_box = box_for(data_dir)
        assert new_box.box_id != old_box and (till_key_dir / f"{new_box.box_id}.key").exists()
        new_key = terminal_key.key_id(terminal_key.load_or_create(data_dir))
        assert new_key != old_key
        after = sealed(data_dir)
        assert set(after) == set(before) and all(after[n] != before[n] for n in after)
        status = context.sync.sync_once()
        assert (status.error, status.pending) == (None, 0)
    finally:
        context.close()
    orders, keys = on_server(live_server)
    assert sorted(orders) == sorted([a, b, c])  # each once
    assert keys == {new_key}  # the lost key's terminal was replaced at the same position
    assert json_box(data_dir) == new_box.box_id


def json_box(data_dir: Path) -> str:
    import json

    return str(json.loads((data_dir / BOX_FILE).read_text())["box_id"])

"""Logs never hold personal data or credentials: a till and the real central server,
both logging at DEBUG, go through an enrollment, a pull, a phone lookup, a member sale
and its push; then both log files are searched for every resident's full name, phone
and bill address, the till's token and its enrollment code."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from pos_app.app import build_context
from pos_app.core.money import Money
from pos_app.log import LOG_FILE, setup_logging
from pos_app.persistence import credentials
from sync.server.devtools import ServerProcess
from tests.sync.server.test_personal_data import readable_personal_data

WATER = "6975321000012"


def test_a_day_at_debug_level_leaves_no_personal_data_or_secret_in_the_logs(
    sqlite_demo_url: Callable[[], str], data_dir: Path, tmp_path: Path, pos_logging: logging.Logger
) -> None:
    server = ServerProcess(sqlite_demo_url(), log_path=tmp_path / "central.log", log_level="debug")
    server.start()
    setup_logging(data_dir, logging.DEBUG)  # pos_logging puts the logger back afterwards
    try:
        context = build_context(data_dir, demo=False)
        code = server.enrollment_code()
        context.sync.enroll(server.url, code)
        assert context.sync.sync_once().error is None
        found = context.members.find_by_phone("1234")
        co = context.checkout
        assert co.attach_member(context.members.choose(found.candidates[0])).member_changed
        co.scan(WATER)
        tender = co.start_tender()
        tender.add_cash(Money(tender.total.fen))
        co.complete(tender)
        assert context.sync.sync_once().error is None
        # what a careless line would write: the till's file handler masks it
        logging.getLogger("pos_app.test").debug("resident said 13827461234, token=%s", "x1")
        credential = credentials.load(data_dir)
        assert credential is not None
        context.close()
    finally:
        server.stop()
        for handler in pos_logging.handlers:
            handler.flush()
    logs = [data_dir / LOG_FILE, tmp_path / "central.log"]
    till_log, server_log = (p.read_text(encoding="utf-8") for p in logs)
    assert "GET /api/v1/members/by-phone?last4=1234" in server_log  # the server did log
    assert "resident said [phone], token=[secret]" in till_log
    assert "DEBUG" in till_log
    assert readable_personal_data(logs) == []
    for secret in (credential.token, code, code.replace("-", "")):
        assert secret not in till_log and secret not in server_log

"""The till's start path (launch.TillWindows) when its sealing key file was deleted: a
real window offscreen opens, says in the status bar what happened and what to do (in
English and in Chinese), the sync indicator names the lost key, and the till sells.
A Qt warning or a traceback fails the test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from pos_app.app import AppContext, build_context
from pos_app.core.errors import ErrorCode, PosError
from pos_app.persistence import credentials
from pos_app.persistence.secret_box import box_for
from pos_app.ui.launch import TillWindows
from pos_app.ui.messages import error_text
from pos_app.ui.translators import install_translators
from tests.gui.helpers import WATER


@pytest.fixture
def lost(data_dir: Path, till_key_dir: Path) -> Iterator[AppContext]:
    """A context on a till whose key file is gone, its credential still sealed."""
    first = build_context(data_dir, demo=True)
    credentials.save(data_dir, credentials.Credential("http://127.0.0.1:9", "yct1_x", "T-1"))
    first.close()
    (till_key_dir / f"{box_for(data_dir).box_id}.key").unlink()
    context = build_context(data_dir, demo=True)
    yield context
    context.close()


def _open(qapp: QApplication, context: AppContext, data_dir: Path) -> TillWindows:
    till = TillWindows(qapp, data_dir)
    till.open(context)
    return till


def _close(qapp: QApplication, till: TillWindows) -> None:
    for widget in qapp.topLevelWidgets():
        widget.close()
    if till.window.scanner is not None:
        qapp.removeEventFilter(till.window.scanner)
    till.window.shutdown()
    if till.backup_worker is not None:
        till.backup_worker.stop()


@pytest.mark.parametrize(
    ("language", "told", "label"),
    [
        ("en", "is lost or damaged, so its sealed server credential cannot be read",
         "Sync stopped: this till's key is lost, enroll it again"),
        ("zh_CN", "丢失或损坏", "同步已停止"),
    ],
)  # fmt: skip
def test_the_window_opens_and_says_the_key_is_lost(  # type: ignore[no-untyped-def]
    qtbot, qapp: QApplication, lost: AppContext, data_dir: Path,
    language: str, told: str, label: str,
) -> None:  # fmt: skip
    install_translators(qapp, language)
    till = _open(qapp, lost, data_dir)
    try:
        window = till.window
        qtbot.waitExposed(window)
        text = window.status_message.text()
        assert text == error_text(PosError(ErrorCode.SECRET_KEY_LOST))
        assert told in text and "yuancang-pos enroll" in text
        qtbot.waitUntil(lambda: label in window.pending_label.text(), timeout=10_000)
        window.process_scan(WATER)  # the till sells on
        assert [line.name for line in window.checkout.cart.lines] == ["硒泉水 550ml"]
    finally:
        _close(qapp, till)

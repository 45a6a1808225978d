"""The status bar's sync indicator: a till syncing over plain http to another
machine (allowed at enrollment) says so in every state, online and offline, in
Chinese by default; a plain URL the till refuses is named as why sync stopped."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pos_app.persistence import credentials
from pos_app.services.sync import SyncStatus
from pos_app.ui.launch import install_translators
from pos_app.ui.widgets.sync_status import SyncStatusLabel
from sync.server.devtools import ServerProcess
from tests.sync.conftest import (  # noqa: F401  (fixtures)
    _sqlite_demo_template,
    live_server,
    sqlite_demo_url,
    start_live_server,
)
from tests.sync.test_enroll_cli import Relay, own_address

WARNING = "⚠ Unencrypted connection · "
NOON = datetime(2026, 11, 27, 4, 5, tzinfo=UTC)  # 12:05 in Shanghai


def status(**changes: object) -> SyncStatus:
    base = {"enrolled": True, "online": True, "pending": 2, "rejected": 0, "last_success": None}
    return SyncStatus(**{**base, **changes})  # type: ignore[arg-type]


@pytest.fixture
def label(qtbot) -> SyncStatusLabel:
    widget = SyncStatusLabel()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def chinese(qapp):
    translators = install_translators(qapp, "zh_CN")
    yield translators
    for translator in translators:
        qapp.removeTranslator(translator)


@pytest.mark.parametrize(
    ("state", "text", "color"),
    [
        ({"online": True}, "Online · 2 to sync", "#d35400"),
        ({"online": False, "error": "offline"}, "Offline · 2 to sync", "#c0392b"),
        (
            {"online": True, "rejected": 1, "last_success": NOON},
            "Online · 2 to sync · last sync 11-27 12:05 · 1 refused by the server (see manager)",
            "#d35400",
        ),
    ],
)  # fmt: skip
def test_unencrypted_is_said_in_every_state(label, state, text, color):
    label.show_status(status(insecure=True, **state))
    assert label.text() == WARNING + text
    assert label.styleSheet() == f"color: {color};"
    assert "plain http" in label.toolTip()
    label.show_status(status(insecure=False, **state))  # and only while it is so
    assert label.text() == text
    assert label.toolTip() == ""


def test_a_refused_url_is_named(label):
    label.show_status(status(online=False, error="insecure_http"))
    assert label.text() == "Sync stopped: the server address is unencrypted http:// · 2 to sync"
    label.show_status(status(online=False, error="bad_url"))
    assert label.text() == "Sync stopped: the server address is invalid · 2 to sync"


def test_the_warning_is_chinese_by_default(label, chinese):
    label.show_status(status(insecure=True, online=False, error="offline"))
    assert label.text() == "⚠ 未加密连接 · 离线 · 待同步 2 笔"
    label.show_status(status(online=False, error="insecure_http"))
    assert label.text().startswith("同步已停止：服务器地址为未加密的 http://")


@pytest.mark.slow
def test_the_window_keeps_the_warning_online_and_offline(
    window,
    context,
    live_server: ServerProcess,  # noqa: F811
):
    relay = Relay(own_address(), live_server.port)  # "another machine": this one's LAN address
    try:
        context.sync.enroll(relay.url, live_server.enrollment_code(), allow_insecure_http=True)
        window.refresh_pending()
        assert window.pending_label.text().startswith(WARNING + "Offline")  # not synced yet
        synced = context.sync.sync_once()
        window.on_sync_sig_status(synced)
        assert synced.error is None and synced.insecure
        assert window.pending_label.text().startswith(WARNING + "Online · 0 to sync")
        live_server.stop()
        failed = context.sync.sync_once()
        window.on_sync_sig_status(failed)
        assert failed.error is not None
        assert window.pending_label.text().startswith(WARNING + "Offline · 0 to sync")
    finally:
        relay.close()


def test_the_window_names_a_refused_plain_url(window, context):
    credentials.save(context.data_dir, credentials.Credential("http://192.0.2.10:9", "t", "T-1"))
    window.on_sync_sig_status(context.sync.sync_once())
    assert window.pending_label.text().startswith(
        "Sync stopped: the server address is unencrypted http://"
    )


def test_notices_from_the_server_are_counted_for_the_manager(label, qapp):
    from pos_app.ui.translators import install_translators, remove_translators

    install_translators(qapp, "en")  # the English plural forms
    try:
        label.show_status(status(online=True, notices=1))
        assert label.text() == "Online · 2 to sync · 1 notice from the server (see manager)"
        label.show_status(status(online=True, notices=3))
        assert label.text() == "Online · 2 to sync · 3 notices from the server (see manager)"
        label.show_status(status(online=True, notices=0))
        assert label.text() == "Online · 2 to sync"
    finally:
        remove_translators(qapp)

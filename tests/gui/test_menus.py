"""The language menu stores the chosen language (typed write) and switches the
running window at once: menus and status-bar texts change without a restart."""

from __future__ import annotations

from pos_app.persistence.settings_repo import SettingsRepository
from pos_app.ui.menus import set_language
from pos_app.ui.translators import remove_translators


def test_the_chosen_language_is_stored(qtbot, qapp, window, context):
    assert context.settings.ui.language == "zh_CN"
    try:
        set_language(window, "en")
    finally:
        remove_translators(qapp)
    assert context.settings.ui.language == "en"
    assert SettingsRepository(context.engine).load().ui.language == "en"


def test_switching_language_applies_at_once(qtbot, qapp, window, context):
    window.refresh_pending()
    printer = window.printing.status
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus[:2] == ["&File", "&Settings"]
    file_actions = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    english_status = window.pending_label.text()
    assert english_status.startswith("Not connected to the central server")
    english_printer = printer.text()
    try:
        set_language(window, "zh_CN")
        qtbot.waitUntil(lambda: window.menuBar().actions()[0].text() == "文件(&F)")
        assert window.menuBar().actions()[1].text() == "设置(&S)"
        assert window.menuBar().actions()[0].menu().actions()[0].text() != file_actions[0]
        assert window.pending_label.text().startswith("未连接中心服务器")
        assert printer.text() != english_printer and printer.text() in ("打印机…", "未接打印机")
        assert window.status_message.text() == "语言:中文。"

        set_language(window, "en")
        qtbot.waitUntil(lambda: window.menuBar().actions()[0].text() == "&File")
        assert [a.text() for a in window.menuBar().actions()] == menus
        assert [a.text() for a in window.menuBar().actions()[0].menu().actions()] == file_actions
        assert window.pending_label.text() == english_status
        assert printer.text() == english_printer
        assert window.status_message.text() == "Language: English."
    finally:
        remove_translators(qapp)

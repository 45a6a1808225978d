"""The language menu stores the chosen language (typed write) for the next start."""

from __future__ import annotations

from pos_app.persistence.settings_repo import SettingsRepository
from pos_app.ui.menus import set_language


def test_the_chosen_language_is_stored(qtbot, window, context):
    assert context.settings.ui.language == "zh_CN"
    set_language(window, "en")
    assert context.settings.ui.language == "en"
    assert SettingsRepository(context.engine).load().ui.language == "en"

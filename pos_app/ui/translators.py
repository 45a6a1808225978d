"""The installed translations, swapped at once when the cashier picks another
language: ours from resources/translations, Qt's own (standard buttons) from
Qt. English needs a file too: its plural forms ("1 item", "2 items") come from
yuancang_en.qm, made with `pyside6-lupdate -pluralonly`.

Installing or removing a QTranslator makes Qt send LanguageChange to every
widget; each rebuilds its texts there (the window's `retranslate_ui`, the menus,
the status-bar labels), so a switch needs no restart.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from pos_app.paths import TRANSLATIONS

log = logging.getLogger("pos_app.ui")

#: What `install_translators` put in, so the next switch can take it out again.
_installed: list[QTranslator] = []


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Replace the translations installed before by those of `language`."""
    remove_translators(app)
    translators: list[QTranslator] = []
    ours = QTranslator(app)
    name = "yuancang_en" if language.startswith("en") else f"yuancang_{language}"
    if ours.load(name, str(TRANSLATIONS)):
        app.installTranslator(ours)
        translators.append(ours)
    else:
        log.warning("no translation %s in %s", name, TRANSLATIONS)
    if not language.startswith("en"):
        qt = QTranslator(app)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt.load(QLocale(language), "qtbase", "_", qt_dir):
            app.installTranslator(qt)
            translators.append(qt)
    _installed.extend(translators)
    return translators


def remove_translators(app: QCoreApplication) -> None:
    """Back to the source texts (English without plural forms)."""
    while _installed:
        app.removeTranslator(_installed.pop())

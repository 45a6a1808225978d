"""Chinese by default through Qt translations; English available."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from pos_app.core.errors import ErrorCode, PosError
from pos_app.paths import TRANSLATIONS
from pos_app.ui.launch import create_window, install_translators
from pos_app.ui.messages import error_text
from pos_app.ui.translators import remove_translators

TS = TRANSLATIONS / "yuancang_zh_CN.ts"


@pytest.fixture
def chinese(qapp):
    translators = install_translators(qapp, "zh_CN")
    yield translators
    for translator in translators:
        qapp.removeTranslator(translator)


def test_every_source_text_has_a_chinese_translation():
    unfinished = [
        m.findtext("source")
        for m in ET.parse(TS).iter("message")
        if m.find("translation").get("type") == "unfinished" or not m.findtext("translation")
    ]
    assert unfinished == []


def qt_tool(name: str) -> str:
    """A PySide6 tool (pyside6-lrelease, pyside6-lupdate) of the environment running the
    tests: its scripts sit next to its interpreter, whatever the virtualenv is called."""
    scripts = Path(sys.executable).parent  # not resolved: a venv's python is a symlink
    found = shutil.which(name, path=str(scripts))  # .exe on Windows
    assert found, f"{name} not found in {scripts}: PySide6 installs it with the till"
    return found


def test_the_ts_holds_every_text_of_the_sources(tmp_path: Path):
    # a text added to the code after the last `make translations` is in no .ts:
    # the check above cannot see it, and the till shows it in English
    root = Path(__file__).resolve().parents[2]
    fresh = tmp_path / "fresh.ts"
    shutil.copy(TS, fresh)
    sources = sorted(str(p) for p in (root / "pos_app").rglob("*.py"))
    lupdate = qt_tool("pyside6-lupdate")
    subprocess.run([lupdate, *sources, "-ts", str(fresh)], check=True, capture_output=True)
    missing = [
        m.findtext("source")
        for m in ET.parse(fresh).iter("message")
        if m.find("translation").get("type") == "unfinished"
    ]
    assert missing == [], "run `make translations` (and add the Chinese to zh_CN.tsv)"


def test_compiled_qm_matches_the_ts(tmp_path: Path):
    out = tmp_path / "fresh.qm"
    lrelease = qt_tool("pyside6-lrelease")
    subprocess.run([lrelease, str(TS), "-qm", str(out)], check=True, capture_output=True)
    assert out.read_bytes() == (TRANSLATIONS / "yuancang_zh_CN.qm").read_bytes()


def test_every_option_title_speaks_chinese(chinese):
    from PySide6.QtCore import QCoreApplication

    from pos_app.config import OPTIONS

    assert chinese, "the zh_CN translation did not load"
    titles = {o.key: QCoreApplication.translate("Settings", o.title) for o in OPTIONS}
    assert [k for k, t in titles.items() if t == next(o.title for o in OPTIONS if o.key == k)] == []
    assert (titles["printer.timeout_s"], titles["store.name"]) == ("打印机超时(秒)", "门店名称")


def test_window_speaks_chinese_by_default(qtbot, qapp, chinese, context):
    assert context.settings.ui.language == "zh_CN"
    assert chinese, "the zh_CN translation did not load"
    window = create_window(qapp, context)
    qtbot.addWidget(window)
    try:
        buttons = [
            b.text() for b in window.findChildren(type(window.button_grid.itemAt(0).widget()))
        ]
        assert any(text.startswith("收款") for text in buttons)
        assert window.totals.caption.text() == "应收合计"
        assert error_text(PosError(ErrorCode.SCAN_UNKNOWN_PRODUCT, scanned="6900000000012")) == (
            "未知条码 6900000000012:商品库中没有。"
        )
    finally:
        qapp.removeEventFilter(window.scanner)


def test_english_when_asked(qtbot, qapp, context):
    translators = install_translators(qapp, "en")
    window = create_window(qapp, context)
    qtbot.addWidget(window)
    try:
        assert len(translators) == 1, "the English plural forms did not load"
        assert window.totals.caption.text() == "Total due"
    finally:
        qapp.removeEventFilter(window.scanner)
        remove_translators(qapp)


@pytest.mark.parametrize(("count", "text"), [(1, "1 receipt waiting"), (2, "2 receipts waiting")])
def test_english_plurals(qapp, count, text):
    from pos_app.ui.printer_status import PrinterStatusLabel

    install_translators(qapp, "en")
    try:
        label = PrinterStatusLabel()
        assert label.tr(" · %n receipt(s) waiting", "", count) == " · " + text
    finally:
        remove_translators(qapp)


def test_english_ts_has_both_forms_of_every_plural():
    messages = list(ET.parse(TRANSLATIONS / "yuancang_en.ts").iter("message"))
    assert messages, "no plural text found"
    for message in messages:
        forms = [f.text for f in message.find("translation").iter("numerusform")]
        source = message.findtext("source")
        assert forms == [source.replace("(s)", ""), source.replace("(s)", "s")], source


def test_english_qm_matches_the_ts(tmp_path: Path):
    out = tmp_path / "fresh.qm"
    lrelease = qt_tool("pyside6-lrelease")
    ts = TRANSLATIONS / "yuancang_en.ts"
    subprocess.run([lrelease, str(ts), "-qm", str(out)], check=True, capture_output=True)
    assert out.read_bytes() == (TRANSLATIONS / "yuancang_en.qm").read_bytes()

"""Issue 10's "Done when": a GBK export with Chinese headers and no SKU column
imports through the mapping dialog — the manager corrects a column, maps the
store's categories, imports; the products are then sold at the counter."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QRect, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QComboBox

from pos_app.core.barcodes import with_check_digit
from pos_app.core.catalog_mapping import generated_sku
from pos_app.ui.dialogs.import_dialog import ImportDialog
from pos_app.ui.menus import start_import
from tests.gui.helpers import scanner_burst

B1 = with_check_digit("694200000001")
B2 = with_check_digit("694200000002")
# 商品 is no header the guess knows: the manager has to say it is the name
LINES = [
    "商品,国际条码,规格,零售价(元),会员价,类别,单位,状态,进货价,库存",
    f"来凤藤茶,{B1},100g,￥68.00,62.50元,茶叶礼盒,盒,启用,40.00,12",
    f"硒泉水,{B2},550ml,2.5,,酒水饮料,瓶,启用,1.10,300",
    "毛嘴卤 鸭脖 散称,,,58,,熟食,kg,启用,20,0",
]


def gbk_export(tmp_path: Path) -> Path:
    path = tmp_path / "旧系统导出.csv"
    path.write_bytes(("\r\n".join(LINES) + "\r\n").encode("gbk"))
    return path


def choose(combo: QComboBox, data: object) -> None:
    """What a tap on the combo and then on an entry does."""
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def open_dialog(qtbot, window, path: Path) -> ImportDialog:
    start_import(window, path)
    qtbot.waitUntil(lambda: window.findChild(ImportDialog) is not None, timeout=10000)
    dialog = window.findChild(ImportDialog)
    qtbot.waitExposed(dialog)
    return dialog


def test_gbk_export_without_sku_imports_through_the_mapping_dialog(
    qtbot, window, context, tmp_path
):
    before = context.catalog.repo.count()
    dialog = open_dialog(qtbot, window, gbk_export(tmp_path))
    assert dialog.info.text() == "GBK/GB18030 · 3 product rows · header on row 1"

    # the preview shows the file's rows, each column headed by its guessed field
    model = dialog.preview_model
    assert (model.rowCount(), model.columnCount()) == (3, 10)
    assert model.index(1, 0).data() == "硒泉水"
    assert model.headerData(3, Qt.Orientation.Horizontal) == "零售价(元)\n→ Price (yuan)"
    assert model.headerData(0, Qt.Orientation.Horizontal) == "商品\n→ (ignore)"
    assert model.headerData(2, Qt.Orientation.Vertical) == "4"  # the spreadsheet's row
    guessed = [c.currentData() for c in dialog.column_combos]
    assert guessed == [
        None, "barcodes", "spec", "price", "member_price", "category", "unit", "active",
        None, None,
    ]  # fmt: skip

    # no name column yet, and one store category with no guess: Import waits
    assert not dialog.import_button.isEnabled()
    assert "Name: no column for this field" in dialog.hint.text()
    assert "Choose a till category for: 酒水饮料" in dialog.hint.text()
    dialog.import_button.click()
    assert dialog.isVisible()

    dialog.tabs.setCurrentIndex(1)
    choose(dialog.column_combos[0], "name")
    assert model.headerData(0, Qt.Orientation.Horizontal) == "商品\n→ Name"
    assert "Name" not in dialog.hint.text()

    dialog.tabs.setCurrentIndex(2)
    combos = dialog.category_combos
    assert list(combos) == ["茶叶礼盒", "酒水饮料", "熟食"]
    # guessed from the till's names: 茶叶 is in 茶叶礼盒, 熟食 in 卤味熟食
    assert (combos["茶叶礼盒"].currentData(), combos["熟食"].currentData()) == ("tea", "deli")
    assert combos["酒水饮料"].currentData() is None
    choose(combos["酒水饮料"], "water")
    assert dialog.hint.text() == ""
    assert dialog.import_button.isEnabled()

    # Enter in a combo box does not import half-way through the mapping
    combos["酒水饮料"].setFocus()
    QApplication.sendEvent(
        dialog, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
    )
    assert dialog.isVisible()

    with qtbot.waitSignal(window.sig_catalog_imported, timeout=10000) as blocker:
        dialog.import_button.click()
    report = blocker.args[0]
    assert report.ok, report.problems
    assert (report.inserted, report.updated) == (3, 0)
    assert context.catalog.repo.count() == before + 3
    assert window.status_message.text() == "Imported 旧系统导出.csv: 3 new, 0 updated."

    tea = context.catalog.by_sku(B1)  # no SKU column: the barcode is the SKU
    assert tea is not None
    assert (tea.name, tea.category, tea.price.fen) == ("来凤藤茶 100g", "tea", 6800)
    assert tea.member_price is not None and tea.member_price.fen == 6250
    water = context.catalog.by_barcode(B2)
    assert water is not None and (water.category, water.price.fen) == ("water", 250)
    duck = context.catalog.by_sku(generated_sku("", "毛嘴卤 鸭脖 散称", ""))
    assert duck is not None and (duck.category, duck.weighed) == ("deli", True)

    qtbot.waitUntil(lambda: window.findChild(ImportDialog) is None)
    scanner_burst(qtbot, B2, window.scan_field)
    assert window.checkout.cart.active_lines[0].name == "硒泉水 550ml"


def test_a_wrong_mapping_is_refused_row_by_row(qtbot, window, context, tmp_path):
    """The manager maps 进货价 as the price column too: two columns for one field."""
    dialog = open_dialog(qtbot, window, gbk_export(tmp_path))
    choose(dialog.column_combos[0], "name")
    choose(dialog.category_combos["酒水饮料"], "snack")
    choose(dialog.column_combos[8], "price")
    assert not dialog.import_button.isEnabled()
    assert "Row 1, Price (yuan): two columns are mapped to this field" in dialog.hint.text()
    choose(dialog.column_combos[8], None)
    assert dialog.import_button.isEnabled()
    # mapping the category column elsewhere empties the categories tab
    choose(dialog.column_combos[5], None)
    assert dialog.category_combos == {}
    assert "Row 1, Category: no column for this field" in dialog.hint.text()
    choose(dialog.default_combo, "daily")  # one category for every row instead
    assert dialog.import_button.isEnabled()
    assert dialog.mapping().default_category == "daily"


def test_dialog_fits_a_small_screen_with_touch_sized_controls(qtbot, window, tmp_path):
    dialog = open_dialog(qtbot, window, gbk_export(tmp_path))
    screen = dialog.screen().availableGeometry()
    assert dialog.frameGeometry().width() <= screen.width()
    assert dialog.frameGeometry().height() <= screen.height()
    assert dialog.minimumWidth() <= 1024 and dialog.minimumHeight() <= 768 - 60
    for combo in dialog.findChildren(QComboBox):
        assert combo.minimumHeight() >= 48
    assert dialog.import_button.height() >= 48 and dialog.cancel_button.height() >= 48
    inside = dialog.rect()
    for widget in (dialog.info, dialog.tabs, dialog.hint, dialog.import_button,
                   dialog.cancel_button):  # fmt: skip
        assert inside.contains(QRect(widget.mapTo(dialog, QPoint(0, 0)), widget.size())), widget
    for button in (dialog.import_button, dialog.cancel_button):  # text never elided
        assert button.width() >= button.fontMetrics().horizontalAdvance(button.text())
    dialog.cancel_button.click()
    assert not dialog.isVisible()


def test_in_chinese(qtbot, qapp, window, tmp_path):
    from pos_app.core.catalog_csv import Problem, RowProblem
    from pos_app.ui.dialogs.import_dialog_text import problem_text
    from pos_app.ui.launch import install_translators

    translators = install_translators(qapp, "zh_CN")
    try:
        assert translators, "the zh_CN translation did not load"
        dialog = open_dialog(qtbot, window, gbk_export(tmp_path))
        assert dialog.import_button.text() == "导入"
        assert dialog.info.text() == "GBK/GB18030 · 3 行商品 · 表头在第 1 行"
        assert "第 1 行,名称:没有对应此字段的列" in dialog.hint.text()
        assert (
            dialog.preview_model.headerData(3, Qt.Orientation.Horizontal)
            == "零售价(元)\n→ 售价(元)"
        )
        sci = RowProblem(5, "barcodes", Problem.SCIENTIFIC_BARCODE, "6.9E+12")
        assert problem_text(sci) == (
            "第 5 行,条码:条码被 Excel 变成了科学计数法,后几位已丢失:请在 Excel 中把条码列"
            "设置为“文本”格式,重新填入条码后再导出: 6.9E+12"
        )
        dialog.cancel_button.click()
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)

"""The menu's catalog import: the file is read off the GUI thread, the mapping
dialog opens on it, the import runs off the GUI thread and reports in the window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from pos_app.core.barcodes import with_check_digit
from pos_app.ui.dialogs.import_dialog import ImportDialog
from pos_app.ui.menus import start_import
from tests.gui.helpers import scanner_burst

HEADER = "sku,barcodes,name,category,unit,price,member_price,plu,active\n"


def open_dialog(qtbot, window, path: Path) -> ImportDialog:
    start_import(window, path)
    qtbot.waitUntil(lambda: window.findChild(ImportDialog) is not None, timeout=10000)
    dialog = window.findChild(ImportDialog)
    qtbot.waitExposed(dialog)
    return dialog


def test_import_then_scan_the_new_product(qtbot, window, tmp_path: Path):
    code = with_check_digit("692000000777")
    csv = tmp_path / "new.csv"
    csv.write_bytes(
        (HEADER + f"NEW-1,{code},利川红 新品试饮装 50g,tea,盒,29.90,,,1\n").encode("gbk")
    )
    dialog = open_dialog(qtbot, window, csv)
    assert dialog.import_button.isEnabled()  # the project's own format needs no correction
    with qtbot.waitSignal(window.sig_catalog_imported, timeout=10000) as blocker:
        dialog.import_button.click()
    assert blocker.args[0].ok and blocker.args[0].inserted == 1
    assert "1" in window.status_message.text()
    qtbot.waitUntil(lambda: window.findChild(ImportDialog) is None)  # closed and deleted
    scanner_burst(qtbot, code, window.scan_field)
    assert window.checkout.cart.active_lines[0].name == "利川红 新品试饮装 50g"
    window.on_query_edited("lchxp")  # pinyin initials of the new name are searchable at once
    assert window.results_model.row_at(0).name == "利川红 新品试饮装 50g"


def test_bad_file_is_refused_with_row_numbers_and_imports_nothing(qtbot, window, context, tmp_path):
    before = context.catalog.repo.count()
    good = with_check_digit("692000000888")
    csv = tmp_path / "bad.csv"
    csv.write_text(
        HEADER
        + f"OK-1,{good},好商品,tea,盒,10.00,,,1\n"
        + "BAD-1,6920000008881,坏条码,tea,盒,10.00,,,1\n"
        + "BAD-2,,负价格,tea,盒,-1.00,,,1\n",
        encoding="utf-8",
    )
    dialog = open_dialog(qtbot, window, csv)
    with qtbot.waitSignal(window.sig_catalog_imported, timeout=10000) as blocker:
        dialog.import_button.click()
    report = blocker.args[0]
    assert not report.ok and {p.row for p in report.problems} == {3, 4}
    assert context.catalog.repo.count() == before
    box = QApplication.activeModalWidget()
    assert isinstance(box, QMessageBox)
    assert "Row 3, Barcode: bad barcode or check digit: 6920000008881" in box.text()
    assert "Row 4, Price (yuan): negative price: -1.00" in box.text()
    box.close()
    assert "nothing imported" in window.status_message.text()


def test_a_file_that_is_no_table_is_refused_without_a_dialog(qtbot, window, tmp_path):
    latin = tmp_path / "latin1.csv"
    latin.write_bytes("名称,售价\n".encode("utf-16"))
    with qtbot.waitSignal(window.sig_catalog_imported, timeout=10000) as blocker:
        start_import(window, latin)
    assert not blocker.args[0].ok
    assert window.findChild(ImportDialog) is None
    box = QApplication.activeModalWidget()
    assert isinstance(box, QMessageBox)
    assert box.text() == (
        "File: the text is neither UTF-8 nor GBK: save the file as CSV UTF-8, or as .xlsx:"
        " latin1.csv"
    )
    box.close()

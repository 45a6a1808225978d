"""The checkout window and every dialog at the screens tills have (1024×768 to
1920×1080), in Chinese and in English: nothing outside its window, no clipped
button or label text, no window larger than the screen (tests/gui/layout_check.py).

The window gets the room a maximised window has under a title bar and a task
bar; a dialog gets its own size, at most that room.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from pos_app.app import AppContext
from pos_app.core.barcodes import with_check_digit
from pos_app.core.events import event_from_dict
from pos_app.core.money import Money
from pos_app.core.sale import Sale
from pos_app.demo import demo_code, demo_events
from pos_app.printing.errors import PrinterErrorCode
from pos_app.receipts.profiles import PROFILES
from pos_app.services.printing import PrinterState, PrinterStatus
from pos_app.services.sync import SyncStatus
from pos_app.ui.dialogs.claim_dialog import ClaimDialog
from pos_app.ui.dialogs.drawer_reason_dialog import DrawerReasonDialog
from pos_app.ui.dialogs.event_choice_dialog import EventChoiceDialog
from pos_app.ui.dialogs.held_dialog import HeldOrdersDialog
from pos_app.ui.dialogs.history_dialog import HistoryDialog
from pos_app.ui.dialogs.printer_dialog import PrinterDialog
from pos_app.ui.dialogs.receipt_preview import ReceiptPreviewDialog
from pos_app.ui.dialogs.redeem_dialog import RedeemDialog
from pos_app.ui.dialogs.refund_dialog import RefundDialog
from pos_app.ui.dialogs.sync_problems_dialog import SyncProblemsDialog
from pos_app.ui.dialogs.tender_dialog import TenderDialog
from pos_app.ui.launch import create_window, install_translators
from pos_app.ui.main_window import MainWindow
from pos_app.ui.widgets.number_pad import NumberPadDialog
from tests.gui.helpers import DUCK_PLU, RICE, TEA, WATER, scanner_burst
from tests.gui.layout_check import layout_problems

SCREENS = [QSize(1024, 768), QSize(1280, 800), QSize(1366, 768), QSize(1920, 1080)]
TITLE_AND_TASK_BAR = 70  # a maximised window's frame and the desktop's panel


def usable(screen: QSize) -> QSize:
    return QSize(screen.width(), screen.height() - TITLE_AND_TASK_BAR)


@pytest.fixture(params=["zh_CN", "en"])
def language(request, qapp: QApplication) -> Iterator[str]:
    translators = install_translators(qapp, request.param)
    assert request.param == "en" or translators, "the zh_CN translation did not load"
    yield request.param
    for translator in translators:
        qapp.removeTranslator(translator)


@pytest.fixture
def till(qtbot, qapp: QApplication, context: AppContext, language: str) -> Iterator[MainWindow]:
    window = create_window(qapp, context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    qapp.removeEventFilter(window.scanner)
    for widget in qapp.topLevelWidgets():
        if widget is not window:
            widget.close()
    window.close()


def _fit(qtbot, widget: QWidget, room: QSize) -> None:
    widget.resize(room)
    qtbot.wait(20)  # layouts settle on the next turns of the event loop
    QApplication.processEvents()


@pytest.mark.parametrize("screen", SCREENS, ids=lambda s: f"{s.width()}x{s.height()}")
def test_window_fits_every_screen(qtbot, till: MainWindow, screen: QSize) -> None:
    room = usable(screen)
    _fit(qtbot, till, room)
    assert till.size() == room, "the window cannot shrink to the screen"
    assert till.statusBar().isVisible()
    assert layout_problems(till, room) == [], "\n".join(layout_problems(till, room))
    # a working cart, a resident's panel, a finished sale and search results
    till.scan_field.setFocus()
    for code in (WATER, RICE, TEA, demo_code("R0001")):
        scanner_burst(qtbot, code, till.scan_field)
    assert till.checkout.member is not None
    for _ in range(40):  # a sale that earns thousands of points
        till.checkout.scan(TEA)
    till.refresh_cart()
    till.totals.show_last_sale(
        "S001-T01-000123", till.checkout.cart.totals().total, till.checkout.cart.totals().total
    )
    till.show_results("wcdm", till.context.catalog.search("wcdm"))
    QApplication.processEvents()
    assert till.results_view.isVisible()
    assert layout_problems(till, room) == [], "\n".join(layout_problems(till, room))
    # a resident found by phone: the panel's review note is shown as well
    members = till.context.members
    found = members.find_by_phone("1234")
    till.checkout.attach_member(members.choose(found.candidates[0]))
    till.refresh_cart()
    QApplication.processEvents()
    assert till.findChild(QWidget, "memberReview").isVisible()
    assert layout_problems(till, room) == [], "\n".join(layout_problems(till, room))
    # the longest status bar: sync trouble and a printer out of paper, with a backlog
    now = datetime.now(UTC)
    till.on_sync_sig_status(SyncStatus(True, False, 1234, 12, now, insecure=True, notices=3))
    till.printing.status.on_print_worker_status_changed(
        PrinterStatus(PrinterState.ERROR, PrinterErrorCode.TIMEOUT, 23, now, now, "tcp://x")
    )
    till.show_message("Warning: the cart could not be saved to disk; it is kept on screen.")
    QApplication.processEvents()
    assert till.size() == room, "the status bar widened the window"
    assert layout_problems(till, room) == [], "\n".join(layout_problems(till, room))
    # every page of keys
    for _ in range(len(till.keys.pages)):
        till.keys.next_page()
        assert layout_problems(till, room) == [], "\n".join(layout_problems(till, room))


def test_right_panel_keeps_its_width_and_keys_stay_put(qtbot, till: MainWindow) -> None:
    _fit(qtbot, till, usable(SCREENS[0]))
    panel = till.findChild(QWidget, "rightPanel")
    keys = [b.mapTo(till, b.rect().topLeft()) for b in till.keys.buttons]
    width = panel.width()
    for code in (WATER, RICE, TEA, DUCK_PLU, demo_code("R0001")):
        scanner_burst(qtbot, code, till.scan_field)
    assert till.checkout.member is not None  # the resident's panel filled in
    till.totals.show_last_sale(
        "S001-T01-000999", till.checkout.cart.totals().total, till.checkout.cart.totals().total
    )
    till.show_message("x" * 400, error=True)
    QApplication.processEvents()
    assert panel.width() == width
    assert [b.mapTo(till, b.rect().topLeft()) for b in till.keys.buttons] == keys
    _fit(qtbot, till, usable(SCREENS[3]))
    assert panel.width() == width


def test_results_as_large_as_cart_lines(till: MainWindow) -> None:
    till.show_results("wcdm", till.context.catalog.search("wcdm"))
    assert till.results_view.font().pointSize() == till.cart_view.font().pointSize() >= 13
    assert (
        till.results_view.verticalHeader().defaultSectionSize()
        == till.cart_view.verticalHeader().defaultSectionSize()
    )


# --- dialogs: one factory each, from the window the till runs --------------------
# A new dialog is one line in DIALOGS. Dialogs owned by another area carry an
# xfail(strict=False) with the reason until their owner has fixed what the checker finds.


def _sale(window: MainWindow, *codes: str) -> Sale:
    for code in codes:
        window.checkout.scan(code)
    tender = window.checkout.start_tender()
    tender.add_cash(Money(100_000))
    sale = window.checkout.complete(tender)
    window.refresh_cart()
    return sale


def _history(window: MainWindow, _mp: pytest.MonkeyPatch) -> QDialog:
    _sale(window, WATER, RICE)
    return HistoryDialog(window.checkout, window.context.printing, window)


def _refund(window: MainWindow, _mp: pytest.MonkeyPatch) -> QDialog:
    sale = _sale(window, WATER, RICE, TEA, with_check_digit("21" + DUCK_PLU + "02320"))
    dialog = RefundDialog(window.context.refunds, window)
    assert dialog.load(sale.receipt_no)
    return dialog


def _preview(window: MainWindow, _mp: pytest.MonkeyPatch) -> QDialog:
    sale = _sale(window, WATER, RICE, TEA)
    printing = window.context.printing
    job = printing.render(printing.receipt_for_sale(sale), profile=PROFILES["generic80"])
    return ReceiptPreviewDialog.for_job(job, PROFILES["generic80"], window)


def _preview_from_history(window: MainWindow, _mp: pytest.MonkeyPatch) -> QDialog:
    history = _history(window, _mp)
    history.show()
    history.on_preview_clicked()
    assert history.preview_dialog is not None
    history.preview_dialog.hide()  # shown again by the test, as a dialog on its own
    return history.preview_dialog


def _printer(window: MainWindow, _mp: pytest.MonkeyPatch) -> QDialog:
    return PrinterDialog(window.context.settings.printer, window)


def _camera(window: MainWindow, mp: pytest.MonkeyPatch) -> QDialog:
    from pos_app.ui import camera_scanner
    from pos_app.ui.dialogs import camera_dialog
    from tests.gui.test_camera_pipeline import NoCameras

    mp.setattr(camera_scanner, "QMediaDevices", NoCameras)
    mp.setattr(camera_dialog, "QMediaDevices", NoCameras)
    return camera_dialog.CameraDialog(window.camera.ensure_scanner(), parent=window)


def _sync_problems(window: MainWindow, _mp: pytest.MonkeyPatch) -> QDialog:
    return SyncProblemsDialog(window.context.sync, window)


def _number_pad(window: MainWindow, _mp: pytest.MonkeyPatch) -> QDialog:
    return NumberPadDialog(
        window.tr("Discount"), "Amount off (e.g. 5.00) or percent off (e.g. 10%):", window
    )


def _tender(window: MainWindow, _mp: pytest.MonkeyPatch) -> QDialog:
    for code in (WATER, RICE):
        window.checkout.scan(code)
    return TenderDialog(window.checkout, window)


def _held(window: MainWindow, _mp: pytest.MonkeyPatch) -> QDialog:
    window.checkout.scan(RICE)
    window.checkout.hold()
    return HeldOrdersDialog(window.checkout.held_orders(), window)


def _claim(window: MainWindow, _mp: pytest.MonkeyPatch) -> QDialog:
    return ClaimDialog(window.context.sync, "YCC1.S001-T01-000001.ABCDEFGH", window)


def _redeem(window: MainWindow, _mp: pytest.MonkeyPatch) -> QDialog:
    return RedeemDialog(window.context.sync, "R0001", window)


def _open_price(window: MainWindow, _mp: pytest.MonkeyPatch) -> QDialog:
    from pos_app.ui.dialogs.open_price_dialog import OpenPriceDialog

    checkout = window.checkout
    return OpenPriceDialog(
        checkout.categories(), checkout.open_price_limit(), checkout.add_open_price, window
    )


def _member_lookup(window: MainWindow, _mp: pytest.MonkeyPatch) -> QDialog:
    from pos_app.ui.dialogs.member_lookup_dialog import MemberLookupDialog

    dialog = MemberLookupDialog(window.context.members, window)
    # candidates listed (the longest state), answered here rather than on the runner
    matches = window.context.members.find_by_phone("1234")
    dialog.digits.blockSignals(True)
    dialog.digits.setText("1234")
    dialog.digits.blockSignals(False)
    dialog._asked = "1234"
    dialog._show("1234", matches)
    return dialog


def _confirm(window: MainWindow, _mp: pytest.MonkeyPatch) -> QDialog:
    from pos_app.ui.confirm_actions import confirm_clear_cart

    for code in (WATER, RICE, TEA):
        window.checkout.scan(code)
    window.refresh_cart()
    dialog = confirm_clear_cart(window)
    assert dialog is not None
    dialog.hide()  # shown again by the test
    return dialog


def _import(window: MainWindow, _mp: pytest.MonkeyPatch) -> QDialog:
    from pos_app.ui.dialogs.import_dialog import ImportDialog

    example = Path(__file__).resolve().parents[2] / "docs/examples/catalog-import"
    source = next(p for p in sorted(example.iterdir()) if p.suffix == ".csv")
    return ImportDialog(window.context.preview_catalog(source), source.name, window)


Factory = Callable[[MainWindow, pytest.MonkeyPatch], QDialog]
DIALOGS: dict[str, Factory] = {
    "history": _history,
    "refund": _refund,
    "receipt_preview": _preview,
    "preview_from_history": _preview_from_history,
    "printer": _printer,
    "camera": _camera,
    "sync_problems": _sync_problems,
    "number_pad": _number_pad,
    "tender": _tender,
    "held": _held,
    "claim": _claim,
    "redeem": _redeem,
    "open_price": _open_price,
    "member_lookup": _member_lookup,
    "confirm": _confirm,
    "import": _import,
    "drawer_reason": lambda window, _mp: DrawerReasonDialog(window),
    "event_choice": lambda window, _mp: EventChoiceDialog(
        [event_from_dict(e) for e in demo_events()], window
    ),
}
OTHERS: dict[str, str] = {}  # name → why it is expected to fail, for its owner


def _dialog_cases() -> list[object]:
    return [
        pytest.param(
            name,
            id=name,
            marks=[pytest.mark.xfail(reason=OTHERS[name], strict=False)] if name in OTHERS else [],
        )
        for name in DIALOGS
    ]


@pytest.mark.qt_log_ignore(
    r"Couldn't (load|resolve) (va|va-drm|va-x11|va\(in plugin\)|pipewire-0\.3) (library|symbols)"
)
@pytest.mark.parametrize("screen", SCREENS, ids=lambda s: f"{s.width()}x{s.height()}")
@pytest.mark.parametrize("name", _dialog_cases())
def test_dialog_fits_every_screen(
    qtbot, till: MainWindow, name: str, screen: QSize, monkeypatch: pytest.MonkeyPatch
) -> None:
    room = usable(screen)
    _fit(qtbot, till, room)
    dialog = DIALOGS[name](till, monkeypatch)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    QApplication.processEvents()
    problems = layout_problems(dialog, room)  # as it opens: no bigger than the screen
    least = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
    if least.width() > room.width() or least.height() > room.height():
        problems.append(f"cannot shrink to the screen: needs at least {least}")
    # and at the size the window manager gives it, the screen at most
    _fit(qtbot, dialog, dialog.size().boundedTo(room))
    problems += layout_problems(dialog, room)
    dialog.reject()
    assert problems == [], "\n".join(problems)

"""Training mode on screen: an orange banner and frame, a marked window title
(also on the customer display), and the switch in and out.

A trainee must never mistake the practice till for the real one, nor a
customer the practice total for a bill: the banner sits above everything, the
frame surrounds the window, and the title begins with the mark in both
languages. `TrainingSwitch` is the window's way to ask the launcher for the
other mode; the launcher (ui.launch) owns the windows and swaps them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from pos_app.services.pin_approval import pin_hook
from pos_app.services.training import ask_to_switch, switch_request
from pos_app.ui.dialogs.approval_dialog import ApprovalDialog

if TYPE_CHECKING:
    from pos_app.ui.main_window import MainWindow

ORANGE = "#e67e22"
BANNER_STYLE = (
    f"background: {ORANGE}; color: white; font-size: 18pt; font-weight: bold; padding: 8px;"
)


def title_mark() -> str:
    return QCoreApplication.translate("Training", "[TRAINING]")


def banner_text() -> str:
    return QCoreApplication.translate(
        "Training", "TRAINING MODE: practice only. Nothing is sold, counted or synced."
    )


class TrainingBanner(QLabel):
    """The orange strip; relabels itself when the language changes."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("trainingBanner")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setStyleSheet(BANNER_STYLE)
        self.setWordWrap(True)
        # never widens the window at 1024x768: a long text wraps
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setText(banner_text())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.setText(banner_text())
        super().changeEvent(event)


class _TitleMark(QObject):
    """Keeps the mark in front of a window's title, whoever sets the title later
    (a store-name change, a language switch)."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.widget = widget
        self.mark = ""  # the mark last put in front, in the language of then
        widget.installEventFilter(self)
        self.apply()

    def apply(self) -> None:
        title, mark = self.widget.windowTitle(), title_mark()
        if title.startswith(mark):
            self.mark = mark
            return
        if self.mark and title.startswith(self.mark):  # the language changed
            title = title[len(self.mark) :].lstrip()
        self.mark = mark
        self.widget.setWindowTitle(f"{mark} {title}".strip())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.WindowTitleChange, QEvent.Type.LanguageChange):
            self.apply()
        return False


def mark_window(window: MainWindow) -> TrainingBanner:
    """The banner above the window's content, an orange frame round it, the title."""
    content = window.takeCentralWidget()
    assert content is not None  # MainWindow builds its content before anything marks it
    frame = QWidget()
    frame.setObjectName("trainingFrame")
    frame.setStyleSheet(f"#trainingFrame {{ border: 6px solid {ORANGE}; }}")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(6, 6, 6, 6)
    banner = TrainingBanner()
    layout.addWidget(banner)
    layout.addWidget(content, 1)
    window.setCentralWidget(frame)
    _TitleMark(window)
    return banner


def mark_display(display: QWidget) -> TrainingBanner:
    """The same banner on the customer display: a customer sees it is not a bill."""
    banner = TrainingBanner()
    layout = display.layout()
    assert isinstance(layout, QVBoxLayout)
    layout.insertWidget(0, banner)
    _TitleMark(display)
    return banner


class TrainingSwitch(QObject):
    """Asks the approval hook, then the launcher, for the other mode (menu item)."""

    def __init__(self, window: MainWindow, switch: Callable[[bool], None]) -> None:
        super().__init__(window)
        self.setObjectName("trainingSwitch")
        self.w = window
        self._switch = switch

    def toggle(self) -> None:
        w = self.w
        entering = not w.context.training
        if w.checkout.cart.lines:  # a real order never crosses into practice, nor back
            w.show_message(
                QCoreApplication.translate(
                    "Training", "Finish, hold or cancel the current order first."
                ),
                error=True,
            )
            return
        settings = w.context.settings
        who = {
            "cashier": settings.terminal.cashier_name,
            "store": settings.store.code,
            "terminal": settings.terminal.code,
        }
        pin = pin_hook(w.context.approval)
        request = switch_request(entering=entering, **who)
        if pin is not None and pin.needs_manager(request):
            # the manager's PIN now, held for the switch's own (audited) approval
            self.pin_dialog = ApprovalDialog(
                pin,
                request,
                QCoreApplication.translate("Training", "Enter training mode (practice)"),
                w,
                hold=True,
            )
            self.pin_dialog.sig_approved.connect(lambda _a: self._approved(entering, who))
            self.pin_dialog.finished.connect(self.pin_dialog.deleteLater)
            self.pin_dialog.open()
            return
        self._approved(entering, who)

    def _approved(self, entering: bool, who: dict[str, str]) -> None:
        w = self.w
        approval = ask_to_switch(w.context.approval, entering=entering, **who)
        if approval is None:
            w.show_message(
                QCoreApplication.translate("Training", "Training mode: not approved."), error=True
            )
            return
        self._switch(entering)


def toggle_training(window: MainWindow) -> None:
    """The menu item: the window's switch, when the launcher gave it one."""
    switch = window.findChild(TrainingSwitch, "trainingSwitch")
    if switch is None:
        window.show_message(
            QCoreApplication.translate("Training", "Training mode is not available here."),
            error=True,
        )
        return
    switch.toggle()

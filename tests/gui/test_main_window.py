"""The checkout window follows its settings: a changed store name shows at once,
in the title, the header and on the customer display, without a restart."""

from __future__ import annotations

import threading

from pos_app.ui.customer_display import CustomerDisplay


def test_a_changed_store_name_shows_at_once(qtbot, window, context):
    display = CustomerDisplay(window)
    qtbot.addWidget(display)
    assert window.store_header.text() == "源仓公社·示范社区展示体验区"
    context.save_setting("store.name", "源仓公社·新店")
    assert window.windowTitle() == window.tr("Yuancang POS") + " — 源仓公社·新店"
    assert window.store_header.text() == "源仓公社·新店"
    assert display.store.text() == "源仓公社·新店"


def test_a_store_name_written_by_another_thread_reaches_the_window(qtbot, window, context):
    # the sync worker writes settings off the GUI thread: the window hears it queued
    writer = threading.Thread(target=context.settings.set, args=("store.name", "同步来的店名"))
    writer.start()
    writer.join()
    qtbot.waitUntil(lambda: window.store_header.text() == "同步来的店名", timeout=2000)
    assert window.windowTitle().endswith(" — 同步来的店名")


def test_a_closed_window_stops_listening(qtbot, window, context):
    window.close()
    context.settings.set("store.name", "关窗之后")
    qtbot.wait(50)
    assert window.store_header.text() == "源仓公社·示范社区展示体验区"

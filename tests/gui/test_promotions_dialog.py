"""The active and upcoming promotions dialog: each promotion's name, kind in
words, window in showroom time, stores and status, in English and Chinese, at
1024×768 and 1920×1080, by touch and keyboard."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pos_app.ui.dialogs.promotions_dialog import PromotionsDialog
from pos_app.ui.models.promotions_model import PromotionsModel
from pos_app.ui.translators import install_translators
from tests.gui.layout_check import layout_problems
from tests.gui.promo_helpers import T300, TEA9, promotions

WED: dict[str, Any] = {
    "id": "WED",
    "name": "周三会员日全场8折",
    "kind": "percent_off",
    "percent_bps": 2000,
    "exclusive": True,
    "members_only": True,
    "priority": 10,
    "window": {"weekdays": [3]},
}
NIGHT: dict[str, Any] = {
    "id": "NIGHT",
    "name": "生鲜晚市7折",
    "kind": "percent_off",
    "percent_bps": 3000,
    "scope": {"categories": ["fresh"], "skus": []},
    "window": {"hours": ["20:00", "22:00"]},
}
XMAS: dict[str, Any] = {
    "id": "XMAS",
    "name": "圣诞套餐",
    "kind": "bundle",
    "price_fen": 8000,
    "bundle": [{"sku": "OIL", "count": 1}, {"sku": "RICE", "count": 2}],
    "window": {"start_date": "2026-12-20", "end_date": "2026-12-25"},
}
THURSDAY_10 = datetime(2026, 3, 5, 2, 0, tzinfo=UTC)  # Thursday 10:00 in Shanghai
# Tuesday 16:30 in UTC is already Wednesday 00:30 in the showroom
WEDNESDAY_0030 = datetime(2026, 3, 3, 16, 30, tzinfo=UTC)


def _dialog(qtbot: QtBot, now: datetime, **kwargs: Any) -> PromotionsDialog:
    dialog = PromotionsDialog(
        promotions(T300, WED, NIGHT, TEA9),
        promotions(XMAS),
        now=now,
        stores={"T300": [], "WED": ["S001", "S002"]},
        category_names={"tea": "Tea"},
        **kwargs,
    )
    qtbot.addWidget(dialog)
    return dialog


def _table(dialog: PromotionsDialog) -> list[list[str]]:
    model = dialog.model
    return [
        [str(model.data(model.index(r, c))) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def test_each_promotion_in_words(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, THURSDAY_10)
    assert _table(dialog) == [
        [
            "茶叶9折",
            "Percent off: 10% off (Tea)",
            "Always",
            "This store",
            "In force now",
        ],
        [
            "满300减30 满500减60",
            "Spend threshold: over ¥300.00: ¥30.00 off, over ¥500.00: ¥60.00 off (every item)",
            "Always",
            "All stores",
            "In force now",
        ],
        [
            "周三会员日全场8折",
            "Percent off: 20% off (every item)",
            "Wed · members only · not combined",
            "S001, S002",
            "Active, not in force now",
        ],
        [
            "生鲜晚市7折",
            "Percent off: 30% off (fresh)",
            "20:00–22:00",
            "This store",
            "Active, not in force now",
        ],
        [
            "圣诞套餐",
            "Bundle price: OIL×1 + RICE×2 for ¥80.00",
            "2026-12-20 – 2026-12-25",
            "This store",
            "Upcoming",
        ],
    ]
    assert dialog.model.headerData(2, Qt.Orientation.Horizontal) == "When (Beijing time)"


def test_in_force_is_judged_in_showroom_time(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, WEDNESDAY_0030)
    statuses = {row[0]: row[4] for row in _table(dialog)}
    assert statuses["周三会员日全场8折"] == "In force now"  # Tuesday in UTC, Wednesday here
    assert statuses["生鲜晚市7折"] == "Active, not in force now"
    # in force first, ranked: priority 10 before 0
    assert [row[0] for row in _table(dialog)][:3] == [
        "周三会员日全场8折",
        "茶叶9折",
        "满300减30 满500减60",
    ]


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    install_translators(qapp, "zh_CN")
    yield


def test_in_chinese(qtbot: QtBot, chinese: None) -> None:
    dialog = _dialog(qtbot, THURSDAY_10)
    table = _table(dialog)
    assert table[1][1:] == [
        "满减: 满¥300.00减¥30.00, 满¥500.00减¥60.00 (全部商品)",
        "始终有效",
        "所有门店",
        "正在生效",
    ]
    assert table[2][2] == "周三 · 仅会员 · 不与其他优惠同享"
    assert table[4][2:] == ["2026-12-20 – 2026-12-25", "本店", "即将开始"]
    assert dialog.windowTitle() == "促销活动"
    headers = [dialog.model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)]
    assert headers == ["促销", "类型", "时间（北京时间）", "门店", "状态"]


def test_new_store_promotion_by_touch_and_close_by_escape(qtbot: QtBot) -> None:
    asked: list[bool] = []
    dialog = _dialog(qtbot, THURSDAY_10, on_new=lambda: asked.append(True))
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.new_button is not None
    assert dialog.new_button.height() >= 48 and dialog.close_button.height() >= 48
    # the arrows move through the list
    assert dialog.focusWidget() is dialog.view
    qtbot.keyClick(dialog.view, Qt.Key.Key_Down)
    assert dialog.view.currentIndex().row() == 1
    qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    assert asked == [True]
    # Esc closes
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_without_a_manager_callback_no_new_button(qtbot: QtBot) -> None:
    dialog = PromotionsDialog([], [], now=THURSDAY_10)
    qtbot.addWidget(dialog)
    assert dialog.new_button is None
    assert dialog.caption.text() == "No promotions are active or coming."
    assert dialog.model.rowCount() == 0


@pytest.mark.parametrize("language", ["en", "zh_CN"])
@pytest.mark.parametrize("screen", [QSize(1024, 698), QSize(1920, 1010)], ids=["1024", "1920"])
def test_fits_the_screen(qtbot: QtBot, qapp: QApplication, language: str, screen: QSize) -> None:
    install_translators(qapp, language)
    dialog = _dialog(qtbot, THURSDAY_10, on_new=lambda: None)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.resize(dialog.size().boundedTo(screen))
    qtbot.wait(30)
    QApplication.processEvents()
    assert dialog.width() <= screen.width() and dialog.height() <= screen.height()
    assert dialog.view.horizontalScrollBar().maximum() == 0
    problems = layout_problems(dialog, screen)
    assert problems == [], "\n".join(problems)
    assert PromotionsModel.STATUS == 4

"""The sentences coded errors become: an internal error says it is a fault of
the program, not of the disk, in English and in Chinese."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication

from pos_app.core.errors import ErrorCode, PosError
from pos_app.ui.launch import install_translators
from pos_app.ui.messages import error_text


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[list[QTranslator]]:
    translators = install_translators(qapp, "zh_CN")
    yield translators
    for translator in translators:
        qapp.removeTranslator(translator)


def test_internal_error_is_not_a_disk_problem(qapp: QApplication) -> None:
    assert error_text(PosError(ErrorCode.INTERNAL)) == (
        "Internal error (a fault in the program, not the disk). Nothing was saved:"
        " call the manager; the log has the details."
    )
    assert error_text(PosError(ErrorCode.INTERNAL)) != error_text(
        PosError(ErrorCode.STORAGE_FAILED)
    )


def test_internal_error_in_chinese(chinese: list[QTranslator]) -> None:
    assert chinese, "the zh_CN translation did not load"
    assert error_text(PosError(ErrorCode.INTERNAL)) == (
        "内部错误(程序故障,并非磁盘问题)。未保存任何内容:请联系店长,详情见日志。"
    )

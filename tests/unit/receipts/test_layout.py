"""Receipt layout: templates → markup → operations fitted to 32, 42 and 48 columns."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_app.receipts.document import ReceiptKind, ResidentBlock
from pos_app.receipts.layout import (
    LayoutError,
    layout_markup,
    layout_receipt,
    plain_text,
    wrap,
)
from pos_app.receipts.ops import QR, Align, Cut, Drawer, Feed, Rule, TextLine
from pos_app.receipts.text import printable, text_width
from tests.unit.receipts.samples import LONG_NAME, other_kinds, sale_receipt

WIDTHS = (32, 42, 48)


def lines_of(ops: list) -> list[TextLine]:
    return [op for op in ops if isinstance(op, TextLine)]


def fits(op: TextLine, columns: int) -> bool:
    return text_width(op.text) * (2 if op.double else 1) <= columns


# --- wrapping -----------------------------------------------------------------------


def test_wrap_breaks_chinese_between_characters_and_keeps_ascii_words() -> None:
    assert wrap("五常大米 稻花香2号 5kg", 16) == ["五常大米 稻花香2", "号 5kg"]
    assert wrap("硒泉水 550ml 24瓶/箱", 14) == ["硒泉水 550ml", "24瓶/箱"]


def test_wrap_never_splits_a_wide_character_over_the_edge() -> None:
    # 31 columns of ASCII leave one column: the next Chinese character moves down
    assert wrap("a" * 31 + "米", 32) == ["a" * 31, "米"]


def test_wrap_splits_a_word_longer_than_the_line() -> None:
    assert wrap("X" * 40, 16) == ["X" * 16, "X" * 16, "X" * 8]


@given(
    st.text(alphabet=st.sampled_from("五常大米稻花香硒泉水 ab1234567890-·×𠮷😀"), max_size=120),
    st.integers(min_value=2, max_value=48),
)
def test_wrapped_lines_fit_and_lose_nothing_but_spaces(text: str, columns: int) -> None:
    text = printable(text)
    lines = wrap(text, columns)
    assert all(text_width(line) <= columns for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


# --- markup ---------------------------------------------------------------------------


def test_styles_combine_before_text() -> None:
    (op,) = layout_markup("@center @bold @double 源仓公社", 32)
    assert op == TextLine("源仓公社", Align.CENTER, bold=True, double=True)


def test_double_text_wraps_at_half_the_columns() -> None:
    ops = lines_of(layout_markup("@double " + "米" * 10, 32))
    assert [op.text for op in ops] == ["米" * 8, "米" * 2]
    assert all(fits(op, 32) for op in ops)


def test_cols_right_aligns_values_at_the_paper_edge() -> None:
    ops = lines_of(layout_markup("@cols 合计|￥104.55\n@cols 找零|￥0.00", 32))
    assert [op.text for op in ops] == ["合计" + " " * 20 + "￥104.55", "找零" + " " * 22 + "￥0.00"]
    assert all(text_width(op.text) == 32 for op in ops)


def test_widths_align_columns_across_lines() -> None:
    markup = "@widths 14,9\n@cols 硒泉水|6 x 2.00|12.00\n@cols 毛嘴卤鸭脖|0.356kg x 58.00|20.65"
    first, second = (op.text for op in lines_of(layout_markup(markup, 42)))
    assert first.index("x") != second.index("x")  # different lengths…
    assert text_width(first[: first.index("2.00") + 4]) == text_width(
        second[: second.index("58.00") + 5]
    )  # …but their right edges line up
    assert first.endswith("12.00") and second.endswith("20.65")


def test_cols_wraps_a_long_label_beside_its_values() -> None:
    ops = lines_of(layout_markup("@cols " + LONG_NAME + "|1 x 89.90|89.90", 48))
    assert ops[0].text.endswith("1 x 89.90 89.90")
    assert "".join(op.text for op in ops).replace(" ", "").startswith("五常大米稻花香2号5kg")
    assert all(fits(op, 48) for op in ops)


def test_cols_too_wide_to_share_a_line_goes_below_the_label() -> None:
    ops = lines_of(layout_markup("@double @cols 应付合计|￥99,999,999.99", 32))
    assert [op.text.strip() for op in ops] == ["应付合计", "￥99,999,999.99"]
    assert all(fits(op, 32) for op in ops)


def test_escaped_pipe_is_text() -> None:
    (op,) = lines_of(layout_markup(r"@cols A\|B 套装|1.00", 32))
    assert op.text.startswith("A|B 套装")


def test_commands() -> None:
    ops = layout_markup("@rule\n@rule =\n@qr YCR1.S1\n@feed 2\n@cut\n@drawer\n\n  \n", 32)
    assert ops == [Rule(32, "-"), Rule(32, "="), QR("YCR1.S1"), Feed(2), Cut(), Drawer()]


@pytest.mark.parametrize(
    "markup",
    ["@bold @rule", "@cols onlyone", "@widths 30,30", "@feed 99", "@unknown x", "@rule ==", "@qr"],
)
def test_bad_markup_is_a_layout_error(markup: str) -> None:
    with pytest.raises(LayoutError):
        layout_markup(markup, 32)


# --- whole receipts ---------------------------------------------------------------------


@pytest.mark.parametrize("columns", WIDTHS)
@pytest.mark.parametrize("kind", list(ReceiptKind))
def test_every_kind_renders_within_the_paper(kind: ReceiptKind, columns: int) -> None:
    ops = layout_receipt(other_kinds()[kind], columns)
    assert isinstance(ops[-1], Cut)
    text = lines_of(ops)
    assert text and all(fits(op, columns) for op in text)
    assert all(op.width == columns for op in ops if isinstance(op, Rule))


@pytest.mark.parametrize(
    ("kind", "title"),
    [
        (ReceiptKind.SALE, "购物小票"),
        (ReceiptKind.REFUND, "退货小票"),
        (ReceiptKind.SHIFT_CLOSE, "交班报表"),
        (ReceiptKind.REDEMPTION, "积分抵扣物业费凭证"),
        (ReceiptKind.TEST, "打印测试 / Test print"),
    ],
)
def test_each_kind_has_its_title(kind: ReceiptKind, title: str) -> None:
    text = plain_text(layout_receipt(other_kinds()[kind], 32))
    assert title in text
    assert "2026-11-27 00:30:15" in text  # Asia/Shanghai


def _price_end(row: str) -> int:
    """Column where the unit price of an item row ends."""
    start = row.index(" x ") + 3
    return text_width(row[: start + len(row[start:].split()[0])])


@pytest.mark.parametrize("columns", WIDTHS)
def test_sale_amounts_end_at_the_right_edge(columns: int) -> None:
    ops = lines_of(layout_receipt(sale_receipt(), columns))
    text = [op.text for op in ops if not op.double]
    for amount in ("12.00", "89.90", "20.65", "398.00", "-9.00", "￥520.55", "￥411.55"):
        rows = [row for row in text if row.endswith(amount)]
        assert len(rows) == 1, amount
        assert text_width(rows[0]) == columns, rows[0]
    (total,) = [op for op in ops if op.double and op.text.endswith("￥511.55")]
    assert text_width(total.text) * 2 == columns
    items = [row for row in text if re.search(r"\d(kg)? x \d", row)]
    assert len(items) == 4
    assert len({_price_end(row) for row in items}) == 1, items  # qty x price right-aligned


def test_sale_receipt_contents() -> None:
    text = plain_text(layout_receipt(sale_receipt(), 32))
    for expected in (
        "源仓公社·示范社区展示体验区",
        "单号: S001-T01-000042",
        "收银: 收银员01  终端: T01",
        "0.356kg x 58.00",
        "微信支付 尾号6789",
        "会员: 张*明",
        "+15",
        "[QR YCR1.S001-T01-000042]",
        "谢谢惠顾 · 积分可抵物业费",
    ):
        assert expected in text, expected
    assert "重打" not in text


def test_reprint_is_marked_with_its_time() -> None:
    text = plain_text(layout_receipt(other_kinds()[ReceiptKind.REPRINT], 48))
    assert "** 重打 REPRINT **" in text
    assert "重打: 2026-11-27 10:00:00" in text


def test_drawer_kick_comes_first_when_asked() -> None:
    assert isinstance(layout_receipt(sale_receipt(), 32, open_drawer=True)[0], Drawer)
    assert not any(isinstance(op, Drawer) for op in layout_receipt(sale_receipt(), 32))


def test_data_cannot_inject_markup() -> None:
    data = sale_receipt(
        store=sale_receipt().store.__class__("店\n@cut", "社区|区", "T01"),
        cashier="@drawer",
        footer=("a|b\n@qr evil",),
    )
    ops = layout_receipt(data, 48)
    assert sum(isinstance(op, Cut) for op in ops) == 1
    assert not any(isinstance(op, Drawer) for op in ops)
    assert [op.payload for op in ops if isinstance(op, QR)] == ["YCR1.S001-T01-000042"]
    text = plain_text(ops)
    assert "店 @cut" in text and "社区|区" in text and "a|b @qr evil" in text


def test_unprintable_names_are_replaced_not_fatal() -> None:
    data = sale_receipt(resident=sale_receipt().resident.__class__("张𠮷*", 1, 2))
    text = plain_text(layout_receipt(data, 32))
    assert "会员: 张□*" in text


@pytest.mark.parametrize(
    ("qr", "caption"),
    [
        ("YCC1.eyJ2IjoxfQ.c2ln", "扫码领取本单积分"),
        ("YCR1.S001-T01-000042", "退换货请出示此码"),
        ("https://yc.example/r/1", "扫码查看电子小票"),
    ],
)
def test_qr_caption_follows_the_kind_of_code(qr: str, caption: str) -> None:
    ops = layout_receipt(sale_receipt(qr=qr), 32)
    index = next(i for i, op in enumerate(ops) if isinstance(op, QR))
    assert ops[index + 1] == TextLine(caption, Align.CENTER)
    custom = layout_receipt(sale_receipt(qr=qr, qr_caption="30天内扫码领积分"), 32)
    assert TextLine("30天内扫码领积分", Align.CENTER) in custom


@pytest.mark.parametrize(
    ("columns", "rows"),
    [
        (48, ["毛嘴卤鸭脖 散称    0.356kg x 58.00/kg      20.65"]),
        (42, ["毛嘴卤鸭脖 散 0.356kg x 58.00/kg     20.65", "称"]),
        (32, ["毛嘴卤鸭脖 散称", "   0.356kg x 58.00/kg      20.65"]),
    ],
)
def test_a_weighed_line_shows_its_weight_and_price_per_kg(columns: int, rows: list[str]) -> None:
    text = plain_text(layout_receipt(sale_receipt(), columns)).splitlines()
    start = text.index(rows[0])
    assert text[start : start + len(rows)] == rows
    assert "6 x 2.00" in "\n".join(text)  # a counted line has no unit


@pytest.mark.parametrize(
    ("points", "shown"), [(15, "+15"), (-60653, "-60,653"), (0, "0"), (1234567, "+1,234,567")]
)
def test_points_of_the_document_show_once_with_their_sign(points: int, shown: str) -> None:
    data = sale_receipt(resident=ResidentBlock("张*明", points, 1234))
    text = plain_text(layout_receipt(data, 32)).splitlines()
    rows = [row for row in text if row.startswith("本单积分")]
    assert rows == ["本单积分" + " " * (32 - 8 - len(shown)) + shown]
    assert not any("+-" in row or "-+" in row for row in text)


def test_a_members_receipt_names_their_points_page_when_one_is_set() -> None:
    url = "http://127.0.0.1:8700/me"
    with_page = sale_receipt(resident=ResidentBlock("张*明", 15, 1234, url))
    text = plain_text(layout_receipt(with_page, 42)).splitlines()
    at = text.index("积分明细：手机号登录查看")
    assert text[at - 1] == "  可抵物业费                       ￥12.34"  # in the member's block
    assert text[at + 1] == url
    without = plain_text(
        layout_receipt(sale_receipt(resident=ResidentBlock("张*明", 15, 1234)), 42)
    )
    assert "积分明细" not in without and "/me" not in without

"""The event report on paper: its ESC/POS bytes, decoded, say the figures, with
`￥` (never `¥`), `·` and `×` measured two columns wide as GB18030 prints them,
so every line fits 58 mm and 80 mm paper."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pos_app.core.event_report import FeedbackRec, SaleLineRec, SaleRec, SampleRec, TallyRec
from pos_app.core.event_report import event_report as compute
from pos_app.receipts.document import StoreInfo, receipt_from_dict, receipt_to_dict
from pos_app.receipts.escpos_decoder import decode
from pos_app.receipts.escpos_encoder import encode
from pos_app.receipts.event_report import event_receipt, percent, rating_text
from pos_app.receipts.layout import layout_receipt
from pos_app.receipts.profiles import PROFILES
from pos_app.receipts.text import text_width

STORE = StoreInfo("源仓公社·示范社区展示体验区", "示范社区", "T01")
T = datetime(2026, 11, 28, 2, 10, tzinfo=UTC)  # 10:10 in Shanghai
NAMES = {"YC-TEA-0001": "恩施玉露 50g", "YC-LU-01": "仙桃毛嘴卤品"}


def report():  # type: ignore[no-untyped-def]
    return compute(
        "EV-TEA-1128",
        sample_budget_fen=10000,
        samples=[SampleRec("YC-TEA-0001", 1, "piece", 150, T)] * 3,
        feedback=[
            FeedbackRec("YC-TEA-0001", 5, ("口感",), None, T),
            FeedbackRec("YC-TEA-0001", 4, ("口感", "价格"), None, T),
            FeedbackRec("YC-TEA-0001", 4, (), None, T),
        ],
        tallies=[TallyRec(7, T)],
        leads=[],
        sales=[SaleRec("s1", T, None, (SaleLineRec("YC-LU-01", 2, 12800),))],
    )


def printed(profile_name: str) -> list[str]:
    data = event_receipt(
        store=STORE, report=report(), event_name="恩施玉露试饮", name_of=NAMES.__getitem__,
        issued_at=T, cashier="促销员小赵",
    )  # fmt: skip
    data = receipt_from_dict(receipt_to_dict(data))  # as a print job stores it
    profile = PROFILES[profile_name]
    decoded = decode(encode(layout_receipt(data, profile.columns), profile))
    assert all(text_width(t) <= profile.columns for t in decoded.texts)
    return [" ".join(t.split()) for t in decoded.texts]


@pytest.mark.parametrize("profile", ["generic58", "generic80"])
def test_the_report_prints_its_figures(profile: str) -> None:
    texts = printed(profile)
    assert "活动报告 · 恩施玉露试饮" in texts
    assert "单号: EV-TEA-1128" in texts
    assert "时间: 2026-11-28 10:10:00" in texts
    for line in (
        "到访人数 7",
        "试吃次数 3",
        "试吃成本 ￥4.50",
        "试吃预算 ￥100.00",
        "购买人数 1",
        "销售额 ￥128.00",
        "购买/到访 14.28%",
        "购买/试吃 33.33%",
        "· 恩施玉露 50g",
        "试吃 × 3 3",
        "评分 × 3 4.33",
        "口感 2",
        "· 仙桃毛嘴卤品",
        "销量 2",
        "11-28 10:00 7人 1笔 ￥128.00",
    ):
        assert line in texts, line
    assert not any("¥" in t for t in texts)


def test_percent_and_rating_are_exact_integers() -> None:
    assert (percent(None), percent(0), percent(1428), percent(10000)) == (
        "—", "0.00%", "14.28%", "100.00%")  # fmt: skip
    assert (rating_text(13, 3), rating_text(9, 2), rating_text(0, 0)) == ("4.33", "4.50", "—")
    assert rating_text(29, 6) == "4.83"  # 4.8333…
    assert rating_text(7, 8) == "0.88"  # 0.875 rounds half up

"""A tasting event's report (活动报告) as receipt data: the figures of
`pos_app.core.event_report` laid out as labelled rows, sections marked by a row
with no value (template `event_report.j2`).

Paper is Chinese like every receipt: amounts with `￥` (GB18030 has it; `¥`
prints as `?` on most printers), conversion as a percentage with two places
(from basis points, no float), hours in Asia/Shanghai. `·` and `×` are two
columns wide on the printer (`pos_app.receipts.text`): the layout measures them so.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from pos_app.core.event_report import GENERAL, EventReport
from pos_app.core.money import Money
from pos_app.receipts.document import ReceiptData, ReceiptKind, StoreInfo

TITLE = "活动报告"


def _rmb(fen: int) -> str:
    return Money(fen).format("￥")


def percent(bps: int | None) -> str:
    """Basis points as a percentage with two places: 1234 → 12.34%; None → —."""
    if bps is None:
        return "—"
    return f"{bps // 100}.{bps % 100:02d}%"


def rating_text(rating_sum: int, count: int) -> str:
    """The average rating with two places, rounded half up in integers: 13/3 → 4.33."""
    if not count:
        return "—"
    hundredths = (rating_sum * 200 + count) // (2 * count)
    return f"{hundredths // 100}.{hundredths % 100:02d}"


def report_rows(report: EventReport, name_of: Callable[[str], str]) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = [
        ("概况", ""),
        ("到访人数", str(report.visitors)),
        ("试吃次数", str(report.tastings)),
        ("试吃成本", _rmb(report.sample_cost_fen)),
        ("试吃预算", _rmb(report.sample_budget_fen)),
        ("购买人数", str(report.buyers)),
        ("销售笔数", str(report.sales_count)),
        ("销售额", _rmb(report.sales_fen)),
        ("购买/到访", percent(report.buyers_per_visitor_bps)),
        ("购买/试吃", percent(report.buyers_per_tasting_bps)),
        ("识别业主", str(report.residents_identified)),
        ("新业主", str(report.new_residents)),
        ("意向客户", str(report.leads)),
        ("评价条数", str(report.feedback_count)),
        ("按商品", ""),
    ]
    for p in report.products:
        name = "整体评价" if p.sku == GENERAL else name_of(p.sku)
        rows.append((f"· {name}", ""))
        if p.tastings:
            rows += [
                (f"试吃 × {p.tastings}", str(p.sample_quantity)),
                ("试吃成本", _rmb(p.sample_cost_fen)),
            ]
        if p.units:
            rows += [("销量", str(p.units)), ("销售额", _rmb(p.sales_fen))]
        if p.feedback_count:
            rows.append((f"评分 × {p.feedback_count}", rating_text(p.rating_sum, p.feedback_count)))
            rows += [(f"  {tag}", str(n)) for tag, n in p.tags]
    rows.append(("按小时", ""))
    for h in report.hours:
        label = h.hour.strftime("%m-%d %H:00")
        rows.append((label, f"{h.visitors}人 {h.sales_count}笔 {_rmb(h.sales_fen)}"))
    return rows


def event_receipt(
    *,
    store: StoreInfo,
    report: EventReport,
    event_name: str,
    name_of: Callable[[str], str],
    issued_at: datetime,
    cashier: str,
) -> ReceiptData:
    return ReceiptData(
        kind=ReceiptKind.EVENT_REPORT,
        store=store,
        number=report.event_id,
        cashier=cashier,
        issued_at=issued_at,
        rows=tuple([("活动", event_name), *report_rows(report, name_of)]),
        title=f"{TITLE} · {event_name}",
    )

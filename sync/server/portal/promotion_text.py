"""A promotion's definition in readable Chinese for the portal: 满200减25,
第二件半价, 会员价¥42.00, what it applies to, when it holds, and the Chinese
names of its kind, status and the reasons of its status changes.

Amounts arrive in 分 and are written with integer arithmetic only; a definition
is the canonical dict `promotion_to_dict` writes (every common key present).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

STATUS_NAMES = {"active": "进行中", "paused": "已暂停", "ended": "已结束"}
KIND_NAMES = {
    "threshold": "满减",
    "percent_off": "打折",
    "amount_off": "立减",
    "special_price": "特价",
    "buy_n_get_m": "买赠",
    "nth_percent": "第N件优惠",
    "bundle": "套餐价",
}
REASON_NAMES = {
    "create": "创建",
    "pause": "暂停",
    "resume": "恢复",
    "end": "结束",
    "budget": "预算用完，自动暂停",
    "portal:pause": "门户暂停",
    "portal:resume": "门户恢复",
    "portal:end": "门户结束",
    "store:pause": "门店暂停",
    "store:resume": "门店恢复",
    "store:end": "门店结束",
}
WEEKDAYS = ("一", "二", "三", "四", "五", "六", "日")
_NUMERALS = ("", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十")


def yuan(fen: int) -> str:
    """¥1,234.50 (an integer of 分, no float)."""
    sign = "-" if fen < 0 else ""
    return f"{sign}¥{abs(fen) // 100:,}.{abs(fen) % 100:02d}"


def short_yuan(fen: int) -> str:
    """200 for ¥200.00, 99.5 for ¥99.50: how 满减 is written (满200减25)."""
    whole, cents = divmod(fen, 100)
    if cents == 0:
        return str(whole)
    return f"{whole}.{cents:02d}".rstrip("0")


def _hundredths(value: int) -> str:
    whole, part = divmod(value, 100)
    return str(whole) if part == 0 else f"{whole}.{part:02d}".rstrip("0")


def paid_share(percent_bps: int) -> str:
    """What the customer pays, as a shop writes it: 9折, 95折, 半价, 免费."""
    pay = 10_000 - percent_bps
    if pay <= 0:
        return "免费"
    if pay == 5_000:
        return "半价"
    if pay % 1_000 == 0:
        return f"{pay // 1_000}折"
    if pay % 100 == 0 and pay > 1_000:
        return f"{pay // 100}折"  # 95折: 95% of the price
    return f"按原价{_hundredths(pay)}%"


def _ordinal(n: int) -> str:
    return _NUMERALS[n] if 0 < n < len(_NUMERALS) else str(n)


def describe(d: Mapping[str, Any], products: Mapping[str, str] | None = None) -> str:
    """The rule itself: 满100减10，满200减25 / 9折 / 第二件半价 / 会员价¥42.00 …"""
    products = products or {}
    kind = d["kind"]
    if kind == "threshold":
        return "，".join(
            f"满{short_yuan(t['min_fen'])}减{short_yuan(t['off_fen'])}" for t in d["tiers"]
        )
    if kind == "percent_off":
        return f"{paid_share(d['percent_bps'])}（减{_hundredths(d['percent_bps'])}%）"
    if kind == "amount_off":
        return f"每件（称重商品每公斤）减{yuan(d['amount_fen'])}"
    if kind == "special_price":
        label = "活动价" if d.get("event_id") else "会员价" if d.get("members_only") else "特价"
        return f"{label}{yuan(d['price_fen'])}（每件或每公斤）"
    if kind == "buy_n_get_m":
        return f"买{d['buy']}送{d['get']}"
    if kind == "nth_percent":
        return f"第{_ordinal(d['nth'])}件{paid_share(d['percent_bps'])}"
    if kind == "bundle":
        parts = " + ".join(f"{products.get(p['sku'], p['sku'])}×{p['count']}" for p in d["bundle"])
        return f"套餐 {parts} 共{yuan(d['price_fen'])}"
    return str(kind)


def scope_text(
    d: Mapping[str, Any], categories: Mapping[str, str], products: Mapping[str, str]
) -> str:
    """What it applies to: 全部商品, or the categories and products by name."""
    if d["kind"] == "bundle":
        return "套餐内商品"
    scope = d["scope"]
    if not scope["categories"] and not scope["skus"]:
        return "全部商品"
    parts = []
    if scope["categories"]:
        parts.append("分类：" + "、".join(categories.get(c, c) for c in scope["categories"]))
    if scope["skus"]:
        parts.append("商品：" + "、".join(products.get(s, s) for s in scope["skus"]))
    return "；".join(parts)


def window_text(window: Mapping[str, Any]) -> str:
    """When it holds, in showroom time: 2026-12-01 至 2026-12-07；每周三；10:00–22:00."""
    start, end = window.get("start_date"), window.get("end_date")
    parts = []
    if start and end:
        parts.append(f"{start} 至 {end}")
    elif start:
        parts.append(f"{start} 起")
    elif end:
        parts.append(f"至 {end}")
    days = window.get("weekdays") or []
    if days:
        parts.append("每周" + "、".join(WEEKDAYS[d - 1] for d in days if 1 <= d <= 7))
    hours = window.get("hours") or ["00:00", "24:00"]
    if list(hours) != ["00:00", "24:00"]:
        parts.append(f"{hours[0]}–{hours[1]}")
    return "；".join(parts) or "长期有效"


def conditions_text(d: Mapping[str, Any]) -> str:
    """Its conditions: 会员专享, 不与其他优惠同享, 仅限活动, 优先级."""
    parts = []
    if d.get("members_only"):
        parts.append("会员专享")
    if d.get("exclusive"):
        parts.append("不与其他优惠同享")
    if d.get("event_id"):
        parts.append(f"仅限活动 {d['event_id']}")
    if d.get("priority"):
        parts.append(f"优先级 {d['priority']}")
    return "，".join(parts) or "无"


def reason_name(reason: str) -> str:
    return REASON_NAMES.get(reason, reason)


def uplift_text(uplift_bps: int | None) -> str:
    """+12.34% / -5% / — (nothing sold before: no rate)."""
    if uplift_bps is None:
        return "—"
    sign = "+" if uplift_bps >= 0 else "-"
    return f"{sign}{_hundredths(abs(uplift_bps))}%"

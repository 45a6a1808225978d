"""The portal's promotion form, read into what `promotions.create` takes.

One guided form per kind (满减 tiers, a percentage or an amount off, a special or
member price, buy N get M, the Nth item, a bundle price) or an advanced JSON
definition; then the stores (none: every store), the window and the budget cap.
Amounts are typed in ¥ with at most two decimals and become integer 分 by text
alone (no float: "12.5" is 1250); percentages become basis points the same way.
A field that cannot be read raises `FormError` naming it by its wire name
(`FIELD_NAMES` gives its Chinese label); the definition then passes the API's
own schema (`PromotionDefinition`) so that the portal stores nothing the API
would refuse, and `promotions.create` has the last word (the till's codec).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from sync.protocol.changes import PromotionDefinition

#: a wire field (or a form field) → how the form names it
FIELD_NAMES = {
    "promotion": "促销定义",
    "definition": "JSON 定义",
    "id": "编号",
    "name": "名称",
    "kind": "类型",
    "tiers": "满减档位",
    "percent_bps": "优惠比例",
    "amount_fen": "立减金额",
    "price_fen": "价格",
    "buy": "买几件",
    "get": "送几件",
    "nth": "第几件",
    "bundle": "套餐商品",
    "scope": "适用商品",
    "skus": "适用商品",
    "categories": "适用分类",
    "window": "时间",
    "start_date": "开始日期",
    "end_date": "结束日期",
    "weekdays": "星期",
    "hours": "时段",
    "priority": "优先级",
    "exclusive": "不与其他优惠同享",
    "members_only": "会员专享",
    "event_id": "活动",
    "budget_fen": "预算上限",
    "stores": "门店",
}


@dataclass(frozen=True, slots=True)
class KindForm:
    """One tab of the form: its key in the URL, its title, the wire kind it makes."""

    key: str
    title: str
    wire: str | None  # None: the JSON definition (its kind is in the JSON)


KINDS = (
    KindForm("threshold", "满减", "threshold"),
    KindForm("percent_off", "打折", "percent_off"),
    KindForm("amount_off", "立减", "amount_off"),
    KindForm("special_price", "特价", "special_price"),
    KindForm("member_price", "会员价", "special_price"),
    KindForm("buy_n_get_m", "买赠", "buy_n_get_m"),
    KindForm("nth_percent", "第N件优惠", "nth_percent"),
    KindForm("bundle", "套餐价", "bundle"),
    KindForm("json", "JSON 定义", None),
)
KIND_BY_KEY = {k.key: k for k in KINDS}
TIER_ROWS = 5
BUNDLE_ROWS = 5
MAX_JSON = 16_000

# ASCII digits only (no full-width or other scripts' digits), no sign, no exponent
_YUAN = re.compile(r"[¥￥]?\s*(\d{1,8}|\d{1,3}(?:,\d{3}){1,2})(?:\.(\d{1,2}))?", re.ASCII)
_PERCENT = re.compile(r"(\d{1,3})(?:\.(\d{1,2}))?\s*%?", re.ASCII)
_COUNT = re.compile(r"\d{1,4}", re.ASCII)
_PRIORITY = re.compile(r"[+-]?\d{1,4}", re.ASCII)
_LIST_SPLIT = re.compile(r"[,，;；\s]+")
_TIME = re.compile(r"(\d{2}:\d{2})(?::00)?", re.ASCII)


class FormError(ValueError):
    """A field that cannot be read: `field` its wire name, `hint` what to type."""

    def __init__(self, field: str, hint: str = "") -> None:
        super().__init__(field)
        self.field, self.hint = field, hint

    @property
    def label(self) -> str:
        return FIELD_NAMES.get(self.field, self.field)

    def sentence(self) -> str:
        return f"“{self.label}”填写有误。{self.hint}".strip()


@dataclass(frozen=True, slots=True)
class Submission:
    """What `promotions.create` takes: the definition, its stores and budget cap."""

    definition: dict[str, Any]
    stores: list[str]
    budget_fen: int | None


def yuan_to_fen(text: str, field: str) -> int:
    """'12' → 1200, '12.5' → 1250, '¥1,234.56' → 123456; anything else is refused."""
    match = _YUAN.fullmatch(text.strip())
    if match is None:
        raise FormError(field, "金额请填写以元为单位的数字，最多两位小数，如 12.50。")
    whole, cents = match.groups()
    return int(whole.replace(",", "")) * 100 + int((cents or "").ljust(2, "0"))


def percent_to_bps(text: str, field: str = "percent_bps") -> int:
    """'10' → 1000, '12.5%' → 1250 basis points (exact)."""
    match = _PERCENT.fullmatch(text.strip())
    if match is None:
        raise FormError(field, "比例请填写 1 到 100 之间的数字，最多两位小数，如 10 表示减 10%。")
    whole, cents = match.groups()
    return int(whole) * 100 + int((cents or "").ljust(2, "0"))


def count(text: str, field: str) -> int:
    if _COUNT.fullmatch(text.strip()) is None:
        raise FormError(field, "请填写整数。")
    return int(text.strip())


def words(text: str) -> list[str]:
    """A typed list: commas (either width), semicolons or spaces between items."""
    return [w for w in _LIST_SPLIT.split(text.strip()) if w]


def read_submission(fields: Mapping[str, Sequence[str]]) -> Submission:
    """The promotion the posted form describes, checked by the API's schema."""

    def one(name: str) -> str:
        values = fields.get(name)
        return values[0] if values else ""

    tab = KIND_BY_KEY.get(one("form_kind"))
    if tab is None:
        raise FormError("kind")
    stores = sorted(set(fields.get("stores", [])))
    # as the API's StoreList: a code the database could not even be asked about is refused
    if any(not 0 < len(code) <= 16 or not code.isprintable() for code in stores):
        raise FormError("stores", "请从列表中选择门店。")
    budget_text = one("budget").strip()
    budget = None if not budget_text else yuan_to_fen(budget_text, "budget_fen")
    definition = _from_json(one("definition")) if tab.wire is None else _guided(tab, one, fields)
    check(definition)
    return Submission(definition, stores, budget)


def check(definition: Any) -> None:
    """Refuse what the API's own schema refuses (a NUL, a lone surrogate, a bool for
    a number…), naming the field, before the codec sees it."""
    try:
        PromotionDefinition.model_validate(definition)
    except ValidationError as exc:
        loc = exc.errors()[0]["loc"]
        named = [str(p) for p in loc if isinstance(p, str)]
        known = [n for n in named if n in FIELD_NAMES]
        raise FormError(known[-1] if known else "definition") from None


def window_of(fields: Mapping[str, Sequence[str]]) -> dict[str, Any]:
    """The window the form's date, weekday and time fields describe."""

    def one(name: str) -> str:
        values = fields.get(name)
        return values[0].strip() if values else ""

    days = fields.get("weekdays", [])
    if any(d not in {"1", "2", "3", "4", "5", "6", "7"} for d in days):
        raise FormError("weekdays")
    return {
        "start_date": one("start_date") or None,
        "end_date": one("end_date") or None,
        "weekdays": sorted({int(d) for d in days}),
        "hours": [_time(one("start_time"), "00:00"), _time(one("end_time"), "24:00")],
    }


def _time(text: str, blank: str) -> str:
    if not text:
        return blank
    match = _TIME.fullmatch(text)
    if match is None:
        raise FormError("hours", "时间请填写 时:分，如 09:30。")
    return match.group(1)


def _from_json(text: str) -> dict[str, Any]:
    if len(text) > MAX_JSON:
        raise FormError("definition", "JSON 定义太长。")
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        raise FormError("definition", "不是有效的 JSON。") from None
    if not isinstance(data, dict):
        raise FormError("definition", "JSON 定义应是一个对象 {…}。")
    return data


def _guided(tab: KindForm, one: Any, fields: Mapping[str, Sequence[str]]) -> dict[str, Any]:
    kind = tab.wire
    priority = one("priority").strip()
    if priority and _PRIORITY.fullmatch(priority) is None:
        raise FormError("priority", "请填写 -1000 到 1000 之间的整数。")
    data: dict[str, Any] = {
        "id": one("id").strip(),
        "name": one("name").strip(),
        "kind": kind,
        "priority": int(priority) if priority else 0,
        "exclusive": one("exclusive") == "1",
        "members_only": tab.key == "member_price" or one("members_only") == "1",
        "window": window_of(fields),
    }
    if kind != "bundle":  # a bundle's scope is its components
        categories = sorted(set(fields.get("categories", [])))
        data["scope"] = {"categories": categories, "skus": words(one("skus"))}
    if kind in ("percent_off", "nth_percent"):
        data["percent_bps"] = percent_to_bps(one("percent"))
    if kind == "amount_off":
        data["amount_fen"] = yuan_to_fen(one("amount"), "amount_fen")
    if kind in ("special_price", "bundle"):
        data["price_fen"] = yuan_to_fen(one("price"), "price_fen")
    if kind == "buy_n_get_m":
        data["buy"], data["get"] = count(one("buy"), "buy"), count(one("get"), "get")
    if kind == "nth_percent":
        data["nth"] = count(one("nth"), "nth")
    if kind == "bundle":
        data["bundle"] = _bundle(one)
    if kind == "threshold":
        data["tiers"] = _tiers(one)
    return data


def _tiers(one: Any) -> list[dict[str, int]]:
    tiers = []
    for row in range(TIER_ROWS):
        spend, off = one(f"tier_min_{row}").strip(), one(f"tier_off_{row}").strip()
        if not spend and not off:
            continue  # a row left empty
        tiers.append({"min_fen": yuan_to_fen(spend, "tiers"), "off_fen": yuan_to_fen(off, "tiers")})
    if not tiers:
        raise FormError("tiers", "至少填写一档，如 满 100 减 10。")
    return tiers


def _bundle(one: Any) -> list[dict[str, Any]]:
    parts = []
    for row in range(BUNDLE_ROWS):
        sku, number = one(f"bundle_sku_{row}").strip(), one(f"bundle_count_{row}").strip()
        if not sku and not number:
            continue
        if not sku:
            raise FormError("bundle", "每一行请填写商品编码。")
        parts.append({"sku": sku, "count": count(number or "1", "bundle")})
    if not parts:
        raise FormError("bundle", "至少填写一件商品。")
    return parts

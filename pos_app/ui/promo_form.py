"""A manager's store promotion as typed into the editor, turned into the wire
format (`docs/promotions.md`) and checked by the core's own codec.

No Qt: the editor reads its fields into a `PromoForm` and calls
`build_promotion`. Amounts are text in yuan parsed by `Money.parse` to 分
('12.5', '¥12.50'); percentages are text ('10', '12.5', '10%') turned into
basis points exactly, never through a float. Anything that does not parse is
refused as the codec refuses a bad definition, `PosError(PROMO_INVALID,
field=<wire field>)`, so the editor points at one field whatever went wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.money import Money
from pos_app.core.promo_codec import promotion_from_dict, promotion_to_dict
from pos_app.core.promotions import PromoKind, Promotion

_PERCENT_RE = re.compile(r"^\s*(\d{1,3})(?:\.(\d{1,2}))?\s*%?\s*$", re.ASCII)
_INT_RE = re.compile(r"^\s*([+-]?\d{1,4})\s*$", re.ASCII)
# 'SKU×2', 'SKU x 2', 'SKU*2', or a bare SKU (one of it)
_COMPONENT_RE = re.compile(r"^\s*(\S+?)\s*(?:[×xX*]\s*(\d{1,2}))?\s*$")
_LIST_SPLIT = re.compile(r"[,，;；\s]+")


def _bad(wire_field: str) -> PosError:
    return PosError(ErrorCode.PROMO_INVALID, field=wire_field)


@dataclass
class PromoForm:
    """The editor's fields, as typed (empty text: not given)."""

    promo_id: str
    name: str
    kind: PromoKind
    categories: list[str] = field(default_factory=list)
    skus: str = ""  # 'YC-TEA-0001, YC-GRN-0001'
    percent: str = ""
    amount: str = ""
    price: str = ""
    buy: str = ""
    get: str = ""
    nth: str = ""
    bundle: str = ""  # 'YC-GRN-0001×1, YC-OIL-0001×1'
    tiers: list[tuple[str, str]] = field(default_factory=list)  # (满, 减) in yuan
    start_date: str = ""  # YYYY-MM-DD, showroom days
    end_date: str = ""
    weekdays: list[int] = field(default_factory=list)
    start_time: str = ""  # HH:MM, showroom time
    end_time: str = ""
    priority: str = ""
    exclusive: bool = False
    members_only: bool = False


def percent_bps(text: str, wire_field: str = "percent_bps") -> int:
    """'10' → 1000, '12.5' → 1250, '7.25%' → 725 (exact, in basis points)."""
    match = _PERCENT_RE.match(text)
    if not match:
        raise _bad(wire_field)
    whole, frac = match.groups()
    return int(whole) * 100 + int((frac or "0").ljust(2, "0"))


def fen(text: str, wire_field: str) -> int:
    """Yuan as typed, to 分, by the till's one money parser."""
    try:
        return Money.parse(text).fen
    except PosError:
        raise _bad(wire_field) from None


def whole_number(text: str, wire_field: str) -> int:
    match = _INT_RE.match(text)
    if not match:
        raise _bad(wire_field)
    return int(match.group(1))


def words(text: str) -> list[str]:
    """A typed list: commas (either width), semicolons or spaces between items."""
    return [w for w in _LIST_SPLIT.split(text.strip()) if w]


def bundle_components(text: str) -> list[dict[str, Any]]:
    components = []
    for item in re.split(r"[,，;；]+", text.strip()):
        if not item.strip():
            continue
        match = _COMPONENT_RE.match(item)
        if not match:
            raise _bad("bundle")
        sku, count = match.groups()
        components.append({"sku": sku, "count": int(count or "1")})
    if not components:
        raise _bad("bundle")
    return components


def add_component(text: str, sku: str) -> str:
    """The bundle's items with one more `sku` (a product scanned into it);
    text that does not parse is left for the manager to correct, `sku` after it."""
    try:
        components = bundle_components(text) if text.strip() else []
    except PosError:
        return f"{text.rstrip(', ')}, {sku}×1"
    for component in components:
        if component["sku"] == sku:
            component["count"] += 1
            break
    else:
        components.append({"sku": sku, "count": 1})
    return ", ".join(f"{c['sku']}×{c['count']}" for c in components)


def form_to_dict(form: PromoForm) -> dict[str, Any]:
    """The wire format of the promotion the form describes (not yet checked)."""
    kind = form.kind
    data: dict[str, Any] = {
        "id": form.promo_id,
        "name": form.name.strip(),
        "kind": kind.value,
        "priority": whole_number(form.priority, "priority") if form.priority.strip() else 0,
        "exclusive": form.exclusive,
        "members_only": form.members_only,
        "window": {
            "start_date": form.start_date.strip() or None,
            "end_date": form.end_date.strip() or None,
            "weekdays": sorted(set(form.weekdays)),
            "hours": [form.start_time.strip() or "00:00", form.end_time.strip() or "24:00"],
        },
    }
    if kind is not PromoKind.BUNDLE:  # a bundle's scope is its components
        data["scope"] = {"categories": sorted(set(form.categories)), "skus": words(form.skus)}
    if kind in (PromoKind.PERCENT_OFF, PromoKind.NTH_PERCENT):
        data["percent_bps"] = percent_bps(form.percent)
    if kind is PromoKind.AMOUNT_OFF:
        data["amount_fen"] = fen(form.amount, "amount_fen")
    if kind in (PromoKind.SPECIAL_PRICE, PromoKind.BUNDLE):
        data["price_fen"] = fen(form.price, "price_fen")
    if kind is PromoKind.BUY_N_GET_M:
        data["buy"] = whole_number(form.buy, "buy")
        data["get"] = whole_number(form.get, "get")
    if kind is PromoKind.NTH_PERCENT:
        data["nth"] = whole_number(form.nth, "nth")
    if kind is PromoKind.BUNDLE:
        data["bundle"] = bundle_components(form.bundle)
    if kind is PromoKind.THRESHOLD:
        tiers = []
        for spend, off in form.tiers:
            if not spend.strip() and not off.strip():
                continue  # a row left empty
            tiers.append({"min_fen": fen(spend, "tiers"), "off_fen": fen(off, "tiers")})
        data["tiers"] = tiers
    return data


def build_promotion(form: PromoForm) -> tuple[dict[str, Any], Promotion]:
    """The promotion, checked by the core's codec, and its canonical wire dict;
    `PosError(PROMO_INVALID, field=...)` names the first field at fault."""
    promotion = promotion_from_dict(form_to_dict(form))
    return promotion_to_dict(promotion), promotion

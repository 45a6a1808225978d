"""A promotion as JSON-able data, both ways: what the central server sends down
and what a till keeps.

`promotion_to_dict` writes every common field and only the parameters the
kind uses; `promotion_from_dict` accepts exactly that shape and refuses
anything else (an unknown key, a wrong type, a bool where an int belongs, a
value out of range) with `PosError(PROMO_INVALID, field=...)`, so a bad
definition never reaches the engine. The format is shown in
`docs/promotions.md`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, TypeVar

from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.promotions import (
    MINUTES_PER_DAY,
    PromoKind,
    Promotion,
    Scope,
    Tier,
    Window,
)

T = TypeVar("T")

_COMMON = {
    "id",
    "name",
    "kind",
    "priority",
    "exclusive",
    "members_only",
    "event_id",
    "budget_fen",
    "scope",
    "window",
}
_PARAMS: dict[PromoKind, tuple[str, ...]] = {
    PromoKind.PERCENT_OFF: ("percent_bps",),
    PromoKind.AMOUNT_OFF: ("amount_fen",),
    PromoKind.SPECIAL_PRICE: ("price_fen",),
    PromoKind.BUY_N_GET_M: ("buy", "get"),
    PromoKind.NTH_PERCENT: ("nth", "percent_bps"),
    PromoKind.BUNDLE: ("bundle", "price_fen"),
    PromoKind.THRESHOLD: ("tiers",),
}
MAX_LIST = 500  # SKUs or categories in a scope


def _bad(field: str) -> PosError:
    return PosError(ErrorCode.PROMO_INVALID, field=field)


def promotion_to_dict(promo: Promotion) -> dict[str, Any]:
    window = promo.window
    data: dict[str, Any] = {
        "id": promo.promo_id,
        "name": promo.name,
        "kind": promo.kind.value,
        "priority": promo.priority,
        "exclusive": promo.exclusive,
        "members_only": promo.members_only,
        "event_id": promo.event_id,
        "budget_fen": promo.budget_fen,
        "scope": {
            "categories": sorted(promo.scope.categories),
            "skus": sorted(promo.scope.skus),
        },
        "window": {
            "start_date": None if window.start_date is None else window.start_date.isoformat(),
            "end_date": None if window.end_date is None else window.end_date.isoformat(),
            "weekdays": sorted(window.weekdays),
            "hours": [_hhmm(window.start_minute), _hhmm(window.end_minute)],
        },
    }
    for name in _PARAMS[promo.kind]:
        if name == "tiers":
            data[name] = [{"min_fen": t.min_fen, "off_fen": t.off_fen} for t in promo.tiers]
        elif name == "bundle":
            data[name] = [{"sku": sku, "count": count} for sku, count in promo.bundle]
        else:
            data[name] = getattr(promo, name)
    return data


def promotion_from_dict(data: Any) -> Promotion:
    """The promotion `data` describes, or PROMO_INVALID naming the first bad field."""
    if not isinstance(data, Mapping):
        raise _bad("promotion")
    kind_text = _get(data, "kind", str)
    try:
        kind = PromoKind(kind_text)
    except ValueError:
        raise _bad("kind") from None
    allowed = _COMMON | set(_PARAMS[kind])
    for key in data:
        if key not in allowed:
            raise _bad(str(key))
    params: dict[str, Any] = {}
    for name in _PARAMS[kind]:
        if name == "tiers":
            params[name] = tuple(_tier(t) for t in _list(data, name, required=True))
        elif name == "bundle":
            params[name] = tuple(sorted(_component(c) for c in _list(data, name, required=True)))
        else:
            params[name] = _get(data, name, int)
    event_id = data.get("event_id")
    budget = data.get("budget_fen")
    return Promotion(
        promo_id=_get(data, "id", str),
        name=_get(data, "name", str),
        kind=kind,
        scope=_scope(data.get("scope", {})),
        priority=_get(data, "priority", int, 0),
        exclusive=_get(data, "exclusive", bool, False),
        members_only=_get(data, "members_only", bool, False),
        event_id=None if event_id is None else _get(data, "event_id", str),
        window=_window(data.get("window", {})),
        budget_fen=None if budget is None else _get(data, "budget_fen", int),
        **params,
    )


_MISSING = object()


def _get(data: Mapping[str, Any], key: str, kind: type[T], default: Any = _MISSING) -> T:
    value = data.get(key, default)
    if value is _MISSING:
        raise _bad(key)
    # bool is an int to Python, never to a promotion
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise _bad(key)
    return value


def _list(data: Mapping[str, Any], key: str, *, required: bool = False) -> list[Any]:
    value = data.get(key, _MISSING if required else [])
    if not isinstance(value, list) or len(value) > MAX_LIST:
        raise _bad(key)
    return value


def _strings(data: Mapping[str, Any], key: str) -> frozenset[str]:
    values = _list(data, key)
    if any(not isinstance(v, str) or not v or not v.isprintable() for v in values):
        raise _bad(key)
    if len(set(values)) != len(values):
        raise _bad(key)
    return frozenset(values)


def _scope(data: Any) -> Scope:
    if not isinstance(data, Mapping) or not set(data) <= {"categories", "skus"}:
        raise _bad("scope")
    return Scope(categories=_strings(data, "categories"), skus=_strings(data, "skus"))


def _tier(data: Any) -> Tier:
    if not isinstance(data, Mapping) or set(data) != {"min_fen", "off_fen"}:
        raise _bad("tiers")
    return Tier(_get(data, "min_fen", int), _get(data, "off_fen", int))


def _component(data: Any) -> tuple[str, int]:
    if not isinstance(data, Mapping) or set(data) != {"sku", "count"}:
        raise _bad("bundle")
    return _get(data, "sku", str), _get(data, "count", int)


def _window(data: Any) -> Window:
    keys = {"start_date", "end_date", "weekdays", "hours"}
    if not isinstance(data, Mapping) or not set(data) <= keys:
        raise _bad("window")
    weekdays = _list(data, "weekdays")
    if any(not isinstance(d, int) or isinstance(d, bool) for d in weekdays):
        raise _bad("weekdays")
    if len(set(weekdays)) != len(weekdays):
        raise _bad("weekdays")
    hours = data.get("hours", ["00:00", "24:00"])
    if not isinstance(hours, list) or len(hours) != 2:
        raise _bad("hours")
    return Window(
        start_date=_date(data.get("start_date"), "start_date"),
        end_date=_date(data.get("end_date"), "end_date"),
        weekdays=frozenset(weekdays),
        start_minute=_minute(hours[0]),
        end_minute=_minute(hours[1]),
    )


def _date(value: Any, field: str) -> date | None:
    if value is None:
        return None
    return _parse(value, field, lambda text: date.fromisoformat(text), length=10)


def _parse(value: Any, field: str, parse: Callable[[str], T], *, length: int) -> T:
    if not isinstance(value, str) or len(value) != length:
        raise _bad(field)
    try:
        return parse(value)
    except ValueError:
        raise _bad(field) from None


def _minute(value: Any) -> int:
    def parse(text: str) -> int:
        hh, sep, mm = text[:2], text[2], text[3:]
        if sep != ":" or not (hh.isdigit() and mm.isdigit() and hh.isascii() and mm.isascii()):
            raise ValueError(text)
        minute = int(hh) * 60 + int(mm)
        if int(mm) >= 60 or minute > MINUTES_PER_DAY:
            raise ValueError(text)
        return minute

    return _parse(value, "hours", parse, length=5)


def _hhmm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"

"""Promotions as data: what a promotion is, what it applies to, when, for whom,
and the plain input the engine prices (`PromoLine`, `PromoContext`).

One flat, immutable `Promotion` covers every kind (满减 tiers, percent or
amount off, special and member prices, buy N get M, Nth item at a percentage,
bundles); the fields a kind does not use stay at their zero value and the
constructor refuses a promotion whose fields do not fit its kind, with a coded
`PosError(PROMO_INVALID, field=...)`. Who may have it (members only, an event
id) and when (dates, weekdays, hours in showroom time) are conditions shared by
every kind. The rules that combine promotions are in `docs/promotions.md`
and `pos_app.core.promo_engine`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from pos_app.core.catalog import Unit
from pos_app.core.errors import ErrorCode, PosError
from pos_app.core.money import MAX_FEN, Money

#: Theme days (周三会员日) and opening hours are the showroom's, whatever the storage zone.
SHOWROOM_TZ = ZoneInfo("Asia/Shanghai")
BPS = 10_000
MINUTES_PER_DAY = 24 * 60
MAX_PRIORITY = 1_000
MAX_GROUP = 99  # buy N get M, the Nth item, a bundle's count of one product
MAX_TIERS = 10
MAX_ID_LEN = 64
MAX_NAME_LEN = 100


class PromoKind(enum.Enum):
    """The kinds of promotion; the value is the wire text."""

    PERCENT_OFF = "percent_off"  # 8折 on products or categories
    AMOUNT_OFF = "amount_off"  # ¥2 off each piece (or each kg)
    SPECIAL_PRICE = "special_price"  # 特价 / member price / event price, per piece or kg
    BUY_N_GET_M = "buy_n_get_m"  # 买二送一
    NTH_PERCENT = "nth_percent"  # 第二件半价
    BUNDLE = "bundle"  # 套餐: these items together for ¥X
    THRESHOLD = "threshold"  # 满100减10, 满200减25

    @property
    def per_line(self) -> bool:
        """Priced on each line alone (the others group units across lines)."""
        return self in _PER_LINE

    @property
    def grouped(self) -> bool:
        return self in _GROUPED


_PER_LINE = frozenset({PromoKind.PERCENT_OFF, PromoKind.AMOUNT_OFF, PromoKind.SPECIAL_PRICE})
_GROUPED = frozenset({PromoKind.BUY_N_GET_M, PromoKind.NTH_PERCENT, PromoKind.BUNDLE})


def _bad(field_name: str) -> PosError:
    return PosError(ErrorCode.PROMO_INVALID, field=field_name)


@dataclass(frozen=True, slots=True)
class Scope:
    """The lines a promotion looks at: these categories or these SKUs; both
    empty means every line of the order."""

    categories: frozenset[str] = frozenset()
    skus: frozenset[str] = frozenset()

    @property
    def everything(self) -> bool:
        return not self.categories and not self.skus

    def contains(self, sku: str, category: str) -> bool:
        return self.everything or sku in self.skus or category in self.categories


@dataclass(frozen=True, slots=True)
class Tier:
    """满 `min_fen` 减 `off_fen`."""

    min_fen: int
    off_fen: int


@dataclass(frozen=True, slots=True)
class Window:
    """When a promotion is in force, in showroom time: dates (inclusive), ISO
    weekdays (1 = Monday; empty = every day) and minutes of the day [start, end)."""

    start_date: date | None = None
    end_date: date | None = None
    weekdays: frozenset[int] = frozenset()
    start_minute: int = 0
    end_minute: int = MINUTES_PER_DAY

    def __post_init__(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise _bad("end_date")
        if not self.weekdays <= frozenset(range(1, 8)):
            raise _bad("weekdays")
        if not 0 <= self.start_minute < self.end_minute <= MINUTES_PER_DAY:
            raise _bad("hours")

    def contains(self, moment: datetime) -> bool:
        if moment.tzinfo is None:
            raise ValueError("promotions are evaluated at an aware moment")
        return self.contains_local(moment.astimezone(SHOWROOM_TZ))

    def contains_local(self, local: datetime) -> bool:
        """`contains` for a moment already in showroom time (the engine converts once)."""
        day = local.date()
        if self.start_date is not None and day < self.start_date:
            return False
        if self.end_date is not None and day > self.end_date:
            return False
        if self.weekdays and local.isoweekday() not in self.weekdays:
            return False
        minute = local.hour * 60 + local.minute
        return self.start_minute <= minute < self.end_minute


ALWAYS = Window()


@dataclass(frozen=True, slots=True)
class Promotion:
    """One promotion. Kind parameters: `percent_bps` (percent off, Nth item),
    `amount_fen` (off per piece or kg), `price_fen` (special price per piece or
    kg, or the bundle's price), `buy`/`get` (buy N get M), `nth`, `bundle`
    ((sku, count) pairs), `tiers` (thresholds, ascending)."""

    promo_id: str
    name: str
    kind: PromoKind
    scope: Scope = Scope()
    priority: int = 0
    exclusive: bool = False  # 不与其他优惠同享: used alone or not at all
    members_only: bool = False
    event_id: str | None = None  # an event price: only during this event
    window: Window = ALWAYS
    budget_fen: int | None = None  # the server enforces it; the till only carries it
    percent_bps: int = 0
    amount_fen: int = 0
    price_fen: int = 0
    buy: int = 0
    get: int = 0
    nth: int = 0
    bundle: tuple[tuple[str, int], ...] = ()
    tiers: tuple[Tier, ...] = ()
    # the order key of the documented tie-break: higher priority first, then id
    rank: tuple[int, str] = field(init=False, repr=False, compare=False)
    # the engine's stage: 0 per-line, 1 grouped, 2 threshold (read on every re-price)
    stage: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.promo_id or len(self.promo_id) > MAX_ID_LEN or not self.promo_id.isprintable():
            raise _bad("id")
        if not self.name.strip() or len(self.name) > MAX_NAME_LEN:
            raise _bad("name")
        if not -MAX_PRIORITY <= self.priority <= MAX_PRIORITY:
            raise _bad("priority")
        if self.event_id is not None and not (0 < len(self.event_id) <= MAX_ID_LEN):
            raise _bad("event_id")
        if self.budget_fen is not None and not 0 <= self.budget_fen <= MAX_FEN:
            raise _bad("budget_fen")
        _check_kind(self)
        object.__setattr__(self, "rank", (-self.priority, self.promo_id))
        stage = 0 if self.kind.per_line else 1 if self.kind.grouped else 2
        object.__setattr__(self, "stage", stage)

    def eligible(self, context: PromoContext) -> bool:
        """Whether the promotion is open to this sale (not yet whether its lines are there)."""
        return self.eligible_local(context, context.moment.astimezone(SHOWROOM_TZ))

    def eligible_local(self, context: PromoContext, local: datetime) -> bool:
        if self.members_only and not context.member:
            return False
        if self.event_id is not None and self.event_id != context.event_id:
            return False
        return self.window.contains_local(local)

    def covers(self, line: PromoLine) -> bool:
        """Whether the line is in the promotion's scope (a bundle's: its components)."""
        if self.kind is PromoKind.BUNDLE:
            return any(sku == line.sku for sku, _ in self.bundle)
        return self.scope.contains(line.sku, line.category)


def _check_kind(p: Promotion) -> None:
    """Every kind gets exactly the parameters it uses, each within bounds."""
    kind = p.kind
    used = {
        "percent_bps": kind in (PromoKind.PERCENT_OFF, PromoKind.NTH_PERCENT),
        "amount_fen": kind is PromoKind.AMOUNT_OFF,
        "price_fen": kind in (PromoKind.SPECIAL_PRICE, PromoKind.BUNDLE),
        "buy": kind is PromoKind.BUY_N_GET_M,
        "get": kind is PromoKind.BUY_N_GET_M,
        "nth": kind is PromoKind.NTH_PERCENT,
        "bundle": kind is PromoKind.BUNDLE,
        "tiers": kind is PromoKind.THRESHOLD,
    }
    for name, wanted in used.items():
        if not wanted and getattr(p, name):
            raise _bad(name)
    if used["percent_bps"] and not 0 < p.percent_bps <= BPS:
        raise _bad("percent_bps")
    if used["amount_fen"] and not 0 < p.amount_fen <= MAX_FEN:
        raise _bad("amount_fen")
    if kind is PromoKind.SPECIAL_PRICE and not 0 <= p.price_fen <= MAX_FEN:
        raise _bad("price_fen")
    if kind is PromoKind.BUY_N_GET_M and not (1 <= p.buy <= MAX_GROUP and 1 <= p.get <= MAX_GROUP):
        raise _bad("buy" if not 1 <= p.buy <= MAX_GROUP else "get")
    if kind is PromoKind.NTH_PERCENT and not 2 <= p.nth <= MAX_GROUP:
        raise _bad("nth")
    if kind is PromoKind.BUNDLE:
        _check_bundle(p)
    if kind is PromoKind.THRESHOLD:
        _check_tiers(p.tiers)


def _check_bundle(p: Promotion) -> None:
    skus = [sku for sku, _ in p.bundle]
    if not p.bundle or len(set(skus)) != len(skus) or len(skus) > MAX_GROUP:
        raise _bad("bundle")
    if any(not sku or not 1 <= count <= MAX_GROUP for sku, count in p.bundle):
        raise _bad("bundle")
    if tuple(sorted(p.bundle)) != p.bundle:
        raise _bad("bundle")  # one spelling per bundle: sorted by SKU
    if not p.scope.everything:
        raise _bad("scope")  # a bundle's scope is its components
    if not 0 <= p.price_fen <= MAX_FEN:
        raise _bad("price_fen")


def _check_tiers(tiers: tuple[Tier, ...]) -> None:
    if not 1 <= len(tiers) <= MAX_TIERS:
        raise _bad("tiers")
    last = Tier(0, 0)
    for tier in tiers:
        # each tier higher and worth more than the last; never more off than its own threshold
        if not (last.min_fen < tier.min_fen <= MAX_FEN and last.off_fen < tier.off_fen):
            raise _bad("tiers")
        if tier.off_fen > tier.min_fen:
            raise _bad("tiers")
        last = tier


@dataclass(frozen=True, slots=True)
class PromoContext:
    """Who buys, when, and at which event: the conditions promotions check."""

    moment: datetime  # aware
    member: bool = False
    event_id: str | None = None

    def __post_init__(self) -> None:
        if self.moment.tzinfo is None:
            raise ValueError("moment must be timezone-aware")


@dataclass(frozen=True, slots=True)
class PromoLine:
    """One cart line as the engine sees it: quantities and amounts as in
    `pos_app.core.cart_line.CartLine` (pieces, or grams at a price per kg; a
    scale label's fixed amount wins)."""

    line_no: int
    sku: str
    category: str
    unit_price: Money  # per piece, or per kg; already the member price when a member buys
    quantity: int  # pieces, or grams
    unit: Unit = Unit.PIECE
    points_eligible: bool = True
    fixed_amount: Money | None = None
    # computed once: the engine reads them for every promotion that meets the line
    gross_fen: int = field(init=False, repr=False, compare=False)
    key: tuple[int, str, str, int, int, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if isinstance(self.quantity, bool) or self.quantity < 1 or self.unit_price.fen < 0:
            raise PosError(ErrorCode.QUANTITY_INVALID, quantity=self.quantity)
        if self.fixed_amount is not None:
            gross = self.fixed_amount.fen
        elif self.unit is Unit.KG:
            gross = self.unit_price.scale(self.quantity, 1000).fen
        else:
            gross = self.unit_price.fen * self.quantity
        object.__setattr__(self, "gross_fen", gross)
        # What the line is, not when it was scanned: the order that makes the
        # engine independent of scan order (line_no breaks ties only between
        # identical lines, which are interchangeable).
        fixed = -1 if self.fixed_amount is None else self.fixed_amount.fen
        unit = 0 if self.unit is Unit.PIECE else 1
        key = (-self.unit_price.fen, self.sku, self.category, unit, self.quantity, fixed)
        object.__setattr__(self, "key", key)

    @property
    def gross(self) -> Money:
        return Money(self.gross_fen)

    @property
    def counted(self) -> bool:
        """Whole pieces at a unit price: what buy-N, Nth-item and bundles count."""
        return self.unit is Unit.PIECE and self.fixed_amount is None

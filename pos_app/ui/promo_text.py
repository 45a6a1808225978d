"""Promotions in words, for the screens: what a line saved, what the cart lacks
for the next 满减 tier, a promotion's kind, window and conditions.

Display only: every figure comes from the engine (`pos_app.core.promo_engine`)
or from the promotion itself; nothing here decides a price. Each sentence goes
through Qt's translator (context "Promotions"), called directly so that
lupdate sees it; amounts are `Money.format()` (¥, two decimals).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QCoreApplication

from pos_app.core.money import Money
from pos_app.core.promo_engine import Applied, LineResult, NextTier
from pos_app.core.promotions import MINUTES_PER_DAY, PromoKind, Promotion, Window

SEPARATOR = " · "


def percent_text(bps: int) -> str:
    """1000 → '10%', 1250 → '12.5%', 333 → '3.33%' (basis points, exact)."""
    whole, rest = divmod(bps, 100)
    if not rest:
        return f"{whole}%"
    return f"{whole}.{rest:02d}".rstrip("0") + "%"


def saving_text(saving: Money) -> str:
    """A saving as the cashier reads it: '−¥2.14' (a true minus sign)."""
    return "−" + saving.format()


def applied_text(applied: Applied) -> str:
    """'满100减10 −¥2.14': the promotion's own name and what it took off."""
    return f"{applied.name} {saving_text(applied.saving)}"


def line_note(line: LineResult) -> str:
    """Every promotion that saved something on the line, item promotion first."""
    return SEPARATOR.join(applied_text(a) for a in line.applied if a.saving)


def total_saving_text(saving: Money) -> str:
    return QCoreApplication.translate("Promotions", "Promotions save {saving}").format(
        saving=saving.format()
    )


def hint_text(hint: NextTier) -> str:
    """还差¥12.00，满¥200.00减¥25.00 — what the cart lacks for the next tier."""
    return QCoreApplication.translate(
        "Promotions", "{missing} more for {off} off over {min}"
    ).format(missing=hint.missing.format(), off=hint.off.format(), min=hint.min_amount.format())


def kind_name(kind: PromoKind) -> str:
    """The kind in a word or two, as a manager chooses it."""
    names = {
        PromoKind.PERCENT_OFF: QCoreApplication.translate("Promotions", "Percent off"),
        PromoKind.AMOUNT_OFF: QCoreApplication.translate("Promotions", "Amount off each"),
        PromoKind.SPECIAL_PRICE: QCoreApplication.translate("Promotions", "Special price"),
        PromoKind.BUY_N_GET_M: QCoreApplication.translate("Promotions", "Buy N get M free"),
        PromoKind.NTH_PERCENT: QCoreApplication.translate("Promotions", "Nth item off"),
        PromoKind.BUNDLE: QCoreApplication.translate("Promotions", "Bundle price"),
        PromoKind.THRESHOLD: QCoreApplication.translate("Promotions", "Spend threshold"),
    }
    return names[kind]


def kind_text(promo: Promotion) -> str:
    """The kind with its figures: '买2送1', '满¥100.00减¥10.00, 满¥200.00减¥25.00'."""
    kind = promo.kind
    if kind is PromoKind.PERCENT_OFF:
        return QCoreApplication.translate("Promotions", "{percent} off").format(
            percent=percent_text(promo.percent_bps)
        )
    if kind is PromoKind.AMOUNT_OFF:
        return QCoreApplication.translate("Promotions", "{amount} off each").format(
            amount=Money(promo.amount_fen).format()
        )
    if kind is PromoKind.SPECIAL_PRICE:
        return QCoreApplication.translate("Promotions", "Special price {price}").format(
            price=Money(promo.price_fen).format()
        )
    if kind is PromoKind.BUY_N_GET_M:
        return QCoreApplication.translate("Promotions", "Buy {buy} get {get} free").format(
            buy=promo.buy, get=promo.get
        )
    if kind is PromoKind.NTH_PERCENT:
        return QCoreApplication.translate("Promotions", "Item {nth} at {percent} off").format(
            nth=promo.nth, percent=percent_text(promo.percent_bps)
        )
    if kind is PromoKind.BUNDLE:
        items = " + ".join(f"{sku}×{count}" for sku, count in promo.bundle)
        return QCoreApplication.translate("Promotions", "{items} for {price}").format(
            items=items, price=Money(promo.price_fen).format()
        )
    return ", ".join(
        QCoreApplication.translate("Promotions", "over {min}: {off} off").format(
            min=Money(tier.min_fen).format(), off=Money(tier.off_fen).format()
        )
        for tier in promo.tiers
    )


def weekday_names() -> tuple[str, ...]:
    """ISO weekdays 1–7 (index 0 is Monday)."""
    return (
        QCoreApplication.translate("Promotions", "Mon"),
        QCoreApplication.translate("Promotions", "Tue"),
        QCoreApplication.translate("Promotions", "Wed"),
        QCoreApplication.translate("Promotions", "Thu"),
        QCoreApplication.translate("Promotions", "Fri"),
        QCoreApplication.translate("Promotions", "Sat"),
        QCoreApplication.translate("Promotions", "Sun"),
    )


def hhmm(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def window_text(window: Window) -> str:
    """Dates, weekdays and hours, in showroom time (Asia/Shanghai): the window
    holds them in that zone already, so they are shown as they are."""
    parts: list[str] = []
    start, end = window.start_date, window.end_date
    if start and end:
        parts.append(f"{start.isoformat()} – {end.isoformat()}")
    elif start:
        parts.append(
            QCoreApplication.translate("Promotions", "from {date}").format(date=start.isoformat())
        )
    elif end:
        parts.append(
            QCoreApplication.translate("Promotions", "until {date}").format(date=end.isoformat())
        )
    if window.weekdays:
        names = weekday_names()
        parts.append(" ".join(names[day - 1] for day in sorted(window.weekdays)))
    if (window.start_minute, window.end_minute) != (0, MINUTES_PER_DAY):
        parts.append(f"{hhmm(window.start_minute)}–{hhmm(window.end_minute)}")
    if not parts:
        return QCoreApplication.translate("Promotions", "Always")
    return " ".join(parts)


def conditions_text(promo: Promotion) -> str:
    """Who may have it and how it combines: members only, an event, exclusive."""
    parts: list[str] = []
    if promo.members_only:
        parts.append(QCoreApplication.translate("Promotions", "members only"))
    if promo.event_id is not None:
        parts.append(
            QCoreApplication.translate("Promotions", "event {event}").format(event=promo.event_id)
        )
    if promo.exclusive:
        parts.append(QCoreApplication.translate("Promotions", "not combined"))
    return SEPARATOR.join(parts)


def scope_text(promo: Promotion, category_names: Mapping[str, str] | None = None) -> str:
    """What it applies to: categories by their names (when known), then SKUs;
    '' for a bundle, whose items are its kind's own text."""
    if promo.kind is PromoKind.BUNDLE:
        return ""
    if promo.scope.everything:
        return QCoreApplication.translate("Promotions", "every item")
    names = category_names or {}
    categories = sorted(names.get(code, code) for code in promo.scope.categories)
    return ", ".join(categories + sorted(promo.scope.skus))


def stores_text(stores: Sequence[str] | None) -> str:
    """Empty: every store; None: not known here, the till's own store at least."""
    if stores is None:
        return QCoreApplication.translate("Promotions", "This store")
    if not stores:
        return QCoreApplication.translate("Promotions", "All stores")
    return ", ".join(stores)


def status_name(status: str) -> str:
    """The wire's status, and the till's own 'upcoming' and 'now'."""
    names = {
        "now": QCoreApplication.translate("Promotions", "In force now"),
        "active": QCoreApplication.translate("Promotions", "Active, not in force now"),
        "upcoming": QCoreApplication.translate("Promotions", "Upcoming"),
        "paused": QCoreApplication.translate("Promotions", "Paused"),
        "ended": QCoreApplication.translate("Promotions", "Ended"),
    }
    return names.get(status, status)

"""Every terminal option, declared once as a typed field of a frozen group.

Each field carries its stored key, its English title (translated by the UI)
and a validator; `TillSettings` gathers the groups into one immutable
snapshot (`settings.printer.timeout_s`), so a misspelled option is a mypy
error rather than a KeyError at the counter. How the snapshot is read from
the stored rows and swapped on a write is `pos_app.config`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from pos_app.core.barcodes import ScaleLayout
from pos_app.core.rounding import RoundingRule
from pos_app.receipts.profiles import PROFILES


def QT_TRANSLATE_NOOP(context: str, title: str) -> str:  # lupdate knows this name
    """Marks an option title for translation in `context` without importing Qt;
    the UI shows it as QCoreApplication.translate("Settings", option.title)."""
    return title


def _opt(key: str, default: Any, title: str, check: Callable[[Any], bool] | None = None) -> Any:
    """A field of a settings group: its stored key, default, title and validator."""
    return field(default=default, metadata={"key": key, "title": title, "check": check})


def _positive(value: Any) -> bool:
    return bool(value > 0)


def _layouts_parse(value: Any) -> bool:
    layouts = parse_layouts(str(value))
    # a label without PLU or value digits would read every code of its flags as nothing
    return bool(layouts) and all(x.plu_length > 0 and x.value_length > 0 for x in layouts)


def _rounding_rule(value: Any) -> bool:
    return value in {rule.value for rule in RoundingRule}


def _known_profile(value: Any) -> bool:
    return value in PROFILES


@lru_cache(maxsize=8)  # checkout parses the current layouts at every scan
def parse_layouts(text: str) -> tuple[ScaleLayout, ...]:
    """Several layouts separated by '|'; a bad one raises ValueError."""
    return tuple(ScaleLayout.from_spec(spec) for spec in text.split("|") if spec.strip())


@dataclass(frozen=True, slots=True)
class StoreSettings:
    code: str = _opt("store.code", "S001", QT_TRANSLATE_NOOP("Settings", "Store code"))
    name: str = _opt(
        "store.name", "源仓公社·示范社区展示体验区", QT_TRANSLATE_NOOP("Settings", "Store name")
    )
    community: str = _opt("store.community", "示范社区", QT_TRANSLATE_NOOP("Settings", "Community"))
    community_id: str = _opt(
        "store.community_id", "C001", QT_TRANSLATE_NOOP("Settings", "Community id")
    )
    # Only residents of the property company running this store's community earn points.
    property_company_id: str = _opt(
        "store.property_company_id", "P001", QT_TRANSLATE_NOOP("Settings", "Property company id")
    )
    # 抹零: "off", "jiao" (down to 1 角) or "yuan" (down to 1 元); always DOWN, in the
    # customer's favour (pos_app.core.rounding)
    cash_rounding: str = _opt(
        "store.cash_rounding",
        RoundingRule.OFF.value,
        QT_TRANSLATE_NOOP("Settings", "Round cash totals down (off, jiao, yuan)"),
        _rounding_rule,
    )
    # most shops round only a sale paid all in cash; False rounds any sale
    rounding_cash_only: bool = _opt(
        "store.rounding_cash_only",
        True,
        QT_TRANSLATE_NOOP("Settings", "Round only sales paid all in cash"),
    )
    # 无码商品: an open-price item above this amount (fen) needs a manager's approval;
    # the central server's own limit (docs/cash-rounding-and-open-price.md) bounds what earns
    open_price_limit_fen: int = _opt(
        "store.open_price_limit_fen",
        20_000,
        QT_TRANSLATE_NOOP("Settings", "Open-price item limit without approval (fen)"),
        _positive,
    )

    @property
    def rounding_rule(self) -> RoundingRule:
        return RoundingRule(self.cash_rounding)


@dataclass(frozen=True, slots=True)
class TerminalSettings:
    code: str = _opt("terminal.code", "T01", QT_TRANSLATE_NOOP("Settings", "Terminal code"))
    cashier_name: str = _opt("cashier.name", "收银员01", QT_TRANSLATE_NOOP("Settings", "Cashier"))


@dataclass(frozen=True, slots=True)
class MembershipSettings:
    # The central server's membership-QR public keys: 'kid:base64url,kid:base64url'.
    public_keys: str = _opt(
        "membership.public_keys", "", QT_TRANSLATE_NOOP("Settings", "Membership QR public keys")
    )


@dataclass(frozen=True, slots=True)
class PointsSettings:
    claim_window_days: int = _opt(
        "points.claim_window_days",
        30,
        QT_TRANSLATE_NOOP("Settings", "Days to claim points of a receipt"),
        _positive,
    )


@dataclass(frozen=True, slots=True)
class UiSettings:
    language: str = _opt("ui.language", "zh_CN", QT_TRANSLATE_NOOP("Settings", "Language"))


@dataclass(frozen=True, slots=True)
class ScaleSettings:
    # Several layouts separated by '|', each 'flags=20-24;plu=5;value=5;kind=price'.
    layouts: str = _opt(
        "scale.layouts",
        "flags=20-24;plu=5;value=5;kind=price",
        QT_TRANSLATE_NOOP("Settings", "Scale label layouts"),
        _layouts_parse,
    )

    @property
    def parsed(self) -> tuple[ScaleLayout, ...]:
        return parse_layouts(self.layouts)


@dataclass(frozen=True, slots=True)
class ScannerSettings:
    # Scanners send a whole code in a few ms per key; people type slower than 35 ms.
    max_key_interval_ms: int = _opt(
        "scanner.max_key_interval_ms",
        35,
        QT_TRANSLATE_NOOP("Settings", "Scanner key interval (ms)"),
        _positive,
    )
    min_length: int = _opt(
        "scanner.min_length", 4, QT_TRANSLATE_NOOP("Settings", "Shortest scan"), _positive
    )


@dataclass(frozen=True, slots=True)
class PrinterSettings:
    # none, tcp://host:9100, usb://VID:PID, serial:///dev/ttyS0?baud=9600,
    # file:///dev/usb/lp0, win://Printer Name (see pos_app/printing/connections.py)
    connection: str = _opt(
        "printer.connection", "none", QT_TRANSLATE_NOOP("Settings", "Receipt printer connection")
    )
    profile: str = _opt(
        "printer.profile",
        "generic80",
        QT_TRANSLATE_NOOP("Settings", "Receipt printer model"),
        _known_profile,
    )
    kick_drawer_on_cash: bool = _opt(
        "printer.kick_drawer_on_cash",
        True,
        QT_TRANSLATE_NOOP("Settings", "Open the cash drawer on cash sales"),
    )
    timeout_s: float = _opt(
        "printer.timeout_s", 5.0, QT_TRANSLATE_NOOP("Settings", "Printer timeout (s)"), _positive
    )
    footer: str = _opt(
        "receipt.footer",
        "谢谢惠顾 · 积分可抵物业费",
        QT_TRANSLATE_NOOP("Settings", "Receipt footer"),
    )
    # the residents' own page on the central server (…/me): a member's receipt says
    # where to read their points and fee deductions; empty prints nothing
    resident_page_url: str = _opt(
        "receipt.resident_page_url",
        "",
        QT_TRANSLATE_NOOP("Settings", "Residents' points page address"),
    )


@dataclass(frozen=True, slots=True)
class CameraSettings:
    # The USB scanner is the default; the counter camera is switched on in settings.
    enabled: bool = _opt(
        "camera.enabled", False, QT_TRANSLATE_NOOP("Settings", "Read codes with the camera")
    )
    device_id: str = _opt("camera.device_id", "", QT_TRANSLATE_NOOP("Settings", "Camera"))


def _generations(value: Any) -> bool:
    return bool(1 <= value <= 365)


@dataclass(frozen=True, slots=True)
class BackupSettings:
    # a second place for the database (a USB stick, a second disk); empty: no backups
    directory: str = _opt(
        "backup.directory", "", QT_TRANSLATE_NOOP("Settings", "Backup folder (USB stick)")
    )
    # how many daily copies stay there: a week's worth by default
    generations: int = _opt(
        "backup.generations",
        7,
        QT_TRANSLATE_NOOP("Settings", "Backups to keep"),
        _generations,
    )
    # the next copy is due this long after the newest one in the folder
    interval_hours: float = _opt(
        "backup.interval_hours",
        24.0,
        QT_TRANSLATE_NOOP("Settings", "Hours between backups"),
        _positive,
    )


def _not_negative(value: Any) -> bool:
    return bool(value >= 0)


def _percent(value: Any) -> bool:
    return bool(0 <= value <= 100)


@dataclass(frozen=True, slots=True)
class StaffSettings:
    # the screen locks after this long without a key or a tap; the cart stays
    idle_lock_minutes: int = _opt(
        "staff.idle_lock_minutes",
        5,
        QT_TRANSLATE_NOOP("Settings", "Lock the screen after idle minutes"),
        _positive,
    )
    # manager approval by PIN above these (pos_app.core.staff.needs_manager)
    refund_above_fen: int = _opt(
        "approval.refund_above_fen",
        0,
        QT_TRANSLATE_NOOP("Settings", "Refunds above this need a manager (fen; 0: all)"),
        _not_negative,
    )
    redemption_above_points: int = _opt(
        "approval.redemption_above_points",
        10_000,
        QT_TRANSLATE_NOOP("Settings", "Redemptions above these points need a manager"),
        _not_negative,
    )
    discount_limit_percent: int = _opt(
        "approval.discount_limit_percent",
        20,
        QT_TRANSLATE_NOOP("Settings", "Discounts beyond this percent need a manager"),
        _percent,
    )
    shift_difference_above_fen: int = _opt(
        "approval.shift_difference_above_fen",
        0,
        QT_TRANSLATE_NOOP("Settings", "Cash differences above this need a manager (fen)"),
        _not_negative,
    )


@dataclass(frozen=True, slots=True)
class TillSettings:
    """One whole, immutable snapshot of the terminal's settings."""

    store: StoreSettings = field(default_factory=StoreSettings)
    terminal: TerminalSettings = field(default_factory=TerminalSettings)
    membership: MembershipSettings = field(default_factory=MembershipSettings)
    points: PointsSettings = field(default_factory=PointsSettings)
    ui: UiSettings = field(default_factory=UiSettings)
    scale: ScaleSettings = field(default_factory=ScaleSettings)
    scanner: ScannerSettings = field(default_factory=ScannerSettings)
    printer: PrinterSettings = field(default_factory=PrinterSettings)
    camera: CameraSettings = field(default_factory=CameraSettings)
    backup: BackupSettings = field(default_factory=BackupSettings)
    staff: StaffSettings = field(default_factory=StaffSettings)

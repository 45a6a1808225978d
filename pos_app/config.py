"""Every terminal option, declared once as a typed field of a frozen group.

Values live in the local database's `settings` table as key/value text;
`Settings` turns the rows into a typed snapshot (`settings.printer.timeout_s`),
so a misspelled option is a mypy error rather than a KeyError at the counter.
Each field carries its stored key, its English title (translated by the UI)
and a validator; a stored value that does not parse or validate falls back to
the default with a logged warning: a bad row must never stop the till.

Threads: the sync worker writes settings (enrollment, new keys) while the GUI
thread reads them. A write builds a whole new `TillSettings` and swaps it in
by one reference assignment, so a reader that takes `settings.current` once
sees all of a write or none of it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from typing import Any

from pos_app.core.barcodes import ScaleLayout
from pos_app.core.rounding import RoundingRule
from pos_app.receipts.profiles import PROFILES

log = logging.getLogger(__name__)


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


@dataclass(frozen=True, slots=True)
class Option:
    """Where one field lives: group attribute, field attribute, stored key, type, default, title."""

    group: str
    name: str
    key: str
    type: type
    default: Any
    title: str
    check: Callable[[Any], bool] | None


def _declared() -> Iterator[Option]:
    defaults = TillSettings()
    for group in fields(TillSettings):
        for f in fields(getattr(defaults, group.name)):
            kind = type(f.default)
            yield Option(
                group.name, f.name, f.metadata["key"], kind, f.default, f.metadata["title"],
                f.metadata["check"],
            )  # fmt: skip


OPTIONS: tuple[Option, ...] = tuple(_declared())
_BY_KEY = {o.key: o for o in OPTIONS}


def convert(option: Option, raw: object) -> Any:
    """The value of `raw` as the option's type; ValueError when it does not fit."""
    if option.type is bool:
        if isinstance(raw, str):
            # bool("False") is True: stored booleans are text and need reading as such
            return raw.strip().lower() in ("1", "true", "yes", "on")
        return bool(raw)
    value = option.type(raw)
    if option.check is not None and not option.check(value):
        raise ValueError(f"invalid {option.key}: {raw!r}")
    return value


def _with(snapshot: TillSettings, values: Mapping[str, Any]) -> TillSettings:
    groups: dict[str, dict[str, Any]] = {}
    for key, value in values.items():
        option = _BY_KEY[key]
        groups.setdefault(option.group, {})[option.name] = value
    changed = {g: replace(getattr(snapshot, g), **v) for g, v in groups.items()}
    return replace(snapshot, **changed)


def from_strings(stored: Mapping[str, str]) -> TillSettings:
    """The snapshot of stored rows; unknown keys are ignored, bad values default."""
    values: dict[str, Any] = {}
    for key, raw in stored.items():
        option = _BY_KEY.get(key)
        if option is None:
            continue
        try:
            values[key] = convert(option, raw)
        except (TypeError, ValueError):
            # never stop the till for one bad row: the default still sells
            log.warning("setting %s=%r is invalid; using %r", key, raw, option.default)
    return _with(TillSettings(), values)


def to_values(snapshot: TillSettings) -> dict[str, Any]:
    return {o.key: getattr(getattr(snapshot, o.group), o.name) for o in OPTIONS}


def to_strings(snapshot: TillSettings) -> dict[str, str]:
    return {key: str(value) for key, value in to_values(snapshot).items()}


class Settings:
    """The current snapshot, replaced whole on each write; listeners hear of writes."""

    def __init__(self, stored: Mapping[str, str] | None = None) -> None:
        self._current = from_strings(stored or {})
        self._listeners: list[Callable[[TillSettings], None]] = []

    @property
    def current(self) -> TillSettings:
        return self._current

    @property
    def store(self) -> StoreSettings:
        return self._current.store

    @property
    def terminal(self) -> TerminalSettings:
        return self._current.terminal

    @property
    def membership(self) -> MembershipSettings:
        return self._current.membership

    @property
    def points(self) -> PointsSettings:
        return self._current.points

    @property
    def ui(self) -> UiSettings:
        return self._current.ui

    @property
    def scale(self) -> ScaleSettings:
        return self._current.scale

    @property
    def scanner(self) -> ScannerSettings:
        return self._current.scanner

    @property
    def printer(self) -> PrinterSettings:
        return self._current.printer

    @property
    def camera(self) -> CameraSettings:
        return self._current.camera

    @property
    def backup(self) -> BackupSettings:
        return self._current.backup

    @property
    def staff(self) -> StaffSettings:
        return self._current.staff

    def set(self, key: str, value: object) -> None:
        self.update({key: value})

    def update(self, values: Mapping[str, object]) -> None:
        """Several values (by stored key) as one change: no reader sees some without the rest.
        An unknown key raises KeyError and a bad value ValueError, before anything changes."""
        converted = {key: convert(_BY_KEY[key], value) for key, value in values.items()}
        self._current = _with(self._current, converted)
        for listener in list(self._listeners):
            try:
                listener(self._current)
            except Exception:
                # the write is done and stored by the caller; a broken listener
                # (a window already gone) must not fail it
                log.exception("a settings listener failed")

    def change(self, edit: Callable[[TillSettings], TillSettings]) -> None:
        """A typed write: `edit` returns the new snapshot from the current one
        (with dataclasses.replace), so no key string is spelled by the caller.
        Every changed value is validated (ValueError) before anything changes."""
        before = self._current
        after = edit(before)
        old, new = to_values(before), to_values(after)
        self.update({key: value for key, value in new.items() if value != old[key]})

    def subscribe(self, listener: Callable[[TillSettings], None]) -> None:
        """`listener` is called (on the writing thread) after each write."""
        self._listeners.append(listener)

    def unsubscribe(self, listener: Callable[[TillSettings], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def as_strings(self) -> dict[str, str]:
        return to_strings(self._current)  # one snapshot, even while another thread writes

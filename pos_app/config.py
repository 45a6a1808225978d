"""Every terminal option, declared once with its type, default and title.

Values live in the local database's `settings` table; `Settings` gives typed
access. Titles are English source strings the UI translates.

Threads: the sync worker writes settings (enrollment, new keys) while the GUI
thread reads them. `Settings` never changes its dict in place: a write builds
a new one and swaps it in by one reference assignment, so a reader (which
takes the reference once, as `as_strings` does) sees all of a write or none.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from pos_app.core.barcodes import ScaleLayout


@dataclass(frozen=True, slots=True)
class Option:
    key: str
    type: type
    default: Any
    title: str


OPTIONS: tuple[Option, ...] = (
    Option("store.code", str, "S001", "Store code"),
    Option("store.name", str, "源仓公社·示范社区展示体验区", "Store name"),
    Option("store.community", str, "示范社区", "Community"),
    Option("store.community_id", str, "C001", "Community id"),
    # Only residents of the property company running this store's community earn points.
    Option("store.property_company_id", str, "P001", "Property company id"),
    # The central server's membership-QR public keys: 'kid:base64url,kid:base64url'.
    Option("membership.public_keys", str, "", "Membership QR public keys"),
    Option("points.claim_window_days", int, 30, "Days to claim points of a receipt"),
    Option("terminal.code", str, "T01", "Terminal code"),
    Option("cashier.name", str, "收银员01", "Cashier"),
    Option("ui.language", str, "zh_CN", "Language"),
    # Several layouts separated by '|', each 'flags=20-24;plu=5;value=5;kind=price'.
    Option("scale.layouts", str, "flags=20-24;plu=5;value=5;kind=price", "Scale label layouts"),
    # Scanners send a whole code in a few ms per key; people type slower than 35 ms.
    Option("scanner.max_key_interval_ms", int, 35, "Scanner key interval (ms)"),
    Option("scanner.min_length", int, 4, "Shortest scan"),
    # none, tcp://host:9100, usb://VID:PID, serial:///dev/ttyS0?baud=9600,
    # file:///dev/usb/lp0, win://Printer Name (see pos_app/printing/connections.py)
    Option("printer.connection", str, "none", "Receipt printer connection"),
    Option("printer.profile", str, "generic80", "Receipt printer model"),
    # 1/0 rather than bool: Settings converts stored text with the type, and
    # bool("False") is True
    Option("printer.kick_drawer_on_cash", int, 1, "Open the cash drawer on cash sales"),
    Option("printer.timeout_s", float, 5.0, "Printer timeout (s)"),
    Option("receipt.footer", str, "谢谢惠顾 · 积分可抵物业费", "Receipt footer"),
    # The USB scanner is the default; the counter camera is switched on in settings.
    Option("camera.enabled", bool, False, "Read codes with the camera"),
    Option("camera.device_id", str, "", "Camera"),
)
_BY_KEY = {o.key: o for o in OPTIONS}


class Settings:
    def __init__(self, stored: Mapping[str, str] | None = None) -> None:
        values: dict[str, Any] = {o.key: o.default for o in OPTIONS}
        for key, raw in (stored or {}).items():
            option = _BY_KEY.get(key)
            if option is not None:
                values[key] = _convert(option.type, raw)
        self._values: Mapping[str, Any] = MappingProxyType(values)

    def __getitem__(self, key: str) -> Any:
        return self._values[key]

    def set(self, key: str, value: Any) -> None:
        self.update({key: value})

    def update(self, values: Mapping[str, Any]) -> None:
        """Several values as one change: no reader sees some of them without the rest."""
        converted = {key: _convert(_BY_KEY[key].type, value) for key, value in values.items()}
        self._values = MappingProxyType({**self._values, **converted})

    def as_strings(self) -> dict[str, str]:
        values = self._values  # one snapshot, even while another thread writes
        return {k: str(v) for k, v in values.items()}

    @property
    def scale_layouts(self) -> tuple[ScaleLayout, ...]:
        specs = str(self["scale.layouts"]).split("|")
        return tuple(ScaleLayout.from_spec(spec) for spec in specs if spec.strip())


def _convert(kind: type, raw: Any) -> Any:
    # bool("False") is True: stored booleans are text and need reading as such
    if kind is bool and isinstance(raw, str):
        return raw.strip().lower() in ("1", "true", "yes", "on")
    return kind(raw)

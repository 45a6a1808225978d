"""The terminal's settings store: the registry of declared options, their
reading from the local database's `settings` rows, and the live `Settings`.

Values live in the `settings` table as key/value text; `from_strings` turns
the rows into the typed snapshot declared in `pos_app.options`. A stored value
that does not parse or validate falls back to the default with a logged
warning: a bad row must never stop the till.

Threads: the sync worker writes settings (enrollment, new keys) while the GUI
thread reads them. A write builds a whole new `TillSettings` and swaps it in
by one reference assignment, so a reader that takes `settings.current` once
sees all of a write or none of it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

from pos_app.options import (
    BackupSettings,
    CameraSettings,
    MembershipSettings,
    PointsSettings,
    PrinterSettings,
    ScaleSettings,
    ScannerSettings,
    StaffSettings,
    StoreSettings,
    TerminalSettings,
    TillSettings,
    UiSettings,
)

log = logging.getLogger(__name__)


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

"""The typed operations a laid-out receipt is made of.

The layout produces them already fitted to a column count; the ESC/POS encoder
turns them into bytes. They know nothing of templates or printers.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Align(enum.Enum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


@dataclass(frozen=True, slots=True)
class TextLine:
    """One printed line; `text` is printable (see receipts.text) and fits the width."""

    text: str
    align: Align = Align.LEFT
    bold: bool = False
    double: bool = False  # double width and height: half the columns


@dataclass(frozen=True, slots=True)
class Rule:
    """A full-width separator line of `char` (a one-column character)."""

    width: int
    char: str = "-"


@dataclass(frozen=True, slots=True)
class QR:
    payload: str


@dataclass(frozen=True, slots=True)
class Feed:
    lines: int = 1


@dataclass(frozen=True, slots=True)
class Cut:
    pass


@dataclass(frozen=True, slots=True)
class Drawer:
    pass


Op = TextLine | Rule | QR | Feed | Cut | Drawer

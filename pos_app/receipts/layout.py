"""Receipt layout: Jinja2 templates (resources/receipts/) render a small
line-oriented markup, which is fitted here to a column count (32 for 58 mm,
48 for 80 mm…) and turned into typed operations (receipts.ops).

The markup is described in resources/receipts/README.md. In short, one line is
one instruction: style words (`@center @bold @double`) then text, or a command
(`@cols`, `@widths`, `@rule`, `@qr`, `@feed`, `@cut`, `@drawer`, `@text`).
Blank lines are ignored, so Jinja's whitespace never prints an empty line.

Widths are those of receipts.text: one column per byte the printer receives
(ASCII 1, a GB two-byte code 2). Wrapping never cuts a character, prefers to
break ASCII words at spaces, and nothing produced is wider than the paper.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from pos_app.core.money import Money
from pos_app.paths import RESOURCES
from pos_app.receipts.document import ReceiptData, ReceiptKind, ReceiptLine
from pos_app.receipts.ops import QR, Align, Cut, Drawer, Feed, Op, Rule, TextLine
from pos_app.receipts.text import char_width, printable, text_width

TEMPLATES = RESOURCES / "receipts"
TEMPLATE_FOR_KIND = {
    ReceiptKind.SALE: "sale.j2",
    ReceiptKind.REPRINT: "sale.j2",
    ReceiptKind.REFUND: "refund.j2",
    ReceiptKind.SHIFT_CLOSE: "shift_close.j2",
    ReceiptKind.REDEMPTION: "redemption.j2",
    ReceiptKind.TEST: "test_print.j2",
    ReceiptKind.EVENT_REPORT: "event_report.j2",
    ReceiptKind.DAILY_SUMMARY: "daily_summary.j2",
}
MIN_COLUMNS = 16
MIN_LEFT_COLUMN = 8  # below this a @cols label goes on lines of its own
MAX_FEED = 10

try:
    from zoneinfo import ZoneInfo

    SHANGHAI: Any = ZoneInfo("Asia/Shanghai")
except Exception:  # Windows without tzdata: China has kept UTC+8 with no DST since 1991
    SHANGHAI = timezone(timedelta(hours=8), "CST")

_STYLES = {"@left", "@center", "@right", "@bold", "@double"}
_ESCAPED = re.compile(r"\\([|\\])")
_TOKENS = re.compile(r"[!-~]+| +|.", re.DOTALL)  # ASCII words, runs of spaces, one char


class LayoutError(ValueError):
    """A template produced markup that cannot be laid out (a template bug)."""


# --- text fitting -----------------------------------------------------------------


def wrap(text: str, columns: int) -> list[str]:
    """Split printable `text` into lines of at most `columns` columns.

    Breaks between characters (Chinese needs no spaces), keeps an ASCII word such
    as "550ml" whole unless it is longer than a line, and drops the spaces a
    break falls on.
    """
    lines: list[str] = []
    current = ""
    for token in _TOKENS.findall(text):
        width = text_width(token)
        if text_width(current) + width <= columns:
            current += token
            continue
        if token.isspace():
            lines.append(current)
            current = ""
            continue
        if current.strip():
            lines.append(current)
        current = ""
        if width > columns:  # a word longer than a line: split it by characters
            for ch in token:
                if text_width(current) + char_width(ch) > columns:
                    lines.append(current)
                    current = ""
                current += ch
        else:
            current = token
    lines.append(current)
    cleaned = [line.strip(" ") for line in lines]
    return [line for line in cleaned if line] or [""]


def pad_right(text: str, columns: int) -> str:
    return text + " " * max(0, columns - text_width(text))


def pad_left(text: str, columns: int) -> str:
    return " " * max(0, columns - text_width(text)) + text


# --- markup -> operations ---------------------------------------------------------


def _unescape(text: str) -> str:
    return _ESCAPED.sub(r"\1", text)


def _split_cells(text: str) -> list[str]:
    cells, current, i = [], "", 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text) and text[i + 1] in "|\\":
            current += text[i + 1]
            i += 2
            continue
        if ch == "|":
            cells.append(current)
            current = ""
        else:
            current += ch
        i += 1
    cells.append(current)
    return [cells[0].rstrip()] + [cell.strip() for cell in cells[1:]]


class _Fitter:
    """Turns markup lines into operations; holds the @widths state."""

    def __init__(self, columns: int) -> None:
        if columns < MIN_COLUMNS:
            raise LayoutError(f"paper of {columns} columns is too narrow")
        self.columns = columns
        self.widths: list[int] = []
        self.ops: list[Op] = []

    def line(self, number: int, raw: str) -> None:
        rest = raw.strip()
        styles: set[str] = set()
        head, _, tail = rest.partition(" ")
        while head in _STYLES:
            styles.add(head)
            rest = tail.lstrip(" ")
            head, _, tail = rest.partition(" ")
        command, arg = (head, tail.strip()) if head.startswith("@") else ("", rest)
        if command == "@cols":
            arg = tail.rstrip()  # leading spaces indent the label
        if styles and command not in ("", "@text", "@cols"):
            raise LayoutError(f"line {number}: styles do not apply to {command}")
        try:
            self._dispatch(command, arg, styles)
        except LayoutError as exc:
            raise LayoutError(f"line {number}: {exc}") from None

    def _dispatch(self, command: str, arg: str, styles: set[str]) -> None:
        if command in ("", "@text"):
            self._text(_unescape(arg), styles)
        elif command == "@cols":
            self._cols(_split_cells(arg), styles)
        elif command == "@widths":
            self._set_widths(arg)
        elif command == "@rule":
            char = arg or "-"
            if len(char) != 1 or not ("!" <= char <= "~"):
                raise LayoutError(f"rule character must be one ASCII character: {char!r}")
            self.ops.append(Rule(self.columns, char))
        elif command == "@qr":
            payload = _unescape(arg)
            if not payload:
                raise LayoutError("@qr needs a payload")
            self.ops.append(QR(payload))
        elif command == "@feed":
            count = int(arg) if arg.isdigit() else 1 if not arg else -1
            if not 1 <= count <= MAX_FEED:
                raise LayoutError(f"@feed takes 1 to {MAX_FEED}: {arg!r}")
            self.ops.append(Feed(count))
        elif command == "@cut" and not arg:
            self.ops.append(Cut())
        elif command == "@drawer" and not arg:
            self.ops.append(Drawer())
        else:
            raise LayoutError(f"unknown markup {command} {arg}".strip())

    def _style(self, styles: set[str]) -> tuple[Align, bool, bool, int]:
        align = Align.LEFT
        if "@center" in styles:
            align = Align.CENTER
        elif "@right" in styles:
            align = Align.RIGHT
        double = "@double" in styles
        return align, "@bold" in styles, double, self.columns // 2 if double else self.columns

    def _emit(self, text: str, align: Align, bold: bool, double: bool) -> None:
        self.ops.append(TextLine(text, align, bold, double))

    def _text(self, text: str, styles: set[str]) -> None:
        align, bold, double, columns = self._style(styles)
        for part in wrap(printable(text), columns):
            self._emit(part, align, bold, double)

    def _set_widths(self, arg: str) -> None:
        if not arg:
            self.widths = []
            return
        try:
            widths = [int(w) for w in arg.split(",")]
        except ValueError:
            raise LayoutError(f"@widths takes numbers: {arg!r}") from None
        if any(w < 1 for w in widths) or sum(widths) + len(widths) > self.columns:
            raise LayoutError(f"@widths {arg} do not fit {self.columns} columns")
        self.widths = widths

    def _cols(self, cells: list[str], styles: set[str]) -> None:
        _, bold, double, columns = self._style(styles)
        if len(cells) < 2:
            raise LayoutError("@cols needs at least two cells")
        label = printable(cells[0])
        left = label.lstrip(" ")
        indent = " " * (len(label) - len(left))
        rights = [printable(c) for c in cells[1:]]
        widths = self.widths if len(self.widths) == len(rights) else [0] * len(rights)
        widths = [max(w, text_width(c)) for w, c in zip(widths, rights, strict=True)]
        block = " ".join(pad_left(c, w) for c, w in zip(rights, widths, strict=True))
        block_width = text_width(block)
        left_columns = columns - block_width - 1 - len(indent)
        fits = text_width(left) <= left_columns or left_columns >= MIN_LEFT_COLUMN
        if block_width <= columns and (not left or fits):
            if not left:
                self._emit(pad_left(block, columns), Align.LEFT, bold, double)
                return
            parts = [indent + part for part in wrap(left, left_columns)]
            first = pad_right(parts[0], left_columns + len(indent))
            self._emit(first + " " + block, Align.LEFT, bold, double)
            for part in parts[1:]:
                self._emit(part, Align.LEFT, bold, double)
            return
        # too wide to share a line: the label first, then the values right-aligned
        if left:
            for part in wrap(label, columns):
                self._emit(part, Align.LEFT, bold, double)
        if block_width <= columns:
            self._emit(pad_left(block, columns), Align.LEFT, bold, double)
            return
        for cell in rights:
            for part in wrap(cell, columns):
                self._emit(pad_left(part, columns), Align.LEFT, bold, double)


def layout_markup(markup: str, columns: int) -> list[Op]:
    """Fit rendered markup to `columns`; blank lines are ignored."""
    fitter = _Fitter(columns)
    for number, raw in enumerate(markup.splitlines(), start=1):
        if raw.strip():
            fitter.line(number, raw)
    return fitter.ops


# --- templates ----------------------------------------------------------------------


def _escape(value: Any) -> Any:
    # Every data value lands inside one markup line: a newline in a product name
    # must not start a new instruction, and a '|' must not split a column. The
    # parser undoes the escapes; template text itself is never touched.
    if isinstance(value, str):
        text = value.replace("\r", " ").replace("\n", " ")
        return text.replace("\\", "\\\\").replace("|", "\\|")
    if isinstance(value, tuple):
        return tuple(_escape(v) for v in value)
    if hasattr(value, "__dataclass_fields__") and not isinstance(value, Money):
        return _DataView(value)
    return value  # numbers, Money, datetimes, enums, None


class _DataView:
    """Read-only view of receipt data whose strings come out escaped."""

    __slots__ = ("_data",)

    def __init__(self, data: Any) -> None:
        self._data = data

    def __getattr__(self, name: str) -> Any:
        return _escape(getattr(self._data, name))


def _finalize(value: Any) -> Any:
    return "" if value is None else value


def _yuan(value: Money) -> str:
    return value.format(symbol="")


def _rmb(value: Money) -> str:
    return value.format(symbol="￥")


def _quantity(line: ReceiptLine | _DataView) -> str:
    if line.weighed:
        return f"{line.quantity / 1000:.3f}kg"
    return str(line.quantity)


def _unit_price(line: ReceiptLine | _DataView) -> str:
    """A line's price per unit: `39.80/kg` for weighed goods, `2.00` a piece."""
    price = _yuan(line.unit_price)
    return f"{price}/kg" if line.weighed else price


def _local(moment: datetime) -> str:
    return moment.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M:%S")


def _points(value: int) -> str:
    return f"{value:,}"


def _signed_points(value: int) -> str:
    """Points earned (+26) or taken back (-60,653); the sign is written once."""
    return f"{value:+,}" if value else "0"


@lru_cache(maxsize=4)
def environment(directory: Path = TEMPLATES) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(directory)),
        undefined=StrictUndefined,
        autoescape=False,  # the output is receipt markup, not HTML
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_finalize,
    )
    env.filters.update(
        yuan=_yuan,
        rmb=_rmb,
        qty=_quantity,
        unit_price=_unit_price,
        local=_local,
        points=_points,
        signed_points=_signed_points,
    )
    env.filters["columns"] = lambda text: text_width(printable(_unescape(str(text))))
    env.filters["fen"] = lambda fen: Money(int(fen))
    return env


def render_markup(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


def layout_receipt(data: ReceiptData, columns: int, *, open_drawer: bool = False) -> list[Op]:
    """The operations of `data`'s receipt on paper `columns` wide."""
    markup = render_markup(
        TEMPLATE_FOR_KIND[data.kind], r=_DataView(data), width=columns, open_drawer=open_drawer
    )
    return layout_markup(markup, columns)


def plain_text(ops: Iterable[Op]) -> str:
    """The text of laid-out operations, one line each (tests, logs, debugging)."""
    out: list[str] = []
    for op in ops:
        if isinstance(op, TextLine):
            out.append(op.text)
        elif isinstance(op, Rule):
            out.append(op.char * op.width)
        elif isinstance(op, QR):
            out.append(f"[QR {op.payload}]")
    return "\n".join(out)

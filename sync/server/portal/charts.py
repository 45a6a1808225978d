"""The portal's charts, drawn by pygal as SVG on the server and put inline in the
page: no script runs (the pages' CSP forbids it), so the charts print and save
with the page. Amounts arrive in 分 and are drawn in 元; rates in percent."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import pygal  # type: ignore[import-untyped]  # pygal ships no type hints
from pygal.style import Style  # type: ignore[import-untyped]

_STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#1f2a2e",
    foreground_strong="#1f2a2e",
    foreground_subtle="#9aa7ab",
    colors=("#1f4f6f", "#2f8f6f", "#d08a2e", "#b3261e"),
    font_family='system-ui, "WenQuanYi Micro Hei", sans-serif',
    label_font_size=12,
    major_label_font_size=12,
    legend_font_size=13,
    title_font_size=15,
)
_COMMON = {
    "style": _STYLE,
    "width": 900,
    "height": 320,
    "js": [],  # no script: the CSP forbids it, and a chart needs none
    "disable_xml_declaration": True,
    "legend_at_bottom": True,
    "print_values": False,
    "show_minor_x_labels": True,
    "x_label_rotation": 0,
    "margin": 12,
}


_SCRIPT = re.compile(r"<script\b.*?</script>", re.S | re.I)


def _svg(chart: Any) -> str:
    """The chart's SVG without the inline config script pygal writes even with no js:
    the pages' CSP would only refuse it (a console error in the browser)."""
    return _SCRIPT.sub("", str(chart.render(is_unicode=True)))


def money_bars(title: str, labels: Sequence[str], series: dict[str, Sequence[int]]) -> str:
    """Bars of amounts (分 in, 元 on the axis), one series per entry."""
    chart = pygal.Bar(title=title, value_formatter=lambda v: f"￥{v:,.2f}", **_COMMON)
    chart.x_labels = list(labels)
    for name, values in series.items():
        chart.add(name, [fen / 100 for fen in values])
    return _svg(chart)


def rate_line(title: str, labels: Sequence[str], series: dict[str, Sequence[float | None]]) -> str:
    """Lines of percentages; a month without bills is a gap, not a zero."""
    chart = pygal.Line(
        title=title, value_formatter=lambda v: f"{v:.2f}%", range=(0, 100), **_COMMON
    )
    chart.x_labels = list(labels)
    for name, values in series.items():
        chart.add(name, list(values))
    return _svg(chart)


def points_bars(title: str, labels: Sequence[str], series: dict[str, Sequence[int]]) -> str:
    chart = pygal.Bar(title=title, value_formatter=lambda v: f"{v:,.0f}", **_COMMON)
    chart.x_labels = list(labels)
    for name, values in series.items():
        chart.add(name, list(values))
    return _svg(chart)


def promotion_results(previous_fen: int, sales_fen: int, discount_fen: int) -> str:
    """A promotion's results: its products' sales in the period before and during it,
    beside the discount it gave."""
    return money_bars(
        "促销商品销售额：上一周期与活动期间",
        ["上一周期", "活动期间"],
        {"销售额": [previous_fen, sales_fen], "优惠金额": [0, discount_fen]},
    )

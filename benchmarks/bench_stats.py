"""Timing helpers for the benchmarks: nanosecond timers, percentiles, the result table.

Percentiles use `statistics.quantiles(..., method="inclusive")` (linear
interpolation between the closest ranks), so p99 of 300 samples is close to the
third-largest value rather than the maximum.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from time import perf_counter_ns
from typing import Any

NS_PER_MS = 1_000_000


def time_ms(fn: Callable[[], Any]) -> tuple[float, Any]:
    """(elapsed ms, result) of one call."""
    t0 = perf_counter_ns()
    result = fn()
    return (perf_counter_ns() - t0) / NS_PER_MS, result


def percentiles(samples: Iterable[float]) -> dict[str, float]:
    """p50, p95, p99, min, max and count of `samples` (at least two)."""
    values = sorted(samples)
    if len(values) < 2:
        only = values[0] if values else float("nan")
        return {"p50": only, "p95": only, "p99": only, "min": only, "max": only, "n": len(values)}
    q = statistics.quantiles(values, n=100, method="inclusive")
    return {
        "p50": q[49],
        "p95": q[94],
        "p99": q[98],
        "min": values[0],
        "max": values[-1],
        "n": len(values),
    }


def fmt(value: float | None, unit: str) -> str:
    """A number with a sensible precision and its unit; '–' for no value."""
    if value is None:
        return "–"
    if unit == "×":
        return f"{value:.3f}×"
    if abs(value) >= 100:
        text = f"{value:.0f}"
    elif abs(value) >= 10:
        text = f"{value:.1f}"
    elif abs(value) >= 1:
        text = f"{value:.2f}"
    else:
        text = f"{value:.3f}"
    return f"{text} {unit}"


@dataclass
class Row:
    """One line of the printed table."""

    measure: str
    unit: str
    p50: float | None
    p95: float | None = None
    p99: float | None = None
    target: str = "–"
    verdict: str = ""  # "PASS", "FAIL" or "" when there is no target
    note: str = ""

    def cells(self) -> list[str]:
        note = f"**{self.verdict}** {self.note}".strip() if self.verdict else self.note
        return [
            self.measure,
            fmt(self.p50, self.unit),
            fmt(self.p95, self.unit),
            fmt(self.p99, self.unit),
            self.target,
            note,
        ]


@dataclass
class Table:
    rows: list[Row] = field(default_factory=list)

    def add(self, row: Row) -> Row:
        self.rows.append(row)
        return row

    def markdown(self) -> str:
        header = ["measure", "p50", "p95", "p99", "target", "note"]
        body = [r.cells() for r in self.rows]
        lines = ["| " + " | ".join(header) + " |", "|" + "|".join(["---"] * len(header)) + "|"]
        lines += ["| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |" for cells in body]
        return "\n".join(lines)


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"

"""What the portal shows of a community: its months' settlements (a closed month's
frozen, signed document; an open month computed live and marked provisional), and
the series its charts draw. Nothing here names a product or a resident's purchase:
the settlement is summed per community, month and contract version."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from sync.server import settlement_close
from sync.server.settlement import compute
from sync.server.settlement_period import parse_month

#: months drawn on a community's charts, the chosen one last
CHART_MONTHS = 12


@dataclass(frozen=True, slots=True)
class MonthFigures:
    month: str
    closed: bool
    document: dict[str, Any]
    #: the closed month's SHA-256 and signing key, shown so a printout can be checked
    sha256: str | None = None
    key_id: str | None = None


def months_back(last: str, count: int) -> list[str]:
    """`count` months ending with `last` ("YYYY-MM"), oldest first."""
    year, month = parse_month(last)
    out = []
    for _ in range(count):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return out[::-1]


def month_figures(session: Session, *, community_id: str, month: str) -> MonthFigures:
    """As `settlement_close.published`, with the closed row's hash and key, in one read."""
    row = settlement_close.stored(session, community_id=community_id, month=month)
    if row is None:
        return MonthFigures(
            month, False, compute(session, community_id=community_id, month=month).document
        )
    return MonthFigures(month, True, json.loads(row.document), row.sha256, row.key_id)


def series(months: list[MonthFigures], key: str) -> list[int]:
    return [int(m.document[key]) for m in months]

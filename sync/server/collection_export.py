"""The collection-rate report as the property company downloads it: JSON (the API's
answer), CSV (UTF-8 with a BOM, so that Excel opens the Chinese headers right) and XLSX.

Amounts stay integer 分 in every format (with a yuan column beside them in CSV and
XLSX for people), rates as the exact fraction and the rounded percentage.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

from sync.server.collection import CollectionReport, Figures

#: column key → header (Chinese / English), in the order of the CSV and XLSX
COLUMNS = (
    ("label", "账期 period"),
    ("bills", "账单数 bills"),
    ("billed_fen", "应收(分) billed_fen"),
    ("cash_fen", "现金等实收(分) cash_fen"),
    ("points_fen", "积分抵扣(分) points_fen"),
    ("collected_fen", "实收合计(分) collected_fen"),
    ("collected_yuan", "实收合计(元) collected_yuan"),
    ("rate", "收缴率(分数) rate"),
    ("rate_percent", "收缴率(%) rate_percent"),
    ("points_share", "积分占比(分数) points_share"),
    ("points_share_percent", "积分占比(%) points_share_percent"),
)


def _yuan(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}"


def _day(d: date | None) -> str | None:
    return None if d is None else d.isoformat()


def figures(f: Figures) -> dict[str, Any]:
    return {
        "label": f.label,
        "bills": f.bills,
        "billed_fen": f.billed_fen,
        "cash_fen": f.cash_fen,
        "points_fen": f.points_fen,
        "collected_fen": f.collected_fen,
        "rate": f.rate,
        "rate_percent": f.rate_percent,
        "points_share": f.points_share,
        "points_share_percent": f.points_share_percent,
    }


def as_dict(r: CollectionReport) -> dict[str, Any]:
    return {
        "community_id": r.community_id,
        "community_name": r.community_name,
        "period_from": r.first,
        "period_to": r.last,
        "as_of": r.as_of.isoformat(),
        "counted_by": "bill period; payments and redemptions up to the end of as_of (Shanghai)",
        "showroom_opened_on": None
        if r.showroom_opened_on is None
        else r.showroom_opened_on.isoformat(),
        "months": [figures(m) for m in r.months],
        "total": figures(r.total),
        "before_showroom": None if r.before is None else figures(r.before),
        "after_showroom": None if r.after is None else figures(r.after),
    }


def _rows(r: CollectionReport) -> list[list[Any]]:
    rows = []
    summed = [r.total] + [x for x in (r.before, r.after) if x is not None]
    for f in [*r.months, *summed]:
        d = figures(f)
        d["collected_yuan"] = _yuan(f.collected_fen)
        rows.append(["" if d[k] is None else d[k] for k, _h in COLUMNS])
    return rows


def _title(r: CollectionReport) -> list[str]:
    opened = "-" if r.showroom_opened_on is None else r.showroom_opened_on.isoformat()
    return [
        f"{r.community_name} ({r.community_id})",
        f"{r.first}..{r.last}",
        f"截至 as of {r.as_of.isoformat()}",
        f"展厅开业 showroom opened {opened}",
    ]


def as_csv(r: CollectionReport) -> bytes:
    out = io.StringIO(newline="")
    w = csv.writer(out)
    w.writerow(_title(r))
    w.writerow([h for _k, h in COLUMNS])
    w.writerows(_rows(r))
    return out.getvalue().encode("utf-8-sig")


def as_xlsx(r: CollectionReport) -> bytes:
    from openpyxl import Workbook  # type: ignore[import-untyped]  # only this export needs it

    book = Workbook(write_only=True)
    sheet = book.create_sheet("收缴率")
    sheet.append(_title(r))
    sheet.append([h for _k, h in COLUMNS])
    for row in _rows(r):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


MEDIA = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

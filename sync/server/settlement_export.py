"""A settlement document written out for people: JSON, CSV (UTF-8 with a BOM, so
that Excel opens the Chinese as Chinese) or XLSX (openpyxl).

Amounts stay integers of 分 in every format (the columns say so): a spreadsheet
never shows a figure rounded differently from the signed document. The labels
are Chinese first (the property company reads them), the document's key beside
each, so a row can always be matched to the JSON.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

#: the headline figures, in the order shown, with their Chinese labels
SUMMARY = (
    ("community_id", "社区编号"),
    ("community_name", "社区"),
    ("property_company_id", "物业公司"),
    ("month", "结算月份"),
    ("since", "起(UTC)"),
    ("until", "止(UTC,不含)"),
    ("as_of", "截至(UTC)"),
    ("provisional", "临时(未结账)"),
    ("orders", "订单数"),
    ("gross_sales_fen", "销售额(分)"),
    ("refunds_fen", "退款(分)"),
    ("net_revenue_fen", "净营收(分)"),
    ("eligible_fen", "可积分金额(分)"),
    ("share_fen", "物业分成(分)"),
    ("share_rule", "分成规则"),
    ("points_issued", "发放积分"),
    ("points_clawed_back", "退款扣回积分"),
    ("points_net", "净发放积分"),
    ("points_redeemed", "抵扣物业费积分"),
    ("points_liability", "月末未兑积分"),
)
CONTRACTS = (
    ("version_id", "合同版本"),
    ("effective_from", "生效时间"),
    ("share_bps", "分成(基点)"),
    ("points_bps", "积分比例(基点)"),
    ("orders", "订单数"),
    ("sales_fen", "销售额(分)"),
    ("refunds_fen", "退款(分)"),
    ("net_fen", "净营收(分)"),
    ("eligible_fen", "可积分金额(分)"),
    ("share_fen", "物业分成(分)"),
)
ADJUSTMENTS = (
    ("source", "来源"),
    ("kind", "类型"),
    ("record_id", "单据"),
    ("sale_id", "原销售单"),
    ("reason", "原因"),
    ("sale_month", "销售月份"),
    ("record_month", "单据月份"),
    ("amount_fen", "金额(分)"),
    ("eligible_fen", "可积分金额(分)"),
)
SOURCES = (
    ("source", "来源"),
    ("orders", "订单数"),
    ("sales_fen", "销售额(分)"),
    ("refunds_fen", "退款(分)"),
    ("eligible_fen", "可积分金额(分)"),
    ("points_issued", "发放积分"),
    ("points_clawed_back", "退款扣回积分"),
)
#: (sheet or CSV section title, document key, columns)
TABLES = (
    ("合同版本 contracts", "contracts", CONTRACTS),
    ("来源 sources", "sources", SOURCES),
    ("跨期调整 adjustments", "adjustments", ADJUSTMENTS),
)


def to_json(document: dict[str, Any]) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def _rows(document: dict[str, Any]) -> list[list[Any]]:
    """Every row of the CSV: the summary as label, key, value; then each table."""
    rows: list[list[Any]] = [["项目", "key", "值"]]
    rows += [[label, key, document[key]] for key, label in SUMMARY]
    for title, key, columns in TABLES:
        rows += [[], [title], [label for _k, label in columns]]
        rows += [[item[k] for k, _label in columns] for item in document[key]]
    return rows


def to_csv(document: dict[str, Any]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows(_rows(document))
    return out.getvalue().encode("utf-8-sig")  # the BOM: Excel then reads UTF-8


def to_xlsx(document: dict[str, Any]) -> bytes:
    # the server's export only: imported when asked for
    from openpyxl import Workbook  # type: ignore[import-untyped]

    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = "汇总 summary"
    summary.append(["项目", "key", "值"])
    for key, label in SUMMARY:
        summary.append([label, key, document[key]])
    for title, key, columns in TABLES:
        sheet = book.create_sheet(title)
        sheet.append([label for _k, label in columns])
        for item in document[key]:
            sheet.append([item[k] for k, _label in columns])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


FORMATS = {"json": to_json, "csv": to_csv, "xlsx": to_xlsx}
MEDIA_TYPES = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

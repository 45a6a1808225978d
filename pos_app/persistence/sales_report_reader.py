"""The sales report's figures as plain SQL aggregates over the till's SQLite,
each a range scan of an indexed time (`sales.created_at`, `refunds.created_at`,
the latter indexed by revision 0019) joined to the lines and tenders by key:
one statement for the sales by day, hour, cashier and event with their totals
(each sale read once), one for the refunds likewise, and one grouped query per
side for product, category and tender. A month of 9,000 sales reads in about
half the time the per-dimension queries took (benchmarks/bench_till_reports.py).

Showroom days and hours are the stored UTC text shifted by +8 hours in SQL
(`strftime('%Y-%m-%d', …, '+8 hours')`): Asia/Shanghai has no daylight saving, and the
core's `SHOWROOM_OFFSET` is that constant. What each figure means is written in
`pos_app.core.sales_report`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    Select,
    String,
    and_,
    case,
    distinct,
    func,
    literal,
    select,
    union_all,
)

from pos_app.core.sales_report import (
    NO_EVENT,
    SHOWROOM_OFFSET,
    DateRange,
    Dimension,
    Figures,
    SalesReport,
    Totals,
    merge,
)
from pos_app.persistence.errors import storage_errors
from pos_app.persistence.event_models import EventRow
from pos_app.persistence.member_models import (
    RefundLineRow,
    RefundPaymentRow,
    RefundRow,
    SaleMemberRow,
)
from pos_app.persistence.models import CategoryRow, SaleLineRow, SalePaymentRow, SaleRow
from pos_app.persistence.redemption_models import RedemptionRow

S, L, PAY = SaleRow.__table__, SaleLineRow.__table__, SalePaymentRow.__table__
RF, RL, RP = RefundRow.__table__, RefundLineRow.__table__, RefundPaymentRow.__table__
SM, RD = SaleMemberRow.__table__, RedemptionRow.__table__
CAT, EV = CategoryRow.__table__, EventRow.__table__
SHIFT = f"+{int(SHOWROOM_OFFSET.total_seconds() // 3600)} hours"

# a weighed line is one item; a piece line its quantity (as the receipts count 件数)
_LINE_ITEMS = case((L.c.unit == "piece", L.c.quantity), else_=1)
_REFUND_ITEMS = case((L.c.unit == "piece", RL.c.quantity), else_=1)
_REFUND_LINE = and_(L.c.sale_id == RF.c.sale_id, L.c.line_no == RL.c.line_no)


def _local(at: Any, fmt: str) -> Any:
    """A stored UTC time as showroom text. The seconds' fraction is cut first:
    SQLite keeps milliseconds only and rounds 23:59:59.999999 up into the next
    day; the stored text is always UTC (`UtcDateTime`), so the first 19
    characters are the UTC second it happened in."""
    return func.strftime(fmt, func.substr(at, 1, 19), SHIFT, type_=String)


#: the columns of a grouped row that are figures of `Figures`
_FIGURE_FIELDS = frozenset(
    ("sales_count", "items", "sales_fen", "rounding_fen", "refund_count", "refund_items",
     "refunds_fen")
)  # fmt: skip


def _sum(column: Any) -> Any:
    return func.coalesce(func.sum(column), 0)


class SalesReportReader:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def report(self, span: DateRange, cashier: str | None = None) -> SalesReport:
        with storage_errors(), self._engine.connect() as conn:
            q = _Queries(conn, span, cashier)
            receipts, sold = q.receipts()
            given, returned = q.given()
            by = {}
            for dim in Dimension:
                if dim in _SALE_KEYS:
                    labels = q.labels(dim, [f.key for f in receipts[dim.value] + given[dim.value]])
                    sales = [replace(f, label=labels.get(f.key, "")) for f in receipts[dim.value]]
                    refunds = [replace(f, label=labels.get(f.key, "")) for f in given[dim.value]]
                    by[dim] = merge(dim, sales, refunds)
                else:
                    by[dim] = merge(dim, q.sales(dim), q.refunds(dim))
            return SalesReport(span, cashier, q.totals(sold, returned), by)

    def bare_total_fen(self, span: DateRange) -> int:
        """The sales' totals in the range and nothing else: the benchmark's floor."""
        stmt = select(_sum(S.c.total_fen)).where(
            S.c.created_at >= span.start, S.c.created_at < span.end
        )
        with storage_errors(), self._engine.connect() as conn:
            return int(conn.execute(stmt).scalar_one())


class _Queries:
    def __init__(self, conn: Connection, span: DateRange, cashier: str | None) -> None:
        self.conn = conn
        self.in_sales = [S.c.created_at >= span.start, S.c.created_at < span.end]
        self.in_refunds = [RF.c.created_at >= span.start, RF.c.created_at < span.end]
        if cashier is not None:  # a cashier's own: what they sold and what they gave back
            self.in_sales.append(S.c.cashier == cashier)
            self.in_refunds.append(RF.c.cashier == cashier)
        self.cashier = cashier
        self.span = span

    def rows(self, stmt: Select[Any]) -> list[Figures]:
        return [Figures(**dict(r._mapping)) for r in self.conn.execute(stmt)]

    # --- the sales side ---------------------------------------------------------

    def receipts(self) -> tuple[dict[str, list[Figures]], Any]:
        """The sales by day, hour, cashier and event, and their totals, in ONE
        statement: each sale of the range once, with its items counted from its
        lines (a CTE, which SQLite materialises since it is read five times),
        then grouped five ways. Per dimension its rows; and the totals' row."""
        items = (
            select(_sum(_LINE_ITEMS))
            .where(L.c.sale_id == S.c.id, L.c.voided.is_(False))
            .scalar_subquery()
        )
        ps = (
            select(
                *(key.label(dim.value) for dim, key in _SALE_KEYS.items()),
                S.c.total_fen,
                S.c.discount_fen,
                S.c.rounding_fen,
                items.label("items"),
            )
            .where(*self.in_sales)
            .cte("ps")
        )
        figures = (
            func.count().label("sales_count"),
            _sum(ps.c.total_fen).label("sales_fen"),
            _sum(ps.c.rounding_fen).label("rounding_fen"),
            _sum(ps.c["items"]).label("items"),
            _sum(ps.c.discount_fen).label("discount_fen"),
        )
        return self.grouped(ps, figures)

    def grouped(self, cte: Any, figures: tuple[Any, ...]) -> tuple[dict[str, list[Figures]], Any]:
        parts = [
            select(
                literal(dim.value).label("dim"), cte.c[dim.value].label("key"), *figures
            ).group_by(cte.c[dim.value])
            for dim in _SALE_KEYS
        ]
        parts.append(select(literal("").label("dim"), literal("").label("key"), *figures))
        by: dict[str, list[Figures]] = {dim.value: [] for dim in _SALE_KEYS}
        totals = None
        for r in self.conn.execute(union_all(*parts)).mappings():
            if r["dim"] == "":
                totals = r
                continue
            kept: dict[str, Any] = {k: int(v) for k, v in r.items() if k in _FIGURE_FIELDS}
            by[r["dim"]].append(Figures(key=str(r["key"]), **kept))
        return by, totals

    def sales(self, dim: Dimension) -> list[Figures]:
        if dim is Dimension.TENDER:
            return self.rows(
                select(
                    PAY.c.kind.label("key"),
                    func.count(distinct(PAY.c.sale_id)).label("sales_count"),
                    _sum(PAY.c.amount_fen).label("sales_fen"),
                )
                .select_from(S.join(PAY, PAY.c.sale_id == S.c.id))
                .where(*self.in_sales)
                .group_by(PAY.c.kind)
            )
        lines = S.join(L, L.c.sale_id == S.c.id)
        if dim is Dimension.PRODUCT:
            return self.rows(
                select(
                    L.c.sku.label("key"),
                    func.max(L.c.name).label("label"),
                    func.count(distinct(L.c.sale_id)).label("sales_count"),
                    _sum(L.c.quantity).label("items"),
                    _sum(L.c.amount_fen).label("sales_fen"),
                    func.max(L.c.unit).label("unit"),
                )
                .select_from(lines)
                .where(*self.in_sales, L.c.voided.is_(False))
                .group_by(L.c.sku)
            )
        return self.rows(
            select(
                L.c.category.label("key"),
                func.coalesce(func.max(CAT.c.name), "").label("label"),
                func.count(distinct(L.c.sale_id)).label("sales_count"),
                _sum(_LINE_ITEMS).label("items"),
                _sum(L.c.amount_fen).label("sales_fen"),
            )
            .select_from(lines.outerjoin(CAT, CAT.c.code == L.c.category))
            .where(*self.in_sales, L.c.voided.is_(False))
            .group_by(L.c.category)
        )

    # --- the refund side: by when, by whom and by what it gave back ---------------

    def given(self) -> tuple[dict[str, list[Figures]], Any]:
        """The refunds by the day and hour given, by who gave them and by their
        sale's event, and their totals: one statement, as `receipts`."""
        items = (
            select(_sum(_REFUND_ITEMS))
            .select_from(RL.join(L, _REFUND_LINE))
            .where(RL.c.refund_id == RF.c.id)
            .scalar_subquery()
        )
        pr = (
            select(
                *(key.label(dim.value) for dim, key in _REFUND_KEYS.items()),
                RF.c.total_fen,
                RF.c.points_clawback,
                items.label("items"),
            )
            .select_from(RF.join(S, S.c.id == RF.c.sale_id))
            .where(*self.in_refunds)
            .cte("pr")
        )
        figures = (
            func.count().label("refund_count"),
            _sum(pr.c.total_fen).label("refunds_fen"),
            _sum(pr.c["items"]).label("refund_items"),
            _sum(pr.c.points_clawback).label("points_clawed_back"),
        )
        return self.grouped(pr, figures)

    def refunds(self, dim: Dimension) -> list[Figures]:
        given = RF.join(S, S.c.id == RF.c.sale_id)
        by_line = given.join(RL, RL.c.refund_id == RF.c.id).join(L, _REFUND_LINE)
        if dim is Dimension.TENDER:
            return self.rows(
                select(
                    RP.c.kind.label("key"),
                    func.count(distinct(RP.c.refund_id)).label("refund_count"),
                    _sum(RP.c.amount_fen).label("refunds_fen"),
                )
                .select_from(RF.join(RP, RP.c.refund_id == RF.c.id))
                .where(*self.in_refunds)
                .group_by(RP.c.kind)
            )
        label: Any
        if dim is Dimension.PRODUCT:
            key, label, items = L.c.sku, func.max(L.c.name), _sum(RL.c.quantity)
            source = by_line
        else:
            key, items = L.c.category, _sum(_REFUND_ITEMS)
            label = func.coalesce(func.max(CAT.c.name), "")
            source = by_line.outerjoin(CAT, CAT.c.code == L.c.category)
        return self.rows(
            select(
                key.label("key"),
                label.label("label"),
                func.count(distinct(RF.c.id)).label("refund_count"),
                items.label("refund_items"),
                _sum(RL.c.amount_fen).label("refunds_fen"),
            )
            .select_from(source)
            .where(*self.in_refunds)
            .group_by(key)
        )

    def labels(self, dim: Dimension, keys: list[str]) -> dict[str, str]:
        """Events by their name (from the definition this till holds)."""
        if dim is not Dimension.EVENT or not keys:
            return {}
        stmt = select(EV.c.event_id, func.json_extract(EV.c.definition, "$.name")).where(
            EV.c.event_id.in_(keys)
        )
        return {k: str(name or "") for k, name in self.conn.execute(stmt)}

    # --- the totals --------------------------------------------------------------

    def totals(self, sold: Any, returned: Any) -> Totals:
        """The receipts' and refunds' totals rows, with the points issued on the
        sales and redeemed in the range (the redemptions of the cashier's own)."""
        points = self.conn.execute(
            select(_sum(SM.c.points))
            .select_from(S.join(SM, SM.c.sale_id == S.c.id))
            .where(*self.in_sales)
        ).scalar_one()
        in_redemptions = [RD.c.created_at >= self.span.start, RD.c.created_at < self.span.end]
        if self.cashier is not None:
            in_redemptions.append(RD.c.cashier == self.cashier)
        redeemed = self.conn.execute(select(_sum(RD.c.points)).where(*in_redemptions))
        return Totals(
            sales_count=int(sold["sales_count"]),
            items=int(sold["items"]),
            sales_fen=int(sold["sales_fen"]),
            discount_fen=int(sold["discount_fen"]),
            rounding_fen=int(sold["rounding_fen"]),
            refund_count=int(returned["refund_count"]),
            refunds_fen=int(returned["refunds_fen"]),
            points_issued=int(points),
            points_clawed_back=int(returned["points_clawed_back"]),
            points_redeemed=int(redeemed.scalar_one()),
        )


_SALE_KEYS = {
    Dimension.DAY: _local(S.c.created_at, "%Y-%m-%d"),
    Dimension.HOUR: _local(S.c.created_at, "%H"),
    Dimension.CASHIER: S.c.cashier,
    Dimension.EVENT: func.coalesce(S.c.event_id, literal(NO_EVENT)),
}
#: a refund counts when it was given, under who gave it, at its sale's event
_REFUND_KEYS = {
    Dimension.DAY: _local(RF.c.created_at, "%Y-%m-%d"),
    Dimension.HOUR: _local(RF.c.created_at, "%H"),
    Dimension.CASHIER: RF.c.cashier,
    Dimension.EVENT: func.coalesce(S.c.event_id, literal(NO_EVENT)),
}

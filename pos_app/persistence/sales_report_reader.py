"""The sales report's figures as plain SQL aggregates over the till's SQLite:
one grouped query per dimension for the sales side and one for the refund side,
each a range scan of an indexed time (`sales.created_at`, `refunds.created_at`,
the latter indexed by revision 0019), joined to the lines and tenders by key.

Showroom days and hours are the stored UTC text shifted by +8 hours in SQL
(`strftime('%Y-%m-%d', …, '+8 hours')`): Asia/Shanghai has no daylight saving, and the
core's `SHOWROOM_OFFSET` is that constant. What each figure means is written in
`pos_app.core.sales_report`.
"""

from __future__ import annotations

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


def _sum(column: Any) -> Any:
    return func.coalesce(func.sum(column), 0)


class SalesReportReader:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def report(self, span: DateRange, cashier: str | None = None) -> SalesReport:
        with storage_errors(), self._engine.connect() as conn:
            q = _Queries(conn, span, cashier)
            by = {dim: merge(dim, q.sales(dim), q.refunds(dim)) for dim in Dimension}
            return SalesReport(span, cashier, q.totals(), by)

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

    def rows(self, stmt: Select[Any], **fixed: str) -> list[Figures]:
        return [Figures(**{**dict(r._mapping), **fixed}) for r in self.conn.execute(stmt)]

    def counts(self, stmt: Select[Any]) -> dict[str, int]:
        return {str(k): int(n) for k, n in self.conn.execute(stmt)}

    # --- the sales side ---------------------------------------------------------

    def sales(self, dim: Dimension) -> list[Figures]:
        if dim in _SALE_KEYS:
            key = _SALE_KEYS[dim]
            heads = (
                select(
                    key.label("key"),
                    func.count().label("sales_count"),
                    _sum(S.c.total_fen).label("sales_fen"),
                    _sum(S.c.rounding_fen).label("rounding_fen"),
                )
                .where(*self.in_sales)
                .group_by(key)
            )
            items = self.counts(
                select(key, _sum(_LINE_ITEMS))
                .select_from(S.join(L, L.c.sale_id == S.c.id))
                .where(*self.in_sales, L.c.voided.is_(False))
                .group_by(key)
            )
            found = self.rows(heads)
            labels = self.labels(dim, [f.key for f in found])
            return [
                Figures(
                    key=f.key,
                    label=labels.get(f.key, ""),
                    sales_count=f.sales_count,
                    items=items.get(f.key, 0),
                    sales_fen=f.sales_fen,
                    rounding_fen=f.rounding_fen,
                )
                for f in found
            ]
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

    def refunds(self, dim: Dimension) -> list[Figures]:
        given = RF.join(S, S.c.id == RF.c.sale_id)
        by_line = given.join(RL, RL.c.refund_id == RF.c.id).join(L, _REFUND_LINE)
        if dim in _SALE_KEYS:
            key = _REFUND_KEYS[dim]
            heads = (
                select(
                    key.label("key"),
                    func.count().label("refund_count"),
                    _sum(RF.c.total_fen).label("refunds_fen"),
                )
                .select_from(given)
                .where(*self.in_refunds)
                .group_by(key)
            )
            items = self.counts(
                select(key, _sum(_REFUND_ITEMS))
                .select_from(by_line)
                .where(*self.in_refunds)
                .group_by(key)
            )
            found = self.rows(heads)
            labels = self.labels(dim, [f.key for f in found])
            return [
                Figures(
                    key=f.key,
                    label=labels.get(f.key, ""),
                    refund_count=f.refund_count,
                    refund_items=items.get(f.key, 0),
                    refunds_fen=f.refunds_fen,
                )
                for f in found
            ]
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

    def totals(self) -> Totals:
        c = self.conn
        sales = c.execute(
            select(
                func.count(),
                _sum(S.c.total_fen),
                _sum(S.c.discount_fen),
                _sum(S.c.rounding_fen),
            ).where(*self.in_sales)
        ).one()
        items = c.execute(
            select(_sum(_LINE_ITEMS))
            .select_from(S.join(L, L.c.sale_id == S.c.id))
            .where(*self.in_sales, L.c.voided.is_(False))
        ).scalar_one()
        points = c.execute(
            select(_sum(SM.c.points))
            .select_from(S.join(SM, SM.c.sale_id == S.c.id))
            .where(*self.in_sales)
        ).scalar_one()
        refunds = c.execute(
            select(func.count(), _sum(RF.c.total_fen), _sum(RF.c.points_clawback)).where(
                *self.in_refunds
            )
        ).one()
        in_redemptions = [RD.c.created_at >= self.span.start, RD.c.created_at < self.span.end]
        if self.cashier is not None:
            in_redemptions.append(RD.c.cashier == self.cashier)
        redeemed = c.execute(select(_sum(RD.c.points)).where(*in_redemptions)).scalar_one()
        return Totals(
            sales_count=int(sales[0]),
            items=int(items),
            sales_fen=int(sales[1]),
            discount_fen=int(sales[2]),
            rounding_fen=int(sales[3]),
            refund_count=int(refunds[0]),
            refunds_fen=int(refunds[1]),
            points_issued=int(points),
            points_clawed_back=int(refunds[2]),
            points_redeemed=int(redeemed),
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
